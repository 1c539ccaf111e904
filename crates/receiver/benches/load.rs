//! Load test on loopback: the real `sen-receiver` binary, 20 concurrent clients sending 2,000
//! distinct complete applications over HTTP/1.1, a share of them sent again with the same key
//! (a repeat after the answer, a response lost by the client closing the connection before
//! reading it, two sends racing). Run four ways: on a SQLite file; on PostgreSQL with one
//! instance; on PostgreSQL with two instances, the clients alternating between them and the
//! racing sends going one to each; and the same with the first instance killed (`kill -9`)
//! a third of the way through, its clients going on with the other. Afterwards the database
//! must hold each application exactly once, with the reference its client was given; after
//! the kill, every application acknowledged is sent again to the survivor and must be answered
//! with its reference. PostgreSQL is a throwaway cluster the bench starts (as the tests do,
//! `tests/common/postgres.rs`), syncing to disk as SQLite does.
//!
//! `cargo bench -p sen-receiver --bench load` (SEN_LOAD_CLIENTS, SEN_LOAD_SUBMISSIONS to change
//! the size, SEN_LOAD_RUNS to choose among sqlite, postgres, postgres-2, postgres-kill). Prints
//! a Markdown table for BENCHMARKS.md; exits 1 if anything was lost, duplicated, altered or
//! refused.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[path = "../tests/common/postgres.rs"]
mod postgres;

const RECEIVER: &str = env!("CARGO_BIN_EXE_sen-receiver");

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One HTTP/1.1 request on a fresh connection. `read`: wait for the answer (else close at
/// once: the answer is lost). Returns the status and body, and the time it took.
async fn exchange(
    addr: SocketAddr,
    request: &[u8],
    read: bool,
) -> Result<(u16, String, Duration), String> {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    stream.write_all(request).await.map_err(|e| e.to_string())?;
    if !read {
        drop(stream);
        return Ok((0, String::new(), started.elapsed()));
    }
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .await
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&raw);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in {text:.80}"))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body, started.elapsed()))
}

/// One POST of an application (see `exchange`).
async fn post(
    addr: SocketAddr,
    key: &str,
    body: &str,
    read: bool,
) -> Result<(u16, String, Duration), String> {
    let request = format!(
        "POST /applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    exchange(addr, request.as_bytes(), read).await
}

/// One `PUT /attachments/{sha256}` of a document: its status.
async fn put_document(addr: SocketAddr, sha256: &str, bytes: &[u8]) -> Result<u16, String> {
    let mut request = format!(
        "PUT /attachments/{sha256} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bytes.len()
    )
    .into_bytes();
    request.extend_from_slice(bytes);
    exchange(addr, &request, true)
        .await
        .map(|(status, _, _)| status)
}

fn reference(body: &str) -> Option<String> {
    serde_json::from_str::<Value>(body)
        .ok()?
        .get("reference")?
        .as_str()
        .map(str::to_owned)
}

/// Sends until a receiver answers 201 (a 409 means the same key is still in flight, a lost
/// answer means try again), as the widget does, starting with `addrs[first]` and going on to
/// the next instance when one does not answer at all (a load balancer's part). Returns the
/// reference.
async fn until_stored(
    addrs: &[SocketAddr],
    first: usize,
    key: &str,
    body: &str,
    latencies: &Mutex<Vec<Duration>>,
    requests: &Mutex<BTreeMap<u16, usize>>,
) -> Result<String, String> {
    let mut at = first;
    for _ in 0..200 {
        let addr = *addrs.get(at % addrs.len().max(1)).ok_or("no receiver")?;
        let (status, reply, took) = match post(addr, key, body, true).await {
            Ok(answer) => answer,
            // No answer (the instance is gone): 0 in the table, and the next instance.
            Err(_) => (0, String::new(), Duration::ZERO),
        };
        *requests
            .lock()
            .map_err(|e| e.to_string())?
            .entry(status)
            .or_default() += 1;
        match status {
            201 => {
                latencies.lock().map_err(|e| e.to_string())?.push(took);
                return reference(&reply)
                    .ok_or_else(|| format!("201 without a reference: {reply}"));
            }
            0 => at += 1,
            409 | 503 => {
                latencies.lock().map_err(|e| e.to_string())?.push(took);
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            other => return Err(format!("{key}: HTTP {other}: {reply}")),
        }
    }
    Err(format!("{key}: never stored"))
}

/// How a run is set up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Sqlite,
    Postgres,
    TwoInstances,
    OneKilled,
}

impl Run {
    fn name(self) -> &'static str {
        match self {
            Run::Sqlite => "sqlite",
            Run::Postgres => "postgres",
            Run::TwoInstances => "postgres-2",
            Run::OneKilled => "postgres-kill",
        }
    }

    fn described(self) -> &'static str {
        match self {
            Run::Sqlite => "SQLite, one instance",
            Run::Postgres => "PostgreSQL, one instance",
            Run::TwoInstances => "PostgreSQL, two instances",
            Run::OneKilled => {
                "PostgreSQL, two instances, one killed (`kill -9`) a third of the way"
            }
        }
    }
}

/// Starts a receiver on `database`; the process and its address.
fn start_receiver(database: &str) -> (Child, SocketAddr) {
    let mut child = Command::new(RECEIVER)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--database",
            database,
            "--today",
            "2025-04-30",
            // A line per request would be 5,000 lines per run in the output.
            "--log-level",
            "warn",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot start {RECEIVER}: {e}")));
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let Some(addr) = line
        .split("http://")
        .nth(1)
        .and_then(|a| a.split('/').next())
        .and_then(|a| a.parse::<SocketAddr>().ok())
    else {
        let _ = child.kill();
        fail(&format!("no address in {line:?}"))
    };
    (child, addr)
}

/// S01 with the documents it names sent first to `addr`, and named by their hashes and sizes.
async fn s01_with_documents(addr: SocketAddr) -> Value {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/scenarios/S01-complete-valid.json"
    );
    let mut s01: Value = std::fs::read_to_string(fixture)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| fail("cannot read the S01 fixture"));
    let documents = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/files/s01/"
    );
    if let Some(list) = s01.get_mut("attachments").and_then(Value::as_array_mut) {
        for a in list {
            let name = a["filename"].as_str().unwrap_or_default().to_owned();
            let bytes = std::fs::read(format!("{documents}{name}"))
                .unwrap_or_else(|e| fail(&format!("cannot read {name}: {e}")));
            let sha256 = sen_receiver::http::sha256_hex(&bytes);
            match put_document(addr, &sha256, &bytes).await {
                Ok(201) => {}
                other => fail(&format!("{name} was not stored: {other:?}")),
            }
            a["sha256"] = sha256.into();
            a["sizeBytes"] = bytes.len().into();
        }
    }
    s01
}

#[tokio::main]
async fn main() {
    let clients = env_number("SEN_LOAD_CLIENTS", 20).max(1);
    let submissions = env_number("SEN_LOAD_SUBMISSIONS", 2000).max(1);
    let chosen = std::env::var("SEN_LOAD_RUNS")
        .unwrap_or_else(|_| "sqlite,postgres,postgres-2,postgres-kill".to_owned());
    let runs: Vec<Run> = [
        Run::Sqlite,
        Run::Postgres,
        Run::TwoInstances,
        Run::OneKilled,
    ]
    .into_iter()
    .filter(|r| chosen.split(',').any(|c| c.trim() == r.name()))
    .collect();
    if runs.iter().any(|r| *r != Run::Sqlite) {
        postgres::durable();
    }
    println!("| receiver | clients | applications | sent again with the same key | requests answered (status×count; 0: no answer) | wall time | applications/s | latency p50 / p95 / p99 | stored | lost | duplicated |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut failed = false;
    for run in runs {
        let problems = load(run, clients, submissions).await;
        for p in problems.iter().take(20) {
            eprintln!("load ({}): {p}", run.name());
        }
        failed |= !problems.is_empty();
    }
    if failed {
        std::process::exit(1);
    }
}

/// One run: prints its row; what went wrong, if anything.
async fn load(run: Run, clients: usize, submissions: usize) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("sen-load-{}-{}", run.name(), std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let database = match run {
        Run::Sqlite => dir
            .join("applications.sqlite3")
            .to_string_lossy()
            .to_string(),
        _ => postgres::database(),
    };
    let instances = if matches!(run, Run::TwoInstances | Run::OneKilled) {
        2
    } else {
        1
    };
    let mut children = Vec::new();
    let mut addrs = Vec::new();
    for _ in 0..instances {
        let (child, addr) = start_receiver(&database);
        children.push(child);
        addrs.push(addr);
    }
    let Some(&first_addr) = addrs.first() else {
        return vec!["no receiver".to_owned()];
    };
    let s01 = s01_with_documents(first_addr).await;
    let addrs = Arc::new(addrs);
    // The instance killed partway, when the run kills one.
    let victim = Arc::new(Mutex::new(match run {
        Run::OneKilled => children.first_mut().map(|c| c.id()),
        _ => None,
    }));

    let latencies = Arc::new(Mutex::new(Vec::new()));
    let requests = Arc::new(Mutex::new(BTreeMap::<u16, usize>::new()));
    let given = Arc::new(Mutex::new(BTreeMap::<String, (String, Value)>::new()));
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let next = Arc::new(Mutex::new(0usize));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (latencies, requests, given, errors, next, s01, addrs, victim) = (
            latencies.clone(),
            requests.clone(),
            given.clone(),
            errors.clone(),
            next.clone(),
            s01.clone(),
            addrs.clone(),
            victim.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let n = {
                    let Ok(mut g) = next.lock() else { return };
                    if *g >= submissions {
                        return;
                    }
                    *g += 1;
                    *g - 1
                };
                if n == submissions / 3 {
                    // A third of the way: the first instance is killed, requests in flight.
                    if let Some(pid) = victim.lock().ok().and_then(|mut v| v.take()) {
                        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                    }
                }
                let mut doc = s01.clone();
                if let Some(a) = doc.pointer_mut("/child/address") {
                    *a = Value::from(format!("{n} Example Street, Stockton-on-Tees"));
                }
                let body = doc.to_string();
                let key = format!("load-{n:05}-{}", uuid::Uuid::new_v4());
                // The instances take turns; a retry goes to the same one unless it is gone.
                let at = n % addrs.len().max(1);
                let send =
                    |first: usize| until_stored(&addrs, first, &key, &body, &latencies, &requests);
                let outcome = match n % 20 {
                    // Sent again after the answer (the client did not trust it): a replay.
                    13..=15 => match send(at).await {
                        Ok(first) => send(at + 1).await.and_then(|again| {
                            (again == first)
                                .then_some(first)
                                .ok_or_else(|| format!("{key}: the replay gave another reference"))
                        }),
                        Err(e) => Err(e),
                    },
                    // The answer is lost (the client hangs up), then it tries again.
                    16 | 17 => {
                        let lost = addrs.get(at).copied();
                        if let Some(addr) = lost {
                            let _ = post(addr, &key, &body, false).await;
                        }
                        send(at).await
                    }
                    // Two sends of the same key race (a double click on two tabs, say), one
                    // to each instance when there are two.
                    18 | 19 => {
                        let (a, b) = tokio::join!(send(at), send(at + 1));
                        match (a, b) {
                            (Ok(a), Ok(b)) if a == b => Ok(a),
                            (Ok(a), Ok(b)) => Err(format!("{key}: two references {a} and {b}")),
                            (Err(e), _) | (_, Err(e)) => Err(e),
                        }
                    }
                    _ => send(at).await,
                };
                match outcome {
                    Ok(reference) => {
                        if let Ok(mut g) = given.lock() {
                            g.insert(key, (reference, doc));
                        }
                    }
                    Err(e) => {
                        if let Ok(mut es) = errors.lock() {
                            es.push(e);
                        }
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    let mut problems: Vec<String> = errors.lock().map(|e| e.clone()).unwrap_or_default();
    let given = given.lock().map(|g| g.clone()).unwrap_or_default();

    if run == Run::OneKilled {
        // Every application acknowledged, sent again to the survivor: its reference.
        let survivor = addrs.get(1..).unwrap_or_default().to_vec();
        let (replays, statuses) = (Mutex::new(Vec::new()), Mutex::new(BTreeMap::new()));
        for (key, (reference, doc)) in &given {
            match until_stored(&survivor, 0, key, &doc.to_string(), &replays, &statuses).await {
                Ok(again) if again == *reference => {}
                Ok(again) => problems.push(format!(
                    "{key}: {reference} at first, {again} after the kill"
                )),
                Err(e) => problems.push(e),
            }
        }
        let replayed = statuses
            .lock()
            .map(|s| s.get(&201).copied().unwrap_or(0))
            .unwrap_or(0);
        if replayed != given.len() {
            problems.push(format!(
                "{replayed} of {} replayed by the survivor",
                given.len()
            ));
        }
    }
    for c in &mut children {
        let _ = c.kill();
        let _ = c.wait();
    }

    // What the database holds.
    let listed = Command::new(RECEIVER)
        .args(["--list", "--database", &database])
        .output()
        .unwrap_or_else(|e| fail(&format!("--list: {e}")));
    let stored: Vec<Value> = serde_json::from_slice(&listed.stdout)
        .unwrap_or_else(|e| fail(&format!("--list output: {e}")));
    let _ = std::fs::remove_dir_all(&dir);

    let mut keys = BTreeSet::new();
    let mut references = BTreeSet::new();
    for app in &stored {
        let key = app["idempotencyKey"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let reference = app["reference"].as_str().unwrap_or_default().to_owned();
        if !keys.insert(key.clone()) {
            problems.push(format!("{key} stored twice"));
        }
        if !references.insert(reference.clone()) {
            problems.push(format!("reference {reference} given twice"));
        }
        match given.get(&key) {
            Some((r, doc)) if *r == reference && app["application"] == *doc => {}
            Some(_) => problems.push(format!("{key}: stored with another reference or body")),
            None => problems.push(format!("{key}: stored but its client was not told")),
        }
    }
    let lost = given.keys().filter(|k| !keys.contains(*k)).count();
    let duplicated = stored.len().saturating_sub(keys.len());

    let mut l = latencies.lock().map(|l| l.clone()).unwrap_or_default();
    l.sort();
    let pct = |p: usize| {
        l.get((l.len().saturating_sub(1)) * p / 100)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    let repeated = (0..submissions).filter(|n| n % 20 >= 13).count();
    let statuses = requests
        .lock()
        .map(|r| {
            r.iter()
                .map(|(s, n)| format!("{s}×{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    println!(
        "| {} | {clients} | {submissions} | {repeated} | {statuses} | {:.2} s | {:.0} | {:.1} / {:.1} / {:.1} ms | {} | {lost} | {duplicated} |",
        run.described(),
        elapsed.as_secs_f64(),
        submissions as f64 / elapsed.as_secs_f64(),
        pct(50),
        pct(95),
        pct(99),
        stored.len(),
    );
    if stored.len() != submissions {
        problems.push(format!("{} stored, {submissions} sent", stored.len()));
    }
    if lost > 0 || duplicated > 0 {
        problems.push(format!("{lost} lost, {duplicated} duplicated"));
    }
    problems
}

fn fail(message: &str) -> ! {
    eprintln!("load: {message}");
    std::process::exit(1)
}
