//! `sen-receiver [--listen ADDR] [--database PATH] [--allow-origin ORIGIN]... [--static DIR] …`

use std::path::PathBuf;
use std::sync::Arc;

use sen_receiver::{router, AppState, Config, Store};

/// A line on standard output. A closed pipe (the reader went away) is no reason to stop
/// receiving applications, so write errors are ignored (`println!` would panic).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// A line on standard error, likewise.
macro_rules! complain {
    ($($t:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

const USAGE: &str = "sen-receiver [--listen ADDR] [--database PATH] [--allow-origin ORIGIN]... [--allow-header NAME]...
             [--static DIR] [--max-body-bytes N] [--read-timeout SECONDS] [--max-concurrent N]
             [--attachments-dir DIR] [--attachments-max-age AGE] [--scan-command CMD]
             [--profile-file PATH]... [--today YYYY-MM-DD] [--serve-axe-core]
sen-receiver --list [--database PATH] [--attachments-dir DIR]

  --listen ADDR          where to listen (default 127.0.0.1:8080)
  --database PATH        the SQLite file (default sen-receiver.sqlite3; :memory: keeps nothing)
  --allow-origin ORIGIN  let pages from ORIGIN post applications (CORS); repeatable
  --allow-header NAME    let those pages send header NAME too (e.g. X-CSRF-Token); repeatable
  --static DIR           serve DIR/www and DIR/pkg (the demo pages and the built widget);
                         default: the current directory when it has www/ and pkg/
  --max-body-bytes N     largest application accepted (default 2097152)
  --read-timeout SECONDS time a client has to send a request's headers, and then its body
                         (default 30, at most 86400): a late body gets 408, late headers a
                         closed connection; a document's body may take longer while it keeps
                         coming (no pause this long, at least 4 KiB a second after it)
  --max-concurrent N     applications handled at once (default 64); more get 503 with
                         Retry-After: 1
  --attachments-dir DIR  keep documents as files named by their SHA-256 in DIR (created if
                         missing); default: in the database
  --attachments-max-age AGE
                         remove documents no stored application names once this old: a
                         number with s, m, h or d (default 7d, from 1s to 3650d)
  --scan-command CMD     run CMD with an upload's path as its last argument before accepting
                         it (e.g. \"clamdscan --no-summary\"): exit 0 clean, 1 infected (422),
                         else 503 with Retry-After
  --profile-file PATH    a council profile (JSON) the receiver knows by its id, besides the
                         built-in ones; repeatable
  --today YYYY-MM-DD     the date the rules count from (default: today), to replay dated scenarios
  --serve-axe-core       also serve DIR/node_modules/axe-core (for the browser tests only)
  --list                 print the stored applications and their documents as JSON and exit";

struct Args {
    listen: String,
    database: String,
    config: Config,
    today: Option<String>,
    list: bool,
}

/// An age: a whole number followed by s, m, h or d.
fn parse_age(text: &str) -> Option<std::time::Duration> {
    let unit = text.chars().last()?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 60 * 60,
        'd' => 24 * 60 * 60,
        _ => return None,
    };
    let number: u64 = text.strip_suffix(unit)?.parse().ok()?;
    Some(std::time::Duration::from_secs(number.checked_mul(seconds)?))
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        listen: "127.0.0.1:8080".to_owned(),
        database: "sen-receiver.sqlite3".to_owned(),
        config: Config::default(),
        today: None,
        list: false,
    };
    let mut static_root = None;
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--listen" => out.listen = value("--listen")?,
            "--database" => out.database = value("--database")?,
            "--allow-origin" => out.config.allow_origins.push(value("--allow-origin")?),
            "--allow-header" => {
                let h = value("--allow-header")?;
                if axum::http::HeaderName::from_bytes(h.as_bytes()).is_err() {
                    return Err(format!("--allow-header needs a header name, not {h}"));
                }
                out.config.allow_headers.push(h)
            }
            "--static" => static_root = Some(PathBuf::from(value("--static")?)),
            "--max-body-bytes" => {
                out.config.max_body_bytes = value("--max-body-bytes")?
                    .parse()
                    .map_err(|_| "--max-body-bytes needs a number".to_owned())?
            }
            "--read-timeout" => {
                let most = sen_receiver::limits::MAX_READ_TIMEOUT.as_secs();
                let seconds: u64 = value("--read-timeout")?
                    .parse()
                    .ok()
                    .filter(|s| (1..=most).contains(s))
                    .ok_or_else(|| {
                        format!("--read-timeout needs a number of seconds from 1 to {most}")
                    })?;
                out.config.read_timeout = std::time::Duration::from_secs(seconds);
            }
            "--max-concurrent" => {
                out.config.max_concurrent = value("--max-concurrent")?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| "--max-concurrent needs a number above 0".to_owned())?
            }
            "--serve-axe-core" => out.config.serve_axe_core = true,
            "--attachments-dir" => {
                out.config.attachments_dir = Some(PathBuf::from(value("--attachments-dir")?))
            }
            "--attachments-max-age" => {
                let most = sen_receiver::documents::MAX_MAX_AGE;
                let age = value("--attachments-max-age")?;
                out.config.attachments_max_age = parse_age(&age)
                    .filter(|a| !a.is_zero() && *a <= most)
                    .ok_or_else(|| {
                        format!("--attachments-max-age needs an age from 1s to 3650d (7d, 12h, 90m, 30s), not {age}")
                    })?;
            }
            "--scan-command" => {
                let command: Vec<String> = value("--scan-command")?
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect();
                if command.is_empty() {
                    return Err("--scan-command needs a command".to_owned());
                }
                out.config.scan_command = command;
            }
            "--profile-file" => {
                let path = value("--profile-file")?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read the profile {path}: {e}"))?;
                let profile = sen_core::Profile::from_json(&text)
                    .map_err(|e| format!("the profile {path} cannot be used: {e}"))?;
                out.config.profiles.push(profile);
            }
            "--today" => {
                let t = value("--today")?;
                if sen_core::Date::parse(&t).is_none() {
                    return Err(format!(
                        "--today must be a date in the form YYYY-MM-DD, not {t}"
                    ));
                }
                out.today = Some(t);
            }
            "--list" => out.list = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    out.config.static_root = static_root.or_else(|| {
        let here = PathBuf::from(".");
        (here.join("www").is_dir() && here.join("pkg").is_dir()).then_some(here)
    });
    if out.config.serve_axe_core && out.config.static_root.is_none() {
        return Err("--serve-axe-core needs --static DIR".to_owned());
    }
    // Uploads arrive beside the database (not in a temporary directory that may be in memory).
    if out.database != ":memory:" {
        out.config.upload_dir = Some(
            std::path::Path::new(&out.database)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from),
        );
    }
    Ok(out)
}

/// The stored applications as `--list` prints them, each with its documents: name, type,
/// size, the start of the SHA-256, and whether the file is stored.
fn list(
    store: &Store,
    documents: &sen_receiver::documents::Documents,
) -> rusqlite::Result<Vec<serde_json::Value>> {
    let mut out = Vec::new();
    for a in store.applications()? {
        let mut named = Vec::new();
        for (d, _) in store.documents_of(&a.reference)? {
            let found = documents.found(store, &d.sha256)?;
            named.push(serde_json::json!({
                "filename": d.filename,
                "type": d.attachment_type,
                "sizeBytes": found.as_ref().map(|f| f.size).or(d.size_bytes),
                "sha256": d.sha256.get(..12).unwrap_or(&d.sha256),
                "stored": found.is_some(),
            }));
        }
        out.push(serde_json::json!({
            "reference": a.reference,
            "receivedAt": a.received_at,
            "profile": a.profile,
            "idempotencyKey": a.idempotency_key,
            "bodySha256": a.body_sha256,
            "documents": named,
            "application": serde_json::from_str::<serde_json::Value>(&a.body)
                .unwrap_or(serde_json::Value::String(a.body)),
        }));
    }
    Ok(out)
}

#[tokio::main]
async fn main() {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            if e.is_empty() {
                say!("{USAGE}");
                std::process::exit(0);
            }
            complain!("sen-receiver: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let store = match Store::open(&args.database) {
        Ok(s) => s,
        Err(e) => {
            complain!(
                "sen-receiver: cannot open the database {}: {e}",
                args.database
            );
            std::process::exit(1);
        }
    };
    let documents = args.config.documents();
    if args.list {
        match list(&store, &documents) {
            Ok(apps) => say!("{}", serde_json::Value::Array(apps)),
            Err(e) => {
                complain!("sen-receiver: cannot read {}: {e}", args.database);
                std::process::exit(1);
            }
        }
        return;
    }
    if let Some(dir) = &args.config.attachments_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            complain!(
                "sen-receiver: cannot use the attachments directory {}: {e}",
                dir.display()
            );
            std::process::exit(1);
        }
    }
    let clock: sen_receiver::state::Clock = Arc::new(std::time::SystemTime::now);
    // Old documents no application names are removed now, then from time to time.
    let now = || sen_receiver::time::unix_seconds(std::time::SystemTime::now());
    if let Err(e) = documents.sweep(&store, now()) {
        complain!("sen-receiver: cannot remove old documents: {e}");
    }
    let state = AppState::new(store, clock, args.today.clone());
    let app = router(state.clone(), &args.config);
    let every = (documents.max_age / 4).clamp(
        std::time::Duration::from_secs(1),
        std::time::Duration::from_secs(60 * 60),
    );
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            let (state, documents) = (state.clone(), documents.clone());
            let swept = tokio::task::spawn_blocking(move || {
                documents.sweep(&state.store_for_operators(), now())
            })
            .await;
            if let Ok(Err(e)) = swept {
                complain!("sen-receiver: cannot remove old documents: {e}");
            }
        }
    });
    let listener = match tokio::net::TcpListener::bind(&args.listen).await {
        Ok(l) => l,
        Err(e) => {
            complain!("sen-receiver: cannot listen on {}: {e}", args.listen);
            std::process::exit(1);
        }
    };
    let shown = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or(args.listen.clone());
    say!(
        "sen-receiver: listening on http://{shown}/ (database {})",
        args.database
    );
    if let Some(root) = &args.config.static_root {
        say!(
            "sen-receiver: serving {}/www and {}/pkg",
            root.display(),
            root.display()
        );
        if args.config.serve_axe_core {
            say!(
                "sen-receiver: serving {}/node_modules/axe-core (for the browser tests)",
                root.display()
            );
        }
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    sen_receiver::serve(listener, app, args.config.read_timeout, shutdown).await;
}
