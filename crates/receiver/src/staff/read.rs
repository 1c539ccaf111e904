//! What staff read of one application: the application with the core's report re-run and
//! its documents' metadata, a document's bytes, and the evidence pack. Each read is audited
//! before it is answered (an unknown reference too).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sen_core::files::media_type;

use crate::answer::{error, json};
use crate::documents::Place;
use crate::http::Receiver;
use crate::store::delivery::DeliveryState;
use crate::store::staff::{StatusRecord, RECEIVED};
use crate::store::Stored;

/// The status as answered.
pub(crate) fn status_json(status: Option<&StatusRecord>) -> serde_json::Value {
    match status {
        None => serde_json::json!({ "status": RECEIVED }),
        Some(s) => serde_json::json!({
            "status": s.status,
            "amountPence": s.amount_pence,
            "note": s.note,
            "changedAt": s.changed_at,
            "changedBy": s.changed_by,
        }),
    }
}

/// The key's name and the application, or the answer to give (401, 404 audited, 503).
async fn authorised_read(
    receiver: &Receiver,
    headers: &HeaderMap,
    reference: &str,
    action: &str,
    detail: Option<String>,
) -> Result<(String, Stored, Option<StatusRecord>), Response> {
    let key = super::auth::key_name(receiver, headers).await?;
    let found = receiver
        .state
        .store()
        .application(reference)
        .await
        .map_err(|_| super::unavailable())?;
    let Some((stored, status)) = found else {
        super::audit(
            receiver,
            &key,
            action,
            Some(reference),
            Some("not found".to_owned()),
        )
        .await?;
        return Err(super::not_found("no application has this reference"));
    };
    super::audit(receiver, &key, action, Some(reference), detail).await?;
    Ok((key, stored, status))
}

/// The date the receiver's rules count from when it is fixed (`--today`), as it was when the
/// application was checked on arrival.
fn fixed_today(receiver: &Receiver) -> Option<sen_core::Date> {
    receiver
        .state
        .today
        .as_deref()
        .and_then(sen_core::Date::parse)
}

/// The core's report on a stored application under its profile, counting from the day it was
/// received (or `--today`, as its check on arrival did); else why it cannot be had.
fn report_of(receiver: &Receiver, stored: &Stored) -> Result<serde_json::Value, String> {
    let app = sen_core::wire::parse_application(&stored.body).map_err(|e| e.to_string())?;
    let profile = receiver
        .profile(&stored.profile)
        .ok_or_else(|| format!("the profile {} is not known here", stored.profile))?;
    let today = fixed_today(receiver)
        .or_else(|| crate::pack::received_day(stored))
        .ok_or_else(|| format!("its received time {} is not a date", stored.received_at))?;
    let report = sen_core::rules::check(&app, &profile, today);
    serde_json::from_str(&sen_core::api::report_json(&report)).map_err(|e| e.to_string())
}

/// One application, with the core's report and its documents' metadata.
#[utoipa::path(
    get,
    path = "/staff/applications/{reference}",
    tag = "staff",
    security(("staffKey" = [])),
    params(("reference" = String, Path, description = "The application's reference (SSF-…)")),
    responses(
        (status = 200, description = "The application (audited)", body = crate::staff::shapes::StaffApplication),
        (status = 401, description = "No key, or a key that is unknown or revoked (WWW-Authenticate: Bearer)", body = crate::openapi::ErrorAnswer),
        (status = 404, description = "No application has this reference (audited)", body = crate::openapi::ErrorAnswer),
        (status = 503, description = "The database is unavailable", body = crate::openapi::ErrorAnswer),
    )
)]
pub(crate) async fn application(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let (_, stored, status) =
        match authorised_read(&receiver, &headers, &reference, "read", None).await {
            Ok(found) => found,
            Err(answer) => return answer,
        };
    let store = receiver.state.store();
    let Ok(named) = store.documents_of(&stored.reference).await else {
        return super::unavailable();
    };
    let mut documents = Vec::new();
    for (d, _) in named {
        let Ok(found) = receiver.documents.found(store, &d.sha256).await else {
            return super::unavailable();
        };
        documents.push(serde_json::json!({
            "sha256": d.sha256,
            "filename": d.filename,
            "type": d.attachment_type,
            "sizeBytes": found.as_ref().map(|f| f.size).or(d.size_bytes),
            "stored": found.is_some(),
            "mimeType": found.as_ref().and_then(|f| f.kind).map(media_type),
        }));
    }
    let (report, report_error) = match report_of(&receiver, &stored) {
        Ok(r) => (r, None),
        Err(e) => (serde_json::Value::Null, Some(e)),
    };
    let Ok(delivery) = store.deliveries(vec![stored.reference.clone()]).await else {
        return super::unavailable();
    };
    let body = serde_json::json!({
        "reference": stored.reference,
        "receivedAt": stored.received_at,
        "profile": stored.profile,
        "status": status_json(status.as_ref()),
        "application": serde_json::from_str::<serde_json::Value>(&stored.body)
            .unwrap_or(serde_json::Value::String(stored.body.clone())),
        "report": report,
        "reportError": report_error,
        "documents": documents,
        "delivery": DeliveryState::json_of(delivery.into_iter().next().flatten()),
    });
    json(StatusCode::OK, body.to_string())
}

/// A stored document's bytes, and the media type of the kind they were found to be.
async fn bytes_of(
    receiver: &Receiver,
    sha256: &str,
) -> Result<Option<(&'static str, Vec<u8>)>, Response> {
    let store = receiver.state.store();
    let record = store
        .document(sha256)
        .await
        .map_err(|_| super::unavailable())?;
    let Some(record) = record else {
        return Ok(None);
    };
    let media = record
        .facts
        .kind
        .map_or("application/octet-stream", media_type);
    let bytes = if record.in_database {
        store
            .read_document(sha256)
            .await
            .map_err(|_| super::unavailable())?
    } else {
        match &receiver.documents.place {
            Place::Directory(dir) => tokio::fs::read(dir.join(sha256)).await.ok(),
            Place::Database => None,
        }
    };
    Ok(bytes.map(|b| (media, b)))
}

/// A document the application names: its bytes, with its media type.
#[utoipa::path(
    get,
    path = "/staff/applications/{reference}/documents/{sha256}",
    tag = "staff",
    security(("staffKey" = [])),
    params(
        ("reference" = String, Path, description = "The application's reference (SSF-…)"),
        ("sha256" = String, Path, pattern = "^[0-9a-f]{64}$", description = "The SHA-256 of a document the application names"),
    ),
    responses(
        (status = 200, description = "The document's bytes, with the media type of their kind (audited)", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, description = "No key, or a key that is unknown or revoked (WWW-Authenticate: Bearer)", body = crate::openapi::ErrorAnswer),
        (status = 404, description = "No application has this reference, it names no such document, or its bytes are not stored (audited)", body = crate::openapi::ErrorAnswer),
        (status = 503, description = "The database is unavailable", body = crate::openapi::ErrorAnswer),
    )
)]
pub(crate) async fn document(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    Path((reference, sha256)): Path<(String, String)>,
) -> Response {
    let sha256 = sha256.to_ascii_lowercase();
    let detail = Some(sha256.clone());
    if let Err(answer) =
        authorised_read(&receiver, &headers, &reference, "read-document", detail).await
    {
        return answer;
    }
    let store = receiver.state.store();
    let Ok(named) = store.documents_of(&reference).await else {
        return super::unavailable();
    };
    if !named.iter().any(|(d, _)| d.sha256 == sha256) {
        return super::not_found("the application names no document with this SHA-256");
    }
    let (media, bytes) = match bytes_of(&receiver, &sha256).await {
        Ok(Some(found)) => found,
        Ok(None) => return super::not_found("the document's bytes are not stored"),
        Err(answer) => return answer,
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The application's evidence pack, as `sen-receiver --list --pack` writes it.
#[utoipa::path(
    get,
    path = "/staff/applications/{reference}/pack",
    tag = "staff",
    security(("staffKey" = [])),
    params(("reference" = String, Path, description = "The application's reference (SSF-…)")),
    responses(
        (status = 200, description = "The pack, one self-contained HTML page (audited)", content_type = "text/html", body = String),
        (status = 401, description = "No key, or a key that is unknown or revoked (WWW-Authenticate: Bearer)", body = crate::openapi::ErrorAnswer),
        (status = 404, description = "No application has this reference (audited)", body = crate::openapi::ErrorAnswer),
        (status = 422, description = "It has no pack: its profile is not known here, or it can no longer be read", body = crate::openapi::ErrorAnswer),
        (status = 503, description = "The database is unavailable", body = crate::openapi::ErrorAnswer),
    )
)]
pub(crate) async fn pack(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let stored = match authorised_read(&receiver, &headers, &reference, "read-pack", None).await {
        Ok((_, stored, _)) => stored,
        Err(answer) => return answer,
    };
    match crate::pack::html_of(&stored, |id| receiver.profile(id), fixed_today(&receiver)) {
        Ok(html) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(e) => error(StatusCode::UNPROCESSABLE_ENTITY, "pack", &e.to_string()),
    }
}
