//! `GET /readyz`: whether the receiver can take applications now, that is whether its database
//! answers (`GET /healthz` says only that the process is alive). A load balancer sends traffic
//! to an instance while this is 200 and takes it out while it is 503.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::answer::json;
use crate::http::Receiver;
use crate::limits::retry_after;
use crate::state::AppState;

/// How long the database has to answer before the receiver is said not to be ready.
pub const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// Whether the database answers a trivial query (`Store::ping`: with SQLite on the blocking
/// pool, with PostgreSQL a connection from the pool).
pub(crate) async fn database_reachable(state: &AppState) -> bool {
    state.store().ping().await.is_ok()
}

/// The readiness probe of one router: whether a question to the database is under way.
#[derive(Clone, Default)]
pub(crate) struct Probe {
    asking: Arc<tokio::sync::Mutex<()>>,
}

/// 200 `{"status":"ready"}` when the database answered within `READY_TIMEOUT`; else 503
/// `{"status":"unavailable"}` with `Retry-After`.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "service",
    responses(
        (status = 200, description = "The database answers: the receiver takes applications",
            body = crate::openapi::Readiness,
            example = json!({"status": "ready"})),
        (status = 503, description = "The database does not answer (in time): send elsewhere or later",
            body = crate::openapi::Readiness,
            headers(("Retry-After" = u64, description = "Seconds to wait before asking again")),
            example = json!({"status": "unavailable"})),
    )
)]
pub(crate) async fn readyz(State(receiver): State<Receiver>, probe: Probe) -> Response {
    // One question to the database at a time: while one is stuck, the probes that follow are
    // answered at once rather than each holding a thread of the blocking pool or a connection.
    let asked = probe.asking.clone().try_lock_owned().ok().map(|held| {
        let state: Arc<AppState> = receiver.state.clone();
        tokio::spawn(async move {
            let reachable = database_reachable(&state).await;
            drop(held);
            reachable
        })
    });
    let answered = match asked {
        Some(check) => tokio::time::timeout(READY_TIMEOUT, check).await,
        None => Ok(Ok(false)),
    };
    match answered {
        Ok(Ok(true)) => json(StatusCode::OK, r#"{"status":"ready"}"#.to_owned()),
        _ => {
            tracing::warn!("not ready: the database does not answer");
            retry_after(json(
                StatusCode::SERVICE_UNAVAILABLE,
                r#"{"status":"unavailable"}"#.to_owned(),
            ))
        }
    }
}
