#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The real `sen-receiver` binary on loopback, as a slow, flooding or curious client meets it:
//! the read deadlines (a body or headers sent a byte a second), the limit on applications
//! handled at once (503 with `Retry-After`), and the security headers on every answer.

mod common;

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Receiver, RECEIVER, REPOSITORY};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const S02: &str = include_str!("../../../tests/fixtures/scenarios/S02-missing-consent.json");

fn post(key: &str, body: &str) -> String {
    format!(
        "POST /applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Sends `request` whole and reads the answer to its end (at most 20 s).
async fn send(addr: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    answer(&mut stream, Duration::from_secs(20)).await
}

/// What `answer` gives, and how long it took.
async fn timed(answer: impl std::future::Future<Output = String>) -> (String, Duration) {
    let started = Instant::now();
    let text = answer.await;
    (text, started.elapsed())
}

/// What the receiver sends until it closes the connection ("" if it sent nothing), or
/// "(still open)" if it has not closed it within `limit`.
async fn answer(stream: &mut TcpStream, limit: Duration) -> String {
    let mut out = Vec::new();
    match tokio::time::timeout(limit, stream.read_to_end(&mut out)).await {
        Ok(_) => String::from_utf8_lossy(&out).into_owned(),
        Err(_) => "(still open)".to_owned(),
    }
}

/// A client that sends the headers of a POST and then its body one byte a second, until the
/// receiver answers (or 20 s pass). Returns the answer and how long it took.
async fn slow_body(addr: SocketAddr, key: &str) -> (String, Duration) {
    let started = Instant::now();
    let request = post(key, common::s01());
    let (head, body) = request.split_at(request.find("\r\n\r\n").unwrap() + 4);
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    write.write_all(head.as_bytes()).await.unwrap();
    let body = body.as_bytes().to_vec();
    let trickle = tokio::spawn(async move {
        for b in body.iter().take(20) {
            if write.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), read.read_to_end(&mut out)).await;
    trickle.abort();
    (
        String::from_utf8_lossy(&out).into_owned(),
        started.elapsed(),
    )
}

/// The value of header `name` in a raw answer.
fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    answer
        .split("\r\n\r\n")
        .next()?
        .lines()
        .skip(1)
        .find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
}

/// Asserts the security headers every answer carries, and `no-store` on the API's.
fn assert_secure(what: &str, answer: &str, api: bool) {
    for (name, value) in sen_receiver::headers::SECURITY_HEADERS {
        assert_eq!(
            header(answer, name),
            Some(value),
            "{what}: {name}\n{answer:.600}"
        );
    }
    assert!(
        header(answer, "content-security-policy")
            .is_some_and(|c| c.contains("frame-ancestors 'none'")
                && c.contains("script-src 'self' 'wasm-unsafe-eval'")),
        "{what}: {answer:.600}"
    );
    assert_eq!(header(answer, "x-content-type-options"), Some("nosniff"));
    if api {
        assert_eq!(
            header(answer, "cache-control"),
            Some("no-store"),
            "{what}: {answer:.600}"
        );
    }
}

#[tokio::test]
async fn a_body_sent_a_byte_a_second_gets_408_and_other_clients_are_still_served() {
    let r = Receiver::start("slow-body", &["--read-timeout", "2"]);
    let slow = tokio::spawn(slow_body(r.addr, "slow-body-key-0001"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Another client meanwhile: answered at once.
    let (other, took) = timed(send(r.addr, &post("other-client-0001", common::s01()))).await;
    assert!(other.starts_with("HTTP/1.1 201"), "{other:.300}");
    assert!(took < Duration::from_secs(2), "{took:?}");

    let (late, took) = slow.await.unwrap();
    assert!(late.starts_with("HTTP/1.1 408"), "{late:.300}");
    assert!(late.contains("\"kind\":\"timeout\""), "{late:.300}");
    assert_secure("408", &late, true);
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(6),
        "answered after {took:?}"
    );
    // Nothing of it was stored, and the same key sent whole is received.
    assert_eq!(r.stored().len(), 1);
    let whole = send(r.addr, &post("slow-body-key-0001", common::s01())).await;
    assert!(whole.starts_with("HTTP/1.1 201"), "{whole:.300}");
    assert_eq!(r.stored().len(), 2);
}

#[tokio::test]
async fn headers_sent_a_byte_a_second_or_none_at_all_are_cut_off() {
    let r = Receiver::start("slow-headers", &["--read-timeout", "2"]);
    let started = Instant::now();
    // Connects and says nothing.
    let mut idle = TcpStream::connect(r.addr).await.unwrap();
    // Sends its request line and then a header a byte a second.
    let trickling = TcpStream::connect(r.addr).await.unwrap();
    let (mut read, mut write) = trickling.into_split();
    write
        .write_all(b"POST /applications HTTP/1.1\r\n")
        .await
        .unwrap();
    let trickle = tokio::spawn(async move {
        for b in b"Content-Type: application/json\r\n" {
            if write.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let silent = answer(&mut idle, Duration::from_secs(8)).await;
    let mut out = Vec::new();
    let cut = tokio::time::timeout(Duration::from_secs(8), read.read_to_end(&mut out)).await;
    trickle.abort();
    assert_eq!(
        silent, "",
        "the idle connection is closed without an answer"
    );
    assert!(cut.is_ok(), "the trickling connection is closed");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    // The receiver still answers.
    let health = send(
        r.addr,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health:.300}");
}

#[tokio::test]
async fn one_application_over_the_limit_gets_503_with_retry_after_then_is_received() {
    let r = Receiver::start("limit", &["--read-timeout", "3", "--max-concurrent", "2"]);
    // Two clients take both places (their bodies arrive a byte a second).
    let first = tokio::spawn(slow_body(r.addr, "holding-key-0001"));
    let second = tokio::spawn(slow_body(r.addr, "holding-key-0002"));
    tokio::time::sleep(Duration::from_millis(800)).await;
    let (busy, took) = timed(send(r.addr, &post("third-client-0001", common::s01()))).await;
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy:.300}");
    assert!(
        took < Duration::from_secs(1),
        "refused at once, not queued: {took:?}"
    );
    assert_eq!(header(&busy, "retry-after"), Some("1"));
    assert!(busy.contains("\"kind\":\"busy\""), "{busy:.300}");
    assert_secure("503", &busy, true);
    // Other routes are not limited.
    let health = send(
        r.addr,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health:.300}");
    // When the two time out, their places are free again.
    assert!(first.await.unwrap().0.starts_with("HTTP/1.1 408"));
    assert!(second.await.unwrap().0.starts_with("HTTP/1.1 408"));
    let again = send(r.addr, &post("third-client-0001", common::s01())).await;
    assert!(again.starts_with("HTTP/1.1 201"), "{again:.300}");
    assert_eq!(r.stored().len(), 1);
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let r = Receiver::start(
        "headers",
        &[
            "--static",
            REPOSITORY,
            "--allow-origin",
            "https://council.example",
            "--max-body-bytes",
            "65536",
        ],
    );
    let get = |path: &str| format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let big = format!("{{\"x\":\"{}\"}}", "a".repeat(70 * 1024));
    let cases: Vec<(&str, String, &str, bool)> = vec![
        ("health", get("/healthz"), "200", true),
        ("a demo page", get("/www/index.html"), "200", false),
        ("the default page", get("/"), "200", false),
        ("the widget", get("/pkg/sen-support-form.js"), "200", false),
        ("no such page", get("/www/nothing-here.html"), "404", false),
        ("not a method of the API", get("/applications"), "405", true),
        ("received", post("headers-key-0001", common::s01()), "201", true),
        ("replayed", post("headers-key-0001", common::s01()), "201", true),
        ("malformed", post("headers-key-0002", "{\"child\": "), "400", true),
        ("incomplete", post("headers-key-0005", S02), "422", true),
        (
            "not JSON",
            post("headers-key-0003", common::s01()).replace("application/json", "text/plain"),
            "415",
            true,
        ),
        ("too large", post("headers-key-0004", &big), "413", true),
        (
            "preflight",
            "OPTIONS /applications HTTP/1.1\r\nHost: x\r\nOrigin: https://council.example\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type,idempotency-key\r\nConnection: close\r\n\r\n".to_owned(),
            "200",
            true,
        ),
    ];
    for (what, request, status, api) in cases {
        let answer = send(r.addr, &request).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{what}: {answer:.300}"
        );
        assert_secure(what, &answer, api);
    }
}

#[tokio::test]
async fn axe_core_is_served_only_when_asked_for() {
    let path = "/node_modules/axe-core/axe.min.js";
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let plain = Receiver::start("axe-off", &["--static", REPOSITORY]);
    let answer = send(plain.addr, &request).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer:.300}");
    let testing = Receiver::start("axe-on", &["--static", REPOSITORY, "--serve-axe-core"]);
    let answer = send(testing.addr, &request).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.300}");
    assert_secure("axe-core", &answer, false);
}

#[tokio::test]
async fn a_closed_standard_output_does_not_stop_the_receiver() {
    // Its reader has gone (a supervisor's pipe closed, say): each line printed fails.
    // With no standard output to say its address, the receiver is given a port picked
    // here; another test's receiver may take that port first, so a start refused for an
    // address in use is tried again on another.
    let request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for _ in 0..5 {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut child = Command::new(RECEIVER)
            .args(["--listen", &addr.to_string(), "--database", ":memory:"])
            .args(["--static", REPOSITORY, "--serve-axe-core"])
            .stdout(writer)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut health = String::new();
        for _ in 0..100 {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if TcpStream::connect(addr).await.is_ok() {
                health = send(addr, request).await;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Time for a receiver that dies of its first failed print (or fails to bind) to go.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let exited = child.try_wait().unwrap();
        let _ = child.kill();
        let output = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        if exited.is_some() && said.contains("Address already in use") {
            continue;
        }
        assert_eq!(exited, None, "the receiver stopped: {said}");
        assert!(health.starts_with("HTTP/1.1 200"), "{health:.300}");
        return;
    }
    panic!("no free port in five tries");
}

#[test]
fn limits_out_of_range_are_refused_at_start() {
    for (flag, value) in [
        ("--read-timeout", "0"),
        ("--read-timeout", "86401"),
        ("--read-timeout", "18446744073709551615"),
        ("--read-timeout", "ten"),
        ("--max-concurrent", "0"),
        ("--max-concurrent", "-1"),
    ] {
        let out = Command::new(RECEIVER)
            .args([
                flag,
                value,
                "--database",
                ":memory:",
                "--listen",
                "127.0.0.1:0",
            ])
            .stdout(Stdio::null())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {said}");
        assert!(said.contains(flag), "{flag} {value}: {said}");
    }
    let out = Command::new(RECEIVER)
        .args(["--serve-axe-core", "--database", ":memory:"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--serve-axe-core needs --static"));
}
