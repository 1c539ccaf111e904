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

/// Applications handled at once, unless set: from reading the body to the commit.
pub const DEFAULT_MAX_CONCURRENT: usize = 64;

/// The seconds a 503 asks the client to wait before trying again (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u64 = 1;

/// The answer when every place is taken: 503, try again after `RETRY_AFTER_SECONDS`.
pub(crate) fn busy() -> Response {
    let mut busy = error(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "the receiver is handling as many applications as it can: try again shortly",
    );
    busy.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    busy
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
        match tokio::time::timeout(self.read_timeout, Bytes::from_request(request, &())).await {
            Ok(Ok(body)) => Ok(body),
            Ok(Err(rejection)) => Err(rejection.into_response()),
            Err(_) => {
                let mut late = error(
                    StatusCode::REQUEST_TIMEOUT,
                    "timeout",
                    "the application did not arrive in time: send it again",
                );
                // The rest of the body is not read: the connection cannot carry another request.
                late.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
                Err(late)
            }
        }
    }
}
