//! `PUT /staff/applications/{reference}/status`: the panel's decision or where the application
//! stands, `{"status", "amountPence"?, "note"?}`, set with its audit row in one transaction.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;

use crate::answer::{error, json};
use crate::http::Receiver;
use crate::store::staff::StatusRecord;

/// The longest note, in characters.
pub const MAX_NOTE: usize = 2000;

/// A status change read from a body: `(status, amount, note)`, or the answer (400 for what is
/// not JSON, 422 for JSON that is not a status change) saying what is wrong.
fn read_change(body: &[u8]) -> Result<(String, Option<i64>, Option<String>), Box<Response>> {
    let unusable =
        |message: &str| Box::new(error(StatusCode::UNPROCESSABLE_ENTITY, "status", message));
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        Box::new(error(
            StatusCode::BAD_REQUEST,
            "body",
            &format!("the body is not JSON: {e}"),
        ))
    })?;
    let Value::Object(fields) = value else {
        return Err(unusable(
            "send an object: {\"status\": …, \"amountPence\": …, \"note\": …}",
        ));
    };
    if let Some(other) = fields
        .keys()
        .find(|k| !["status", "amountPence", "note"].contains(&k.as_str()))
    {
        return Err(unusable(&format!(
            "{other} is not a field of a status change (status, amountPence, note)"
        )));
    }
    let status =
        match fields.get("status").and_then(Value::as_str) {
            Some(s) if super::list::STATUSES.contains(&s) => s.to_owned(),
            _ => return Err(unusable(
                "status must be received, underReview, moreInformationNeeded, agreed or declined",
            )),
        };
    let amount = match fields.get("amountPence") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64().and_then(|n| i64::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                return Err(unusable(
                    "amountPence must be a whole number of pence, 0 or more",
                ))
            }
        },
    };
    match (status.as_str(), amount) {
        ("agreed", None) => return Err(unusable("agreed needs amountPence: the amount agreed")),
        ("agreed", Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(unusable("amountPence goes only with agreed")),
    }
    let note = match fields.get("note") {
        None | Some(Value::Null) => None,
        Some(Value::String(n)) if n.chars().count() <= MAX_NOTE => Some(n.clone()),
        Some(_) => return Err(unusable("note must be text of at most 2,000 characters")),
    };
    Ok((status, amount, note))
}

/// Sets where an application stands with the panel.
#[utoipa::path(
    put,
    path = "/staff/applications/{reference}/status",
    tag = "staff",
    security(("staffKey" = [])),
    params(("reference" = String, Path, description = "The application's reference (SSF-…)")),
    request_body(content = crate::staff::shapes::StatusChange, content_type = "application/json"),
    responses(
        (status = 200, description = "Set, and audited in the same transaction: the status now", body = crate::staff::shapes::StaffStatus),
        (status = 400, description = "The body is not JSON", body = crate::openapi::ErrorAnswer),
        (status = 401, description = "No key, or a key that is unknown or revoked (WWW-Authenticate: Bearer)", body = crate::openapi::ErrorAnswer),
        (status = 404, description = "No application has this reference (audited)", body = crate::openapi::ErrorAnswer),
        (status = 422, description = "Not a status change: an unknown status or field, agreed without amountPence or amountPence without agreed, a note too long", body = crate::openapi::ErrorAnswer),
        (status = 503, description = "The database is unavailable", body = crate::openapi::ErrorAnswer),
    )
)]
pub(crate) async fn set_status(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    body: Bytes,
) -> Response {
    let key = match super::auth::key_name(&receiver, &headers).await {
        Ok(k) => k,
        Err(answer) => return answer,
    };
    let (status, amount_pence, note) = match read_change(&body) {
        Ok(change) => change,
        Err(answer) => return *answer,
    };
    let audit = super::audit_row(
        &receiver,
        &key,
        "set-status",
        Some(&reference),
        Some(status.clone()),
    );
    let record = StatusRecord {
        status,
        amount_pence,
        note,
        changed_at: audit.at.clone(),
        changed_by: key.clone(),
    };
    match receiver
        .state
        .store()
        .set_status(&reference, &record, &audit)
        .await
    {
        Ok(true) => json(
            StatusCode::OK,
            super::read::status_json(Some(&record)).to_string(),
        ),
        Ok(false) => {
            let detail = Some("not found".to_owned());
            if let Err(answer) =
                super::audit(&receiver, &key, "set-status", Some(&reference), detail).await
            {
                return answer;
            }
            super::not_found("no application has this reference")
        }
        Err(_) => super::unavailable(),
    }
}
