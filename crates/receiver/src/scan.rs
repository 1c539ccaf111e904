//! The virus scanner hook (`--scan-command CMD`): CMD is run with the uploaded file's path as
//! its last argument before the file is accepted. Exit status 0: clean; 1: infected (the
//! convention of `clamdscan` and `clamscan`); anything else, a scanner that cannot be started
//! or one that takes longer than [`SCAN_TIMEOUT`]: the file cannot be checked now.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// The longest a scan may take. `clamdscan` takes well under a second for 10 MB; `clamscan`,
/// which loads its signatures each time, some tens of seconds.
pub const SCAN_TIMEOUT: Duration = Duration::from_secs(120);

/// What the scanner said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Clean,
    Infected,
    /// It could not say (not started, another exit status, too long, killed).
    Unknown,
}

/// Runs the scanner `command` (a program and its first arguments; none: no scanner, clean)
/// on the file at `path`. Its standard output is discarded; its standard error is the
/// receiver's, for the operator.
pub(crate) async fn scan(command: &[String], path: &Path) -> Verdict {
    let Some((program, args)) = command.split_first() else {
        return Verdict::Clean;
    };
    let child = tokio::process::Command::new(program)
        .args(args)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .status();
    match tokio::time::timeout(SCAN_TIMEOUT, child).await {
        Ok(Ok(status)) => match status.code() {
            Some(0) => Verdict::Clean,
            Some(1) => Verdict::Infected,
            _ => Verdict::Unknown,
        },
        Ok(Err(_)) | Err(_) => Verdict::Unknown,
    }
}
