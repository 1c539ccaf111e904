//! The HTTP surface: `POST /applications` (re-checked with the rules core and against the
//! documents received, stored once per idempotency key), `PUT /attachments/{sha256}` (a
//! document, `crate::upload`), `GET /healthz`, `GET /readyz` (`crate::ready`), `GET
//! /openapi.json` (`crate::openapi`), and the demo's host pages and built widget; each request
//! logged once answered (`crate::log`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use sen_core::api::{self, CheckError, ProfileChoice};
use sen_core::files::stored::{self, FoundFile};
use sen_core::{Application, Profile};
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

use crate::answer::{error, json};
use crate::documents::{Documents, Place, DEFAULT_MAX_AGE};
use crate::headers::{no_store, secure};
use crate::limits::{busy, Limits, DEFAULT_MAX_CONCURRENT, DEFAULT_READ_TIMEOUT};
use crate::scan::SCAN_TIMEOUT;
use crate::state::AppState;
use crate::store::delivery::Outgoing;
use crate::store::{Claim, NamedDocument, Session, StoreError, Stored};

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
    /// Keep documents as files named by their SHA-256 in this directory; else in the database.
    pub attachments_dir: Option<PathBuf>,
    /// Where uploads are written while they arrive: the attachments directory if set, else
    /// this (the database's directory, say), else the system's temporary directory.
    pub upload_dir: Option<PathBuf>,
    /// The virus scanner and its first arguments; the file's path is added last. Empty: none.
    pub scan_command: Vec<String>,
    /// Documents no stored application names are removed when older than this.
    pub attachments_max_age: Duration,
    /// Council profiles the receiver is given besides the built-in ones, by their id.
    pub profiles: Vec<Profile>,
    /// Serve the staff API under `/staff/` (`crate::staff`).
    pub staff_api: bool,
    /// Deliver each application stored to case management (`crate::delivery`): its
    /// delivery is written with it.
    pub forward: Option<crate::delivery::Forward>,
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
            attachments_dir: None,
            upload_dir: None,
            scan_command: Vec::new(),
            attachments_max_age: DEFAULT_MAX_AGE,
            profiles: Vec::new(),
            staff_api: false,
            forward: None,
        }
    }
}

impl Config {
    /// Where documents are kept, where uploads are written and how long unnamed ones stay.
    pub fn documents(&self) -> Documents {
        let upload_dir = self
            .attachments_dir
            .clone()
            .or_else(|| self.upload_dir.clone())
            .unwrap_or_else(std::env::temp_dir);
        Documents {
            place: self
                .attachments_dir
                .clone()
                .map_or(Place::Database, Place::Directory),
            upload_dir,
            max_age: self.attachments_max_age,
            part_max_age: self
                .read_timeout
                .saturating_add(SCAN_TIMEOUT)
                .saturating_mul(2),
        }
    }
}

/// What the handlers are given.
#[derive(Clone)]
pub(crate) struct Receiver {
    pub(crate) state: Arc<AppState>,
    pub(crate) limits: Limits,
    pub(crate) documents: Arc<Documents>,
    pub(crate) scan_command: Arc<Vec<String>>,
    pub(crate) profiles: Arc<Vec<Profile>>,
    /// Each application stored is written with its delivery (`Config::forward`).
    pub(crate) forwarding: bool,
}

impl Receiver {
    /// A profile by its id: one the receiver was given, else a built-in one.
    pub(crate) fn profile(&self, id: &str) -> Option<Profile> {
        crate::pack::profile_among(&self.profiles, id)
    }

    /// The profile an application names.
    fn profile_for(&self, app: &Application) -> Result<Profile, CheckError> {
        match app
            .profile
            .as_deref()
            .and_then(|id| self.profiles.iter().find(|p| p.id == id))
        {
            Some(p) => Ok(p.clone()),
            None => api::load_profile(ProfileChoice::FromDocument, app),
        }
    }
}

/// An idempotency key: 8 to 128 characters of letters, digits, `-` and `_` (a UUID fits).
pub fn valid_key(key: &str) -> bool {
    (8..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The SHA-256 of some bytes, in lowercase hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    stored::hex(&Sha256::digest(bytes))
}

/// A reference no stored application has.
async fn new_reference(session: &mut Session) -> Result<Option<String>, StoreError> {
    for _ in 0..8 {
        let id = uuid::Uuid::new_v4()
            .simple()
            .to_string()
            .to_ascii_uppercase();
        let reference = format!("SSF-{}", id.get(..10).unwrap_or(&id));
        if !session.reference_exists(&reference).await? {
            return Ok(Some(reference));
        }
    }
    Ok(None)
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

/// An application: re-checked with the rules core and against the documents received, and
/// stored once per `Idempotency-Key`; answered only after the database has committed.
#[utoipa::path(
    post,
    path = "/applications",
    tag = "submission",
    params(("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{8,128}$",
        description = "One key per body sent (a UUID): the same key and body again get the first answer again")),
    request_body(content = ref("#/components/schemas/Application"), content_type = "application/json",
        description = "The application document (schema/application.schema.json), at most --max-body-bytes"),
    responses(
        (status = 201, description = "Complete and stored (or the same key and body again: the first answer again)",
            body = crate::openapi::Accepted),
        (status = 400, description = "Malformed JSON, not UTF-8, or a missing or malformed Idempotency-Key",
            body = crate::openapi::ErrorAnswer),
        (status = 408, description = "The body did not arrive within --read-timeout (Connection: close); send again",
            body = crate::openapi::ErrorAnswer),
        (status = 409, description = "The same key is being received: try again shortly",
            body = crate::openapi::ErrorAnswer),
        (status = 413, description = "The body is over --max-body-bytes", content_type = "text/plain", body = String),
        (status = 415, description = "Not Content-Type: application/json", body = crate::openapi::ErrorAnswer),
        (status = 422, description = "Not complete: the core's report (issues, sections, totals); or the key was used for another body, or the profile cannot be used (an error)",
            body = crate::openapi::Refusal),
        (status = 500, description = "The handling failed: the key is free again and the same application may be sent again",
            body = crate::openapi::ErrorAnswer),
        (status = 503, description = "More than --max-concurrent at once (Retry-After: 1), or the database is unavailable",
            body = crate::openapi::ErrorAnswer,
            headers(("Retry-After" = u64, description = "Seconds to wait before sending again (when busy)"))),
    )
)]
pub(crate) async fn receive(State(receiver): State<Receiver>, request: Request) -> Response {
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
    // One request per key at a time (with PostgreSQL, across every instance on the database).
    let claim = match receiver.state.begin(&key).await {
        Ok(Some(claim)) => claim,
        Ok(None) => {
            return error(
                StatusCode::CONFLICT,
                "in-flight",
                "an application with this Idempotency-Key is being received: try again shortly",
            )
        }
        Err(_) => return database_unavailable(),
    };
    // The handling runs in a task of its own, with the claim and the place among the
    // applications handled at once: both last until the commit has ended, even if the client
    // goes away (and this handler with it). A panic there ends the task, which drops them
    // (with PostgreSQL, its transaction rolled back); the client gets a 500 and may send again.
    let handled = tokio::spawn(async move {
        let answer = handle(&receiver, claim, body).await;
        drop(permit);
        answer
    })
    .await;
    handled.unwrap_or_else(|_| internal())
}

fn internal() -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the application could not be handled: try again",
    )
}

fn database_unavailable() -> Response {
    error(StatusCode::SERVICE_UNAVAILABLE, "database", "try again")
}

fn not_stored() -> Response {
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "database",
        "the application could not be stored: try again",
    )
}

/// An application read and checked by the core, not yet compared with the documents stored.
struct Checked {
    app: Application,
    text: String,
    hash: String,
    received_at: String,
    report: sen_core::Report,
    profile: Profile,
}

/// Reads the body and checks it with the core and the profile it names: the CPU's part, with
/// no database. Else the refusal.
fn check(receiver: &Receiver, body: &[u8], hash: String) -> Result<Checked, Box<Response>> {
    let state = &receiver.state;
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "document",
            "the body is not UTF-8 text",
        )));
    };
    let (clock_today, received_at) = crate::time::stamp((state.clock)());
    let today = state.today.clone().unwrap_or(clock_today);
    let app = sen_core::wire::parse_application(text).map_err(|e| {
        Box::new(error(
            StatusCode::BAD_REQUEST,
            "document",
            &format!("the application could not be read: {e}"),
        ))
    })?;
    let checked = api::parse_today(&today).and_then(|today| {
        let profile = receiver.profile_for(&app)?;
        Ok((sen_core::rules::check(&app, &profile, today), profile))
    });
    let (report, profile) =
        checked.map_err(|e| error(StatusCode::UNPROCESSABLE_ENTITY, "profile", &e.to_string()))?;
    Ok(Checked {
        app,
        text: text.to_owned(),
        hash,
        received_at,
        report,
        profile,
    })
}

/// Replays the first answer for the key, or checks the application with the core and against
/// the documents received, and stores it; then ends the claim (committed if stored, else
/// released at once).
async fn handle(receiver: &Receiver, mut claim: Claim, body: axum::body::Bytes) -> Response {
    let (answer, stored) = match store(receiver, &mut claim, body).await {
        Ok(outcome) => outcome,
        Err(_) => (database_unavailable(), false),
    };
    if stored {
        if claim.commit().await.is_err() {
            return not_stored();
        }
        if receiver.forwarding {
            receiver.state.stored.notify_one();
        }
    } else {
        claim.release().await;
    }
    answer
}

/// The answer, and whether an application was stored under the claim (to be committed).
async fn store(
    receiver: &Receiver,
    claim: &mut Claim,
    body: axum::body::Bytes,
) -> Result<(Response, bool), StoreError> {
    let key = claim.key().to_owned();
    let hash = sha256_hex(&body);
    if let Some(first) = claim.first_response().await? {
        return Ok((
            replay(first.body_sha256 == hash, first.status, first.response),
            false,
        ));
    }
    // The core's check on the blocking pool (CPU time, not bytes to move).
    let checking = receiver.clone();
    let checked = tokio::task::spawn_blocking(move || check(&checking, &body, hash)).await;
    let mut checked = match checked {
        Ok(Ok(c)) => c,
        Ok(Err(refusal)) => return Ok((*refusal, false)),
        Err(_) => return Ok((internal(), false)),
    };
    let session = claim.session().await?;
    // Looked up again with the database held, in case another receiver of it stored it.
    if let Some(first) = session.first_response(&key).await? {
        return Ok((
            replay(
                first.body_sha256 == checked.hash,
                first.status,
                first.response,
            ),
            false,
        ));
    }
    // The documents are looked up with the database held until the application is stored,
    // so none can be removed in between.
    let attachments = checked.app.attachments.clone().unwrap_or_default();
    let named: Vec<String> = attachments
        .iter()
        .filter_map(|a| Some(a.sha256.as_deref()?.trim().to_ascii_lowercase()))
        .collect();
    let records = session.documents(named.clone()).await?;
    let mut found = Vec::new();
    for (sha256, record) in named.into_iter().zip(records) {
        if let Some(facts) = receiver.documents.available(&sha256, record).await {
            found.push(FoundFile { sha256, facts });
        }
    }
    let issues = stored::compare(&attachments, &checked.profile.attachments, |a| {
        let sha256 = a.sha256.as_deref()?.trim().to_ascii_lowercase();
        found.iter().find(|f| f.sha256 == sha256).cloned()
    });
    stored::add_to_report(&mut checked.report, issues);
    if !checked.report.complete {
        let report = api::report_json(&checked.report);
        return Ok((json(StatusCode::UNPROCESSABLE_ENTITY, report), false));
    }
    let Some(reference) = new_reference(session).await? else {
        return Ok((not_stored(), false));
    };
    let response = serde_json::json!({ "reference": reference }).to_string();
    let app = Stored {
        reference,
        idempotency_key: key,
        received_at: checked.received_at,
        profile: checked.report.profile.clone(),
        body_sha256: checked.hash,
        body: checked.text,
    };
    let documents = named_documents(&attachments);
    let outgoing = receiver.forwarding.then(|| Outgoing {
        event: crate::delivery::event::body(&app, &checked.report, &documents),
        due_ms: crate::delivery::worker::millis(std::time::SystemTime::now()),
    });
    session
        .accept(&app, &documents, &response, outgoing.as_ref())
        .await?;
    Ok((json(StatusCode::CREATED, response), true))
}

/// The documents an accepted application names (each was found, so each has a SHA-256).
fn named_documents(attachments: &[sen_core::model::Attachment]) -> Vec<NamedDocument> {
    attachments
        .iter()
        .map(|a| NamedDocument {
            sha256: a
                .sha256
                .as_deref()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase(),
            filename: a.filename.clone(),
            attachment_type: a.attachment_type.map(|t| t.code().to_owned()),
            size_bytes: a.size_bytes,
        })
        .collect()
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

/// Whether the process is alive (it answers); `/readyz` says whether it can take applications.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "service",
    responses((status = 200, description = "The process is alive", content_type = "text/plain", body = String, example = "ok")),
)]
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// The receiver's routes.
pub fn router(state: Arc<AppState>, config: &Config) -> Router {
    let receiver = Receiver {
        state,
        limits: Limits::new(config.max_concurrent, config.read_timeout),
        documents: Arc::new(config.documents()),
        scan_command: Arc::new(config.scan_command.clone()),
        profiles: Arc::new(config.profiles.clone()),
        forwarding: config.forward.is_some(),
    };
    let mut api = Router::new()
        .route("/applications", post(receive))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        // Not limited by `DefaultBodyLimit`: the profile's size limit, while streaming.
        .route("/attachments/{sha256}", put(crate::upload::put));
    if !config.allow_origins.is_empty() {
        let origins: Vec<HeaderValue> = config
            .allow_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST, Method::PUT])
                // A 503's or a 429's wait, which the widget honours, is not readable across
                // origins unless it is exposed.
                .expose_headers([header::RETRY_AFTER])
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
    let api = no_store(
        api.route("/healthz", get(healthz))
            .route("/readyz", {
                let probe = crate::ready::Probe::default();
                get(move |receiver| crate::ready::readyz(receiver, probe.clone()))
            })
            .route("/openapi.json", get(crate::openapi::openapi_json))
            .merge(if config.staff_api {
                crate::staff::routes()
            } else {
                Router::new()
            })
            .with_state(receiver),
    );
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
    secure(app.layer(axum::middleware::from_fn(crate::log::requests)))
}
