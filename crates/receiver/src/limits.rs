//! What keeps one slow or flooding client from holding the receiver: a deadline for reading a
//! request (its headers in `crate::serve`, its body here) and a limit on the applications
//! handled at once, past which the receiver answers 503 at once rather than queueing.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::answer::error;

/// How long a client has to send a request's headers, and then its body, unless set.
/// Generous: a 2 MiB application over a 1 Mbit/s school uplink takes about 17 s.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest read deadline taken (a day); a longer one is shortened to it. Far longer would
/// overflow the clock arithmetic of the connection's timer.
pub const MAX_READ_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// The slowest a document may arrive once its first `read_timeout` has passed: 4 KiB a second
/// (32 kbit/s, far below any school's uplink). A document's body has no fixed deadline, since
/// 10 MB over a 2 Mbit/s uplink takes 40 seconds and a council may accept more; it must keep
/// coming at this rate instead, and never stop for a `read_timeout`, so a client sending a
/// byte now and then is cut off as soon as it falls behind.
pub const MIN_UPLOAD_BYTES_PER_SECOND: u64 = 4 * 1024;

/// Applications handled at once, unless set: from reading the body to the commit.
pub const DEFAULT_MAX_CONCURRENT: usize = 64;

/// The seconds a 503 asks the client to wait before trying again (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u64 = 1;

/// An answer that asks the client to try again after `RETRY_AFTER_SECONDS`.
pub(crate) fn retry_after(mut answer: Response) -> Response {
    answer
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    answer
}

/// The answer when every place is taken: 503, try again after `RETRY_AFTER_SECONDS`.
pub(crate) fn busy() -> Response {
    retry_after(error(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "the receiver is handling as many requests as it can: try again shortly",
    ))
}

/// The limits of one router.
#[derive(Clone)]
pub(crate) struct Limits {
    permits: Arc<Semaphore>,
    read_timeout: Duration,
}

impl Limits {
    /// At most `max_concurrent` (at least 1) applications at once; a body must arrive within
    /// `read_timeout` (at most `MAX_READ_TIMEOUT`).
    pub(crate) fn new(max_concurrent: usize, read_timeout: Duration) -> Limits {
        Limits {
            permits: Arc::new(Semaphore::new(
                max_concurrent.clamp(1, Semaphore::MAX_PERMITS),
            )),
            read_timeout: read_timeout.min(MAX_READ_TIMEOUT),
        }
    }

    /// A place among the applications being handled, kept until the permit is dropped;
    /// `None` when every place is taken (answer `busy()`).
    pub(crate) fn admit(&self) -> Option<OwnedSemaphorePermit> {
        self.permits.clone().try_acquire_owned().ok()
    }

    /// The request's body, read within the deadline and the body size limit
    /// (`DefaultBodyLimit`): else the answer to give (408, 413, 400).
    pub(crate) async fn read_body(&self, request: Request) -> Result<Bytes, Response> {
        match self
            .within_deadline(Bytes::from_request(request, &()))
            .await?
        {
            Ok(body) => Ok(body),
            Err(rejection) => Err(rejection.into_response()),
        }
    }

    /// How long a client may go without sending more of a body.
    pub(crate) fn read_timeout(&self) -> Duration {
        self.read_timeout
    }

    /// What `reading` (a body being read) gives within the read deadline, else the 408 to
    /// answer.
    pub(crate) async fn within_deadline<T>(
        &self,
        reading: impl std::future::Future<Output = T>,
    ) -> Result<T, Response> {
        tokio::time::timeout(self.read_timeout, reading)
            .await
            .map_err(|_| late())
    }
}

/// The 408 for a body that did not arrive in time. The rest of it is not read: the connection
/// cannot carry another request.
pub(crate) fn late() -> Response {
    let mut late = error(
        StatusCode::REQUEST_TIMEOUT,
        "timeout",
        "the request did not arrive in time: send it again",
    );
    late.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    late
}

/// When a document's next part must have arrived by, `received` bytes into a body that began
/// at `start`: within `read_timeout` of the last part, and never behind
/// `MIN_UPLOAD_BYTES_PER_SECOND` after the first `read_timeout`.
pub(crate) fn next_part_due(
    start: tokio::time::Instant,
    last: tokio::time::Instant,
    received: u64,
    read_timeout: Duration,
) -> tokio::time::Instant {
    let pace = Duration::from_millis(received.saturating_mul(1000) / MIN_UPLOAD_BYTES_PER_SECOND);
    let by_rate = start + read_timeout.saturating_add(pace).min(MAX_READ_TIMEOUT);
    let idle = last + read_timeout;
    by_rate.min(idle)
}
