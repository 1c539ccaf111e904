//! Delivery to case management through the real binary, on SQLite and PostgreSQL: a test
//! webhook (`common::webhook`) that answers each event 500 three times and then 204 receives
//! every application of a batch exactly as stored, across a receiver killed and started again
//! in the middle; the delivery's state in `--list` and the staff API; two instances on one
//! PostgreSQL deliver each application, never one at once from both; every signature verifies
//! with an independent implementation (the `standardwebhooks` package from PyPI, which
//! scripts/setup.sh installs into target/webhook-venv), and a tampered body or a wrong secret
//! does not; a missing or malformed secret is refused at start-up.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::webhook::{secret_file, Received, Webhook};
use common::{post, put_s01_documents, s01_value, status, Backend, Receiver, RECEIVER};
use serde_json::Value;

/// A directory of the test's own for the secret.
fn secret_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("sen-delivery-{name}-{}", std::process::id()))
}

/// The receiver's flags to deliver to `hook` with the shared secret.
fn forward_args(hook: &Webhook, name: &str) -> Vec<String> {
    let secret = secret_file(&secret_dir(name));
    vec![
        "--forward-url".into(),
        hook.url(),
        "--forward-secret-file".into(),
        secret.to_str().unwrap().into(),
    ]
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// S01 with a marker of its own in the child's address, so each application differs.
fn application(marker: &str) -> String {
    let mut app = s01_value();
    app["child"]["address"] = format!("{marker} Example Street, Stockton-on-Tees").into();
    app.to_string()
}

async fn store(r: &Receiver, marker: &str) -> String {
    let answer = post(r.addr, &format!("key-{marker}-0001"), &application(marker)).await;
    assert_eq!(status(&answer), 201, "{answer:.400}");
    let body: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    body["reference"].as_str().unwrap().to_owned()
}

/// The Python of the virtual environment scripts/setup.sh makes, with `standardwebhooks`.
fn python() -> PathBuf {
    let path = std::env::var_os("SEN_WEBHOOK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repository().join("target/webhook-venv/bin/python"));
    assert!(
        path.is_file(),
        "{} is missing: run scripts/setup.sh (it installs the standardwebhooks package there)",
        path.display()
    );
    path
}

/// For each request: whether `standardwebhooks` verifies it with the shared secret, with its
/// body tampered with, and with another secret.
const VERIFY: &str = r#"
import json, sys
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
secret, wrong = sys.argv[1], sys.argv[2]
def verifies(secret, body, headers):
    try:
        Webhook(secret).verify(body, headers)
        return True
    except WebhookVerificationError:
        return False
out = []
for r in json.load(sys.stdin):
    headers = {"webhook-id": r["id"], "webhook-timestamp": r["timestamp"], "webhook-signature": r["signature"]}
    tampered = r["body"].replace("Example Street", "Exampel Street", 1)
    assert tampered != r["body"]
    out.append([verifies(secret, r["body"], headers), verifies(secret, tampered, headers), verifies(wrong, r["body"], headers)])
print(json.dumps(out))
"#;

fn assert_signatures_verify_independently(requests: &[Received]) {
    let input: Vec<Value> = requests
        .iter()
        .map(|r| {
            serde_json::json!({"id": r.id, "timestamp": r.timestamp, "signature": r.signature, "body": r.body})
        })
        .collect();
    let wrong = "whsec_d3Jvbmctc2VjcmV0LWZvci10aGUtdGVzdHMtb25seQ==";
    let mut child = Command::new(python())
        .args(["-c", VERIFY, common::webhook::SECRET, wrong])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(Value::Array(input).to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<[bool; 3]> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), requests.len());
    for (r, [good, tampered, wrong]) in requests.iter().zip(results) {
        assert!(good, "the signature of {} does not verify", r.id);
        assert!(!tampered, "a tampered body of {} verifies", r.id);
        assert!(!wrong, "{} verifies with another secret", r.id);
    }
}

/// The requests for each id, in the order they arrived.
fn by_id(requests: &[Received]) -> HashMap<String, Vec<Received>> {
    let mut out: HashMap<String, Vec<Received>> = HashMap::new();
    for r in requests {
        out.entry(r.id.clone()).or_default().push(r.clone());
    }
    out
}

/// Each listed application was delivered as stored: its event's `webhook-id` is its
/// reference, and `data` holds what `--list` shows of it.
fn assert_delivered_as_stored(stored: &[Value], requests: &[Received]) {
    let by_id = by_id(requests);
    for app in stored {
        let reference = app["reference"].as_str().unwrap();
        let sent = by_id
            .get(reference)
            .unwrap_or_else(|| panic!("{reference} was never sent"));
        // The same event at every attempt.
        assert!(sent.iter().all(|r| r.body == sent[0].body), "{reference}");
        assert!(sent.iter().any(|r| r.status == 204), "{reference}");
        let event: Value = serde_json::from_str(&sent[0].body).unwrap();
        assert_eq!(event["type"], "application.received");
        assert_eq!(event["timestamp"], app["receivedAt"]);
        let data = &event["data"];
        assert_eq!(data["reference"], reference);
        assert_eq!(data["receivedAt"], app["receivedAt"]);
        assert_eq!(data["profile"], app["profile"]);
        assert_eq!(data["application"], app["application"], "{reference}");
        assert_eq!(data["report"]["complete"], true);
        let documents = data["documents"].as_array().unwrap();
        let listed = app["documents"].as_array().unwrap();
        assert_eq!(documents.len(), listed.len());
        for (d, l) in documents.iter().zip(listed) {
            assert_eq!(d["filename"], l["filename"]);
            assert_eq!(d["type"], l["type"]);
            assert_eq!(d["sizeBytes"], l["sizeBytes"]);
            let sha = d["sha256"].as_str().unwrap();
            assert!(sha.len() == 64 && sha.starts_with(l["sha256"].as_str().unwrap()));
        }
    }
}

/// What `--list` shows once all `n` applications stored are recorded as delivered (the
/// webhook's answer is recorded just after it is read), waiting at most 10 s.
fn stored_once_delivered(r: &Receiver, n: usize) -> Vec<Value> {
    let started = std::time::Instant::now();
    loop {
        let stored = r.stored();
        assert_eq!(stored.len(), n);
        if stored.iter().all(|a| a["delivery"]["state"] == "delivered")
            || started.elapsed() > Duration::from_secs(10)
        {
            return stored;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

async fn delivered_across_a_restart(backend: Backend) {
    let hook = Webhook::start(3, Duration::ZERO);
    let name = format!("delivery-restart-{backend:?}");
    let mut args = forward_args(&hook, &name);
    args.push("--staff-api".into());
    let r = Receiver::start_on(backend, &name, &strs(&args));
    let mut references = Vec::new();
    for i in 0..3 {
        references.push(store(&r, &format!("{i:03}A")).await);
    }
    // A first attempt (answered 500) is made before the receiver is killed.
    let started = std::time::Instant::now();
    while hook.requests().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(10), "no attempt");
        std::thread::sleep(Duration::from_millis(20));
    }
    r.stop();
    assert!(
        hook.delivered().is_empty(),
        "delivered before its fourth attempt"
    );
    // Started again on the same database: what was stored is still to be delivered.
    let r = Receiver::bare_on(backend, &name, &strs(&args));
    let pending = r.stored();
    assert_eq!(pending.len(), 3);
    for app in &pending {
        assert_eq!(app["delivery"]["state"], "pending", "{app:#}");
    }
    for i in 0..3 {
        references.push(store(&r, &format!("{i:03}B")).await);
    }
    hook.wait_for(&references, Duration::from_secs(60));
    let stored = stored_once_delivered(&r, 6);
    let requests = hook.requests();
    let sent = by_id(&requests);
    for (i, app) in stored.iter().enumerate() {
        let delivery = &app["delivery"];
        assert_eq!(delivery["state"], "delivered", "{delivery:#}");
        // Every attempt is recorded, but for one the kill cut off between the webhook's answer
        // and its record (it was made again).
        let made = sent[app["reference"].as_str().unwrap()].len() as u64;
        let recorded = delivery["attempts"].as_u64().unwrap();
        let lost = if i < 3 { 1 } else { 0 };
        assert!(
            recorded <= made && recorded + lost >= made,
            "{made}: {delivery:#}"
        );
        assert_eq!(delivery["lastStatus"], 204);
        assert!(delivery["lastError"].is_null());
        assert!(delivery["deliveredAt"].as_str().unwrap().starts_with("20"));
    }
    assert_delivered_as_stored(&stored, &requests);
    // Three refusals before each delivery.
    for sent in by_id(&requests).values() {
        let statuses: Vec<u16> = sent.iter().map(|r| r.status).collect();
        assert!(statuses.iter().take(3).all(|s| *s == 500), "{statuses:?}");
    }
    assert!(hook.overlaps().is_empty(), "{:?}", hook.overlaps());
    assert_signatures_verify_independently(&requests);
    // The staff API shows the same.
    let out = Command::new(RECEIVER)
        .args(["keys", "create", "cases", "--database", &r.database])
        .output()
        .unwrap();
    let key = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let get = |path: String| {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nConnection: close\r\n\r\n"
        );
        let answer = common::exchange_blocking(r.addr, request.as_bytes());
        assert_eq!(status(&answer), 200, "{answer:.300}");
        serde_json::from_str::<Value>(answer.split_once("\r\n\r\n").unwrap().1).unwrap()
    };
    let page = get("/staff/applications".to_owned());
    for (listed, app) in page["applications"].as_array().unwrap().iter().zip(&stored) {
        assert_eq!(listed["reference"], app["reference"]);
        assert_eq!(listed["delivery"], app["delivery"]);
    }
    let one = get(format!("/staff/applications/{}", references[0]));
    assert_eq!(one["delivery"], stored[0]["delivery"]);
    assert_eq!(one["delivery"]["state"], "delivered");
}

on_both!(delivered_across_a_restart);

#[tokio::test]
async fn postgres_two_instances_deliver_each_application_never_both_at_once() {
    let hook = Webhook::start(1, Duration::from_millis(100));
    let args = forward_args(&hook, "two-instances");
    let database = common::postgres::database();
    let dir =
        |n: &str| std::env::temp_dir().join(format!("sen-delivery-{n}-{}", std::process::id()));
    let a = Receiver::on_database(dir("a"), database.clone(), &strs(&args));
    let b = Receiver::on_database(dir("b"), database, &strs(&args));
    for answer in put_s01_documents(a.addr).await {
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    }
    let mut references = Vec::new();
    for i in 0..12 {
        let r = if i % 2 == 0 { &a } else { &b };
        references.push(store(r, &format!("{i:03}P")).await);
    }
    hook.wait_for(&references, Duration::from_secs(60));
    let stored = stored_once_delivered(&a, 12);
    let requests = hook.requests();
    assert_delivered_as_stored(&stored, &requests);
    assert!(
        hook.overlaps().is_empty(),
        "sent by both at once: {:?}",
        hook.overlaps()
    );
    for app in &stored {
        assert_eq!(app["delivery"]["state"], "delivered");
    }
    assert_signatures_verify_independently(&requests);
}

#[tokio::test]
async fn a_delivery_in_flight_at_sigterm_is_finished_and_recorded_before_the_exit() {
    let hook = Webhook::start(0, Duration::from_millis(1500));
    let args = forward_args(&hook, "sigterm");
    let mut r = Receiver::start("delivery-sigterm", &strs(&args));
    let reference = store(&r, "000T").await;
    let started = std::time::Instant::now();
    while hook.in_flight() == 0 {
        assert!(started.elapsed() < Duration::from_secs(10), "no attempt");
        std::thread::sleep(Duration::from_millis(10));
    }
    let signalled = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -TERM {}", r.child.id()))
        .status()
        .unwrap();
    assert!(signalled.success());
    let exit = r.child.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
    // It waited for the webhook's answer, and recorded it.
    assert!(hook.delivered().contains(&reference));
    let stored = r.stored();
    assert_eq!(
        stored[0]["delivery"]["state"], "delivered",
        "{:#}",
        stored[0]
    );
    assert_eq!(stored[0]["delivery"]["attempts"], 1);
}

/// `sen-receiver ARGS` that should not start: its exit code and standard error.
fn refused(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(RECEIVER)
        .args(["--listen", "127.0.0.1:0", "--database", ":memory:"])
        .args(args)
        .env_remove("SEN_RECEIVER_FORWARD_URL")
        .env_remove("SEN_RECEIVER_FORWARD_SECRET_FILE")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_or_malformed_secret_or_an_https_url_is_refused_at_start() {
    let dir = secret_dir("refused");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad-secret");
    std::fs::write(&bad, "not-a-webhook-secret-0123456789").unwrap();
    let good = secret_file(&dir);
    let url = "http://127.0.0.1:9/hooks";
    let (code, said) = refused(&["--forward-url", url]);
    assert_eq!(code, Some(2));
    assert!(
        said.contains("--forward-url needs --forward-secret-file"),
        "{said}"
    );
    let (code, said) = refused(&[
        "--forward-url",
        url,
        "--forward-secret-file",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(
        said.contains("cannot be used: the secret must start with whsec_"),
        "{said}"
    );
    assert!(
        !said.contains("not-a-webhook-secret"),
        "the secret is said: {said}"
    );
    let missing = dir.join("missing");
    let (code, said) = refused(&[
        "--forward-url",
        url,
        "--forward-secret-file",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(said.contains("cannot read the forward secret"), "{said}");
    let (code, said) = refused(&[
        "--forward-url",
        "https://cases.example/hooks",
        "--forward-secret-file",
        good.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(said.contains("TLS proxy"), "{said}");
    let (code, said) = refused(&["--forward-secret-file", good.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(
        said.contains("--forward-secret-file needs --forward-url"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
