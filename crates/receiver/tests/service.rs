//! The receiver run like a service, through the real binary: every setting from its
//! environment variable (the flag wins; a refused value is exit 2 with the flag's words), logs
//! in both formats that never hold a child's data, `/readyz` following the database, and a
//! SIGTERM that lets the requests in flight finish (within `--shutdown-grace`) and exits 0.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::{BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use common::{exchange_blocking, listening_address, put_request, s01, s01_documents, RECEIVER};

/// A receiver process whose standard error (its log) goes to a file, killed when dropped.
struct Service {
    child: Child,
    addr: SocketAddr,
    dir: PathBuf,
    _stdout: BufReader<ChildStdout>,
}

impl Service {
    /// Started with `args` and the environment `env` (and nothing else of the environment
    /// that names a setting), for the scenarios' day, with its own database.
    fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> Service {
        let dir = std::env::temp_dir().join(format!("sen-service-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut command = Command::new(RECEIVER);
        for (k, _) in std::env::vars() {
            if k.starts_with("SEN_RECEIVER_") {
                command.env_remove(k);
            }
        }
        let log = std::fs::File::create(dir.join("log.txt")).unwrap();
        let mut child = command
            .args(args)
            .envs(env.iter().copied())
            .env("SEN_RECEIVER_LISTEN", "127.0.0.1:0")
            .env("SEN_RECEIVER_TODAY", "2025-04-30")
            .env("SEN_RECEIVER_DATABASE", dir.join("applications.sqlite3"))
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let (addr, stdout) = listening_address(&mut child);
        Service {
            child,
            addr,
            dir,
            _stdout: stdout,
        }
    }

    fn database(&self) -> PathBuf {
        self.dir.join("applications.sqlite3")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("log.txt")).unwrap()
    }

    fn terminate(&self) {
        self.signal("TERM");
    }

    /// Sends the process `SIG{name}`.
    fn signal(&self, name: &str) {
        // The shell's own `kill`: no package beyond the shell is needed.
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -{name} {}", self.child.id()))
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits at most `limit` for the process to end; its exit code.
    fn wait_exit(&mut self, limit: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the receiver did not stop within {limit:?}");
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn post(body: &str, key: &str, query: &str) -> Vec<u8> {
    format!(
        "POST /applications{query} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes()
}

fn status_of(answer: &str) -> &str {
    answer.get(9..12).unwrap_or_default()
}

fn body_of(answer: &str) -> &str {
    answer.split("\r\n\r\n").nth(1).unwrap_or_default()
}

/// PUTs S01's documents, each with its profile and its name in the query.
fn put_documents(addr: SocketAddr) {
    for (name, bytes) in s01_documents() {
        let sha = sen_receiver::http::sha256_hex(&bytes);
        let query = format!("?profile=stockton-one-point&name={name}");
        let answer = exchange_blocking(addr, &put_request(&sha, &query, &bytes));
        assert_eq!(status_of(&answer), "201", "{answer:.300}");
    }
}

#[test]
fn settings_come_from_the_environment_and_the_flag_wins() {
    // --max-body-bytes from its variable: S01 is over 100 bytes.
    let service = Service::start("env", &[], &[("SEN_RECEIVER_MAX_BODY_BYTES", "100")]);
    let answer = exchange_blocking(service.addr, &post(s01(), "env-key-0001", ""));
    assert_eq!(status_of(&answer), "413", "{answer:.300}");
    // The database is the variable's: the receiver made it.
    assert!(service.database().is_file());
    drop(service);
    // The flag wins over the variable.
    let service = Service::start(
        "env-flag",
        &["--max-body-bytes", "2097152"],
        &[("SEN_RECEIVER_MAX_BODY_BYTES", "100")],
    );
    put_documents(service.addr);
    let answer = exchange_blocking(service.addr, &post(s01(), "env-key-0002", ""));
    assert_eq!(status_of(&answer), "201", "{answer:.300}");
}

#[test]
fn a_refused_variable_is_exit_2_with_the_flag_and_the_variable_named() {
    for (variable, value, flag) in [
        ("SEN_RECEIVER_READ_TIMEOUT", "0", "--read-timeout"),
        ("SEN_RECEIVER_MAX_CONCURRENT", "none", "--max-concurrent"),
        (
            "SEN_RECEIVER_ATTACHMENTS_MAX_AGE",
            "7",
            "--attachments-max-age",
        ),
        ("SEN_RECEIVER_TODAY", "2025-13-01", "--today"),
        ("SEN_RECEIVER_LOG_FORMAT", "xml", "--log-format"),
        ("SEN_RECEIVER_LOG_LEVEL", "trace", "--log-level"),
        ("SEN_RECEIVER_SHUTDOWN_GRACE", "-1", "--shutdown-grace"),
        ("SEN_RECEIVER_ALLOW_HEADER", "a b", "--allow-header"),
        (
            "SEN_RECEIVER_PROFILE_FILE",
            "/nonexistent/profile.json",
            "/nonexistent",
        ),
        (
            "SEN_RECEIVER_SERVE_AXE_CORE",
            "maybe",
            "SEN_RECEIVER_SERVE_AXE_CORE",
        ),
    ] {
        let out = Command::new(RECEIVER)
            .args(["--database", ":memory:", "--listen", "127.0.0.1:0"])
            .env(variable, value)
            .stdout(Stdio::null())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{variable}={value}: {said}");
        assert!(said.contains(flag), "{variable}={value}: {said}");
        assert!(said.contains(variable), "{variable}={value}: {said}");
    }
}

#[test]
fn help_names_each_variable() {
    let out = Command::new(RECEIVER).arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for variable in [
        "SEN_RECEIVER_LISTEN",
        "SEN_RECEIVER_DATABASE",
        "SEN_RECEIVER_ALLOW_ORIGIN",
        "SEN_RECEIVER_SCAN_COMMAND",
        "SEN_RECEIVER_LOG_FORMAT",
        "SEN_RECEIVER_SHUTDOWN_GRACE",
        "SEN_RECEIVER_SERVE_AXE_CORE",
    ] {
        assert!(help.contains(variable), "{variable}: {help}");
    }
}

#[test]
fn readme_gives_the_synopsis_of_help() {
    let out = Command::new(RECEIVER).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let synopsis = help.split("\n\n").next().unwrap();
    assert!(synopsis.lines().count() >= 7, "{synopsis}");
    let readme = include_str!("../../../README.md");
    assert!(
        readme.contains(&format!("```\n{synopsis}\n```")),
        "README's sen-receiver synopsis is not --help's:\n{synopsis}"
    );
}

/// Every text of S01 long enough to mean something (names, dates, answers, addresses).
fn s01_texts() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.len() >= 5 => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            serde_json::Value::Object(map) => map.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::from_str(s01()).unwrap(), &mut out);
    // The profile's id is the receiver's own word, not the child's.
    out.retain(|t| t != "stockton-one-point");
    out
}

/// S01 sent (documents with their names in the query, the application, the same again, an
/// incomplete one, one with data in its query), then SIGTERM: the log of it all.
fn log_of_s01(format: &str) -> String {
    // Delivered to case management too (set from the environment), the event said by
    // reference and status.
    let hook = common::webhook::Webhook::start(1, Duration::ZERO);
    let secret_dir = std::env::temp_dir().join(format!(
        "sen-service-log-secret-{format}-{}",
        std::process::id()
    ));
    let secret = common::webhook::secret_file(&secret_dir);
    let mut service = Service::start(
        &format!("log-{format}"),
        &["--log-format", format],
        &[
            ("SEN_RECEIVER_FORWARD_URL", &hook.url()),
            ("SEN_RECEIVER_FORWARD_SECRET_FILE", secret.to_str().unwrap()),
        ],
    );
    put_documents(service.addr);
    let key = "log-key-5f1c2e9a-7b44-4d1e";
    let first = exchange_blocking(service.addr, &post(s01(), key, ""));
    assert_eq!(status_of(&first), "201", "{first:.300}");
    let again = exchange_blocking(service.addr, &post(s01(), key, ""));
    assert_eq!(status_of(&again), "201");
    let mut incomplete: serde_json::Value = serde_json::from_str(s01()).unwrap();
    incomplete.as_object_mut().unwrap().remove("consents");
    let refused = exchange_blocking(
        service.addr,
        &post(
            &incomplete.to_string(),
            "log-key-incomplete-1",
            "?child=Alex+Example",
        ),
    );
    assert_eq!(status_of(&refused), "422", "{refused:.300}");
    let broken = exchange_blocking(
        service.addr,
        &post(
            &s01().replace("\"Alex\"", "\"Alex"),
            "log-key-broken-01",
            "",
        ),
    );
    assert_eq!(status_of(&broken), "400");
    let reference = serde_json::from_str::<serde_json::Value>(body_of(&first)).unwrap()
        ["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    hook.wait_for(std::slice::from_ref(&reference), Duration::from_secs(20));
    service.terminate();
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
    let log = service.log();
    for text in s01_texts().iter().map(String::as_str).chain([
        "Alex",
        "Example",
        "Sam",
        "2016-05-14",
        "Jo Patel",
        "Chris Lowe",
        key,
    ]) {
        assert!(!log.contains(text), "the log holds {text:?}:\n{log}");
    }
    // What an operator needs is there: the reference given, the route, the status, the
    // delivery refused once and then made.
    assert!(log.contains(&reference), "{log}");
    for said in ["delivery refused: trying again", "delivered"] {
        assert!(
            log.lines()
                .any(|l| l.contains(said) && l.contains(&reference)),
            "{said}: {log}"
        );
    }
    let _ = std::fs::remove_dir_all(&secret_dir);
    assert!(log.contains("/attachments/{sha256}"), "{log}");
    assert!(
        log.contains("log-key-"),
        "the key's start follows retries: {log}"
    );
    log
}

#[test]
fn the_json_log_holds_no_child_data_and_parses_line_by_line() {
    let log = log_of_s01("json");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let requests: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["message"] == "request").collect();
    // Five documents, four applications.
    assert_eq!(requests.len(), 9, "{log}");
    let posted: Vec<(u64, &str)> = requests
        .iter()
        .filter(|l| l["route"] == "/applications")
        .map(|l| {
            (
                l["status"].as_u64().unwrap(),
                l["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(posted.len(), 4);
    assert!(posted[0].1.starts_with("reference SSF-"), "{posted:?}");
    assert_eq!(posted[1], (201, posted[0].1));
    assert_eq!(posted[2].0, 422);
    assert!(posted[2].1.starts_with("report with "), "{posted:?}");
    assert_eq!(posted[3], (400, "error document"));
    for message in ["listening", "old documents removed", "stopped"] {
        assert!(
            lines.iter().any(|l| l["message"] == message),
            "{message}: {log}"
        );
    }
    assert!(lines
        .iter()
        .any(|l| l["signal"] == "SIGTERM" && l["level"] == "INFO"));
    assert!(lines
        .iter()
        .all(|l| l["timestamp"].is_string() && l["level"].is_string()));
}

#[test]
fn the_human_log_holds_no_child_data() {
    let log = log_of_s01("human");
    let requests: Vec<&str> = log.lines().filter(|l| l.contains(" request ")).collect();
    assert_eq!(requests.len(), 9, "{log}");
    assert!(requests
        .iter()
        .any(|l| l.contains("route=/applications") && l.contains("status=422")));
    assert!(log
        .lines()
        .all(|l| serde_json::from_str::<serde_json::Value>(l).is_err()));
}

#[test]
fn log_level_warn_keeps_only_what_goes_wrong() {
    let mut service = Service::start(
        "log-warn",
        &["--log-format", "json"],
        &[("SEN_RECEIVER_LOG_LEVEL", "warn")],
    );
    put_documents(service.addr);
    let answer = exchange_blocking(service.addr, &post(s01(), "warn-key-00000001", ""));
    assert_eq!(status_of(&answer), "201");
    let side = rusqlite::Connection::open(service.database()).unwrap();
    side.execute_batch("DROP TABLE applications").unwrap();
    let unready = exchange_blocking(service.addr, &get("/readyz"));
    assert_eq!(status_of(&unready), "503");
    service.terminate();
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
    let log = service.log();
    let levels: Vec<String> = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["level"].to_string())
        .collect();
    assert!(
        !levels.is_empty() && levels.iter().all(|l| l == "\"WARN\""),
        "{log}"
    );
}

#[test]
fn readyz_follows_the_database_and_healthz_the_process() {
    let service = Service::start("ready", &[], &[]);
    let ready = exchange_blocking(service.addr, &get("/readyz"));
    assert_eq!(status_of(&ready), "200", "{ready:.300}");
    assert_eq!(body_of(&ready), r#"{"status":"ready"}"#);
    // The database made unusable under the receiver.
    let side = rusqlite::Connection::open(service.database()).unwrap();
    side.execute_batch("DROP TABLE applications").unwrap();
    let unready = exchange_blocking(service.addr, &get("/readyz"));
    assert_eq!(status_of(&unready), "503", "{unready:.300}");
    assert_eq!(body_of(&unready), r#"{"status":"unavailable"}"#);
    assert!(
        unready.to_ascii_lowercase().contains("retry-after: 1"),
        "{unready}"
    );
    let health = exchange_blocking(service.addr, &get("/healthz"));
    assert_eq!(status_of(&health), "200");
}

/// Sends `request` in two parts around a SIGTERM: the answer, once the rest is sent.
fn across_sigterm(service: &Service, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(service.addr).unwrap();
    let half = request.len() / 2;
    stream.write_all(&request[..half]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    service.terminate();
    std::thread::sleep(Duration::from_millis(500));
    // No longer accepting.
    assert!(
        TcpStream::connect(service.addr).is_err(),
        "a new connection after SIGTERM"
    );
    stream.write_all(&request[half..]).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

fn stored_references(database: &Path) -> Vec<String> {
    let out = Command::new(RECEIVER)
        .arg("--list")
        .arg("--database")
        .arg(database)
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.iter()
        .map(|a| a["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_upload_in_flight_at_sigterm_is_stored_and_the_receiver_exits_0() {
    let mut service = Service::start("stop-upload", &[], &[]);
    let (_, bytes) = s01_documents().remove(0);
    let sha = sen_receiver::http::sha256_hex(&bytes);
    let answer = across_sigterm(&service, &put_request(&sha, "", &bytes));
    assert_eq!(status_of(&answer), "201", "{answer:.300}");
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn an_application_in_flight_at_sigterm_is_stored_and_the_receiver_exits_0() {
    let mut service = Service::start("stop-application", &[], &[]);
    put_documents(service.addr);
    let answer = across_sigterm(&service, &post(s01(), "stop-key-00000001", ""));
    assert_eq!(status_of(&answer), "201", "{answer:.300}");
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
    let reference = serde_json::from_str::<serde_json::Value>(body_of(&answer)).unwrap()
        ["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(stored_references(&service.database()), [reference]);
    assert!(service.log().contains("stopped"));
}

#[test]
fn a_request_that_never_ends_holds_the_shutdown_only_for_the_grace() {
    let mut service = Service::start("stop-grace", &["--shutdown-grace", "1"], &[]);
    let mut stream = TcpStream::connect(service.addr).unwrap();
    let request = post(s01(), "grace-key-0000001", "");
    stream.write_all(&request[..request.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    service.terminate();
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "{took:?}"
    );
    assert!(service
        .log()
        .contains("stopped with connections still open"));
}

#[test]
fn the_readme_unit_environment_is_taken() {
    let readme = include_str!("../../../README.md");
    let unit = readme
        .split("```ini\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has the systemd unit");
    let env: Vec<(&str, &str)> = unit
        .lines()
        .filter_map(|l| l.strip_prefix("Environment="))
        .filter_map(|l| l.split_once('='))
        .collect();
    assert!(env.len() >= 5, "{unit}");
    assert!(unit.contains("Type=exec") && unit.contains("Restart=") && unit.contains("User="));
    // Its address and database replaced (the test's own variables), its attachments directory
    // by the flag, which wins: the rest is taken as it is.
    let dir = std::env::temp_dir().join(format!("sen-service-unit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut service = Service::start("unit", &["--attachments-dir", dir.to_str().unwrap()], &env);
    assert!(dir.is_dir(), "the attachments directory from the flag");
    let ready = exchange_blocking(service.addr, &get("/readyz"));
    assert_eq!(status_of(&ready), "200");
    service.terminate();
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
    // SEN_RECEIVER_LOG_FORMAT=json from the unit.
    let log = service.log();
    assert!(
        log.lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "{log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Each `<svg …>…</svg>` of an HTML text, in order.
fn charts(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
            &html[start..end]
        })
        .collect()
}

#[test]
fn list_pack_writes_each_stored_application_s_pack() {
    let service = Service::start("pack", &[], &[]);
    put_documents(service.addr);
    let answer = exchange_blocking(service.addr, &post(s01(), "pack-key-00000001", ""));
    assert_eq!(status_of(&answer), "201", "{answer:.300}");
    let reference = serde_json::from_str::<serde_json::Value>(body_of(&answer)).unwrap()
        ["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = service.dir.join("packs");
    let out = Command::new(RECEIVER)
        .arg("--list")
        .arg("--database")
        .arg(service.database())
        .arg("--pack")
        .arg(&dir)
        .args(["--today", "2025-04-30"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The listing is printed as before.
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 1);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, [format!("{reference}.html")]);
    let pack = std::fs::read_to_string(dir.join(format!("{reference}.html"))).unwrap();
    assert!(
        pack.contains(&format!("Reference: {reference}")),
        "the page headers"
    );
    let (today, _) = sen_receiver::time::stamp(std::time::SystemTime::now());
    let sent = sen_core::date::human(sen_core::Date::parse(&today).unwrap());
    assert!(pack.contains(&sent), "sent on the day received, {sent}");
    for answer in [
        "Alex Example",
        "I like Lego and drawing.",
        "Norton",
        "sen-support-plan.pdf",
        "Jo Patel",
    ] {
        assert!(pack.contains(answer), "{answer}");
    }
    assert!(pack.contains("The checks find this application complete."));
    // The charts are those sen-check --pack draws for the same document.
    let value: serde_json::Value = serde_json::from_str(s01()).unwrap();
    let app = sen_core::wire::parse_application(s01()).unwrap();
    let profile = sen_core::profile::builtin("stockton-one-point").unwrap();
    let report =
        sen_core::rules::check(&app, &profile, sen_core::Date::parse("2025-04-30").unwrap());
    let checked =
        sen_core::pack::html::document(&sen_core::pack::Pack::new(&value, &profile, &report, None));
    let expected = charts(&checked);
    assert_eq!(expected.len(), 2, "both charts");
    assert_eq!(charts(&pack), expected);
}

#[test]
fn list_pack_refuses_a_directory_it_cannot_write() {
    let service = Service::start("pack-refused", &[], &[]);
    put_documents(service.addr);
    let answer = exchange_blocking(service.addr, &post(s01(), "pack-key-00000002", ""));
    assert_eq!(status_of(&answer), "201");
    let file = service.dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    let out = Command::new(RECEIVER)
        .arg("--list")
        .arg("--database")
        .arg(service.database())
        .arg("--pack")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot use the pack directory"));
}

#[test]
fn a_failed_start_is_a_log_line_in_the_format_asked_and_exit_1() {
    let out = Command::new(RECEIVER)
        .args(["--log-format", "json", "--listen", "127.0.0.1:0"])
        .args(["--database", "/nonexistent/directory/applications.sqlite3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = said
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert_eq!(lines[0]["level"], "ERROR");
    assert!(lines[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("cannot open the database /nonexistent/directory/applications.sqlite3"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_while_the_database_is_held_and_asks_it_once_at_a_time() {
    use tower::ServiceExt;
    let state = sen_receiver::AppState::new(
        sen_receiver::Store::sqlite(":memory:").unwrap(),
        std::sync::Arc::new(std::time::SystemTime::now),
        None,
    );
    let app = sen_receiver::router(state.clone(), &sen_receiver::Config::default());
    let ask = |app: axum::Router| async move {
        let started = Instant::now();
        let answer = app
            .oneshot(
                axum::http::Request::get("/readyz")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        (answer.status().as_u16(), started.elapsed())
    };
    assert_eq!(ask(app.clone()).await.0, 200);
    // An operator's long task holds the database for longer than the probe waits.
    let (held, release) = std::sync::mpsc::channel::<()>();
    let holder = {
        let state = state.clone();
        std::thread::spawn(move || {
            let sen_receiver::Store::Sqlite(db) = state.store() else {
                panic!("a SQLite store");
            };
            let _store = db.connection();
            held.send(()).unwrap();
            std::thread::sleep(Duration::from_secs(3));
        })
    };
    release.recv().unwrap();
    let first = tokio::spawn(ask(app.clone()));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, took) = ask(app.clone()).await;
    assert_eq!(status, 503, "the second probe while the first waits");
    assert!(
        took < Duration::from_millis(500),
        "answered at once: {took:?}"
    );
    let (status, took) = first.await.unwrap();
    assert_eq!(status, 503);
    assert!(took >= Duration::from_millis(1900), "{took:?}");
    holder.join().unwrap();
    // Ready again once the database answers (and the stuck question has ended).
    let mut status = 0;
    for _ in 0..50 {
        status = ask(app.clone()).await.0;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(status, 200);
}

#[test]
fn an_idle_connection_does_not_hold_the_stop_and_ctrl_c_stops_too() {
    let mut service = Service::start("stop-idle", &["--log-format", "json"], &[]);
    let mut idle = TcpStream::connect(service.addr).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 1024];
    let n = idle.read(&mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    // Kept alive, idle, when Ctrl+C comes: closed at once, not waited for (the grace is 30 s).
    let start = Instant::now();
    service.signal("INT");
    assert_eq!(service.wait_exit(Duration::from_secs(10)), Some(0));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        idle.read(&mut buf).unwrap_or(0),
        0,
        "the idle connection is closed"
    );
    let log = service.log();
    assert!(log.contains(r#""signal":"SIGINT""#), "{log}");
    assert!(log.contains(r#""message":"stopped""#), "{log}");
}
