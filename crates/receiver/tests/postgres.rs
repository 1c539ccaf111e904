#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Several `sen-receiver` instances on one PostgreSQL, as behind a load balancer: a key sent
//! to two at once is stored once and both are told its reference; a key stored through one is
//! replayed by the other; an instance killed (`kill -9`) while applications are in flight
//! leaves none half-stored, and every retry sent to the survivor is answered with the
//! reference first given, or stores it once if no answer was given.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use common::{post, put_s01_documents, s01_value, status, Receiver};
use serde_json::Value;

/// Two receivers on one new database, in directories of their own; S01's documents sent to
/// the first (the second finds them in the database).
async fn two_instances(name: &str) -> (Receiver, Receiver) {
    let url = common::postgres::database();
    let dir =
        |n: u8| std::env::temp_dir().join(format!("sen-pg-{name}-{n}-{}", std::process::id()));
    let a = Receiver::on_database(dir(1), url.clone(), &[]);
    let b = Receiver::on_database(dir(2), url, &[]);
    for answer in put_s01_documents(a.addr).await {
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    }
    (a, b)
}

/// S01 for the `n`th application (its address says which).
fn application(n: usize) -> String {
    let mut app = s01_value();
    app["child"]["address"] = format!("{n} Example Street, Stockton-on-Tees").into();
    app.to_string()
}

fn reference(answer: &str) -> Option<String> {
    let body = answer.split_once("\r\n\r\n")?.1;
    Some(
        serde_json::from_str::<Value>(body).ok()?["reference"]
            .as_str()?
            .to_owned(),
    )
}

/// Sends until a 201 (a 409 or an answer lost: again, as the widget does); the reference.
async fn until_stored(addr: std::net::SocketAddr, key: &str, body: &str) -> String {
    for _ in 0..400 {
        let answer = post(addr, key, body).await;
        if answer.is_empty() {
            tokio::time::sleep(Duration::from_millis(25)).await;
            continue;
        }
        match status(&answer) {
            201 => return reference(&answer).unwrap(),
            409 | 503 => tokio::time::sleep(Duration::from_millis(25)).await,
            other => panic!("{key}: {other}: {answer:.300}"),
        }
    }
    panic!("{key}: never stored")
}

/// The stored applications by key: their references.
fn stored_by_key(r: &Receiver) -> BTreeMap<String, Vec<String>> {
    let mut by_key = BTreeMap::<String, Vec<String>>::new();
    for app in r.stored() {
        by_key
            .entry(app["idempotencyKey"].as_str().unwrap().to_owned())
            .or_default()
            .push(app["reference"].as_str().unwrap().to_owned());
    }
    by_key
}

#[tokio::test]
async fn a_database_that_cannot_be_reached_is_said_at_start() {
    // Nothing listens on port 1.
    let url = "postgres://postgres:secret@127.0.0.1:1/nothing";
    let out = std::process::Command::new(common::RECEIVER)
        .args(["--database", url, "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("cannot open the database postgres://127.0.0.1:1/nothing"),
        "{said}"
    );
    assert!(
        !said.contains("secret"),
        "the password is never printed: {said}"
    );
}

#[tokio::test]
async fn the_claim_of_an_instance_that_stops_answering_expires_after_its_lease() {
    use sen_receiver::store::postgres::Postgres;
    use sen_receiver::store::Store;
    let url = common::postgres::database();
    let lease = Duration::from_millis(1500);
    let hung = Store::Postgres(Postgres::open_with_lease(&url, lease).await.unwrap());
    let other = Store::Postgres(Postgres::open_with_lease(&url, lease).await.unwrap());
    // The first instance claims a key and then does nothing more (hung, its socket open).
    let held = hung.claim("lease-key-00001").await.unwrap();
    assert!(held.is_some());
    assert!(
        other.claim("lease-key-00001").await.unwrap().is_none(),
        "held meanwhile: 409"
    );
    // Past the lease the server ends the idle transaction, and the key is served elsewhere.
    tokio::time::sleep(lease + Duration::from_millis(700)).await;
    let taken = other.claim("lease-key-00001").await.unwrap();
    assert!(taken.is_some(), "the claim expired with its lease");
    // The hung instance's transaction is gone: what it would store now is refused.
    let mut held = held.unwrap();
    let session = held.session().await.unwrap();
    assert!(session.first_response("lease-key-00001").await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_key_sent_to_two_instances_at_once_is_stored_once() {
    let (a, b) = two_instances("race").await;
    let mut tasks = Vec::new();
    for n in 0..30 {
        let key = format!("race-key-{n:04}");
        let body = application(n);
        let (x, y) = (a.addr, b.addr);
        tasks.push(tokio::spawn(async move {
            let (first, second) =
                tokio::join!(until_stored(x, &key, &body), until_stored(y, &key, &body));
            assert_eq!(first, second, "{key}: both instances give one reference");
            (key, first)
        }));
    }
    let mut given = BTreeMap::new();
    for t in tasks {
        let (key, reference) = t.await.unwrap();
        given.insert(key, vec![reference]);
    }
    assert_eq!(
        stored_by_key(&a),
        given,
        "each key stored once, under its reference"
    );
    assert_eq!(stored_by_key(&b), given, "both instances read one database");
    // Stored through one, replayed by the other; another body under it refused by either.
    let (key, first) = given.iter().next().unwrap();
    let again = post(b.addr, key, &application(0)).await;
    assert_eq!(status(&again), 201, "{again:.300}");
    assert_eq!(reference(&again).as_ref(), first.first());
    let changed = post(a.addr, key, &application(99)).await;
    assert_eq!(status(&changed), 422, "{changed:.300}");
    assert!(changed.contains("\"idempotency-key\""), "{changed:.300}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_instance_killed_mid_request_leaves_nothing_half_done_and_retries_are_served() {
    let (mut a, b) = two_instances("kill").await;
    // 20 clients keep sending new applications to the first instance.
    let answered = std::sync::Arc::new(std::sync::Mutex::new(BTreeMap::new()));
    let mut clients = Vec::new();
    for c in 0..20 {
        let (addr, answered) = (a.addr, answered.clone());
        clients.push(tokio::spawn(async move {
            let mut sent = Vec::new();
            for i in 0.. {
                let n = c * 10_000 + i;
                let key = format!("kill-key-{n:06}");
                let answer = post(addr, &key, &application(n)).await;
                sent.push(key.clone());
                if answer.is_empty() {
                    return sent; // the instance is gone
                }
                if status(&answer) == 201 {
                    answered
                        .lock()
                        .unwrap()
                        .insert(key, reference(&answer).unwrap());
                }
            }
            sent
        }));
    }
    // Killed partway, while requests are in flight.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    std::process::Command::new("kill")
        .args(["-9", &a.child.id().to_string()])
        .status()
        .unwrap();
    let _ = a.child.wait();
    let mut sent = Vec::new();
    for c in clients {
        sent.extend(c.await.unwrap());
    }
    let answered = answered.lock().unwrap().clone();
    println!(
        "killed with {} applications acknowledged and {} sent",
        answered.len(),
        sent.len()
    );
    assert!(
        answered.len() > 20,
        "the instance answered some before it was killed: {}",
        answered.len()
    );
    assert!(
        sent.len() > answered.len(),
        "some were in flight when it was killed"
    );
    // What was acknowledged is stored, exactly once, under the reference given.
    let before: BTreeMap<String, Vec<String>> = stored_by_key(&b);
    for (key, reference) in &answered {
        assert_eq!(before.get(key), Some(&vec![reference.clone()]), "{key}");
    }
    // Every key is sent again, to the survivor: the acknowledged ones are replayed with their
    // reference, the others stored now; none is waiting on a claim the dead instance held.
    let started = std::time::Instant::now();
    let mut retried = BTreeMap::new();
    for key in &sent {
        let n: usize = key.trim_start_matches("kill-key-").parse().unwrap();
        let reference = until_stored(b.addr, key, &application(n)).await;
        if let Some(first) = answered.get(key) {
            assert_eq!(
                &reference, first,
                "{key}: its retry gets the first reference"
            );
        }
        retried.insert(key.clone(), vec![reference]);
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let after = stored_by_key(&b);
    assert_eq!(
        after, retried,
        "each key once, nothing half-stored, nothing else"
    );
    let keys: BTreeSet<&String> = sent.iter().collect();
    assert_eq!(keys.len(), sent.len());
}
