//! One input of the receiver's fuzz target (`fuzz/fuzz_targets/receiver.rs` includes this
//! file): the first two bytes choose the method, path, content type, idempotency key and
//! origin, the rest is the body; the request goes through the router in-process with a fresh
//! in-memory database holding the documents scenario S01 names. A `PUT` to `/applications`
//! (or `/applications/`) is sent to `/attachments/{the body's SHA-256}` instead (under a
//! profile), so that documents are fuzzed too. Never a panic and never a 5xx.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use sen_receiver::http::sha256_hex;
use sen_receiver::{router, AppState, Config, Store};
use tower::ServiceExt;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    })
}

/// The request the fuzz input `data` stands for.
pub fn request(data: &[u8]) -> Request<Body> {
    let (head, body) = data.split_at(data.len().min(2));
    let a = usize::from(head.first().copied().unwrap_or(0));
    let b = usize::from(head.get(1).copied().unwrap_or(0));
    let method = ["POST", "GET", "OPTIONS", "PUT"][a & 3];
    let mut path = ["/applications", "/healthz", "/applications/", "/"][(a >> 2) & 3].to_owned();
    if method == "PUT" && path.starts_with("/applications") {
        let profile = if path.ends_with('/') {
            "?profile=croydon-lss"
        } else {
            ""
        };
        path = format!("/attachments/{}{profile}", sha256_hex(body));
    }
    let content_type = [
        Some("application/json"),
        None,
        Some("text/plain"),
        Some("application/json; charset=utf-8"),
    ][(a >> 4) & 3];
    let key = [
        Some("2b1f6a52-1c1e-4a53-9a5e-0d0c2f1e7a11"),
        None,
        Some("not a key"),
        Some(""),
    ][b & 3];
    let mut req = Request::builder().method(method).uri(path);
    if let Some(c) = content_type {
        req = req.header("content-type", c);
    }
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    if b & 4 != 0 {
        req = req.header("origin", "https://council.example");
    }
    req.body(Body::from(body.to_vec())).unwrap()
}

/// The documents S01 names (`tests/fixtures/files/s01/`).
const S01_DOCUMENTS: [(&str, &[u8]); 5] = [
    (
        "sen-support-plan.pdf",
        include_bytes!("../../../../tests/fixtures/files/s01/sen-support-plan.pdf"),
    ),
    (
        "costed-provision-map.pdf",
        include_bytes!("../../../../tests/fixtures/files/s01/costed-provision-map.pdf"),
    ),
    (
        "ep-report.pdf",
        include_bytes!("../../../../tests/fixtures/files/s01/ep-report.pdf"),
    ),
    (
        "apdr-records.pdf",
        include_bytes!("../../../../tests/fixtures/files/s01/apdr-records.pdf"),
    ),
    (
        "consent-signed.pdf",
        include_bytes!("../../../../tests/fixtures/files/s01/consent-signed.pdf"),
    ),
];

/// Sends the request `data` stands for; its status, which is never a 5xx.
pub fn handle(data: &[u8]) -> StatusCode {
    // 2025-04-30T10:00:00Z: the day the scenarios are dated for.
    let at = UNIX_EPOCH + Duration::from_secs(1_746_007_200);
    let store = Store::sqlite(":memory:").unwrap();
    let config = Config {
        allow_origins: vec!["https://council.example".to_owned()],
        static_root: None,
        max_body_bytes: 64 * 1024,
        ..Config::default()
    };
    let req = request(data);
    let status = runtime().block_on(async {
        for (name, bytes) in S01_DOCUMENTS {
            store.add_document_bytes(name, bytes, 0).await.unwrap();
        }
        let state = AppState::new(store, Arc::new(move || at), None);
        let resp = router(state, &config).oneshot(req).await.unwrap();
        let status = resp.status();
        http_body_util::BodyExt::collect(resp.into_body())
            .await
            .unwrap();
        status
    });
    assert!(!status.is_server_error(), "{status}");
    status
}
