//! A case system's webhook for the delivery tests: an HTTP server on loopback, on a thread and
//! runtime of its own, that records every request (its `webhook-*` headers and body) and
//! answers each event 500 for its first `failures` attempts (by `webhook-id`), then 204. It
//! also notes an event arriving while another attempt at the same id is still being answered
//! (two senders at once). The Standard Webhooks secret the receiver is given is written to a
//! file (`secret_file`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};

/// The secret the tests share with the receiver.
pub const SECRET: &str = "whsec_c2VuLXN1cHBvcnQtZm9ybS13ZWJob29rLXRlc3Qta2V5IQ==";

/// A request the webhook received, and what it was (or was to be) answered.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
    /// What it was answered.
    pub status: u16,
}

#[derive(Default)]
struct Seen {
    /// As they arrived (a request cut off by its sender's death is among them).
    requests: Vec<Received>,
    /// The ids answered 204 (the answer written).
    delivered: HashSet<String>,
    attempts: HashMap<String, u32>,
    in_flight: HashSet<String>,
    overlaps: Vec<String>,
}

/// The webhook, served until the process ends.
pub struct Webhook {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
}

impl Webhook {
    /// A webhook answering each id 500 `failures` times, then 204, each answer after `delay`.
    pub fn start(failures: u32, delay: Duration) -> Webhook {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let shared = seen.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let app = axum::Router::new().route(
                    "/hooks/sen",
                    axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                        let seen = shared.clone();
                        async move { answer(&seen, failures, delay, &headers, &body).await }
                    }),
                );
                axum::serve(listener, app).await.unwrap();
            });
        });
        Webhook {
            addr: rx.recv().unwrap(),
            seen,
        }
    }

    /// `--forward-url` for it.
    pub fn url(&self) -> String {
        format!("http://{}/hooks/sen", self.addr)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Received> {
        self.seen.lock().unwrap().requests.clone()
    }

    /// Requests being answered now.
    pub fn in_flight(&self) -> usize {
        self.seen.lock().unwrap().in_flight.len()
    }

    /// Ids that arrived while an attempt at the same id was being answered.
    pub fn overlaps(&self) -> Vec<String> {
        self.seen.lock().unwrap().overlaps.clone()
    }

    /// The ids answered 204.
    pub fn delivered(&self) -> HashSet<String> {
        self.seen.lock().unwrap().delivered.clone()
    }

    /// Waits at most `limit` until each of `ids` has been answered 204.
    pub fn wait_for(&self, ids: &[String], limit: Duration) {
        let start = Instant::now();
        loop {
            let delivered = self.delivered();
            if ids.iter().all(|id| delivered.contains(id)) {
                return;
            }
            assert!(
                start.elapsed() < limit,
                "not delivered within {limit:?}: {:?}",
                ids.iter()
                    .filter(|id| !delivered.contains(*id))
                    .collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

async fn answer(
    seen: &Mutex<Seen>,
    failures: u32,
    delay: Duration,
    headers: &HeaderMap,
    body: &Bytes,
) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let id = header("webhook-id");
    let status = {
        let mut seen = seen.lock().unwrap();
        if !seen.in_flight.insert(id.clone()) {
            seen.overlaps.push(id.clone());
        }
        let n = seen.attempts.entry(id.clone()).or_insert(0);
        *n += 1;
        let status = if *n <= failures {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::NO_CONTENT
        };
        seen.requests.push(Received {
            id: id.clone(),
            timestamp: header("webhook-timestamp"),
            signature: header("webhook-signature"),
            body: String::from_utf8_lossy(body).into_owned(),
            status: status.as_u16(),
        });
        status
    };
    tokio::time::sleep(delay).await;
    let mut seen = seen.lock().unwrap();
    seen.in_flight.remove(&id);
    if status == StatusCode::NO_CONTENT {
        seen.delivered.insert(id);
    }
    status
}

/// Writes the shared secret to `dir/webhook-secret`: its path.
pub fn secret_file(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("webhook-secret");
    std::fs::write(&path, format!("{SECRET}\n")).unwrap();
    path
}
