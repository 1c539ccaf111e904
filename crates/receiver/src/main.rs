//! `sen-receiver [--listen ADDR] [--database PATH] [--allow-origin ORIGIN]... [--static DIR] …`
//! (`args.rs`: the flags and their environment variables), `sen-receiver --list [--pack DIR]`.

mod args;
mod keys_command;

use std::path::Path;
use std::sync::Arc;

use sen_receiver::log::shown_database;
use sen_receiver::{router, AppState, Store};

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

/// The stored applications as `--list` prints them, each with its documents: name, type,
/// size, the start of the SHA-256, and whether the file is stored.
async fn list(
    store: &Store,
    documents: &sen_receiver::documents::Documents,
) -> Result<Vec<serde_json::Value>, sen_receiver::store::StoreError> {
    let mut out = Vec::new();
    let applications = store.applications().await?;
    let deliveries = store
        .deliveries(applications.iter().map(|a| a.reference.clone()).collect())
        .await?;
    for (a, delivery) in applications.into_iter().zip(deliveries) {
        let mut named = Vec::new();
        for (d, _) in store.documents_of(&a.reference).await? {
            let found = documents.found(store, &d.sha256).await?;
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
            "delivery": sen_receiver::store::delivery::DeliveryState::json_of(delivery),
            "application": serde_json::from_str::<serde_json::Value>(&a.body)
                .unwrap_or(serde_json::Value::String(a.body)),
        }));
    }
    Ok(out)
}

/// A reference that is safe as a file name (the receiver's are `SSF-` and ten letters or
/// digits; a database changed by hand might hold anything).
fn safe_file_name(reference: &str) -> bool {
    !reference.is_empty()
        && reference
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `--list --pack DIR`: each stored application's pack as `DIR/{reference}.html`. Every pack
/// that can be written is; the others are each said, and make it fail.
async fn write_packs(
    store: &Store,
    dir: &Path,
    profiles: &[sen_core::Profile],
    today: Option<&str>,
) -> Result<(), Vec<String>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        vec![format!(
            "cannot use the pack directory {}: {e}",
            dir.display()
        )]
    })?;
    let today = today.and_then(sen_core::Date::parse);
    let applications = store
        .applications()
        .await
        .map_err(|e| vec![format!("cannot read the applications: {e}")])?;
    let mut failed = Vec::new();
    for a in &applications {
        if !safe_file_name(&a.reference) {
            failed.push(format!(
                "no pack for the reference {:?}: not a file name",
                a.reference
            ));
            continue;
        }
        let written = sen_receiver::pack::html_of(
            a,
            |id| sen_receiver::pack::profile_among(profiles, id),
            today,
        )
        .map_err(|e| format!("no pack for {}: {e}", a.reference))
        .and_then(|html| {
            let path = dir.join(format!("{}.html", a.reference));
            std::fs::write(&path, html)
                .map_err(|e| format!("cannot write the pack to {}: {e}", path.display()))
        });
        if let Err(e) = written {
            failed.push(e);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

/// `--list [--pack DIR]`: what is stored, as JSON; exit 1 if anything could not be done.
async fn run_list(args: &args::Args, store: &Store) {
    let mut ok = true;
    if let Some(dir) = &args.pack {
        if let Err(failed) =
            write_packs(store, dir, &args.config.profiles, args.today.as_deref()).await
        {
            failed.iter().for_each(|e| complain!("sen-receiver: {e}"));
            ok = false;
        }
    }
    match list(store, &args.config.documents()).await {
        Ok(apps) => say!("{}", serde_json::Value::Array(apps)),
        Err(e) => {
            complain!(
                "sen-receiver: cannot read {}: {e}",
                shown_database(&args.database)
            );
            ok = false;
        }
    }
    if !ok {
        std::process::exit(1);
    }
}

/// Ends the process with exit status 1 after saying why, as a log line once logs have begun.
fn fatal(logging: bool, message: String) -> ! {
    if logging {
        tracing::error!("{message}");
    } else {
        complain!("sen-receiver: {message}");
    }
    std::process::exit(1)
}

/// Completes on SIGTERM or Ctrl+C (SIGINT), saying which.
async fn stop_signal() -> &'static str {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => "SIGINT",
        () = terminate => "SIGTERM",
    }
}

#[tokio::main]
async fn main() {
    let args = match args::parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(a) if a.help => {
            say!("{}", args::usage());
            return;
        }
        Ok(a) => a,
        Err(e) => {
            complain!("sen-receiver: {e}\n\n{}", args::usage());
            std::process::exit(2);
        }
    };
    if args.print_openapi {
        say!("{}", sen_receiver::openapi::text().trim_end());
        return;
    }
    let logging = !args.list && args.keys.is_none();
    if logging {
        sen_receiver::log::init(args.log_format, args.log_level);
    }
    let store = Store::open(&args.database).await.unwrap_or_else(|e| {
        fatal(
            logging,
            format!(
                "cannot open the database {}: {e}",
                shown_database(&args.database)
            ),
        )
    });
    if args.list {
        run_list(&args, &store).await;
        return;
    }
    if let Some(command) = &args.keys {
        match keys_command::run(&store, command).await {
            Ok(out) => say!("{out}"),
            Err(e) => {
                complain!("sen-receiver: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let documents = args.config.documents();
    if let Some(dir) = &args.config.attachments_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            fatal(
                true,
                format!(
                    "cannot use the attachments directory {}: {e}",
                    dir.display()
                ),
            );
        }
    }
    let clock: sen_receiver::state::Clock = Arc::new(std::time::SystemTime::now);
    // Old documents no application names are removed now, then from time to time.
    let now = || sen_receiver::time::unix_seconds(std::time::SystemTime::now());
    match documents.sweep(&store, now()).await {
        Ok(removed) => tracing::info!(removed, "old documents removed"),
        Err(e) => tracing::error!(error = %e, "cannot remove old documents"),
    }
    let state = AppState::new(store, clock, args.today.clone());
    let app = router(state.clone(), &args.config);
    // Delivery to case management, when asked for: stopped after the server, a delivery in
    // flight finished within the grace.
    let (stop_delivering, stopping) = tokio::sync::watch::channel(false);
    let delivering = args.config.forward.clone().map(|forward| {
        tokio::spawn(sen_receiver::delivery::worker::run(
            state.clone(),
            forward,
            stopping,
        ))
    });
    let every = (documents.max_age / 4).clamp(
        std::time::Duration::from_secs(1),
        std::time::Duration::from_secs(60 * 60),
    );
    let sweeping = state.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            match documents.sweep(sweeping.store(), now()).await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "old documents removed"),
                Err(e) => tracing::error!(error = %e, "cannot remove old documents"),
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .unwrap_or_else(|e| fatal(true, format!("cannot listen on {}: {e}", args.listen)));
    let shown = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or(args.listen.clone());
    let database = shown_database(&args.database);
    say!("sen-receiver: listening on http://{shown}/ (database {database})");
    tracing::info!(address = %shown, database = %database, "listening");
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
    let grace = args.shutdown_grace;
    let shutdown = async move {
        let signal = stop_signal().await;
        tracing::info!(
            signal,
            grace_seconds = grace.as_secs(),
            "stopping: no new connections, finishing requests in flight"
        );
    };
    let started_stopping = std::sync::Arc::new(std::sync::OnceLock::new());
    let shutdown = {
        let started = started_stopping.clone();
        async move {
            shutdown.await;
            let _ = started.set(tokio::time::Instant::now());
            let _ = stop_delivering.send(true);
        }
    };
    let stopped = sen_receiver::serve::serve_with_grace(
        listener,
        app,
        args.config.read_timeout,
        grace,
        shutdown,
    )
    .await;
    if let Some(worker) = delivering {
        let spent = started_stopping
            .get()
            .map_or(std::time::Duration::ZERO, |at| at.elapsed());
        if tokio::time::timeout(grace.saturating_sub(spent), worker)
            .await
            .is_err()
        {
            tracing::warn!("stopped with a delivery in flight: it will be sent again");
        }
    }
    if stopped.unfinished == 0 {
        tracing::info!("stopped");
    } else {
        tracing::warn!(
            unfinished = stopped.unfinished,
            "stopped with connections still open after the shutdown grace"
        );
    }
}
