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
             [--today YYYY-MM-DD] [--serve-axe-core]
sen-receiver --list [--database PATH]

  --listen ADDR          where to listen (default 127.0.0.1:8080)
  --database PATH        the SQLite file (default sen-receiver.sqlite3; :memory: keeps nothing)
  --allow-origin ORIGIN  let pages from ORIGIN post applications (CORS); repeatable
  --allow-header NAME    let those pages send header NAME too (e.g. X-CSRF-Token); repeatable
  --static DIR           serve DIR/www and DIR/pkg (the demo pages and the built widget);
                         default: the current directory when it has www/ and pkg/
  --max-body-bytes N     largest application accepted (default 2097152)
  --read-timeout SECONDS time a client has to send a request's headers, and then its body
                         (default 30, at most 86400): a late body gets 408, late headers a
                         closed connection
  --max-concurrent N     applications handled at once (default 64); more get 503 with
                         Retry-After: 1
  --today YYYY-MM-DD     the date the rules count from (default: today), to replay dated scenarios
  --serve-axe-core       also serve DIR/node_modules/axe-core (for the browser tests only)
  --list                 print the stored applications as JSON and exit";

struct Args {
    listen: String,
    database: String,
    config: Config,
    today: Option<String>,
    list: bool,
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
    if args.list {
        let apps: Vec<serde_json::Value> = match store.applications() {
            Ok(a) => a
                .into_iter()
                .map(|a| {
                    serde_json::json!({
                        "reference": a.reference,
                        "receivedAt": a.received_at,
                        "profile": a.profile,
                        "idempotencyKey": a.idempotency_key,
                        "bodySha256": a.body_sha256,
                        "application": serde_json::from_str::<serde_json::Value>(&a.body)
                            .unwrap_or(serde_json::Value::String(a.body)),
                    })
                })
                .collect(),
            Err(e) => {
                complain!("sen-receiver: cannot read {}: {e}", args.database);
                std::process::exit(1);
            }
        };
        say!("{}", serde_json::Value::Array(apps));
        return;
    }
    let state = AppState::new(
        store,
        Arc::new(std::time::SystemTime::now),
        args.today.clone(),
    );
    let app = router(state, &args.config);
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
