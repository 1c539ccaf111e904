//! The staff API, for the panel's officers and the council's case-management system, under
//! `/staff/` and only with `--staff-api`: applications listed by a cursor, one application
//! with the core's report re-run and its documents' metadata, a document's bytes, the
//! evidence pack, and the status the panel sets. Every request carries
//! `Authorization: Bearer KEY` for a key made with `sen-receiver keys create` and not revoked
//! (else 401 with `WWW-Authenticate: Bearer`); every read and change is written to the
//! append-only audit (`store::staff`) before it is answered, a change in the same transaction.

mod auth;
pub(crate) mod list;
pub(crate) mod read;
pub mod shapes;
pub(crate) mod status;

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, put};
use axum::Router;

use crate::answer::error;
use crate::http::Receiver;
use crate::store::staff::AuditRow;

/// The staff API's routes.
pub(crate) fn routes() -> Router<Receiver> {
    Router::new()
        .route("/staff/applications", get(list::list))
        .route("/staff/applications/{reference}", get(read::application))
        .route(
            "/staff/applications/{reference}/documents/{sha256}",
            get(read::document),
        )
        .route("/staff/applications/{reference}/pack", get(read::pack))
        .route(
            "/staff/applications/{reference}/status",
            put(status::set_status),
        )
}

/// The database could not be asked or written: nothing is answered but that.
pub(crate) fn unavailable() -> Response {
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "database",
        "the database is unavailable: try again",
    )
}

pub(crate) fn not_found(what: &str) -> Response {
    error(StatusCode::NOT_FOUND, "not-found", what)
}

/// A row of the audit for `key` now.
pub(crate) fn audit_row(
    receiver: &Receiver,
    key: &str,
    action: &str,
    reference: Option<&str>,
    detail: Option<String>,
) -> AuditRow {
    AuditRow {
        at: crate::time::stamp((receiver.state.clock)()).1,
        key_name: key.to_owned(),
        action: action.to_owned(),
        reference: reference.map(str::to_owned),
        detail,
    }
}

/// Writes a read's audit row; the answer to give instead if it cannot be written.
pub(crate) async fn audit(
    receiver: &Receiver,
    key: &str,
    action: &str,
    reference: Option<&str>,
    detail: Option<String>,
) -> Result<(), Response> {
    let row = audit_row(receiver, key, action, reference, detail);
    receiver
        .state
        .store()
        .audit(&row)
        .await
        .map_err(|_| unavailable())
}
