#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The receiver as a backend developer calls it: every status of the submission protocol,
//! in-process (tower) and over real HTTP on loopback, with the database holding exactly what it
//! should; each test on SQLite and on a PostgreSQL the tests start (`common::postgres`).

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sen_receiver::{router, AppState, Config};
use serde_json::Value;
use tower::ServiceExt;

mod common;

use common::{s01, Backend};
const S02: &str = include_str!("../../../tests/fixtures/scenarios/S02-missing-consent.json");
const KEY: &str = "2b1f6a52-1c1e-4a53-9a5e-0d0c2f1e7a11";

async fn state(backend: Backend) -> Arc<AppState> {
    // 2025-04-30T10:00:00Z: the day the scenarios are dated for.
    let at = UNIX_EPOCH + Duration::from_secs(1_746_007_200);
    AppState::new(
        common::store_with_s01_documents(backend).await,
        Arc::new(move || at),
        None,
    )
}

fn config() -> Config {
    Config {
        allow_origins: vec!["https://council.example".to_owned()],
        static_root: None,
        max_body_bytes: 64 * 1024,
        allow_headers: vec!["X-CSRF-Token".to_owned()],
        ..Config::default()
    }
}

async fn post(
    state: &Arc<AppState>,
    key: Option<&str>,
    content_type: &str,
    body: &str,
) -> (StatusCode, Value, axum::http::HeaderMap) {
    let mut req = Request::post("/applications").header("content-type", content_type);
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let resp = router(state.clone(), &config())
        .oneshot(req.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, json, headers)
}

async fn accepts_a_complete_application_once(backend: Backend) {
    let s = state(backend).await;
    let (status, body, headers) = post(&s, Some(KEY), "application/json", s01()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(headers["cache-control"], "no-store");
    let reference = body["reference"].as_str().unwrap().to_owned();
    assert!(reference.starts_with("SSF-"));
    let stored = s.applications().await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].reference, reference);
    assert_eq!(stored[0].idempotency_key, KEY);
    assert_eq!(stored[0].profile, "stockton-one-point");
    assert_eq!(stored[0].body, s01());
    assert_eq!(stored[0].received_at, "2025-04-30T10:00:00Z");
    assert_eq!(stored[0].body_sha256.len(), 64);

    // The same key and body: the first response again, nothing new stored.
    let (status, again, _) = post(&s, Some(KEY), "application/json", s01()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(again["reference"], reference.as_str());
    assert_eq!(s.applications().await.len(), 1);

    // The same key with a different body is refused.
    let changed = s01().replace("Norton Example Primary School", "Another School");
    let (status, body, _) = post(&s, Some(KEY), "application/json", &changed).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["kind"], "idempotency-key");
    assert_eq!(s.applications().await.len(), 1);
}

async fn an_incomplete_application_gets_the_report_and_can_be_fixed_under_the_same_key(
    backend: Backend,
) {
    let s = state(backend).await;
    let (status, report, _) = post(&s, Some(KEY), "application/json", S02).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report["complete"], false);
    let issues = report["issues"].as_array().unwrap();
    assert!(
        issues
            .iter()
            .any(|i| i["ruleId"] == "V-30" && i["pointer"] == "/consents"),
        "{report}"
    );
    assert!(s.applications().await.is_empty());
    // Fixed and sent again with the same key (the widget keeps it): accepted.
    let (status, _, _) = post(&s, Some(KEY), "application/json", s01()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(s.applications().await.len(), 1);
}

async fn bad_requests_are_refused_and_nothing_is_stored(backend: Backend) {
    let s = state(backend).await;
    let cases = [
        (
            None,
            "application/json",
            s01().to_owned(),
            StatusCode::BAD_REQUEST,
            "idempotency-key",
        ),
        (
            Some("short"),
            "application/json",
            s01().to_owned(),
            StatusCode::BAD_REQUEST,
            "idempotency-key",
        ),
        (
            Some("has spaces in it!"),
            "application/json",
            s01().to_owned(),
            StatusCode::BAD_REQUEST,
            "idempotency-key",
        ),
        (
            Some(KEY),
            "application/json",
            "{\"child\": ".to_owned(),
            StatusCode::BAD_REQUEST,
            "document",
        ),
        (
            Some(KEY),
            "application/json",
            "{\"colour\": 1}".to_owned(),
            StatusCode::BAD_REQUEST,
            "document",
        ),
        (
            Some(KEY),
            "application/json",
            // S01 with its consents named again, empty: which reading would be stored?
            s01().replacen('{', "{\"consents\": [], ", 1),
            StatusCode::BAD_REQUEST,
            "document",
        ),
        (
            Some(KEY),
            "text/plain",
            s01().to_owned(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type",
        ),
        (
            Some(KEY),
            "application/json",
            "{}".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "profile",
        ),
    ];
    for (key, ct, body, want, kind) in cases {
        let (status, json, _) = post(&s, key, ct, &body).await;
        assert_eq!(status, want, "{key:?} {ct} {body:.40}: {json}");
        assert_eq!(json["error"]["kind"], kind, "{json}");
    }
    let big = format!(
        "{{\"request\": {{\"summary\": \"{}\"}}}}",
        "x".repeat(70 * 1024)
    );
    let (status, _, _) = post(&s, Some(KEY), "application/json", &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(s.applications().await.is_empty());
}

async fn a_key_being_received_gets_409(backend: Backend) {
    let s = state(backend).await;
    let held = s.begin(KEY).await.unwrap().unwrap();
    let (status, body, _) = post(&s, Some(KEY), "application/json", s01()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    held.release().await;
    let (status, _, _) = post(&s, Some(KEY), "application/json", s01()).await;
    assert_eq!(status, StatusCode::CREATED);
}

async fn concurrent_sends_of_one_key_store_one_application(backend: Backend) {
    let s = state(backend).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            post(&s, Some(KEY), "application/json", s01()).await.0
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    assert!(
        codes
            .iter()
            .all(|c| *c == StatusCode::CREATED || *c == StatusCode::CONFLICT),
        "{codes:?}"
    );
    assert!(codes.contains(&StatusCode::CREATED));
    assert_eq!(s.applications().await.len(), 1);
}

async fn cors_allows_listed_origins_only(backend: Backend) {
    let s = state(backend).await;
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/applications")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key,x-csrf-token",
            )
            .body(Body::empty())
            .unwrap()
    };
    let ok = router(s.clone(), &config())
        .oneshot(preflight("https://council.example"))
        .await
        .unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://council.example"
    );
    let allowed = ok.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed.contains("idempotency-key")
            && allowed.contains("content-type")
            && allowed.contains("x-csrf-token"),
        "{allowed}"
    );
    let other = router(s.clone(), &config())
        .oneshot(preflight("https://evil.example"))
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

async fn over_real_http_on_loopback(backend: Backend) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = state(backend).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(s.clone(), &config());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    async fn raw(addr: std::net::SocketAddr, request: String) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut out = String::new();
        stream.read_to_string(&mut out).await.unwrap();
        out
    }
    let health = raw(
        addr,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".into(),
    )
    .await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let request = format!(
        "POST /applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {KEY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        s01().len(),
        s01()
    );
    let first = raw(addr, request.clone()).await;
    assert!(first.starts_with("HTTP/1.1 201"), "{first}");
    let second = raw(addr, request).await;
    assert!(second.starts_with("HTTP/1.1 201"), "{second}");
    let reference = |r: &str| r.split("\r\n\r\n").nth(1).unwrap().to_owned();
    assert_eq!(reference(&first), reference(&second));
    assert_eq!(s.applications().await.len(), 1);
    assert!(
        first
            .to_ascii_lowercase()
            .contains("cache-control: no-store"),
        "{first}"
    );

    // Every refusal of the protocol, as a client on the wire sees it; none stores anything.
    let post = |key: Option<&str>, content_type: &str, body: &str| {
        let key = key
            .map(|k| format!("Idempotency-Key: {k}\r\n"))
            .unwrap_or_default();
        format!(
            "POST /applications HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n{key}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let other_body = s01().replace("1 Example Street", "2 Example Street");
    let big = format!("{{\"x\":\"{}\"}}", "a".repeat(70 * 1024));
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "malformed JSON",
            post(Some("key-malformed-1"), "application/json", "{\"child\": "),
            "400",
        ),
        ("no key", post(None, "application/json", s01()), "400"),
        (
            "malformed key",
            post(Some("no spaces allowed"), "application/json", s01()),
            "400",
        ),
        (
            "same key, other body",
            post(Some(KEY), "application/json", &other_body),
            "422",
        ),
        (
            "incomplete",
            post(Some("key-incomplete-1"), "application/json", S02),
            "422",
        ),
        (
            "too large",
            post(Some("key-large-0001"), "application/json", &big),
            "413",
        ),
        (
            "not JSON",
            post(Some("key-text-00001"), "text/plain", s01()),
            "415",
        ),
    ];
    for (what, request, status) in cases {
        let answer = raw(addr, request).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{what}: {answer:.300}"
        );
    }
    // The report of an incomplete application comes back whole.
    let incomplete = raw(
        addr,
        post(Some("key-incomplete-2"), "application/json", S02),
    )
    .await;
    let body: Value = serde_json::from_str(incomplete.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["complete"], false);
    assert!(body["issues"].as_array().is_some_and(|i| !i.is_empty()));
    // 409 while the same key is being received.
    let busy = s.begin("key-busy-00001").await.unwrap().unwrap();
    let answer = raw(
        addr,
        post(Some("key-busy-00001"), "application/json", s01()),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 409"), "{answer:.300}");
    busy.release().await;
    // CORS preflight from an allowed origin, and from another.
    let preflight = |origin: &str| {
        format!("OPTIONS /applications HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type,idempotency-key\r\nConnection: close\r\n\r\n")
    };
    let allowed = raw(addr, preflight("https://council.example"))
        .await
        .to_ascii_lowercase();
    assert!(
        allowed.contains("access-control-allow-origin: https://council.example"),
        "{allowed}"
    );
    let refused = raw(addr, preflight("https://evil.example"))
        .await
        .to_ascii_lowercase();
    assert!(
        !refused.contains("access-control-allow-origin"),
        "{refused}"
    );
    // Still exactly the one application.
    assert_eq!(s.applications().await.len(), 1);
}

/// POSTs S01 under `KEY` on a new connection and reads the whole answer.
async fn send_s01(addr: std::net::SocketAddr) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "POST /applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {KEY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        s01().len(),
        s01()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = String::new();
    let _ = stream.read_to_string(&mut out).await;
    out
}

async fn a_handling_that_panics_answers_500_and_the_same_key_is_then_stored_once(backend: Backend) {
    use std::sync::atomic::{AtomicBool, Ordering};
    // A clock that fails the first time it is read: the handling of the first send panics.
    let failed = Arc::new(AtomicBool::new(false));
    let at = UNIX_EPOCH + Duration::from_secs(1_746_007_200);
    let clock = {
        let failed = failed.clone();
        Arc::new(move || {
            if !failed.swap(true, Ordering::SeqCst) {
                panic!("the clock failed (on purpose, in this test)");
            }
            at
        })
    };
    let s = AppState::new(common::store_with_s01_documents(backend).await, clock, None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(s.clone(), &config());
    tokio::spawn(sen_receiver::serve(
        listener,
        app,
        Duration::from_secs(5),
        std::future::pending(),
    ));
    let send = || send_s01(addr);
    let failure = send().await;
    assert!(failure.starts_with("HTTP/1.1 500"), "{failure:.300}");
    assert!(failure.contains("\"kind\":\"internal\""), "{failure:.300}");
    assert!(failed.load(Ordering::SeqCst));
    assert!(s.applications().await.is_empty());
    // The widget sends again with the same key: received, once, and replayed after.
    let first = send().await;
    assert!(first.starts_with("HTTP/1.1 201"), "{first:.300}");
    let again = send().await;
    assert!(again.starts_with("HTTP/1.1 201"), "{again:.300}");
    let reference = |r: &str| r.split("\r\n\r\n").nth(1).unwrap().to_owned();
    assert_eq!(reference(&first), reference(&again));
    assert_eq!(s.applications().await.len(), 1);
}

async fn the_longest_deadlines_still_serve_and_shutdown_returns(backend: Backend) {
    let s = state(backend).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Deadlines as long as a Duration goes (an embedder's "no deadline"): shortened to a day,
    // never an overflow in the timers.
    let app = router(
        s.clone(),
        &Config {
            read_timeout: Duration::MAX,
            ..config()
        },
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sen_receiver::serve(listener, app, Duration::MAX, async {
        let _ = stopped.await;
    }));
    let answer = send_s01(addr).await;
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer:.300}");
    assert_eq!(s.applications().await.len(), 1);
    // Shut down: the server stops accepting and returns.
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("serve returned")
        .unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

async fn the_database_answers_a_ping_and_readyz_says_so(backend: Backend) {
    let s = state(backend).await;
    s.store().ping().await.unwrap();
    let ready = router(s.clone(), &config())
        .oneshot(Request::get("/readyz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
}

on_both!(
    the_database_answers_a_ping_and_readyz_says_so,
    accepts_a_complete_application_once,
    an_incomplete_application_gets_the_report_and_can_be_fixed_under_the_same_key,
    bad_requests_are_refused_and_nothing_is_stored,
    a_key_being_received_gets_409,
    concurrent_sends_of_one_key_store_one_application,
    cors_allows_listed_origins_only,
    over_real_http_on_loopback,
    a_handling_that_panics_answers_500_and_the_same_key_is_then_stored_once,
    the_longest_deadlines_still_serve_and_shutdown_returns,
);
