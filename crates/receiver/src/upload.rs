//! `PUT /attachments/{sha256}?profile=ID[&name=FILE]`: a document's bytes, streamed to a
//! temporary file as they arrive while they are hashed (SHA-256) and checked (the core's
//! `FileCheck`), so that a file of any size is received in bounded memory; then scanned (if a
//! scanner is set) and kept under its hash (`crate::documents`). Content-addressed: sending a
//! file again is safe, and answered 200. The profile decides the size limit and the kinds
//! accepted (without one, the core's defaults); `name` only tells a CSV file from text.
//!
//! There is no GET or HEAD: what is stored is never told to someone who knows only a hash
//! (the answer comes after the whole body has been read and found to have that hash).

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use sen_core::codes::FileKind;
use sen_core::files::stored::{hex, is_sha256};
use sen_core::files::{media_type, FileCheck, FileFacts, FileProblem, ProblemKind};
use sen_core::profile::AttachmentPolicy;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::answer::{error, json};
use crate::documents::{Kept, Place, PART_PREFIX, PART_SUFFIX};
use crate::http::Receiver;
use crate::limits::{busy, retry_after};
use crate::scan::{scan, Verdict};

/// An upload being written: removed when dropped, unless it was renamed away first.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    async fn create(dir: &Path) -> std::io::Result<(TempFile, tokio::fs::File)> {
        let name = format!(
            "{PART_PREFIX}{}{PART_SUFFIX}",
            uuid::Uuid::new_v4().simple()
        );
        let path = dir.join(name);
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok((TempFile { path }, file))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A body received whole into a temporary file.
struct Upload {
    temp: TempFile,
    sha256: String,
    facts: FileFacts,
}

/// An answer that ends the connection: the rest of the body is not read.
fn closing(mut answer: Response) -> Response {
    answer
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    answer
}

fn problem(status: StatusCode, p: &FileProblem) -> Response {
    error(status, p.kind.as_str(), &p.message)
}

fn storage_unavailable() -> Response {
    retry_after(error(
        StatusCode::SERVICE_UNAVAILABLE,
        "storage",
        "the file could not be stored: try again",
    ))
}

/// The policy of the profile the query names (`profile`), and the file's name (`name`); else
/// the id of a profile the receiver does not know.
fn policy_of(
    receiver: &Receiver,
    query: &[(String, String)],
) -> Result<(AttachmentPolicy, Option<String>), String> {
    let value = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let policy = match value("profile") {
        None => AttachmentPolicy::default(),
        Some(id) => match receiver.profile(&id) {
            Some(p) => p.attachments,
            None => return Err(id),
        },
    };
    Ok((policy, value("name")))
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// Reads the body into a temporary file in `dir`, hashing and checking it, stopping as soon
/// as it is over the policy's limit (413).
async fn receive(
    dir: &Path,
    mut body: Body,
    policy: &AttachmentPolicy,
    name: &str,
    durable: bool,
    read_timeout: std::time::Duration,
) -> Result<Upload, Response> {
    let (temp, mut file) = TempFile::create(dir)
        .await
        .map_err(|_| storage_unavailable())?;
    let mut hash = Sha256::new();
    let mut check = FileCheck::new(name);
    let start = tokio::time::Instant::now();
    let mut last = start;
    let mut received: u64 = 0;
    loop {
        let due = crate::limits::next_part_due(start, last, received, read_timeout);
        let Ok(next) = tokio::time::timeout_at(due, body.frame()).await else {
            return Err(crate::limits::late());
        };
        let Some(frame) = next else { break };
        last = tokio::time::Instant::now();
        let Ok(frame) = frame else {
            return Err(closing(error(
                StatusCode::BAD_REQUEST,
                "body",
                "the file did not arrive whole: send it again",
            )));
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        received = received.saturating_add(u64::try_from(data.len()).unwrap_or(u64::MAX));
        check.update(&data);
        if let Some(p) = check.over_limit(policy) {
            return Err(closing(problem(StatusCode::PAYLOAD_TOO_LARGE, &p)));
        }
        hash.update(&data);
        file.write_all(&data)
            .await
            .map_err(|_| storage_unavailable())?;
    }
    file.flush().await.map_err(|_| storage_unavailable())?;
    if durable {
        // Whole on disk before it is renamed to its real name.
        file.sync_all().await.map_err(|_| storage_unavailable())?;
    }
    Ok(Upload {
        temp,
        sha256: hex(&hash.finalize()),
        facts: check.finish(),
    })
}

/// Text sent without a name is CSV where the policy takes CSV and not text.
fn text_kind(facts: FileFacts, named: bool, policy: &AttachmentPolicy) -> FileFacts {
    let allows = |k| policy.allowed_types.contains(&k);
    if !named
        && facts.kind == Some(FileKind::Txt)
        && !allows(FileKind::Txt)
        && allows(FileKind::Csv)
    {
        facts.named("text.csv")
    } else {
        facts
    }
}

fn stored_answer(status: StatusCode, sha256: &str, facts: &FileFacts) -> Response {
    let body = serde_json::json!({
        "sha256": sha256,
        "sizeBytes": facts.size,
        "mimeType": facts.kind.map(media_type),
        "kind": facts.kind.map(|k| k.code()),
    });
    json(status, body.to_string())
}

/// The handler of `PUT /attachments/{sha256}`.
#[utoipa::path(
    put,
    path = "/attachments/{sha256}",
    tag = "submission",
    params(
        ("sha256" = String, Path, pattern = "^[0-9a-f]{64}$", description = "The file's SHA-256, 64 lowercase hexadecimal digits"),
        ("profile" = Option<String>, Query, description = "The profile whose attachments settings apply (a built-in one or a --profile-file); without it, the core's defaults (10 MB, every kind)"),
        ("name" = Option<String>, Query, description = "The file's name: only tells a CSV file from plain text"),
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes (any Content-Type: the kind is decided from the bytes)"),
    responses(
        (status = 201, description = "Stored", body = crate::openapi::StoredFile),
        (status = 200, description = "Stored already (a retry, or another application's): content-addressed, so a retry is always safe",
            body = crate::openapi::StoredFile),
        (status = 400, description = "Not a SHA-256 in the address, a query that cannot be read, a profile the receiver does not know, or a body cut off",
            body = crate::openapi::ErrorAnswer),
        (status = 408, description = "The body stopped coming (no part within --read-timeout, or behind 4 KiB a second after it); Connection: close",
            body = crate::openapi::ErrorAnswer),
        (status = 413, description = "Over the profile's attachments.maxBytes (answered before the body when Content-Length says so); Connection: close",
            body = crate::openapi::ErrorAnswer),
        (status = 415, description = "A kind the profile does not accept, or no kind a document may be", body = crate::openapi::ErrorAnswer),
        (status = 422, description = "Empty, not the bytes the address names (hash-mismatch), or a virus", body = crate::openapi::ErrorAnswer),
        (status = 503, description = "The scanner cannot say, the storage failed, or every place is taken: nothing is kept",
            body = crate::openapi::ErrorAnswer,
            headers(("Retry-After" = u64, description = "Seconds to wait before sending again"))),
    )
)]
pub(crate) async fn put(
    State(receiver): State<Receiver>,
    UrlPath(sha256): UrlPath<String>,
    request: Request,
) -> Response {
    if !is_sha256(&sha256) {
        return error(
            StatusCode::BAD_REQUEST,
            "sha256",
            "the address must end with the file's SHA-256: 64 lowercase hexadecimal digits",
        );
    }
    let Ok(Query(query)) = Query::<Vec<(String, String)>>::try_from_uri(request.uri()) else {
        return error(
            StatusCode::BAD_REQUEST,
            "query",
            "the query could not be read",
        );
    };
    let (policy, name) = match policy_of(&receiver, &query) {
        Ok(p) => p,
        Err(id) => {
            let shown: String = id.chars().take(60).collect();
            return error(
                StatusCode::BAD_REQUEST,
                "profile",
                &format!("there is no profile {shown}"),
            );
        }
    };
    if content_length(request.headers()).is_some_and(|n| n > policy.max_bytes) {
        return closing(problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            &FileProblem::too_large(&policy),
        ));
    }
    let Some(permit) = receiver.limits.admit() else {
        return busy();
    };
    let documents = receiver.documents.clone();
    let durable = matches!(documents.place, Place::Directory(_));
    let named = name.is_some();
    let name = name.unwrap_or_default();
    let read = receive(
        &documents.upload_dir,
        request.into_body(),
        &policy,
        &name,
        durable,
        receiver.limits.read_timeout(),
    );
    // No fixed deadline for a document: it must keep arriving (`limits::next_part_due`).
    let upload = match read.await {
        Ok(u) => u,
        Err(answer) => return answer,
    };
    let facts = text_kind(upload.facts.clone(), named, &policy);
    let problems = facts.problems(&policy);
    if let Some(p) = problems.iter().find(|p| p.kind == ProblemKind::Empty) {
        return problem(StatusCode::UNPROCESSABLE_ENTITY, p);
    }
    if upload.sha256 != sha256 {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "hash-mismatch",
            "The file received is not the one sent (its SHA-256 checksum differs): send it again",
        );
    }
    if let Some(p) = problems
        .iter()
        .find(|p| p.severity == sen_core::Severity::Error)
    {
        let status = match p.kind {
            ProblemKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ProblemKind::FileType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        return problem(status, p);
    }
    let state = receiver.state.clone();
    let now = crate::time::unix_seconds((state.clock)());
    // Already kept: marked as sent again, not scanned again.
    match documents.touch_if_kept(state.store(), &sha256, now).await {
        Ok(true) => return stored_answer(StatusCode::OK, &sha256, &facts),
        Ok(false) => {}
        Err(_) => return storage_unavailable(),
    }
    match scan(&receiver.scan_command, &upload.temp.path).await {
        Verdict::Clean => {}
        Verdict::Infected => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "virus",
                "The selected file contains a virus",
            )
        }
        Verdict::Unknown => {
            return retry_after(error(
                StatusCode::SERVICE_UNAVAILABLE,
                "scanner",
                "the file could not be checked for viruses just now: try again shortly",
            ))
        }
    }
    // In a task of its own, so that it ends even if the client goes away meanwhile.
    let (kept_facts, key) = (facts.clone(), sha256.clone());
    let kept = tokio::spawn(async move {
        let kept = documents
            .keep(state.store(), &upload.temp.path, &key, &kept_facts, now)
            .await;
        drop(permit);
        kept
    })
    .await;
    match kept {
        Ok(Ok(Kept::New)) => stored_answer(StatusCode::CREATED, &sha256, &facts),
        Ok(Ok(Kept::Already)) => stored_answer(StatusCode::OK, &sha256, &facts),
        _ => storage_unavailable(),
    }
}
