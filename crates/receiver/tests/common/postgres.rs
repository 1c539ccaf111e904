//! A throwaway PostgreSQL cluster for the receiver's tests and load test: Debian's
//! `postgresql` package (`initdb`, `postgres`, `pg_ctl` from `/usr/lib/postgresql/N/bin`, or
//! the directory `SEN_POSTGRES_BIN` names), a cluster in a new temporary directory, listening
//! only on 127.0.0.1 at a free port with trust authentication there (and on its Unix socket in
//! that directory). The server refuses to run as root, so as root it runs as the `postgres`
//! system user, which is given the directory; otherwise as the current user.
//!
//! A small shell supervisor starts it and waits on its standard input, which only this
//! process holds: when this process ends, however it ends (tests passed, a panic, a kill),
//! the supervisor stops the server and removes the directory. One cluster per process,
//! started on first use; each test takes a database of its own (`database`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Creates the cluster in `$1` on port `$2` with the binaries in `$3` (`fsync` `$4`), prints
/// `ready` once it accepts connections, and stops it and removes `$1` when its input ends.
const SUPERVISOR: &str = r#"
dir="$1"; port="$2"; bin="$3"; fsync="$4"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir" || exit 1
  run() { runuser -u postgres -- "$@"; }
else
  run() { "$@"; }
fi
cleanup() { run "$bin/pg_ctl" -D "$dir/data" stop -m fast -w >/dev/null 2>&1; rm -rf "$dir"; }
if ! run "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1
fi
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
if ! run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=$fsync -c max_connections=500" >/dev/null 2>&1; then
  cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1
fi
echo ready
read -r _ || true
cleanup
"#;

/// A running cluster.
pub struct Cluster {
    pub port: u16,
    pub dir: PathBuf,
    /// Its standard input is held open for as long as this process lives.
    _supervisor: Child,
}

/// Where the server's programs are: `SEN_POSTGRES_BIN`, else the newest
/// `/usr/lib/postgresql/N/bin` with an `initdb`.
fn binaries() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("SEN_POSTGRES_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or_else(|| {
        "no PostgreSQL server programs (initdb) in /usr/lib/postgresql/*/bin and SEN_POSTGRES_BIN \
         is not set: install Debian's postgresql package (scripts/setup.sh does)"
            .to_owned()
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn start(fsync: bool) -> Result<Cluster, String> {
    let bin = binaries()?;
    let mut last = String::new();
    // A port picked free may be taken before the server binds it: another is tried.
    for attempt in 0..3 {
        let dir = std::env::temp_dir().join(format!(
            "sen-postgres-{}-{attempt}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let port = free_port();
        let mut child = Command::new("sh")
            .args(["-c", SUPERVISOR, "sh"])
            .arg(&dir)
            .arg(port.to_string())
            .arg(&bin)
            .arg(if fsync { "on" } else { "off" })
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run sh to start PostgreSQL: {e}"))?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        if line.trim() == "ready" {
            return Ok(Cluster {
                port,
                dir,
                _supervisor: child,
            });
        }
        let _ = child.kill();
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        last = String::from_utf8_lossy(&out.stderr).into_owned();
    }
    Err(format!(
        "PostgreSQL ({}) did not start: {last}",
        bin.display()
    ))
}

/// Whether the cluster, when it starts, syncs its writes to disk as a council's server would
/// (for timings); else not, which is faster and enough for tests.
static DURABLE: AtomicBool = AtomicBool::new(false);

/// Makes the cluster durable (`fsync=on`); only before its first use.
pub fn durable() {
    DURABLE.store(true, Ordering::SeqCst);
}

/// The cluster of this process, started on first use; a test that needs it fails, saying
/// why, when it cannot be started.
pub fn cluster() -> &'static Cluster {
    static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
    match CLUSTER.get_or_init(|| start(DURABLE.load(Ordering::SeqCst))) {
        Ok(c) => c,
        Err(e) => panic!("this test needs PostgreSQL, which could not be started: {e}"),
    }
}

/// The URL of a database on the cluster.
pub fn url(name: &str) -> String {
    format!("postgres://postgres@127.0.0.1:{}/{name}", cluster().port)
}

/// A new empty database of its own for a test: its URL.
pub fn database() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let admin = url("postgres");
    let statement = format!("CREATE DATABASE {name}");
    on_a_thread(async move {
        let started = Instant::now();
        loop {
            match tokio_postgres::connect(&admin, tokio_postgres::NoTls).await {
                Ok((client, connection)) => {
                    tokio::spawn(connection);
                    client.batch_execute(&statement).await.unwrap();
                    return;
                }
                Err(e) if started.elapsed() > Duration::from_secs(30) => {
                    panic!("cannot connect to the test cluster: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    });
    url(&name)
}

/// Runs SQL on a database and returns the rows (for checks on what is stored).
pub fn query(url: &str, sql: &str) -> Vec<tokio_postgres::Row> {
    let (url, sql) = (url.to_owned(), sql.to_owned());
    on_a_thread(async move {
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        client.query(&sql, &[]).await.unwrap()
    })
}

/// Runs `work` to its end on a thread and runtime of its own, so that it may be called from
/// async tests and plain ones alike.
fn on_a_thread<T: Send + 'static>(
    work: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work)
    })
    .join()
    .unwrap()
}
