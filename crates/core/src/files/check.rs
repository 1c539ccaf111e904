//! The checks on one file and on the set of files an application carries, with messages in the
//! words of the GOV.UK file upload pattern.

use super::stream::{FileCheck, FileFacts};
use crate::codes::FileKind;
use crate::profile::AttachmentPolicy;
use crate::report::Severity;
use crate::text::Catalogue;

/// What is wrong with a file, for code (a backend's status, say); people read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// No bytes at all.
    Empty,
    /// Over the council's size limit.
    TooLarge,
    /// Not a kind of file the council accepts (or no kind a document may be).
    FileType,
    /// A PDF protected with a password (a warning).
    PasswordProtected,
    /// The same bytes as a file already attached.
    SameFile,
    /// Past the council's number of files.
    TooMany,
}

impl ProblemKind {
    /// A stable name: `empty`, `too-large`, `file-type`, `password-protected`, `same-file`,
    /// `too-many`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Empty => "empty",
            ProblemKind::TooLarge => "too-large",
            ProblemKind::FileType => "file-type",
            ProblemKind::PasswordProtected => "password-protected",
            ProblemKind::SameFile => "same-file",
            ProblemKind::TooMany => "too-many",
        }
    }
}

/// A problem with a file: an error keeps it out; a warning lets it in with a word of caution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub kind: ProblemKind,
    pub severity: Severity,
    pub message: String,
}

impl FileProblem {
    fn error(kind: ProblemKind, message: String) -> FileProblem {
        FileProblem {
            kind,
            severity: Severity::Error,
            message,
        }
    }

    /// A file over the council's size limit: "The selected file must be smaller than 10MB".
    pub fn too_large(policy: &AttachmentPolicy) -> FileProblem {
        FileProblem::too_large_in(policy, &english())
    }

    /// [`FileProblem::too_large`], worded from `texts`.
    pub fn too_large_in(policy: &AttachmentPolicy, texts: &Catalogue) -> FileProblem {
        FileProblem::error(
            ProblemKind::TooLarge,
            texts.format("file.too-large", &[("size", &megabytes(policy.max_bytes))]),
        )
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
fn kinds_list(texts: &Catalogue, kinds: &[FileKind]) -> String {
    let names: Vec<String> = kinds.iter().map(|k| k.label().to_owned()).collect();
    texts.format("grammar.a", &[("noun", &texts.or_list(&names))])
}

/// English, for the receiver and the CLI (the widget words files in the form's language).
fn english() -> Catalogue {
    Catalogue::english()
}

/// Checks one file's bytes against the council's policy: its kind (from the bytes) and the
/// problems found, errors first. `name` only tells a CSV file from a text file. The same as
/// [`FileCheck`] fed the bytes in chunks, then [`FileFacts::problems`].
pub fn check_file(
    name: &str,
    bytes: &[u8],
    policy: &AttachmentPolicy,
) -> (Option<FileKind>, Vec<FileProblem>) {
    check_file_in(name, bytes, policy, &english())
}

/// [`check_file`], its messages worded from `texts`.
pub fn check_file_in(
    name: &str,
    bytes: &[u8],
    policy: &AttachmentPolicy,
    texts: &Catalogue,
) -> (Option<FileKind>, Vec<FileProblem>) {
    let facts = FileCheck::whole(name, bytes);
    (facts.kind, facts.problems_in(policy, texts))
}

impl FileCheck {
    /// The problem once more bytes have been read than the council accepts: a reader can stop
    /// there.
    pub fn over_limit(&self, policy: &AttachmentPolicy) -> Option<FileProblem> {
        (self.size() > policy.max_bytes).then(|| FileProblem::too_large(policy))
    }
}

impl FileFacts {
    /// The problems of a file with these facts under the council's policy, errors first: an
    /// empty file (that alone), over the size limit, a kind not accepted; a password-protected
    /// PDF is a warning.
    pub fn problems(&self, policy: &AttachmentPolicy) -> Vec<FileProblem> {
        self.problems_in(policy, &english())
    }

    /// [`FileFacts::problems`], worded from `texts`.
    pub fn problems_in(&self, policy: &AttachmentPolicy, texts: &Catalogue) -> Vec<FileProblem> {
        if self.size == 0 {
            return vec![FileProblem::error(
                ProblemKind::Empty,
                texts.get("file.empty").to_owned(),
            )];
        }
        let mut problems = Vec::new();
        if self.size > policy.max_bytes {
            problems.push(FileProblem::too_large_in(policy, texts));
        }
        match self.kind {
            Some(k) if policy.allowed_types.contains(&k) => {
                if self.password_protected {
                    problems.push(FileProblem {
                        kind: ProblemKind::PasswordProtected,
                        severity: Severity::Warning,
                        message: texts.get("file.password").to_owned(),
                    });
                }
            }
            _ => problems.push(FileProblem::error(
                ProblemKind::FileType,
                texts.format(
                    "file.kind",
                    &[("kinds", &kinds_list(texts, &policy.allowed_types))],
                ),
            )),
        }
        problems
    }
}

/// Checks the set of files an application carries, as (name, SHA-256) in the order they were
/// attached: a file attached again (the same bytes) and files past the council's number. Each
/// problem is given with the position of the file it is about.
pub fn check_set(files: &[(&str, &str)], policy: &AttachmentPolicy) -> Vec<(usize, FileProblem)> {
    check_set_in(files, policy, &english())
}

/// [`check_set`], its messages worded from `texts`.
pub fn check_set_in(
    files: &[(&str, &str)],
    policy: &AttachmentPolicy,
    texts: &Catalogue,
) -> Vec<(usize, FileProblem)> {
    let mut out = Vec::new();
    for (i, (_, hash)) in files.iter().enumerate() {
        let earlier = files
            .iter()
            .take(i)
            .find(|(_, h)| !h.is_empty() && h.eq_ignore_ascii_case(hash));
        if let Some((first, _)) = earlier {
            out.push((
                i,
                FileProblem::error(
                    ProblemKind::SameFile,
                    texts.format("file.same", &[("first", first)]),
                ),
            ));
        }
        let position = u64::try_from(i).unwrap_or(u64::MAX);
        if position >= policy.max_files {
            out.push((
                i,
                FileProblem::error(
                    ProblemKind::TooMany,
                    texts.format("file.too-many", &[("max", &policy.max_files)]),
                ),
            ));
        }
    }
    out
}
