//! Structured logs (`tracing`), on standard error: human lines by default, one JSON object a
//! line with `--log-format json`. One line per request (method, route template, status,
//! milliseconds, the first 8 characters of an `Idempotency-Key`, the reference given or the
//! kind of error), and lines for the start, the shutdown, the removal of old documents and
//! errors. Never a body, a name, a query string or a whole key: what a request carries about
//! a child stays out of the logs; the route is the template (`/attachments/{sha256}`), not the
//! path.

use std::time::Instant;

use axum::body::{to_bytes, Body, HttpBody};
use axum::extract::{MatchedPath, Request};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
pub use tracing_subscriber::filter::LevelFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// A line of text per event: time, level, message, fields.
    Human,
    /// A JSON object per line: `timestamp`, `level`, `message` and the fields.
    Json,
}

impl LogFormat {
    /// `human` or `json`.
    pub fn from_name(name: &str) -> Option<LogFormat> {
        match name {
            "human" => Some(LogFormat::Human),
            "json" => Some(LogFormat::Json),
            _ => None,
        }
    }
}

/// The least a log event must matter to be written: `error`, `warn`, `info` (the default:
/// requests, start, stop, removals) or `debug` (also each static file served).
pub fn level_from_name(name: &str) -> Option<LevelFilter> {
    match name {
        "error" => Some(LevelFilter::ERROR),
        "warn" => Some(LevelFilter::WARN),
        "info" => Some(LevelFilter::INFO),
        "debug" => Some(LevelFilter::DEBUG),
        _ => None,
    }
}

/// Sends the process's log events from `level` up to standard error in `format`. A closed
/// standard error is no reason to stop: a line that cannot be written is dropped. Called
/// once; a second call changes nothing.
pub fn init(format: LogFormat, level: LevelFilter) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(false);
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .try_init(),
    };
}

/// A database as it may be logged: a URL without its user and password.
pub fn shown_database(database: &str) -> String {
    match database.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://{host}")
        }
        None => database.to_owned(),
    }
}

/// The route of what is not the API: a static file, a path no route has.
const OTHER: &str = "(other)";

/// The route a request took, as its template; static files and unknown paths as `OTHER`
/// (their paths are not logged either).
fn route_of(request: &Request) -> String {
    match request.extensions().get::<MatchedPath>() {
        Some(p) if !p.as_str().contains("{*") => p.as_str().to_owned(),
        _ => OTHER.to_owned(),
    }
}

/// What may be logged of an `Idempotency-Key`: its first 8 characters, to follow one
/// application's retries; the key itself is the client's secret for the body it sent.
fn key_of(request: &Request) -> String {
    request
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map_or_else(String::new, |k| k.chars().take(8).collect())
}

/// The API's answers worth reading for the log are small JSON: a reference, a file's facts, an
/// error; a report may be larger and is only counted.
const READ_AT_MOST: usize = 256 * 1024;

/// What an answer says that may be logged: the reference given, the kind of error, or the
/// number of errors in a report. The answer is given back whole.
async fn outcome(response: Response) -> (Response, String) {
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= READ_AT_MOST as u64);
    if !json || !small {
        return (response, String::new());
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, READ_AT_MOST).await else {
        return (Response::from_parts(parts, Body::empty()), String::new());
    };
    let said = serde_json::from_slice::<serde_json::Value>(&bytes)
        .map(|v| {
            if let Some(r) = v.get("reference").and_then(|r| r.as_str()) {
                format!("reference {r}")
            } else if let Some(k) = v.pointer("/error/kind").and_then(|k| k.as_str()) {
                format!("error {k}")
            } else if let Some(n) = v.pointer("/counts/errors") {
                format!("report with {n} errors")
            } else {
                String::new()
            }
        })
        .unwrap_or_default();
    (Response::from_parts(parts, Body::from(bytes)), said)
}

/// The middleware that logs each request once it is answered.
pub(crate) async fn requests(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = route_of(&request);
    let key = key_of(&request);
    let started = Instant::now();
    let response = next.run(request).await;
    let api = route != OTHER && method != Method::OPTIONS;
    let (response, said) = if api {
        outcome(response).await
    } else {
        (response, String::new())
    };
    let status = response.status().as_u16();
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    macro_rules! request_line {
        ($level:ident) => {
            tracing::$level!(
                method = %method,
                route = %route,
                status,
                ms,
                key = %key,
                outcome = %said,
                "request"
            )
        };
    }
    // A failure of the receiver's own is an error; being busy or a store or scanner that
    // cannot answer just now, a warning.
    // A static file (or an unknown path, or a preflight) is only debug: the demo's pages and the
    // widget's files.
    match status {
        500 => request_line!(error),
        501.. => request_line!(warn),
        _ if !api => request_line!(debug),
        _ => request_line!(info),
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_is_shown_without_its_password() {
        assert_eq!(
            shown_database("postgres://sen:secret@db.example:5432/sen"),
            "postgres://db.example:5432/sen"
        );
        assert_eq!(
            shown_database("applications.sqlite3"),
            "applications.sqlite3"
        );
    }

    #[test]
    fn levels_by_name() {
        assert_eq!(level_from_name("warn"), Some(LevelFilter::WARN));
        assert_eq!(level_from_name("trace"), None);
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(LogFormat::from_name("json"), Some(LogFormat::Json));
        assert_eq!(LogFormat::from_name("human"), Some(LogFormat::Human));
        assert_eq!(LogFormat::from_name("JSON"), None);
    }
}
