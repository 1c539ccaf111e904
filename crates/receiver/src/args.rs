//! The command line, and the same settings from the environment: every setting `--some-flag`
//! may be given as `SEN_RECEIVER_SOME_FLAG` instead (a systemd unit's `Environment=`, a
//! container's variables); a flag given on the command line wins over its variable. A
//! repeatable flag's variable holds a comma-separated list; a switch's variable is `1`/`true`
//! or `0`/`false`. A value from the environment is refused with the flag's own words and the
//! variable's name, exit status 2, as the flag is. `--list`, `--pack`, `--print-openapi` and `--help` say what to
//! do rather than how, and have no variable (a unit's environment must not turn a service into
//! a listing).

use std::path::PathBuf;
use std::time::Duration;

use sen_receiver::log::{LevelFilter, LogFormat};
use sen_receiver::Config;

/// What kind of value a flag takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One value; given again, the last wins.
    Value,
    /// One value each time; repeatable.
    Repeated,
    /// No value: on when given.
    Switch,
    /// A command, not a setting: no environment variable.
    Command,
    /// A command that takes a value: no environment variable.
    CommandValue,
}

/// A flag: its name, its value's placeholder and what it does (the lines of `--help`).
struct Flag {
    name: &'static str,
    kind: Kind,
    value: &'static str,
    help: &'static str,
}

/// Every flag, in the order `--help` lists them.
const FLAGS: &[Flag] = &[
    Flag { name: "--listen", kind: Kind::Value, value: "ADDR", help: "where to listen (default 127.0.0.1:8080)" },
    Flag { name: "--database", kind: Kind::Value, value: "PATH|URL", help: "the SQLite file (default sen-receiver.sqlite3; :memory: keeps nothing),\nor a PostgreSQL database, postgres://USER@HOST[:PORT]/NAME, which\nseveral receivers may share" },
    Flag { name: "--allow-origin", kind: Kind::Repeated, value: "ORIGIN", help: "let pages from ORIGIN post applications (CORS); repeatable" },
    Flag { name: "--allow-header", kind: Kind::Repeated, value: "NAME", help: "let those pages send header NAME too (e.g. X-CSRF-Token); repeatable" },
    Flag { name: "--static", kind: Kind::Value, value: "DIR", help: "serve DIR/www and DIR/pkg (the demo pages and the built widget);\ndefault: the current directory when it has www/ and pkg/" },
    Flag { name: "--max-body-bytes", kind: Kind::Value, value: "N", help: "largest application accepted (default 2097152)" },
    Flag { name: "--read-timeout", kind: Kind::Value, value: "SECONDS", help: "time a client has to send a request's headers, and then its body\n(default 30, at most 86400): a late body gets 408, late headers a\nclosed connection; a document's body may take longer while it keeps\ncoming (no pause this long, at least 4 KiB a second after it)" },
    Flag { name: "--max-concurrent", kind: Kind::Value, value: "N", help: "applications handled at once (default 64); more get 503 with\nRetry-After: 1" },
    Flag { name: "--attachments-dir", kind: Kind::Value, value: "DIR", help: "keep documents as files named by their SHA-256 in DIR (created if\nmissing); default: in the database" },
    Flag { name: "--attachments-max-age", kind: Kind::Value, value: "AGE", help: "remove documents no stored application names once this old: a\nnumber with s, m, h or d (default 7d, from 1s to 3650d)" },
    Flag { name: "--scan-command", kind: Kind::Value, value: "CMD", help: "run CMD with an upload's path as its last argument before accepting\nit (e.g. \"clamdscan --no-summary\"): exit 0 clean, 1 infected (422),\nelse 503 with Retry-After" },
    Flag { name: "--profile-file", kind: Kind::Repeated, value: "PATH", help: "a council profile (JSON) the receiver knows by its id, besides the\nbuilt-in ones; repeatable" },
    Flag { name: "--today", kind: Kind::Value, value: "YYYY-MM-DD", help: "the date the rules count from (default: today), to replay dated\nscenarios; with --list --pack, the date the packs' checks count from\n(default: the day each application was received)" },
    Flag { name: "--log-format", kind: Kind::Value, value: "FORMAT", help: "human (default: one line per event) or json (one JSON object a line),\non standard error; never a child's data" },
    Flag { name: "--log-level", kind: Kind::Value, value: "LEVEL", help: "error, warn, info (default: each request, the start and the stop) or\ndebug (also each static file served)" },
    Flag { name: "--shutdown-grace", kind: Kind::Value, value: "SECONDS", help: "on SIGTERM or Ctrl+C, how long requests in flight may take to finish\n(default 30, at most 3600) before the receiver stops anyway" },
    Flag { name: "--forward-url", kind: Kind::Value, value: "URL", help: "deliver each application stored to case management: POST it to URL\n(http://; through a TLS proxy for https) as a signed Standard Webhooks\nevent, tried again until a 2xx; needs --forward-secret-file" },
    Flag { name: "--forward-secret-file", kind: Kind::Value, value: "FILE", help: "the file holding the webhook's secret, whsec_ and the key in base64\n(never on the command line)" },
    Flag { name: "--staff-api", kind: Kind::Switch, value: "", help: "serve the staff API under /staff/ (off unless given): applications,\ntheir documents and packs, and their status, for a key made with\nsen-receiver keys create NAME" },
    Flag { name: "--serve-axe-core", kind: Kind::Switch, value: "", help: "also serve DIR/node_modules/axe-core (for the browser tests only)" },
    Flag { name: "--list", kind: Kind::Command, value: "", help: "print the stored applications and their documents as JSON and exit" },
    Flag { name: "--pack", kind: Kind::CommandValue, value: "DIR", help: "with --list: also write each stored application's evidence pack to\nDIR/REFERENCE.html (DIR created if missing)" },
    Flag { name: "--print-openapi", kind: Kind::Command, value: "", help: "print the receiver's OpenAPI 3.1 document (what GET /openapi.json answers)\nand exit" },
    Flag { name: "--help", kind: Kind::Command, value: "", help: "print this and exit" },
];

/// The variable that may give `flag`'s value: `--read-timeout` is `SEN_RECEIVER_READ_TIMEOUT`.
pub fn variable(flag: &str) -> String {
    format!(
        "SEN_RECEIVER_{}",
        flag.trim_start_matches('-')
            .to_ascii_uppercase()
            .replace('-', "_")
    )
}

fn has_variable(kind: Kind) -> bool {
    matches!(kind, Kind::Value | Kind::Repeated | Kind::Switch)
}

/// `--help`: the synopsis, then each flag with its variable and what it does.
pub fn usage() -> String {
    let mut out = String::from(
        "sen-receiver [--listen ADDR] [--database PATH] [--allow-origin ORIGIN]... [--allow-header NAME]...
             [--static DIR] [--max-body-bytes N] [--read-timeout SECONDS] [--max-concurrent N]
             [--attachments-dir DIR] [--attachments-max-age AGE] [--scan-command CMD]
             [--profile-file PATH]... [--today YYYY-MM-DD] [--log-format human|json]
             [--log-level LEVEL] [--shutdown-grace SECONDS] [--staff-api] [--serve-axe-core]
             [--forward-url URL --forward-secret-file FILE]
sen-receiver --list [--pack DIR] [--database PATH] [--attachments-dir DIR] [--profile-file PATH]...
sen-receiver keys create NAME | keys list | keys revoke NAME | keys audit [--database PATH]
sen-receiver --print-openapi

Each setting may come from the environment instead, as the variable named beside it (a
repeatable flag's as a comma-separated list, a switch's as 1 or 0); the flag wins.
",
    );
    for flag in FLAGS {
        let mut head = format!("\n  {} {}", flag.name, flag.value);
        if has_variable(flag.kind) {
            head = format!("{:<34}{}", head.trim_end(), variable(flag.name));
        }
        out.push_str(head.trim_end());
        for line in flag.help.lines() {
            out.push_str("\n      ");
            out.push_str(line);
        }
    }
    out
}

/// What the command line and the environment ask for.
pub struct Args {
    pub listen: String,
    pub database: String,
    pub config: Config,
    pub today: Option<String>,
    pub list: bool,
    /// `--list --pack DIR`: where to write the packs.
    pub pack: Option<PathBuf>,
    pub log_format: LogFormat,
    pub log_level: LevelFilter,
    pub shutdown_grace: Duration,
    /// `--help`: print `usage()` and exit 0.
    pub help: bool,
    /// `--print-openapi`: print the OpenAPI document and exit 0.
    pub print_openapi: bool,
    /// `keys …`: the staff API's keys, or its audit.
    pub keys: Option<KeysCommand>,
    /// `--forward-url`, `--forward-secret-file`: turned into `config.forward` by `finish`.
    forward_url: Option<String>,
    forward_secret_file: Option<PathBuf>,
}

/// `sen-receiver keys …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysCommand {
    /// Makes a key named so and prints it, once.
    Create(String),
    /// Prints every key's name, when it was made and when revoked.
    List,
    /// Revokes the key named so.
    Revoke(String),
    /// Prints the staff API's audit.
    Audit,
}

/// The `keys` command's words, taken from the front of the arguments.
fn keys_command(
    args: &mut std::iter::Peekable<impl Iterator<Item = String>>,
) -> Result<KeysCommand, String> {
    let action = args.next();
    let mut named = |action: &str| {
        args.next()
            .filter(|n| !n.starts_with("--"))
            .ok_or_else(|| format!("keys {action} needs a NAME"))
            .and_then(|n| {
                if sen_receiver::keys::valid_name(&n) {
                    Ok(n)
                } else {
                    Err(format!(
                        "a key's NAME is 1 to 64 letters, digits, -, _ or ., not {n}"
                    ))
                }
            })
    };
    match action.as_deref() {
        Some("create") => Ok(KeysCommand::Create(named("create")?)),
        Some("revoke") => Ok(KeysCommand::Revoke(named("revoke")?)),
        Some("list") => Ok(KeysCommand::List),
        Some("audit") => Ok(KeysCommand::Audit),
        Some(other) => Err(format!(
            "keys needs create NAME, list, revoke NAME or audit, not {other}"
        )),
        None => Err("keys needs create NAME, list, revoke NAME or audit".to_owned()),
    }
}

/// The longest `--shutdown-grace`.
const MAX_SHUTDOWN_GRACE: u64 = 60 * 60;

/// An age: a whole number followed by s, m, h or d.
fn parse_age(text: &str) -> Option<Duration> {
    let unit = text.chars().last()?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 60 * 60,
        'd' => 24 * 60 * 60,
        _ => return None,
    };
    let number: u64 = text.strip_suffix(unit)?.parse().ok()?;
    Some(Duration::from_secs(number.checked_mul(seconds)?))
}

/// A number of seconds from `least` to `most`, or the words saying so.
fn seconds(flag: &str, text: &str, least: u64, most: u64) -> Result<Duration, String> {
    text.parse()
        .ok()
        .filter(|s| (least..=most).contains(s))
        .map(Duration::from_secs)
        .ok_or_else(|| format!("{flag} needs a number of seconds from {least} to {most}"))
}

/// One flag's value taken into `out`.
fn apply(out: &mut Args, flag: &str, value: String) -> Result<(), String> {
    let config = &mut out.config;
    match flag {
        "--listen" => out.listen = value,
        "--database" => out.database = value,
        "--allow-origin" => config.allow_origins.push(value),
        "--allow-header" => {
            if axum::http::HeaderName::from_bytes(value.as_bytes()).is_err() {
                return Err(format!("--allow-header needs a header name, not {value}"));
            }
            config.allow_headers.push(value)
        }
        "--static" => config.static_root = Some(PathBuf::from(value)),
        "--max-body-bytes" => {
            config.max_body_bytes = value
                .parse()
                .map_err(|_| "--max-body-bytes needs a number".to_owned())?
        }
        "--read-timeout" => {
            let most = sen_receiver::limits::MAX_READ_TIMEOUT.as_secs();
            config.read_timeout = seconds(flag, &value, 1, most)?;
        }
        "--max-concurrent" => {
            config.max_concurrent = value
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| "--max-concurrent needs a number above 0".to_owned())?
        }
        "--serve-axe-core" => config.serve_axe_core = true,
        "--staff-api" => config.staff_api = true,
        "--forward-url" => out.forward_url = Some(value),
        "--forward-secret-file" => out.forward_secret_file = Some(PathBuf::from(value)),
        "--attachments-dir" => config.attachments_dir = Some(PathBuf::from(value)),
        "--attachments-max-age" => {
            let most = sen_receiver::documents::MAX_MAX_AGE;
            config.attachments_max_age = parse_age(&value)
                .filter(|a| !a.is_zero() && *a <= most)
                .ok_or_else(|| {
                    format!("--attachments-max-age needs an age from 1s to 3650d (7d, 12h, 90m, 30s), not {value}")
                })?;
        }
        "--scan-command" => {
            let command: Vec<String> = value.split_whitespace().map(str::to_owned).collect();
            if command.is_empty() {
                return Err("--scan-command needs a command".to_owned());
            }
            config.scan_command = command;
        }
        "--profile-file" => {
            let text = std::fs::read_to_string(&value)
                .map_err(|e| format!("cannot read the profile {value}: {e}"))?;
            let profile = sen_core::Profile::from_json(&text)
                .map_err(|e| format!("the profile {value} cannot be used: {e}"))?;
            config.profiles.push(profile);
        }
        "--today" => {
            if sen_core::Date::parse(&value).is_none() {
                return Err(format!(
                    "--today must be a date in the form YYYY-MM-DD, not {value}"
                ));
            }
            out.today = Some(value);
        }
        "--log-format" => {
            out.log_format = LogFormat::from_name(&value)
                .ok_or_else(|| format!("--log-format must be human or json, not {value}"))?
        }
        "--log-level" => {
            out.log_level = sen_receiver::log::level_from_name(&value).ok_or_else(|| {
                format!("--log-level must be error, warn, info or debug, not {value}")
            })?
        }
        "--shutdown-grace" => out.shutdown_grace = seconds(flag, &value, 0, MAX_SHUTDOWN_GRACE)?,
        "--list" => out.list = true,
        "--pack" => out.pack = Some(PathBuf::from(value)),
        "--print-openapi" => out.print_openapi = true,
        "--help" | "-h" => out.help = true,
        other => return Err(format!("unknown argument {other}")),
    }
    Ok(())
}

/// A flag's values from its variable, if it is set (and not empty).
fn from_variable(flag: &Flag, text: &str) -> Result<Vec<String>, String> {
    let text = text.trim();
    Ok(match flag.kind {
        _ if text.is_empty() => Vec::new(),
        Kind::Value => vec![text.to_owned()],
        Kind::Repeated => text
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect(),
        Kind::Switch => match text.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => vec![String::new()],
            "0" | "false" | "no" | "off" => Vec::new(),
            _ => {
                return Err(format!(
                    "{} must be 1 or 0 (true or false), not {text}",
                    variable(flag.name)
                ))
            }
        },
        Kind::Command | Kind::CommandValue => Vec::new(),
    })
}

/// The settings from the command line `args` and the environment (`env` reads a variable).
pub fn parse(
    args: impl Iterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Args, String> {
    let mut out = Args {
        listen: "127.0.0.1:8080".to_owned(),
        database: "sen-receiver.sqlite3".to_owned(),
        config: Config::default(),
        today: None,
        list: false,
        pack: None,
        log_format: LogFormat::Human,
        log_level: LevelFilter::INFO,
        shutdown_grace: Duration::from_secs(30),
        help: false,
        print_openapi: false,
        keys: None,
        forward_url: None,
        forward_secret_file: None,
    };
    let mut args = args.peekable();
    if args.peek().map(String::as_str) == Some("keys") {
        args.next();
        out.keys = Some(keys_command(&mut args)?);
    }
    // The command line first, read whole, so that the environment fills only what it leaves.
    let mut given: Vec<(&'static str, String)> = Vec::new();
    while let Some(a) = args.next() {
        let Some(flag) = FLAGS
            .iter()
            .find(|f| f.name == a || (a == "-h" && f.name == "--help"))
        else {
            return Err(format!("unknown argument {a}"));
        };
        let value = match flag.kind {
            Kind::Value | Kind::Repeated | Kind::CommandValue => args
                .next()
                .ok_or_else(|| format!("{} needs a value", flag.name))?,
            Kind::Switch | Kind::Command => String::new(),
        };
        given.push((flag.name, value));
    }
    if given.iter().any(|(name, _)| *name == "--help") {
        out.help = true;
        return Ok(out);
    }
    for flag in FLAGS.iter().filter(|f| has_variable(f.kind)) {
        if given.iter().any(|(name, _)| *name == flag.name) {
            continue;
        }
        let name = variable(flag.name);
        let Some(text) = env(&name) else { continue };
        for value in from_variable(flag, &text)? {
            apply(&mut out, flag.name, value).map_err(|e| format!("{e} (from {name})"))?;
        }
    }
    for (name, value) in given {
        apply(&mut out, name, value)?;
    }
    finish(out)
}

/// Delivery to case management, from `--forward-url` and `--forward-secret-file`: both or
/// neither.
fn forward(
    url: Option<String>,
    secret_file: Option<PathBuf>,
) -> Result<Option<sen_receiver::delivery::Forward>, String> {
    match (url, secret_file) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(
            "--forward-url needs --forward-secret-file FILE (the webhook's secret, whsec_…)"
                .to_owned(),
        ),
        (None, Some(_)) => Err("--forward-secret-file needs --forward-url".to_owned()),
        (Some(url), Some(file)) => Ok(Some(sen_receiver::delivery::Forward {
            target: sen_receiver::delivery::Target::parse(&url)?,
            secret: sen_receiver::delivery::Secret::from_file(&file)?,
        })),
    }
}

/// What follows from the settings together.
fn finish(mut out: Args) -> Result<Args, String> {
    out.config.static_root = out.config.static_root.take().or_else(|| {
        let here = PathBuf::from(".");
        (here.join("www").is_dir() && here.join("pkg").is_dir()).then_some(here)
    });
    if out.config.serve_axe_core && out.config.static_root.is_none() {
        return Err("--serve-axe-core needs --static DIR".to_owned());
    }
    if out.pack.is_some() && !out.list {
        return Err("--pack needs --list".to_owned());
    }
    // Only a receiver serving delivers (a listing or a key made under the unit's environment
    // needs no secret).
    if !out.list && out.keys.is_none() && !out.print_openapi {
        out.config.forward = forward(out.forward_url.take(), out.forward_secret_file.take())?;
    }
    // Uploads arrive beside the database (not in a temporary directory that may be in memory).
    if out.database != ":memory:" && !sen_receiver::store::is_postgres_url(&out.database) {
        out.config.upload_dir = Some(
            std::path::Path::new(&out.database)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn parse_with(args: &[&str], env: &[(&str, &str)]) -> Result<Args, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        parse(args.iter().map(|a| (*a).to_owned()), move |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn every_setting_has_a_variable_named_after_it_in_the_help() {
        let help = usage();
        for flag in FLAGS {
            let line = help
                .lines()
                .find(|l| l.trim_start().split(' ').next() == Some(flag.name))
                .unwrap_or_else(|| panic!("{} is not in --help", flag.name));
            assert_eq!(
                line.ends_with(&variable(flag.name)),
                has_variable(flag.kind),
                "{line}"
            );
        }
        assert_eq!(variable("--read-timeout"), "SEN_RECEIVER_READ_TIMEOUT");
    }

    #[test]
    fn the_environment_fills_what_the_command_line_leaves_and_the_flag_wins() {
        let env = [
            ("SEN_RECEIVER_DATABASE", "/var/lib/sen/a.sqlite3"),
            ("SEN_RECEIVER_LISTEN", "0.0.0.0:9000"),
            (
                "SEN_RECEIVER_ALLOW_ORIGIN",
                "https://a.example, https://b.example",
            ),
            ("SEN_RECEIVER_MAX_CONCURRENT", "5"),
            ("SEN_RECEIVER_LOG_FORMAT", "json"),
        ];
        let a = parse_with(&["--listen", "127.0.0.1:1"], &env).unwrap();
        assert_eq!(a.listen, "127.0.0.1:1");
        assert_eq!(a.database, "/var/lib/sen/a.sqlite3");
        assert_eq!(
            a.config.allow_origins,
            ["https://a.example", "https://b.example"]
        );
        assert_eq!(a.config.max_concurrent, 5);
        assert_eq!(a.log_format, LogFormat::Json);
        // A repeatable flag on the command line replaces its variable's list.
        let a = parse_with(&["--allow-origin", "https://c.example"], &env).unwrap();
        assert_eq!(a.config.allow_origins, ["https://c.example"]);
    }

    #[test]
    fn a_refused_variable_is_said_with_the_flag_and_its_name() {
        let e = parse_with(&[], &[("SEN_RECEIVER_READ_TIMEOUT", "ten")])
            .err()
            .unwrap();
        assert_eq!(
            e,
            "--read-timeout needs a number of seconds from 1 to 86400 (from SEN_RECEIVER_READ_TIMEOUT)"
        );
        let e = parse_with(&[], &[("SEN_RECEIVER_SERVE_AXE_CORE", "maybe")])
            .err()
            .unwrap();
        assert!(e.contains("SEN_RECEIVER_SERVE_AXE_CORE"), "{e}");
    }

    #[test]
    fn commands_have_no_variable() {
        let a = parse_with(
            &[],
            &[("SEN_RECEIVER_LIST", "1"), ("SEN_RECEIVER_PACK", "x")],
        )
        .unwrap();
        assert!(!a.list && a.pack.is_none());
        assert_eq!(
            parse_with(&["--pack", "x"], &[]).err().unwrap(),
            "--pack needs --list"
        );
        assert!(parse_with(&["--list", "--pack"], &[]).is_err());
    }

    #[test]
    fn a_switch_from_its_variable() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let on = parse_with(
            &["--static", root],
            &[("SEN_RECEIVER_SERVE_AXE_CORE", "true")],
        );
        assert!(on.unwrap().config.serve_axe_core);
        let off = parse_with(&["--static", root], &[("SEN_RECEIVER_SERVE_AXE_CORE", "0")]);
        assert!(!off.unwrap().config.serve_axe_core);
    }

    #[test]
    fn forwarding_needs_both_flags_and_only_a_receiver_serving_reads_the_secret() {
        let dir = std::env::temp_dir().join(format!("sen-args-forward-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret");
        std::fs::write(&secret, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n").unwrap();
        let file = secret.to_str().unwrap();
        let env = [
            ("SEN_RECEIVER_FORWARD_URL", "http://127.0.0.1:9000/hooks"),
            ("SEN_RECEIVER_FORWARD_SECRET_FILE", file),
        ];
        let a = parse_with(&[], &env).unwrap();
        let forward = a.config.forward.unwrap();
        assert_eq!(forward.target.shown(), "http://127.0.0.1:9000/hooks");
        assert!(!format!("{forward:?}").contains("MfKQ9r8G"));
        assert!(parse_with(&[], &env[..1]).is_err());
        assert!(parse_with(&[], &env[1..]).is_err());
        // A listing under the service's environment needs no secret, and delivers nothing.
        let missing = [
            ("SEN_RECEIVER_FORWARD_URL", "http://127.0.0.1:9000/hooks"),
            ("SEN_RECEIVER_FORWARD_SECRET_FILE", "/nonexistent/secret"),
        ];
        assert!(parse_with(&[], &missing).is_err());
        assert!(parse_with(&["--list"], &missing)
            .unwrap()
            .config
            .forward
            .is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn ages_and_grace() {
        assert_eq!(parse_age("7d"), Some(Duration::from_secs(604_800)));
        assert_eq!(parse_age("7"), None);
        let a = parse_with(&["--shutdown-grace", "0"], &[]).unwrap();
        assert_eq!(a.shutdown_grace, Duration::ZERO);
        assert!(parse_with(&["--shutdown-grace", "3601"], &[]).is_err());
    }
}
