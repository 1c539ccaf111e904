//! The HTTP surface: `POST /applications` (re-checked with the rules core, stored once per
//! idempotency key), `GET /healthz`, and the demo's host pages and built widget.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sen_core::api::{self, CheckError, ProfileChoice};
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::store::{Store, Stored};

/// The strict Content-Security-Policy the demo pages are served with.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_origins: Vec::new(),
            static_root: None,
            max_body_bytes: 2 * 1024 * 1024,
            allow_headers: Vec::new(),
        }
    }
}

type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Shared by every request.
pub struct AppState {
    store: Mutex<Store>,
    in_flight: Mutex<HashSet<String>>,
    clock: Clock,
    /// The date the rules count from, when fixed (replaying dated scenarios); else the clock's.
    today: Option<String>,
}

impl AppState {
    /// State over a store, with the clock to stamp and check applications by, and optionally
    /// a fixed "today" for the rules.
    pub fn new(store: Store, clock: Clock, today: Option<String>) -> Arc<AppState> {
        Arc::new(AppState {
            store: Mutex::new(store),
            in_flight: Mutex::new(HashSet::new()),
            clock,
            today,
        })
    }

    /// Marks a key as being received; `None` if it already is (the caller answers 409).
    pub fn begin(&self, key: &str) -> Option<InFlight<'_>> {
        let mut set = self.in_flight.lock().ok()?;
        set.insert(key.to_owned()).then(|| InFlight {
            set: &self.in_flight,
            key: key.to_owned(),
        })
    }

    /// Every stored application (for tests and operators).
    pub fn applications(&self) -> Vec<Stored> {
        self.store
            .lock()
            .ok()
            .and_then(|s| s.applications().ok())
            .unwrap_or_default()
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": { "kind": kind, "message": message } });
    json(status, body.to_string())
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

/// A key being received: taken out of the in-flight set when dropped, whichever way the
/// request ends.
pub struct InFlight<'a> {
    set: &'a Mutex<HashSet<String>>,
    key: String,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut s) = self.set.lock() {
            s.remove(&self.key);
        }
    }
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

async fn receive(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type",
            "send the application as JSON (Content-Type: application/json)",
        );
    }
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => {
            return error(
                StatusCode::BAD_REQUEST,
                "idempotency-key",
                "the Idempotency-Key header is missing",
            )
        }
        Some(Ok(k)) if valid_key(k) => k.to_owned(),
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "idempotency-key",
                "the Idempotency-Key header must be 8 to 128 letters, digits, - or _ (a UUID)",
            )
        }
    };
    // One request per key at a time.
    let Some(_guard) = state.begin(&key) else {
        return error(
            StatusCode::CONFLICT,
            "in-flight",
            "an application with this Idempotency-Key is being received: try again shortly",
        );
    };
    let hash = sha256_hex(&body);
    let first = match state.store.lock() {
        Ok(s) => s.first_response(&key),
        Err(_) => return error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "try again"),
    };
    match first {
        Ok(Some(first)) if first.body_sha256 == hash => {
            let status = StatusCode::from_u16(first.status).unwrap_or(StatusCode::OK);
            return json(status, first.response);
        }
        Ok(Some(_)) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-key",
                "this Idempotency-Key was already used for a different application",
            )
        }
        Ok(None) => {}
        Err(_) => return error(StatusCode::INTERNAL_SERVER_ERROR, "database", "try again"),
    }
    let Ok(text) = std::str::from_utf8(&body) else {
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
    let state2 = state.clone();
    let body_text = text.to_owned();
    let profile = report.profile.clone();
    // The commit runs to its end even if the client goes away (and this handler with it); a
    // retry that arrives meanwhile finds the first response here, under the same lock.
    let stored = tokio::task::spawn_blocking(move || {
        let mut store = state2.store.lock().ok()?;
        if let Ok(Some(first)) = store.first_response(&key) {
            return Some(if first.body_sha256 == hash {
                Committed::Replay(first.status, first.response)
            } else {
                Committed::OtherBody
            });
        }
        let reference = new_reference(&store)?;
        let response = serde_json::json!({ "reference": reference }).to_string();
        let app = Stored {
            reference,
            idempotency_key: key,
            received_at,
            profile,
            body_sha256: hash,
            body: body_text,
        };
        store.accept(&app, &response).ok()?;
        Some(Committed::New(response))
    })
    .await;
    match stored {
        Ok(Some(Committed::New(response))) => json(StatusCode::CREATED, response),
        Ok(Some(Committed::Replay(status, response))) => json(
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            response,
        ),
        Ok(Some(Committed::OtherBody)) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency-key",
            "this Idempotency-Key was already used for a different application",
        ),
        _ => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "database",
            "the application could not be stored: try again",
        ),
    }
}

/// What the storing step found.
enum Committed {
    /// Stored now: the response to send.
    New(String),
    /// Already stored under this key with this body: the first response again.
    Replay(u16, String),
    /// Already stored under this key with another body.
    OtherBody,
}

async fn healthz() -> &'static str {
    "ok"
}

/// The receiver's routes.
pub fn router(state: Arc<AppState>, config: &Config) -> Router {
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
    let mut app = Router::new()
        .merge(api)
        .route("/healthz", get(healthz))
        .with_state(state);
    if let Some(root) = &config.static_root {
        let csp = SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
        app = app
            .nest_service("/pkg", ServeDir::new(root.join("pkg")))
            .nest_service("/www", ServeDir::new(root.join("www")))
            .nest_service(
                "/node_modules/axe-core",
                ServeDir::new(root.join("node_modules/axe-core")),
            )
            .fallback_service(ServeDir::new(root.join("www")))
            .layer(csp);
    }
    app
}
