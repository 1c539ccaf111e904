//! The HTTP surface: `POST /applications` (re-checked with the rules core, stored once per
//! idempotency key), `GET /healthz`, and the demo's host pages and built widget.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use sen_core::api::{self, CheckError, ProfileChoice};
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

use crate::answer::{error, json};
use crate::headers::{no_store, secure};
use crate::limits::{busy, Limits, DEFAULT_MAX_CONCURRENT, DEFAULT_READ_TIMEOUT};
use crate::state::{AppState, InFlight};
use crate::store::{Store, Stored};

/// How the receiver is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// Origins allowed to POST from another site (CORS). Empty: same origin only.
    pub allow_origins: Vec<String>,
    /// Serve `www/` and `pkg/` from this directory (the repository), if set.
    pub static_root: Option<PathBuf>,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Request headers a cross-origin page may send besides `Content-Type` and
    /// `Idempotency-Key` (a CSRF token header, say). The reference receiver does not check them.
    pub allow_headers: Vec<String>,
    /// How long a client has to send a request's headers (`crate::serve`), and then its body
    /// (else 408).
    pub read_timeout: Duration,
    /// Applications handled at once; one more is answered 503 with `Retry-After`.
    pub max_concurrent: usize,
    /// Also serve `node_modules/axe-core` from `static_root`, for the browser tests' checks.
    pub serve_axe_core: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_origins: Vec::new(),
            static_root: None,
            max_body_bytes: 2 * 1024 * 1024,
            allow_headers: Vec::new(),
            read_timeout: DEFAULT_READ_TIMEOUT,
            max_concurrent: DEFAULT_MAX_CONCURRENT,
            serve_axe_core: false,
        }
    }
}

/// What the application handler is given.
#[derive(Clone)]
struct Receiver {
    state: Arc<AppState>,
    limits: Limits,
}

/// An idempotency key: 8 to 128 characters of letters, digits, `-` and `_` (a UUID fits).
pub fn valid_key(key: &str) -> bool {
    (8..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn new_reference(store: &Store) -> Option<String> {
    for _ in 0..8 {
        let id = uuid::Uuid::new_v4()
            .simple()
            .to_string()
            .to_ascii_uppercase();
        let reference = format!("SSF-{}", id.get(..10).unwrap_or(&id));
        if !store.reference_exists(&reference).unwrap_or(true) {
            return Some(reference);
        }
    }
    None
}

/// The key of a request that may be received: else the refusal (415, 400) as its status,
/// kind and message.
fn key_of(headers: &HeaderMap) -> Result<String, (StatusCode, &'static str, &'static str)> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type",
            "send the application as JSON (Content-Type: application/json)",
        ));
    }
    match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => Err((
            StatusCode::BAD_REQUEST,
            "idempotency-key",
            "the Idempotency-Key header is missing",
        )),
        Some(Ok(k)) if valid_key(k) => Ok(k.to_owned()),
        Some(_) => Err((
            StatusCode::BAD_REQUEST,
            "idempotency-key",
            "the Idempotency-Key header must be 8 to 128 letters, digits, - or _ (a UUID)",
        )),
    }
}

async fn receive(State(receiver): State<Receiver>, request: Request) -> Response {
    let key = match key_of(request.headers()) {
        Ok(k) => k,
        Err((status, kind, message)) => return error(status, kind, message),
    };
    let Some(permit) = receiver.limits.admit() else {
        return busy();
    };
    let body = match receiver.limits.read_body(request).await {
        Ok(b) => b,
        Err(answer) => return answer,
    };
    // One request per key at a time.
    let Some(claim) = receiver.state.begin(&key) else {
        return error(
            StatusCode::CONFLICT,
            "in-flight",
            "an application with this Idempotency-Key is being received: try again shortly",
        );
    };
    // The check and the database run on the blocking pool, with the claim and the place among
    // the applications handled at once: both last until the commit has ended, even if the
    // client goes away (and this handler with it). A panic there ends the task, which drops
    // them; the client gets a 500 and may send again.
    let state = receiver.state.clone();
    let handled = tokio::task::spawn_blocking(move || {
        let answer = handle(&state, &claim, &body);
        drop(permit);
        answer
    })
    .await;
    handled.unwrap_or_else(|_| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the application could not be handled: try again",
        )
    })
}

/// Replays the first answer for the key, or checks the application with the core and stores
/// it. Blocks (SQLite, and the check's CPU time).
fn handle(state: &AppState, claim: &InFlight, body: &[u8]) -> Response {
    let key = claim.key();
    let hash = sha256_hex(body);
    match state.store().first_response(key) {
        Ok(Some(first)) => return replay(first.body_sha256 == hash, first.status, first.response),
        Ok(None) => {}
        Err(_) => return error(StatusCode::SERVICE_UNAVAILABLE, "database", "try again"),
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "document",
            "the body is not UTF-8 text",
        );
    };
    let (clock_today, received_at) = crate::time::stamp((state.clock)());
    let today = state.today.clone().unwrap_or(clock_today);
    let report = match api::check(text, ProfileChoice::FromDocument, &today) {
        Ok(r) => r,
        Err(CheckError::Document(e)) => {
            return error(
                StatusCode::BAD_REQUEST,
                "document",
                &format!("the application could not be read: {e}"),
            )
        }
        Err(e) => return error(StatusCode::UNPROCESSABLE_ENTITY, "profile", &e.to_string()),
    };
    if !report.complete {
        return json(StatusCode::UNPROCESSABLE_ENTITY, api::report_json(&report));
    }
    let mut store = state.store();
    // Looked up again under the lock, in case another receiver of the database stored it.
    if let Ok(Some(first)) = store.first_response(key) {
        return replay(first.body_sha256 == hash, first.status, first.response);
    }
    let unavailable = || {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            "database",
            "the application could not be stored: try again",
        )
    };
    let Some(reference) = new_reference(&store) else {
        return unavailable();
    };
    let response = serde_json::json!({ "reference": reference }).to_string();
    let app = Stored {
        reference,
        idempotency_key: key.to_owned(),
        received_at,
        profile: report.profile,
        body_sha256: hash,
        body: text.to_owned(),
    };
    match store.accept(&app, &response) {
        Ok(()) => json(StatusCode::CREATED, response),
        Err(_) => unavailable(),
    }
}

/// The answer for a key already stored: its first answer if the body is the same.
fn replay(same_body: bool, status: u16, response: String) -> Response {
    if same_body {
        json(
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            response,
        )
    } else {
        error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency-key",
            "this Idempotency-Key was already used for a different application",
        )
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// The receiver's routes.
pub fn router(state: Arc<AppState>, config: &Config) -> Router {
    let receiver = Receiver {
        state,
        limits: Limits::new(config.max_concurrent, config.read_timeout),
    };
    let mut api = Router::new()
        .route("/applications", post(receive))
        .layer(DefaultBodyLimit::max(config.max_body_bytes));
    if !config.allow_origins.is_empty() {
        let origins: Vec<HeaderValue> = config
            .allow_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST])
                .allow_headers(
                    [
                        header::CONTENT_TYPE,
                        HeaderName::from_static("idempotency-key"),
                    ]
                    .into_iter()
                    .chain(
                        config
                            .allow_headers
                            .iter()
                            .filter_map(|h| HeaderName::from_bytes(h.as_bytes()).ok()),
                    )
                    .collect::<Vec<_>>(),
                ),
        );
    }
    let api = no_store(api.route("/healthz", get(healthz)).with_state(receiver));
    let mut app = Router::new().merge(api);
    if let Some(root) = &config.static_root {
        app = app
            .nest_service("/pkg", ServeDir::new(root.join("pkg")))
            .nest_service("/www", ServeDir::new(root.join("www")));
        if config.serve_axe_core {
            app = app.nest_service(
                "/node_modules/axe-core",
                ServeDir::new(root.join("node_modules/axe-core")),
            );
        }
        app = app.fallback_service(ServeDir::new(root.join("www")));
    }
    secure(app)
}
