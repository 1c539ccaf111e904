//! The delivery worker, one in each receiver process: takes the outbox's due rows one at a
//! time, sends each (signed), and records the attempt; when none is due it waits for an
//! application stored here, a poll (for rows another instance stored, or whose wait ended),
//! or the stop. A delivery in flight is finished before it stops.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::watch;

use super::{backoff, send, sign, Forward};
use crate::state::AppState;
use crate::store::delivery::{Attempt, Taken};

/// How often the outbox is looked at when nothing wakes the worker.
pub const POLL: Duration = Duration::from_millis(500);

/// Milliseconds since 1970.
pub fn millis(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .unwrap_or(0)
}

/// Delivers until `stop` says so (or its sender is gone).
pub async fn run(state: Arc<AppState>, forward: Forward, mut stop: watch::Receiver<bool>) {
    tracing::info!(url = %forward.target.shown(), "delivering applications");
    loop {
        if *stop.borrow() {
            return;
        }
        match state.store().take_due(millis(SystemTime::now())).await {
            Ok(Some(taken)) => deliver(&forward, taken).await,
            Ok(None) => {
                tokio::select! {
                    () = tokio::time::sleep(POLL) => {}
                    () = state.stored.notified() => {}
                    changed = stop.changed() => if changed.is_err() { return },
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot read the deliveries");
                tokio::select! {
                    () = tokio::time::sleep(POLL) => {}
                    changed = stop.changed() => if changed.is_err() { return },
                }
            }
        }
    }
}

/// One attempt at a delivery, recorded.
async fn deliver(forward: &Forward, taken: Taken) {
    let due = taken.due().clone();
    let now = SystemTime::now();
    let timestamp = crate::time::unix_seconds(now);
    let signature = sign::signature(
        &forward.secret,
        &due.reference,
        timestamp,
        due.event.as_bytes(),
    );
    let headers = [
        ("webhook-id", due.reference.clone()),
        ("webhook-timestamp", timestamp.to_string()),
        ("webhook-signature", signature),
    ];
    let answer = send::post(&forward.target, &headers, due.event).await;
    let attempts = due.attempts.saturating_add(1);
    let retry = |retry_after: Option<&str>| {
        let retry_after = retry_after.and_then(|v| backoff::retry_after(v, SystemTime::now()));
        let wait = backoff::wait(attempts, retry_after, backoff::jitter());
        (
            wait,
            millis(SystemTime::now()).saturating_add(millis_of(wait)),
        )
    };
    let attempt = match &answer {
        Ok(a) if (200..300).contains(&a.status) => {
            tracing::info!(reference = %due.reference, status = a.status, attempts, "delivered");
            Attempt::Delivered { status: a.status }
        }
        Ok(a) => {
            let (wait, next_ms) = retry(a.retry_after.as_deref());
            tracing::warn!(reference = %due.reference, status = a.status, attempts,
                retry_in_ms = millis_of(wait), "delivery refused: trying again");
            Attempt::Failed {
                status: Some(a.status),
                error: None,
                next_ms,
            }
        }
        Err(e) => {
            let (wait, next_ms) = retry(None);
            tracing::warn!(reference = %due.reference, error = %e, attempts,
                retry_in_ms = millis_of(wait), "delivery failed: trying again");
            Attempt::Failed {
                status: None,
                error: Some(e.clone()),
                next_ms,
            }
        }
    };
    let (_, at) = crate::time::stamp(SystemTime::now());
    if let Err(e) = taken.finish(attempt, &at).await {
        tracing::error!(reference = %due.reference, error = %e, "cannot record the delivery attempt");
    }
}

fn millis_of(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}
