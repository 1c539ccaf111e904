#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Documents sent to the real `sen-receiver` binary on loopback, as the widget or another
//! backend's client sends them: `PUT /attachments/{sha256}` with every status of the protocol
//! on the wire, the file kept in the database or in `--attachments-dir` byte for byte and
//! only once, the virus scanner hook, applications refused at the right pointers until their
//! documents have arrived and agree with them, `--list`, old unnamed documents removed, and a
//! 100 MB upload received in bounded memory; each test on SQLite and on a PostgreSQL the tests
//! start (`common::postgres`).

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{
    exchange, fixture_file, post, put_request, s01, s01_documents, s01_value, status, Backend,
    Receiver,
};
use sen_receiver::http::sha256_hex;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SCANNERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scanners");

fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    let head = answer.split("\r\n\r\n").next()?;
    head.lines().skip(1).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Whether a header of the answer lists `item` (case aside).
fn lists(answer: &str, name: &str, item: &str) -> bool {
    header(answer, name).is_some_and(|v| v.split(',').any(|i| i.trim().eq_ignore_ascii_case(item)))
}

fn body(answer: &str) -> Value {
    let text = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(text).unwrap_or_else(|_| panic!("not JSON: {answer:.400}"))
}

/// PUTs `bytes` under `sha256` (with `query`) and reads the answer.
async fn put(addr: SocketAddr, sha256: &str, query: &str, bytes: &[u8]) -> String {
    exchange(addr, &put_request(sha256, query, bytes)).await
}

/// PUTs a file under its own hash.
async fn put_file(addr: SocketAddr, bytes: &[u8]) -> String {
    put(addr, &sha256_hex(bytes), "", bytes).await
}

/// The (pointer, message) of each error in a 422's report.
fn errors(answer: &str) -> Vec<(String, String)> {
    body(answer)["issues"]
        .as_array()
        .unwrap_or_else(|| panic!("no report: {answer:.400}"))
        .iter()
        .filter(|i| i["severity"] == "error")
        .map(|i| {
            (
                i["pointer"].as_str().unwrap().to_owned(),
                i["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A council profile the receiver is given (`--profile-file`): Stockton's with other
/// attachment settings, written into a temporary file; its path.
fn profile_file(id: &str, attachments: Value) -> String {
    let dir = std::env::temp_dir().join(format!("sen-profiles-{}", std::process::id()));
    let text =
        std::fs::read_to_string(common::repository().join("profiles/stockton-one-point.json"))
            .unwrap();
    let mut profile: Value = serde_json::from_str(&text).unwrap();
    profile["id"] = id.into();
    profile["attachments"] = attachments;
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{id}.json"));
    // Whole or not at all: the same file may be written by a test on another backend at once.
    let part = dir.join(format!("{id}.{}.part", uuid::Uuid::new_v4().simple()));
    std::fs::write(&part, profile.to_string()).unwrap();
    std::fs::rename(&part, &path).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The documents in the database of the receivers of `dir` (its SQLite file, or the
/// PostgreSQL database its `database-url` names): (sha256, size, kind, bytes in the database).
fn database_rows(dir: &std::path::Path) -> Vec<(String, i64, String, Option<Vec<u8>>)> {
    if let Ok(url) = std::fs::read_to_string(dir.join("database-url")) {
        return common::postgres::query(
            &url,
            "SELECT a.sha256, a.size_bytes, a.kind,
                    (SELECT string_agg(b.content, ''::bytea ORDER BY b.part)
                     FROM attachment_bytes b WHERE b.sha256 = a.sha256)
             FROM attachments a ORDER BY a.sha256",
        )
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    }
    let conn = rusqlite::Connection::open(dir.join("applications.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT a.sha256, a.size_bytes, a.kind, b.content
             FROM attachments a LEFT JOIN attachment_bytes b ON b.sha256 = a.sha256
             ORDER BY a.sha256",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The files of a directory, by name.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn uploads_left(dir: &std::path::Path) -> Vec<String> {
    files_in(dir)
        .into_iter()
        .filter(|n| n.ends_with(".part"))
        .collect()
}

async fn a_document_is_stored_once_and_sent_again_safely(backend: Backend) {
    let r = Receiver::bare_on(backend, "put-twice", &[]);
    let report = fixture_file("report.pdf");
    let sha = sha256_hex(&report);
    let first = put_file(r.addr, &report).await;
    assert_eq!(status(&first), 201, "{first}");
    assert_eq!(header(&first, "cache-control"), Some("no-store"));
    assert_eq!(
        body(&first),
        serde_json::json!({"sha256": sha, "sizeBytes": 611, "mimeType": "application/pdf", "kind": "PDF"})
    );
    let again = put_file(r.addr, &report).await;
    assert_eq!(status(&again), 200, "{again}");
    assert_eq!(body(&again), body(&first));
    // Under a profile too; the body's Content-Type does not matter.
    let other = put(r.addr, &sha, "?profile=croydon-lss", &report).await;
    assert_eq!(status(&other), 200, "{other}");
    let rows = database_rows(&r.dir);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, sha);
    assert_eq!((rows[0].1, rows[0].2.as_str()), (611, "PDF"));
    assert_eq!(rows[0].3.as_deref(), Some(&report[..]), "byte for byte");
    assert!(uploads_left(&r.dir).is_empty());
}

async fn each_refusal_has_its_status_and_the_core_s_words(backend: Backend) {
    let narrow = profile_file(
        "narrow-council",
        serde_json::json!({"maxBytes": 600, "allowedTypes": ["PDF", "JPEG"]}),
    );
    let r = Receiver::bare_on(backend, "refusals", &["--profile-file", &narrow]);
    let report = fixture_file("report.pdf");
    let program = fixture_file("program.pdf");
    let plan = fixture_file("plan.docx");
    let sha = sha256_hex(&report);
    let cases: Vec<(&str, String, u16, &str, &str)> = vec![
        (
            "a program named .pdf",
            put_file(r.addr, &program).await,
            415,
            "file-type",
            "The selected file must be a PDF, DOCX, XLSX, ODT, DOC, JPG, PNG, HEIC, TXT, CSV or RTF",
        ),
        (
            "a DOCX where only PDF and JPG are taken",
            put(r.addr, &sha256_hex(&plan), "?profile=narrow-council", &plan).await,
            415,
            "file-type",
            "The selected file must be a PDF or JPG",
        ),
        (
            "over the profile's limit",
            put(r.addr, &sha, "?profile=narrow-council", &report).await,
            413,
            "too-large",
            "The selected file must be smaller than 1KB",
        ),
        (
            "bytes that are not the hash's",
            put(r.addr, &sha256_hex(&plan), "", &report).await,
            422,
            "hash-mismatch",
            "The file received is not the one sent (its SHA-256 checksum differs): send it again",
        ),
        (
            "an empty file",
            put_file(r.addr, b"").await,
            422,
            "empty",
            "The selected file is empty",
        ),
        (
            "a hash in capitals",
            put(r.addr, &sha.to_ascii_uppercase(), "", &report).await,
            400,
            "sha256",
            "the address must end with the file's SHA-256: 64 lowercase hexadecimal digits",
        ),
        (
            "a short hash",
            put(r.addr, &sha[1..], "", &report).await,
            400,
            "sha256",
            "the address must end with the file's SHA-256: 64 lowercase hexadecimal digits",
        ),
        (
            "an unknown profile",
            put(r.addr, &sha, "?profile=nowhere", &report).await,
            400,
            "profile",
            "there is no profile nowhere",
        ),
    ];
    for (what, answer, code, kind, message) in cases {
        assert_eq!(status(&answer), code, "{what}: {answer:.400}");
        assert_eq!(header(&answer, "cache-control"), Some("no-store"), "{what}");
        let error = &body(&answer)["error"];
        assert_eq!(error["kind"], kind, "{what}");
        assert_eq!(error["message"], message, "{what}");
    }
    assert!(database_rows(&r.dir).is_empty(), "nothing refused is kept");
    assert!(uploads_left(&r.dir).is_empty(), "no upload left behind");
}

async fn over_the_limit_is_refused_without_reading_it_all(backend: Backend) {
    let r = Receiver::bare_on(backend, "too-large", &[]);
    let sha = "a".repeat(64);
    // Said by its Content-Length: answered before any of the body is sent.
    let mut stream = TcpStream::connect(r.addr).await.unwrap();
    let head = format!(
        "PUT /attachments/{sha} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        11 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream).await;
    assert_eq!(status(&answer), 413, "{answer:.300}");
    assert_eq!(header(&answer, "connection"), Some("close"));
    assert_eq!(
        body(&answer)["error"]["message"],
        "The selected file must be smaller than 10MB"
    );
    // Sent in chunks without a length: the answer comes once the limit is passed, while the
    // client still has 10 MB to send.
    let mut stream = TcpStream::connect(r.addr).await.unwrap();
    let head =
        format!("PUT /attachments/{sha} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![b'%'; 1024 * 1024];
    let mut sent = 0;
    for _ in 0..11 {
        stream
            .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
            .await
            .unwrap();
        stream.write_all(&chunk).await.unwrap();
        stream.write_all(b"\r\n").await.unwrap();
        sent += chunk.len();
    }
    let answer = read_answer(&mut stream).await;
    assert_eq!(status(&answer), 413, "{answer:.300}");
    assert!(sent < 21 * 1024 * 1024);
    assert!(database_rows(&r.dir).is_empty());
    assert!(uploads_left(&r.dir).is_empty());
}

/// Reads what the receiver answers until it closes the connection (at most 20 s).
async fn read_answer(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

async fn a_slow_upload_gets_408_and_a_full_house_503(backend: Backend) {
    let r = Receiver::bare_on(
        backend,
        "slow-busy",
        &["--read-timeout", "2", "--max-concurrent", "1"],
    );
    let report = fixture_file("report.pdf");
    let sha = sha256_hex(&report);
    let mut slow = TcpStream::connect(r.addr).await.unwrap();
    let head = format!(
        "PUT /attachments/{sha} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        report.len()
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    slow.write_all(&report[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The one place is taken by the slow upload.
    let busy = put_file(r.addr, &report).await;
    assert_eq!(status(&busy), 503, "{busy:.300}");
    assert_eq!(header(&busy, "retry-after"), Some("1"));
    assert_eq!(body(&busy)["error"]["kind"], "busy");
    let started = Instant::now();
    let late = read_answer(&mut slow).await;
    assert_eq!(status(&late), 408, "{late:.300}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // Then the place is free again.
    let stored = put_file(r.addr, &report).await;
    assert_eq!(status(&stored), 201, "{stored:.300}");
    assert!(uploads_left(&r.dir).is_empty());
}

/// Sends `bytes` as a PUT a chunk at a time, `gap` between chunks, and reads the answer.
async fn put_paced(addr: SocketAddr, bytes: &[u8], chunk: usize, gap: Duration) -> String {
    let sha = sha256_hex(bytes);
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "PUT /attachments/{sha} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bytes.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for part in bytes.chunks(chunk) {
        if stream.write_all(part).await.is_err() {
            break;
        }
        tokio::time::sleep(gap).await;
    }
    read_answer(&mut stream).await
}

async fn a_document_that_keeps_coming_is_received_past_the_read_deadline_and_a_trickle_is_cut_off(
    backend: Backend,
) {
    let r = Receiver::bare_on(backend, "paced", &["--read-timeout", "1"]);
    // 96 KiB at 24 KiB a second: four seconds in all, four times the read deadline, but never a
    // second without more and well above 4 KiB a second.
    let mut doc = b"%PDF-1.4\n".to_vec();
    doc.resize(96 * 1024, b' ');
    let started = Instant::now();
    let answer = put_paced(r.addr, &doc, 6 * 1024, Duration::from_millis(250)).await;
    assert_eq!(status(&answer), 201, "{answer:.300}");
    assert!(started.elapsed() > Duration::from_secs(3));
    // A byte every half second never stops for the deadline, but falls behind 4 KiB a second
    // once the first second has passed: 408 within a few seconds, not when the file is whole.
    let mut other = b"%PDF-1.4\n".to_vec();
    other.resize(2 * 1024, b'x');
    let started = Instant::now();
    let answer = put_paced(r.addr, &other, 1, Duration::from_millis(500)).await;
    assert_eq!(status(&answer), 408, "{answer:.300}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

async fn concurrent_uploads_of_one_file_store_it_once(backend: Backend) {
    for place in ["database", "directory"] {
        let (r, documents, _) = receiver_keeping_documents_in(backend, place, "once");
        let plan = fixture_file("plan.docx");
        let answers = futures_join(r.addr, &plan, 12).await;
        let mut statuses: Vec<u16> = answers.iter().map(|a| status(a)).collect();
        statuses.sort();
        assert_eq!(statuses[0], 200, "{place}: {answers:?}");
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "{place}: {statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 201),
            "{place}: {statuses:?}"
        );
        let rows = database_rows(&r.dir);
        assert_eq!(rows.len(), 1, "{place}");
        if place == "directory" {
            assert_eq!(files_in(&documents), [sha256_hex(&plan)]);
            assert_eq!(
                std::fs::read(documents.join(sha256_hex(&plan))).unwrap(),
                plan
            );
            assert_eq!(rows[0].3, None, "the bytes are in the directory only");
        } else {
            assert_eq!(rows[0].3.as_deref(), Some(&plan[..]));
            assert!(uploads_left(&r.dir).is_empty());
        }
        drop(r);
        let _ = std::fs::remove_dir_all(documents);
    }
}

/// A receiver keeping documents in the database or in a directory of their own (`place`),
/// that directory (used only for "directory"), and the arguments that say so.
fn receiver_keeping_documents_in(
    backend: Backend,
    place: &str,
    name: &str,
) -> (Receiver, std::path::PathBuf, Vec<String>) {
    let documents = std::env::temp_dir().join(format!(
        "sen-{name}-{place}-{backend:?}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&documents);
    let args = if place == "directory" {
        vec![
            "--attachments-dir".to_owned(),
            documents.to_str().unwrap().to_owned(),
        ]
    } else {
        vec![]
    };
    let as_str: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = Receiver::bare_on(backend, &format!("{name}-{place}"), &as_str);
    (r, documents, args)
}

/// `n` PUTs of the same file at once.
async fn futures_join(addr: SocketAddr, bytes: &[u8], n: usize) -> Vec<String> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let bytes = bytes.to_vec();
        tasks.push(tokio::spawn(async move { put_file(addr, &bytes).await }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

async fn the_scanner_keeps_an_infected_file_out_and_a_broken_one_asks_to_wait(backend: Backend) {
    let documents =
        std::env::temp_dir().join(format!("sen-scan-docs-{backend:?}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&documents);
    let scanner = format!("sh {SCANNERS}/eicar.sh");
    let r = Receiver::bare_on(
        backend,
        "scan",
        &[
            "--scan-command",
            &scanner,
            "--attachments-dir",
            documents.to_str().unwrap(),
        ],
    );
    let mut infected = fixture_file("report.pdf");
    infected.extend_from_slice(
        b"% X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n",
    );
    let answer = put_file(r.addr, &infected).await;
    assert_eq!(status(&answer), 422, "{answer:.300}");
    assert_eq!(
        body(&answer)["error"],
        serde_json::json!({"kind": "virus", "message": "The selected file contains a virus"})
    );
    assert!(
        files_in(&documents).is_empty(),
        "{:?}",
        files_in(&documents)
    );
    assert!(database_rows(&r.dir).is_empty());
    // A clean file passes the same scanner.
    let clean = put_file(r.addr, &fixture_file("report.pdf")).await;
    assert_eq!(status(&clean), 201, "{clean:.300}");
    // An application naming the infected file is refused: it was never received.
    let mut app = s01_value();
    app["attachments"][0]["sha256"] = sha256_hex(&infected).into();
    app["attachments"][0]["sizeBytes"] = infected.len().into();
    let _ = common::put_s01_documents(r.addr).await;
    let refused = post(r.addr, "scan-key-000001", &app.to_string()).await;
    assert_eq!(status(&refused), 422, "{refused:.300}");
    assert_eq!(
        errors(&refused),
        [(
            "/attachments/0/sha256".to_owned(),
            "The file sen-support-plan.pdf has not been received: attach it again".to_owned()
        )]
    );
    drop(r);

    let broken = format!("sh {SCANNERS}/broken.sh");
    let r = Receiver::bare_on(backend, "scan-broken", &["--scan-command", &broken]);
    let answer = put_file(r.addr, &fixture_file("report.pdf")).await;
    assert_eq!(status(&answer), 503, "{answer:.300}");
    assert_eq!(header(&answer, "retry-after"), Some("1"));
    assert_eq!(body(&answer)["error"]["kind"], "scanner");
    assert!(database_rows(&r.dir).is_empty());
    drop(r);
    let r = Receiver::bare_on(
        backend,
        "scan-missing",
        &["--scan-command", "/no/such/scanner"],
    );
    let answer = put_file(r.addr, &fixture_file("report.pdf")).await;
    assert_eq!(status(&answer), 503, "{answer:.300}");
    assert!(uploads_left(&r.dir).is_empty());
    let _ = std::fs::remove_dir_all(documents);
}

async fn an_application_is_received_only_with_its_documents_as_it_describes_them(backend: Backend) {
    for place in ["database", "directory"] {
        let (r, documents, args) = receiver_keeping_documents_in(backend, place, "app");
        let docs = s01_documents();
        // Only the first two documents have arrived.
        for (_, bytes) in &docs[..2] {
            assert_eq!(status(&put_file(r.addr, bytes).await), 201);
        }
        let missing = post(r.addr, "docs-key-000001", s01()).await;
        assert_eq!(status(&missing), 422, "{place}: {missing:.300}");
        let expected: Vec<(String, String)> = docs[2..]
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                (
                    format!("/attachments/{}/sha256", i + 2),
                    format!("The file {name} has not been received: attach it again"),
                )
            })
            .collect();
        assert_eq!(errors(&missing), expected, "{place}");
        let report = body(&missing);
        assert_eq!(report["complete"], false);
        let section = report["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "attachments")
            .unwrap()
            .clone();
        assert_eq!(section["status"], "has-errors", "{place}: {section}");
        assert_eq!(section["errors"], 3);
        // No attachment may go without its file.
        let mut unnamed = s01_value();
        unnamed["attachments"][1]
            .as_object_mut()
            .unwrap()
            .remove("sha256");
        let answer = post(r.addr, "docs-key-000002", &unnamed.to_string()).await;
        assert_eq!(status(&answer), 422);
        assert!(
            errors(&answer)
                .iter()
                .any(|(p, _)| p == "/attachments/1/sha256"),
            "{answer:.400}"
        );
        // The rest arrive; the size and type the application gives must be the files'.
        for (_, bytes) in &docs[2..] {
            assert_eq!(status(&put_file(r.addr, bytes).await), 201);
        }
        let mut wrong = s01_value();
        wrong["attachments"][3]["sizeBytes"] = 1.into();
        wrong["attachments"][4]["mimeType"] = "image/png".into();
        let answer = post(r.addr, "docs-key-000003", &wrong.to_string()).await;
        assert_eq!(status(&answer), 422, "{place}");
        let sizes = docs[3].1.len();
        assert_eq!(
            errors(&answer),
            [
                (
                    "/attachments/3/sizeBytes".to_owned(),
                    format!("The file apdr-records.pdf is {sizes} bytes, not 1 bytes: attach it again")
                ),
                (
                    "/attachments/4/mimeType".to_owned(),
                    "The file consent-signed.pdf is a PDF file (application/pdf), not image/png: attach it again".to_owned()
                ),
            ],
            "{place}"
        );
        // Everything agrees: received.
        let received = post(r.addr, "docs-key-000004", s01()).await;
        assert_eq!(status(&received), 201, "{place}: {received:.400}");
        let reference = body(&received)["reference"].as_str().unwrap().to_owned();
        // --list shows the application's documents.
        let list_args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stored = r.stored_with(&list_args);
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0]["reference"], reference.as_str());
        let listed = stored[0]["documents"].as_array().unwrap();
        assert_eq!(listed.len(), 5);
        for ((name, bytes), d) in docs.iter().zip(listed) {
            assert_eq!(
                d,
                &serde_json::json!({
                    "filename": name,
                    "type": s01_value()["attachments"].as_array().unwrap().iter()
                        .find(|a| a["filename"] == name.as_str()).unwrap()["type"],
                    "sizeBytes": bytes.len(),
                    "sha256": &sha256_hex(bytes)[..12],
                    "stored": true,
                }),
                "{place}"
            );
        }
        // What is stored is, byte for byte, what was sent.
        for (_, bytes) in &docs {
            let sha = sha256_hex(bytes);
            let kept = if place == "directory" {
                std::fs::read(documents.join(&sha)).unwrap()
            } else {
                database_rows(&r.dir)
                    .into_iter()
                    .find(|row| row.0 == sha)
                    .and_then(|row| row.3)
                    .unwrap()
            };
            assert_eq!(&kept, bytes, "{place}");
        }
        drop(r);
        let _ = std::fs::remove_dir_all(documents);
    }
}

async fn documents_no_application_names_are_removed_when_old(backend: Backend) {
    let r = Receiver::bare_on(backend, "sweep", &["--attachments-max-age", "1s"]);
    let _ = common::put_s01_documents(r.addr).await;
    assert_eq!(status(&post(r.addr, "sweep-key-00001", s01()).await), 201);
    let unnamed = fixture_file("plan.docx");
    assert_eq!(status(&put_file(r.addr, &unnamed).await), 201);
    // Removed while the receiver runs, once older than a second.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let rows = database_rows(&r.dir);
    assert_eq!(rows.len(), 5, "only S01's documents are left");
    assert!(rows.iter().all(|row| row.0 != sha256_hex(&unnamed)));
    assert_eq!(
        status(&put_file(r.addr, &unnamed).await),
        201,
        "received afresh"
    );
    // And at start: a receiver started later on the same database removes it.
    let dir = r.stop();
    // Ages are counted in whole seconds: more than two have passed.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let r = Receiver::bare_on(backend, "sweep", &["--attachments-max-age", "1h"]);
    assert_eq!(database_rows(&dir).len(), 6, "one hour: nothing is old yet");
    r.stop();
    let r = Receiver::bare_on(backend, "sweep", &["--attachments-max-age", "1s"]);
    let rows = database_rows(&r.dir);
    assert_eq!(rows.len(), 5);
    for (_, bytes) in s01_documents() {
        assert_eq!(
            status(&put_file(r.addr, &bytes).await),
            200,
            "named by S01: kept"
        );
    }
}

async fn what_a_crash_left_in_the_directory_is_removed_at_start(backend: Backend) {
    let documents =
        std::env::temp_dir().join(format!("sen-crash-docs-{backend:?}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&documents);
    std::fs::create_dir_all(&documents).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let leave = |name: &str, when: std::time::SystemTime| {
        let f = std::fs::File::create(documents.join(name)).unwrap();
        f.set_modified(when).unwrap();
    };
    // Renamed into place but not recorded, an upload cut off, and a file of the operator's.
    let orphan = "d".repeat(64);
    leave(&orphan, an_hour_ago);
    leave(".upload-0123456789abcdef.part", an_hour_ago);
    leave(".upload-fresh.part", std::time::SystemTime::now());
    leave("README.txt", an_hour_ago);
    let dir = documents.to_str().unwrap().to_owned();
    let r = Receiver::bare_on(
        backend,
        "crash",
        &[
            "--attachments-dir",
            &dir,
            "--attachments-max-age",
            "1m",
            "--read-timeout",
            "1",
        ],
    );
    assert_eq!(files_in(&documents), [".upload-fresh.part", "README.txt"]);
    drop(r);
    let _ = std::fs::remove_dir_all(documents);
}

#[test]
fn nonsense_ages_are_refused_at_start() {
    for age in [
        "0s",
        "7",
        "3651d",
        "-1d",
        "d",
        "1w",
        "99999999999999999999d",
    ] {
        let out = std::process::Command::new(common::RECEIVER)
            .args(["--attachments-max-age", age, "--database", ":memory:"])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{age}: {said}");
        assert!(said.contains("--attachments-max-age"), "{age}: {said}");
    }
    let out = std::process::Command::new(common::RECEIVER)
        .args(["--scan-command", " ", "--database", ":memory:"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

async fn nothing_public_tells_what_is_stored(backend: Backend) {
    let r = Receiver::bare_on(backend, "no-peeking", &[]);
    let report = fixture_file("report.pdf");
    let sha = sha256_hex(&report);
    assert_eq!(status(&put_file(r.addr, &report).await), 201);
    let unknown = "b".repeat(64);
    for method in ["GET", "HEAD", "DELETE"] {
        let ask = |hash: &str| {
            format!("{method} /attachments/{hash} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        };
        let stored = exchange(r.addr, ask(&sha).as_bytes()).await;
        let other = exchange(r.addr, ask(&unknown).as_bytes()).await;
        assert_eq!(status(&stored), 405, "{method}: {stored:.300}");
        assert_eq!(
            stored, other,
            "{method}: the same answer for a stored file and another"
        );
    }
    // Knowing the hash alone, the answer to a PUT of other bytes is the same as for any hash.
    let guess = put(r.addr, &sha, "", b"not the report").await;
    let other = put(r.addr, &unknown, "", b"not the report").await;
    assert_eq!(status(&guess), 422);
    assert_eq!(body(&guess), body(&other));
}

async fn cross_origin_pages_may_put_with_their_headers(backend: Backend) {
    let r = Receiver::bare_on(
        backend,
        "cors",
        &[
            "--allow-origin",
            "https://council.example",
            "--allow-header",
            "X-CSRF-Token",
        ],
    );
    let preflight = |origin: &str| {
        format!(
            "OPTIONS /attachments/{} HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type, x-csrf-token\r\nConnection: close\r\n\r\n",
            "c".repeat(64)
        )
    };
    let allowed = exchange(r.addr, preflight("https://council.example").as_bytes()).await;
    assert_eq!(status(&allowed), 200, "{allowed:.400}");
    assert_eq!(
        header(&allowed, "access-control-allow-origin"),
        Some("https://council.example")
    );
    assert!(lists(&allowed, "access-control-allow-methods", "put"));
    assert!(lists(
        &allowed,
        "access-control-allow-headers",
        "content-type"
    ));
    assert!(lists(
        &allowed,
        "access-control-allow-headers",
        "x-csrf-token"
    ));
    // The upload itself: allowed, and the wait of a 503 readable by the page.
    let report = fixture_file("report.pdf");
    let mut request = format!(
        "PUT /attachments/{} HTTP/1.1\r\nHost: x\r\nOrigin: https://council.example\r\nContent-Type: application/pdf\r\nX-CSRF-Token: t\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        sha256_hex(&report),
        report.len()
    )
    .into_bytes();
    request.extend_from_slice(&report);
    let stored = exchange(r.addr, &request).await;
    assert_eq!(status(&stored), 201, "{stored:.400}");
    assert!(lists(
        &stored,
        "access-control-allow-origin",
        "https://council.example"
    ));
    assert!(lists(
        &stored,
        "access-control-expose-headers",
        "retry-after"
    ));
    let other = exchange(r.addr, preflight("https://elsewhere.example").as_bytes()).await;
    assert_eq!(
        header(&other, "access-control-allow-origin"),
        None,
        "{other:.400}"
    );
}

async fn text_is_csv_by_its_name(backend: Backend) {
    let csv_only = profile_file("csv-council", serde_json::json!({"allowedTypes": ["CSV"]}));
    let r = Receiver::bare_on(backend, "csv", &["--profile-file", &csv_only]);
    let rows = fixture_file("rows.csv");
    let sha = sha256_hex(&rows);
    let named = put(r.addr, &sha, "?profile=csv-council&name=rows.csv", &rows).await;
    assert_eq!(status(&named), 201, "{named:.300}");
    assert_eq!(body(&named)["mimeType"], "text/csv");
    // Without a name, text is taken as the text kind the profile accepts.
    let unnamed = put(r.addr, &sha, "?profile=csv-council", &rows).await;
    assert_eq!(status(&unnamed), 200, "{unnamed:.300}");
    assert_eq!(body(&unnamed)["kind"], "CSV");
    let notes = fixture_file("notes.txt");
    let txt = put(
        r.addr,
        &sha256_hex(&notes),
        "?profile=csv-council&name=notes.txt",
        &notes,
    )
    .await;
    assert_eq!(status(&txt), 415, "{txt:.300}");
    assert_eq!(
        body(&txt)["error"]["message"],
        "The selected file must be a CSV"
    );
}

/// The receiver's peak resident memory (VmHWM), in bytes.
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

async fn a_100_mb_upload_is_received_in_bounded_memory(backend: Backend) {
    const SIZE: usize = 100 * 1024 * 1024;
    const CHUNK: usize = 256 * 1024;
    let large = profile_file(
        "large-files",
        serde_json::json!({"maxBytes": 200 * 1024 * 1024}),
    );
    let r = Receiver::bare_on(
        backend,
        "large",
        &["--profile-file", &large, "--read-timeout", "600"],
    );
    let before = peak_memory(r.child.id());
    // A PDF of 100 MB, made chunk by chunk, hashed as it is made.
    let chunk_at = |i: usize| -> Vec<u8> {
        let mut c = vec![b'0' + (i % 10) as u8; CHUNK];
        if i == 0 {
            c[..9].copy_from_slice(b"%PDF-1.7\n");
        }
        c
    };
    let count = SIZE / CHUNK;
    let mut hash = <sha2::Sha256 as sha2::Digest>::new();
    for i in 0..count {
        sha2::Digest::update(&mut hash, chunk_at(i));
    }
    let sha = sen_core::files::stored::hex(&sha2::Digest::finalize(hash));
    let started = Instant::now();
    let send = || async {
        let mut stream = TcpStream::connect(r.addr).await.unwrap();
        let head = format!(
            "PUT /attachments/{sha}?profile=large-files HTTP/1.1\r\nHost: x\r\nContent-Length: {SIZE}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        for i in 0..count {
            stream.write_all(&chunk_at(i)).await.unwrap();
        }
        read_answer(&mut stream).await
    };
    let answer = send().await;
    let took = started.elapsed();
    assert_eq!(status(&answer), 201, "{answer:.300}");
    // Sent again (a retry, or another application's): the stored bytes are neither read nor
    // rewritten to say so.
    let again = send().await;
    assert_eq!(status(&again), 200, "{again:.300}");
    assert_eq!(body(&answer)["sizeBytes"], SIZE);
    let peak = peak_memory(r.child.id());
    println!(
        "100 MB upload: {:.1} s, receiver peak RSS {:.1} MB after it and once more (at start {:.1} MB)",
        took.as_secs_f64(),
        peak as f64 / 1e6,
        before as f64 / 1e6
    );
    assert!(peak < 40 * 1000 * 1000, "peak RSS {peak} bytes");
    let rows = database_rows(&r.dir);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1 as usize, SIZE);
    assert!(uploads_left(&r.dir).is_empty());
}

on_both!(
    a_document_is_stored_once_and_sent_again_safely,
    each_refusal_has_its_status_and_the_core_s_words,
    over_the_limit_is_refused_without_reading_it_all,
    a_slow_upload_gets_408_and_a_full_house_503,
    a_document_that_keeps_coming_is_received_past_the_read_deadline_and_a_trickle_is_cut_off,
    concurrent_uploads_of_one_file_store_it_once,
    the_scanner_keeps_an_infected_file_out_and_a_broken_one_asks_to_wait,
    an_application_is_received_only_with_its_documents_as_it_describes_them,
    documents_no_application_names_are_removed_when_old,
    nothing_public_tells_what_is_stored,
    cross_origin_pages_may_put_with_their_headers,
    text_is_csv_by_its_name,
    a_100_mb_upload_is_received_in_bounded_memory,
    what_a_crash_left_in_the_directory_is_removed_at_start,
);
