//! The receiver's JSON answers: a body with its status, and `{"error": {"kind", "message"}}`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// A JSON answer.
pub(crate) fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// An error answer: what kind of problem (`kind`, stable, for code) and what to do about it
/// (`message`, for people).
pub(crate) fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": { "kind": kind, "message": message } });
    json(status, body.to_string())
}
