//! The checks on one file and on the set of files an application carries, with messages in the
//! words of the GOV.UK file upload pattern.

use super::sniff::{is_password_protected_pdf, sniff};
use crate::codes::FileKind;
use crate::profile::AttachmentPolicy;
use crate::report::Severity;

/// A problem with a file: an error keeps it out; a warning lets it in with a word of caution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub severity: Severity,
    pub message: String,
}

impl FileProblem {
    fn error(message: String) -> FileProblem {
        FileProblem {
            severity: Severity::Error,
            message,
        }
    }
}

const MIB: u64 = 1024 * 1024;

/// A size limit as people read it: "10MB", or "512KB" below a megabyte or between whole ones.
pub fn megabytes(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{}MB", bytes / MIB)
    } else {
        format!("{}KB", bytes.div_ceil(1024))
    }
}

/// "a PDF", "a PDF or DOCX", "a PDF, DOCX or JPG".
fn kinds_list(kinds: &[FileKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    let list = match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    };
    format!("a {list}")
}

/// Checks one file's bytes against the council's policy: its kind (from the bytes) and the
/// problems found, errors first. `name` only tells a CSV file from a text file.
pub fn check_file(
    name: &str,
    bytes: &[u8],
    policy: &AttachmentPolicy,
) -> (Option<FileKind>, Vec<FileProblem>) {
    if bytes.is_empty() {
        return (
            None,
            vec![FileProblem::error("The selected file is empty".to_owned())],
        );
    }
    let mut problems = Vec::new();
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > policy.max_bytes {
        problems.push(FileProblem::error(format!(
            "The selected file must be smaller than {}",
            megabytes(policy.max_bytes)
        )));
    }
    let kind = sniff(bytes, name);
    match kind {
        Some(k) if policy.allowed_types.contains(&k) => {
            if k == FileKind::Pdf && is_password_protected_pdf(bytes) {
                problems.push(FileProblem {
                    severity: Severity::Warning,
                    message: "The selected PDF is protected with a password, so the panel may not be able to open it. Remove the password and attach it again".to_owned(),
                });
            }
        }
        _ => problems.push(FileProblem::error(format!(
            "The selected file must be {}",
            kinds_list(&policy.allowed_types)
        ))),
    }
    (kind, problems)
}

/// Checks the set of files an application carries, as (name, SHA-256) in the order they were
/// attached: a file attached again (the same bytes) and files past the council's number. Each
/// problem is given with the position of the file it is about.
pub fn check_set(files: &[(&str, &str)], policy: &AttachmentPolicy) -> Vec<(usize, FileProblem)> {
    let mut out = Vec::new();
    for (i, (_, hash)) in files.iter().enumerate() {
        let earlier = files
            .iter()
            .take(i)
            .find(|(_, h)| !h.is_empty() && h.eq_ignore_ascii_case(hash));
        if let Some((first, _)) = earlier {
            out.push((
                i,
                FileProblem::error(format!(
                    "The selected file is the same as {first}, which is already attached"
                )),
            ));
        }
        let position = u64::try_from(i).unwrap_or(u64::MAX);
        if position >= policy.max_files {
            out.push((
                i,
                FileProblem::error(format!("You can attach up to {} files", policy.max_files)),
            ));
        }
    }
    out
}
