//! What the receiver's tests share: scenario S01 with the documents it names (the files of
//! `tests/fixtures/files/s01/`, their SHA-256 and sizes set in its attachments, whatever the
//! fixture itself carries), a database holding those documents, and raw HTTP requests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::OnceLock;

use sen_receiver::Store;

pub mod postgres;
pub mod webhook;

/// The database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates, for each `async fn NAME(backend: Backend)` named, a module `NAME` with a test
/// for each backend (`NAME::sqlite`, `NAME::postgres`).
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::common::Backend::Postgres).await
            }
        }
    )*};
}

/// A new empty database: in memory, or a PostgreSQL database of the test's own.
pub async fn empty_store(backend: Backend) -> Store {
    match backend {
        Backend::Sqlite => Store::sqlite(":memory:").unwrap(),
        Backend::Postgres => Store::open(&postgres::database()).await.unwrap(),
    }
}

pub const RECEIVER: &str = env!("CARGO_BIN_EXE_sen-receiver");
pub const REPOSITORY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
pub const S01_FIXTURE: &str =
    include_str!("../../../../tests/fixtures/scenarios/S01-complete-valid.json");
/// 2025-04-30T10:00:00Z: the day the scenarios are dated for, in seconds since 1970.
pub const SCENARIO_DAY: u64 = 1_746_007_200;

pub fn repository() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn fixture_file(name: &str) -> Vec<u8> {
    let path = repository().join("tests/fixtures/files").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The documents S01 names, in its order: (file name, bytes).
pub fn s01_documents() -> Vec<(String, Vec<u8>)> {
    let app: serde_json::Value = serde_json::from_str(S01_FIXTURE).unwrap();
    app["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let name = a["filename"].as_str().unwrap().to_owned();
            let bytes = fixture_file(&format!("s01/{name}"));
            (name, bytes)
        })
        .collect()
}

/// S01 as JSON with each attachment's `sha256` and `sizeBytes` those of its file.
pub fn s01_value() -> serde_json::Value {
    let mut app: serde_json::Value = serde_json::from_str(S01_FIXTURE).unwrap();
    let documents = s01_documents();
    for (a, (_, bytes)) in app["attachments"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(&documents)
    {
        a["sha256"] = sen_receiver::http::sha256_hex(bytes).into();
        a["sizeBytes"] = bytes.len().into();
    }
    app
}

/// S01 with its documents' hashes and sizes: complete once the documents are stored.
pub fn s01() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| serde_json::to_string_pretty(&s01_value()).unwrap())
}

/// A new database holding S01's documents.
pub async fn store_with_s01_documents(backend: Backend) -> Store {
    let store = empty_store(backend).await;
    for (name, bytes) in s01_documents() {
        store
            .add_document_bytes(&name, &bytes, SCENARIO_DAY as i64)
            .await
            .unwrap();
    }
    store
}

/// A `PUT /attachments/{sha256}{query}` request's bytes, closing the connection after it.
pub fn put_request(sha256: &str, query: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "PUT /attachments/{sha256}{query} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// The status of an answer.
pub fn status(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:.300}"))
}

/// POSTs an application under `key` on a new connection and reads the whole answer.
pub async fn post(addr: SocketAddr, key: &str, application: &str) -> String {
    let request = format!(
        "POST /applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{application}",
        application.len()
    );
    exchange(addr, request.as_bytes()).await
}

/// Sends a request on a new connection and reads the whole answer: what arrived before the
/// connection ended, nothing if it could not be made (a receiver gone).
pub async fn exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return String::new();
    };
    // A receiver may answer and close before it has read everything: its answer is read.
    let _ = stream.write_all(request).await;
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out).await;
    String::from_utf8_lossy(&out).into_owned()
}

/// PUTs S01's documents to a receiver on loopback; each answer's status line.
pub async fn put_s01_documents(addr: std::net::SocketAddr) -> Vec<String> {
    let mut statuses = Vec::new();
    for (_, bytes) in s01_documents() {
        let sha = sen_receiver::http::sha256_hex(&bytes);
        let answer = exchange(addr, &put_request(&sha, "", &bytes)).await;
        statuses.push(answer.lines().next().unwrap_or_default().to_owned());
    }
    statuses
}

/// Sends a request on a new connection and reads the whole answer, blocking.
pub fn exchange_blocking(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The address a receiver process says it listens on (its first line), and its standard
/// output, to keep open.
pub fn listening_address(child: &mut Child) -> (SocketAddr, BufReader<ChildStdout>) {
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|a| a.split('/').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (addr, stdout)
}

/// A receiver process with its own database (and directory), killed when dropped.
pub struct Receiver {
    pub child: Child,
    pub addr: SocketAddr,
    pub dir: PathBuf,
    /// Its `--database`: a SQLite file in `dir`, or a PostgreSQL URL.
    pub database: String,
    /// Kept open: the receiver may print more lines.
    _stdout: BufReader<ChildStdout>,
}

impl Receiver {
    /// A receiver for the scenarios' day holding S01's documents, so that S01 is received.
    pub fn start(name: &str, args: &[&str]) -> Receiver {
        Receiver::start_on(Backend::Sqlite, name, args)
    }

    /// `start` on a backend.
    pub fn start_on(backend: Backend, name: &str, args: &[&str]) -> Receiver {
        let r = Receiver::bare_on(backend, name, args);
        for (_, bytes) in s01_documents() {
            let sha = sen_receiver::http::sha256_hex(&bytes);
            let answer = exchange_blocking(r.addr, &put_request(&sha, "", &bytes));
            assert!(answer.starts_with("HTTP/1.1 201"), "{answer:.300}");
        }
        r
    }

    /// A receiver for the scenarios' day with nothing stored (its directory kept from an
    /// earlier one of the same name, if any).
    pub fn bare(name: &str, args: &[&str]) -> Receiver {
        Receiver::bare_on(Backend::Sqlite, name, args)
    }

    /// `bare` on a backend: with PostgreSQL, a database of its own, kept for a later receiver
    /// of the same name as the directory is.
    pub fn bare_on(backend: Backend, name: &str, args: &[&str]) -> Receiver {
        let dir = std::env::temp_dir().join(format!(
            "sen-receiver-{name}-{backend:?}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let database = match backend {
            Backend::Sqlite => dir
                .join("applications.sqlite3")
                .to_str()
                .unwrap()
                .to_owned(),
            Backend::Postgres => {
                let file = dir.join("database-url");
                std::fs::read_to_string(&file).unwrap_or_else(|_| {
                    let url = postgres::database();
                    std::fs::write(&file, &url).unwrap();
                    url
                })
            }
        };
        Receiver::on_database(dir, database, args)
    }

    /// A receiver on a database another may share (several instances on one PostgreSQL).
    pub fn on_database(dir: PathBuf, database: String, args: &[&str]) -> Receiver {
        std::fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(RECEIVER)
            .args(["--listen", "127.0.0.1:0", "--today", "2025-04-30"])
            .arg("--database")
            .arg(&database)
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let (addr, stdout) = listening_address(&mut child);
        Receiver {
            child,
            addr,
            dir,
            database,
            _stdout: stdout,
        }
    }

    /// The stored applications (`sen-receiver --list`, with `args` besides the database).
    pub fn stored_with(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let out = Command::new(RECEIVER)
            .arg("--list")
            .arg("--database")
            .arg(&self.database)
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// The stored applications (`sen-receiver --list`).
    pub fn stored(&self) -> Vec<serde_json::Value> {
        self.stored_with(&[])
    }

    /// Stops the process and keeps its directory (to start another on the same database).
    pub fn stop(mut self) -> PathBuf {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::take(&mut self.dir)
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.dir.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
