#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The staff API through the real binary on both backends (`--staff-api`, keys made with
//! `sen-receiver keys create`): no key, an unknown key or a revoked one is 401 with
//! `WWW-Authenticate: Bearer` on every route; a key reads an application (the core's report,
//! its documents' metadata), a document's bytes and the pack, and sets its status; each access
//! leaves an audit row (`keys audit`); the cursor pages through 25 applications with no gap
//! and no repeat and then finds one stored later; without `--staff-api` there is no staff
//! API; no public route, whatever method, answers anything of a stored application or
//! document with its reference or hash in the path or query; the database refuses to change
//! or remove an audit row; and a document kept in `--attachments-dir` is answered from there.

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::Command;

use common::{post, s01_documents, s01_value, status, Backend, Receiver, RECEIVER};
use serde_json::Value;

/// Runs `sen-receiver keys ARGS` on the receiver's database; its standard output.
fn keys(r: &Receiver, args: &[&str]) -> String {
    let out = Command::new(RECEIVER)
        .arg("keys")
        .args(args)
        .args(["--database", &r.database])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn audit(r: &Receiver) -> Vec<Value> {
    serde_json::from_str::<Value>(&keys(r, &["audit"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// S01 with a marker of its own in the child's address.
fn application(marker: &str) -> String {
    let mut app = s01_value();
    app["child"]["address"] = format!("{marker} Example Street, Stockton-on-Tees").into();
    app.to_string()
}

fn reference_of(answer: &str) -> String {
    let body: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    body["reference"].as_str().unwrap().to_owned()
}

async fn store(r: &Receiver, marker: &str) -> String {
    let answer = post(r.addr, &format!("key-{marker}-0001"), &application(marker)).await;
    assert_eq!(status(&answer), 201, "{answer:.400}");
    reference_of(&answer)
}

/// A request's whole answer as bytes: (status line and headers, body).
async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: &str,
) -> (String, Vec<u8>) {
    let auth = key
        .map(|k| format!("Authorization: Bearer {k}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out).await;
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(out.len());
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let body = out.get(split + 4..).unwrap_or_default().to_vec();
    (head, body)
}

async fn get(addr: SocketAddr, path: &str, key: Option<&str>) -> (String, Vec<u8>) {
    send(addr, "GET", path, key, "").await
}

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

fn staff_receiver(backend: Backend, name: &str) -> Receiver {
    Receiver::start_on(backend, name, &["--staff-api"])
}

/// Every staff route, for a reference and a document's hash.
fn routes(reference: &str, sha256: &str) -> Vec<(&'static str, String, &'static str)> {
    vec![
        ("GET", "/staff/applications".to_owned(), ""),
        ("GET", format!("/staff/applications/{reference}"), ""),
        (
            "GET",
            format!("/staff/applications/{reference}/documents/{sha256}"),
            "",
        ),
        ("GET", format!("/staff/applications/{reference}/pack"), ""),
        (
            "PUT",
            format!("/staff/applications/{reference}/status"),
            r#"{"status":"underReview"}"#,
        ),
    ]
}

async fn no_key_an_unknown_key_or_a_revoked_key_is_401(backend: Backend) {
    let r = staff_receiver(backend, "staff-401");
    let reference = store(&r, "m401").await;
    let sha = sen_receiver::http::sha256_hex(&s01_documents()[0].1);
    let key = keys(&r, &["create", "panel"]);
    let unknown = format!("sen_{}", "0".repeat(64));
    let (head, _) = send(r.addr, "GET", "/staff/applications", Some(&key), "").await;
    assert_eq!(status(&head), 200, "{head}");
    keys(&r, &["revoke", "panel"]);
    let before = audit(&r).len();
    for (method, path, body) in routes(&reference, &sha) {
        for presented in [None, Some(unknown.as_str()), Some(key.as_str()), Some("")] {
            let (head, answer) = send(r.addr, method, &path, presented, body).await;
            assert_eq!(status(&head), 401, "{method} {path} {presented:?}: {head}");
            assert!(
                head.to_ascii_lowercase()
                    .contains("www-authenticate: bearer"),
                "{head}"
            );
            assert_eq!(json_of(&answer)["error"]["kind"], "unauthorized");
            assert!(!String::from_utf8_lossy(&answer).contains("m401"));
        }
    }
    // `Basic` is not a staff key, even with the key in it.
    let basic = format!("GET /staff/applications HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {key}\r\nConnection: close\r\n\r\n");
    assert_eq!(
        status(&common::exchange(r.addr, basic.as_bytes()).await),
        401
    );
    assert_eq!(
        audit(&r).len(),
        before,
        "a refused request is no staff access"
    );
    // The status was not changed by the revoked key.
    let fresh = keys(&r, &["create", "panel-2"]);
    let (_, body) = get(
        r.addr,
        &format!("/staff/applications/{reference}"),
        Some(&fresh),
    )
    .await;
    assert_eq!(json_of(&body)["status"]["status"], "received");
}

async fn a_key_reads_and_sets_status_and_each_access_is_audited(backend: Backend) {
    let r = staff_receiver(backend, "staff-read");
    let reference = store(&r, "mread").await;
    let other = store(&r, "mother").await;
    let key = keys(&r, &["create", "panel"]);
    let k = Some(key.as_str());

    let (head, body) = get(r.addr, &format!("/staff/applications/{reference}"), k).await;
    assert_eq!(status(&head), 200, "{head}");
    let got = json_of(&body);
    assert_eq!(got["reference"], reference.as_str());
    assert_eq!(got["status"], serde_json::json!({"status": "received"}));
    assert_eq!(
        got["application"],
        serde_json::from_str::<Value>(&application("mread")).unwrap()
    );
    assert_eq!(got["report"]["complete"], true, "{}", got["report"]);
    assert_eq!(got["report"]["today"], "2025-04-30");
    let documents = s01_documents();
    let listed = got["documents"].as_array().unwrap();
    assert_eq!(listed.len(), documents.len());
    for (d, (name, bytes)) in listed.iter().zip(&documents) {
        assert_eq!(d["filename"], name.as_str());
        assert_eq!(d["sha256"], sen_receiver::http::sha256_hex(bytes).as_str());
        assert_eq!(d["sizeBytes"], bytes.len());
        assert_eq!(d["stored"], true);
        assert_eq!(d["mimeType"], "application/pdf");
    }

    let (name, bytes) = &documents[1];
    let sha = sen_receiver::http::sha256_hex(bytes);
    let path = format!("/staff/applications/{reference}/documents/{sha}");
    let (head, body) = get(r.addr, &path, k).await;
    assert_eq!(status(&head), 200, "{name}: {head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/pdf"),
        "{head}"
    );
    assert_eq!(&body, bytes, "{name} byte for byte");
    let missing = format!(
        "/staff/applications/{reference}/documents/{}",
        "a".repeat(64)
    );
    assert_eq!(status(&get(r.addr, &missing, k).await.0), 404);

    let (head, body) = get(r.addr, &format!("/staff/applications/{reference}/pack"), k).await;
    assert_eq!(status(&head), 200, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/html"),
        "{head}"
    );
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
        "{html:.100}"
    );
    assert!(html.contains(&reference) && html.contains("mread Example Street"));

    let status_path = format!("/staff/applications/{reference}/status");
    let (head, body) = send(
        r.addr,
        "PUT",
        &status_path,
        k,
        r#"{"status":"underReview","note":"Panel on 12 May"}"#,
    )
    .await;
    assert_eq!(status(&head), 200, "{head}");
    assert_eq!(json_of(&body)["status"], "underReview");
    assert_eq!(json_of(&body)["changedBy"], "panel");
    let (head, _) = send(
        r.addr,
        "PUT",
        &status_path,
        k,
        r#"{"status":"agreed","amountPence":1250000}"#,
    )
    .await;
    assert_eq!(status(&head), 200, "{head}");
    for (bad, code, words) in [
        ("{\"status\":", 400, "not JSON"),
        (r#"{"status":"agreed"}"#, 422, "needs amountPence"),
        (
            r#"{"status":"declined","amountPence":5}"#,
            422,
            "only with agreed",
        ),
        (r#"{"status":"approved"}"#, 422, "status must be"),
        (
            r#"{"status":"declined","reason":"x"}"#,
            422,
            "reason is not a field",
        ),
        (
            r#"{"status":"agreed","amountPence":-1}"#,
            422,
            "whole number of pence",
        ),
        (r#"["declined"]"#, 422, "send an object"),
    ] {
        let (head, answer) = send(r.addr, "PUT", &status_path, k, bad).await;
        assert_eq!(status(&head), code, "{bad}: {head}");
        let message = json_of(&answer)["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains(words), "{bad}: {message}");
    }
    let (_, body) = get(r.addr, &format!("/staff/applications/{reference}"), k).await;
    let now = &json_of(&body)["status"];
    assert_eq!(now["status"], "agreed");
    assert_eq!(now["amountPence"], 1_250_000);
    assert_eq!(now["changedBy"], "panel");
    let unknown = "/staff/applications/SSF-0000000000/status";
    assert_eq!(
        status(
            &send(r.addr, "PUT", unknown, k, r#"{"status":"declined"}"#)
                .await
                .0
        ),
        404
    );

    let (_, body) = get(r.addr, "/staff/applications?status=agreed", k).await;
    let page = json_of(&body);
    let refs: Vec<&str> = page["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, vec![reference.as_str()]);
    let (_, body) = get(r.addr, "/staff/applications?status=received", k).await;
    assert_eq!(
        json_of(&body)["applications"][0]["reference"],
        other.as_str()
    );
    assert_eq!(json_of(&body)["applications"][0]["status"], "received");
    assert_eq!(
        status(&get(r.addr, "/staff/applications?status=lost", k).await.0),
        400
    );
    assert_eq!(
        status(&get(r.addr, "/staff/applications?since=zz", k).await.0),
        400
    );

    let rows = audit(&r);
    let seen: Vec<(String, String, String)> = rows
        .iter()
        .map(|a| {
            (
                a["action"].as_str().unwrap().to_owned(),
                a["reference"].as_str().unwrap_or("-").to_owned(),
                a["detail"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    let row = |action: &str, reference: &str, detail: &str| {
        (action.to_owned(), reference.to_owned(), detail.to_owned())
    };
    assert_eq!(
        seen,
        vec![
            row("read", &reference, "-"),
            row("read-document", &reference, &sha),
            row("read-document", &reference, &"a".repeat(64)),
            row("read-pack", &reference, "-"),
            row("set-status", &reference, "underReview"),
            row("set-status", &reference, "agreed"),
            row("read", &reference, "-"),
            row("set-status", "SSF-0000000000", "not found"),
            row("list", "-", &reference),
            row("list", "-", &other),
        ],
        "{rows:#?}"
    );
    assert!(rows
        .iter()
        .all(|a| a["key"] == "panel" && a["at"].as_str().unwrap().ends_with('Z')));
}

async fn the_cursor_pages_through_25_applications_without_a_gap_or_a_repeat(backend: Backend) {
    let r = staff_receiver(backend, "staff-cursor");
    let mut stored = Vec::new();
    for n in 0..25 {
        stored.push(store(&r, &format!("c{n}")).await);
    }
    let key = keys(&r, &["create", "case-management"]);
    let k = Some(key.as_str());
    let mut seen = Vec::new();
    let mut since = String::new();
    let mut pages = 0;
    loop {
        let (head, body) = get(
            r.addr,
            &format!("/staff/applications?limit=10&since={since}"),
            k,
        )
        .await;
        assert_eq!(status(&head), 200, "{head}");
        let page = json_of(&body);
        pages += 1;
        for a in page["applications"].as_array().unwrap() {
            seen.push(a["reference"].as_str().unwrap().to_owned());
        }
        since = page["next"].as_str().unwrap().to_owned();
        if page["more"] == false {
            break;
        }
        assert!(pages < 10, "no end to the pages");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, stored, "every application once, in the order stored");
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 25);
    let (_, body) = get(r.addr, &format!("/staff/applications?since={since}"), k).await;
    assert_eq!(json_of(&body)["applications"], serde_json::json!([]));
    let later = store(&r, "later").await;
    let (_, body) = get(r.addr, &format!("/staff/applications?since={since}"), k).await;
    let page = json_of(&body);
    assert_eq!(page["applications"].as_array().unwrap().len(), 1);
    assert_eq!(page["applications"][0]["reference"], later.as_str());
    assert_eq!(page["more"], false);
    for bad in [
        "limit=0",
        "limit=101",
        "limit=ten",
        "since=c1&since=c2",
        "order=desc",
    ] {
        let (head, _) = get(r.addr, &format!("/staff/applications?{bad}"), k).await;
        assert_eq!(status(&head), 400, "{bad}");
    }
}

async fn without_the_flag_there_is_no_staff_api(backend: Backend) {
    let r = Receiver::start_on(backend, "staff-off", &[]);
    let reference = store(&r, "moff").await;
    let key = keys(&r, &["create", "panel"]);
    let sha = sen_receiver::http::sha256_hex(&s01_documents()[0].1);
    for (method, path, body) in routes(&reference, &sha) {
        let (head, answer) = send(r.addr, method, &path, Some(&key), body).await;
        assert!(
            matches!(status(&head), 404 | 405),
            "{method} {path}: {head}"
        );
        assert!(!String::from_utf8_lossy(&answer).contains("moff"));
    }
    assert!(audit(&r).is_empty());
}

/// Every method on every public path of the OpenAPI document and a few more, with a stored
/// application's reference and a document's hash in the path and the query, a staff key too:
/// nothing answered contains the application's reference, its marker, its key or its body's
/// hash, nor a part of the document's bytes.
async fn no_public_route_returns_stored_data(backend: Backend) {
    let r = staff_receiver(backend, "staff-public");
    let reference = store(&r, "Qmarkerq").await;
    let key = keys(&r, &["create", "panel"]);
    let (name, bytes) = &s01_documents()[2];
    let sha = sen_receiver::http::sha256_hex(bytes);
    let body_sha = sen_receiver::http::sha256_hex(application("Qmarkerq").as_bytes());
    let doc = sen_receiver::openapi::document();
    let mut paths: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|p| !p.starts_with("/staff/"))
        .map(|p| p.replace("{sha256}", &sha))
        .collect();
    assert!(paths.len() >= 5, "{paths:?}");
    paths.extend([
        format!("/applications/{reference}"),
        format!("/{reference}"),
        format!("/www/{reference}"),
        format!("/pkg/{sha}"),
        format!("/attachments/{sha}/{reference}"),
        "/staff".to_owned(),
    ]);
    let middle = &bytes[bytes.len() / 2..bytes.len() / 2 + 24];
    let secrets = [
        reference.as_str(),
        "Qmarkerq",
        "key-Qmarkerq-0001",
        body_sha.as_str(),
    ];
    let mut asked = 0;
    for path in &paths {
        for query in [
            String::new(),
            format!("?reference={reference}&sha256={sha}&since=c0&profile=stockton-one-point"),
        ] {
            for method in ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
                for with_key in [None, Some(key.as_str())] {
                    let target = format!("{path}{query}");
                    let (head, answer) = send(r.addr, method, &target, with_key, "{}").await;
                    asked += 1;
                    let text = format!("{head}\r\n\r\n{}", String::from_utf8_lossy(&answer));
                    for secret in secrets {
                        assert!(
                            !text.contains(secret),
                            "{method} {target} says {secret}: {text:.600}"
                        );
                    }
                    assert!(
                        !answer.windows(middle.len()).any(|w| w == middle),
                        "{method} {target} answers {name}'s bytes"
                    );
                }
            }
        }
    }
    assert!(asked > 100);
}

on_both!(
    no_key_an_unknown_key_or_a_revoked_key_is_401,
    a_key_reads_and_sets_status_and_each_access_is_audited,
    the_cursor_pages_through_25_applications_without_a_gap_or_a_repeat,
    without_the_flag_there_is_no_staff_api,
    no_public_route_returns_stored_data,
);

/// The audit as the database holds it: an update or a delete of a row is refused, and the rows
/// stay as they were.
async fn the_audit_cannot_be_changed_or_removed(backend: Backend) {
    let r = staff_receiver(backend, "staff-append-only");
    let reference = store(&r, "mappend").await;
    let key = keys(&r, &["create", "panel"]);
    let path = format!("/staff/applications/{reference}");
    assert_eq!(status(&get(r.addr, &path, Some(&key)).await.0), 200);
    let before = audit(&r);
    assert_eq!(before.len(), 1);
    let attempts = [
        "UPDATE staff_audit SET key_name = 'someone-else'",
        "DELETE FROM staff_audit",
    ];
    match backend {
        Backend::Sqlite => {
            let conn = rusqlite::Connection::open(&r.database).unwrap();
            for sql in attempts {
                let refused = conn.execute(sql, []).unwrap_err().to_string();
                assert!(refused.contains("append-only"), "{sql}: {refused}");
            }
        }
        Backend::Postgres => {
            let (client, connection) = tokio_postgres::connect(&r.database, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(connection);
            for sql in attempts.iter().chain(&["TRUNCATE staff_audit"]) {
                let refused = client.batch_execute(sql).await.unwrap_err();
                let message = refused
                    .as_db_error()
                    .map(|e| e.message().to_owned())
                    .unwrap_or_default();
                assert!(message.contains("append-only"), "{sql}: {refused}");
            }
        }
    }
    assert_eq!(audit(&r), before);
}

/// With `--attachments-dir`, a document's bytes are read from the directory.
async fn a_document_kept_in_a_directory_is_answered_from_it(backend: Backend) {
    let dir = std::env::temp_dir().join(format!(
        "sen-staff-files-{backend:?}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let r = Receiver::start_on(
        backend,
        "staff-directory",
        &["--staff-api", "--attachments-dir", dir.to_str().unwrap()],
    );
    let reference = store(&r, "mdir").await;
    let key = keys(&r, &["create", "panel"]);
    for (name, bytes) in s01_documents() {
        let sha = sen_receiver::http::sha256_hex(&bytes);
        assert!(dir.join(&sha).is_file(), "{name} is in the directory");
        let path = format!("/staff/applications/{reference}/documents/{sha}");
        let (head, body) = get(r.addr, &path, Some(&key)).await;
        assert_eq!(status(&head), 200, "{name}: {head}");
        assert_eq!(body, bytes, "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

on_both!(
    the_audit_cannot_be_changed_or_removed,
    a_document_kept_in_a_directory_is_answered_from_it,
);

/// Two instances on one PostgreSQL storing 40 applications at once while a client pages with
/// its cursor through the first: it sees each application once, none missed, though they
/// commit in an order of their own.
#[tokio::test]
async fn postgres_the_cursor_misses_none_stored_by_two_instances_at_once() {
    let url = common::postgres::database();
    let dir = |n: u8| std::env::temp_dir().join(format!("sen-staff-pg-{n}-{}", std::process::id()));
    let a = Receiver::on_database(dir(1), url.clone(), &["--staff-api"]);
    let b = Receiver::on_database(dir(2), url, &["--staff-api"]);
    for answer in common::put_s01_documents(a.addr).await {
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    }
    let key = keys(&a, &["create", "case-management"]);
    let senders: Vec<_> = (0..40)
        .map(|n| {
            let addr = if n % 2 == 0 { a.addr } else { b.addr };
            tokio::spawn(async move {
                let answer = post(
                    addr,
                    &format!("key-race-{n:04}"),
                    &application(&format!("race{n}")),
                )
                .await;
                assert_eq!(status(&answer), 201, "{answer:.300}");
                reference_of(&answer)
            })
        })
        .collect();
    let mut seen = Vec::new();
    let mut since = String::new();
    let mut done = false;
    let mut quiet = 0;
    while quiet < 2 {
        let (head, body) = get(
            a.addr,
            &format!("/staff/applications?limit=3&since={since}"),
            Some(&key),
        )
        .await;
        assert_eq!(status(&head), 200, "{head}");
        let page = json_of(&body);
        for x in page["applications"].as_array().unwrap() {
            seen.push(x["reference"].as_str().unwrap().to_owned());
        }
        since = page["next"].as_str().unwrap().to_owned();
        if done && page["more"] == false {
            quiet += 1;
        }
        done = done || senders.iter().all(|s| s.is_finished());
    }
    let mut stored = BTreeSet::new();
    for s in senders {
        stored.insert(s.await.unwrap());
    }
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "an application listed twice");
    assert_eq!(unique, stored, "every application stored, listed");
}
