//! What an application says of its files (each `attachments[i]`: `sha256`, `sizeBytes`,
//! `mimeType`) compared with the files themselves, as the receiver stored them or as
//! `sen-check --attachments DIR` reads them: a file never received, bytes that are not the
//! ones described, a size or a media type that disagrees, a file the council's policy refuses.
//! The core cannot read files; the caller finds each one and says what it is ([`FoundFile`]),
//! and gets issues at JSON Pointers, in the report's own shape ([`add_to_report`]).

use super::media_type;
use super::stream::FileFacts;
use crate::model::Attachment;
use crate::profile::AttachmentPolicy;
use crate::report::{Issue, Report, SectionStatus, Severity};
use crate::sections;
use crate::spec::order;
use crate::text::Catalogue;

/// The rule the issues are reported under: a reference (to a file, by its SHA-256) that must
/// exist and agree with what it names.
pub const RULE: &str = "F-07";
/// Where the rule comes from, as the report says it.
pub const SOURCE: &str = "Data integrity (the files received)";

/// A file an attachment names, as found: its SHA-256 (lowercase hex) and what the checks found
/// in its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub sha256: String,
    pub facts: FileFacts,
}

/// Whether `text` is a SHA-256 as files are named by: 64 lowercase hexadecimal digits.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A digest as lowercase hexadecimal.
pub fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        for nibble in [b >> 4, b & 0xf] {
            let digit = DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
            out.push(char::from(digit));
        }
    }
    out
}

/// How a message names the file: its name, else its id.
fn name_of<'a>(a: &'a Attachment, texts: &'a Catalogue) -> &'a str {
    a.filename
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .or(a.id.as_deref().filter(|n| !n.trim().is_empty()))
        .unwrap_or_else(|| texts.get("file.stored.the-document"))
}

fn issue(i: usize, field: &str, severity: Severity, message: String) -> Issue {
    let pointer = format!("/attachments/{i}/{field}");
    Issue {
        rule_id: RULE.to_owned(),
        severity,
        section: sections::section_of(&pointer).to_owned(),
        pointer,
        message,
        source: SOURCE.to_owned(),
        needs_justification: false,
        justified: false,
    }
}

/// Compares each attachment with the file `find` finds for it (`None`: there is none), under
/// the council's policy. Issues, in attachment order:
/// - at `/attachments/{i}/sha256`: no file; a file whose SHA-256 is not the one given; the
///   file's own problems under the policy (empty, over the size limit, a kind not accepted,
///   a password-protected PDF as a warning), in the words the widget shows;
/// - at `/attachments/{i}/sizeBytes`: a size given that is not the file's;
/// - at `/attachments/{i}/mimeType`: a media type given that is not the one of the file's kind.
pub fn compare(
    attachments: &[Attachment],
    policy: &AttachmentPolicy,
    mut find: impl FnMut(&Attachment) -> Option<FoundFile>,
) -> Vec<Issue> {
    let texts = Catalogue::english();
    let mut out = Vec::new();
    for (i, a) in attachments.iter().enumerate() {
        let name = name_of(a, &texts);
        let Some(found) = find(a) else {
            out.push(issue(
                i,
                "sha256",
                Severity::Error,
                texts.format("file.stored.not-received", &[("name", &name)]),
            ));
            continue;
        };
        if let Some(given) = a.sha256.as_deref() {
            if !given.trim().eq_ignore_ascii_case(&found.sha256) {
                out.push(issue(
                    i,
                    "sha256",
                    Severity::Error,
                    texts.format("file.stored.other-file", &[("name", &name)]),
                ));
            }
        }
        // Text is CSV or not by the name the application gives it.
        let facts = &found.facts.named(a.filename.as_deref().unwrap_or_default());
        for p in facts.problems(policy) {
            out.push(issue(i, "sha256", p.severity, p.message));
        }
        if let Some(given) = a.size_bytes {
            if given != facts.size {
                out.push(issue(
                    i,
                    "sizeBytes",
                    Severity::Error,
                    texts.format(
                        "file.stored.size",
                        &[("name", &name), ("size", &facts.size), ("given", &given)],
                    ),
                ));
            }
        }
        if let (Some(given), Some(kind)) = (a.mime_type.as_deref(), facts.kind) {
            let media = media_type(kind);
            let essence = given.split(';').next().unwrap_or_default().trim();
            if !essence.eq_ignore_ascii_case(media) {
                out.push(issue(
                    i,
                    "mimeType",
                    Severity::Error,
                    texts.format(
                        "file.stored.type",
                        &[
                            ("name", &name),
                            ("kind", &kind.label()),
                            ("media", &media),
                            ("given", &given),
                        ],
                    ),
                ));
            }
        }
    }
    out
}

/// Adds issues to a report the rules made: counted, in their section's count and status, in
/// the report's order (by section, then field), and no longer complete if any is an error.
pub fn add_to_report(report: &mut Report, issues: Vec<Issue>) {
    if issues.is_empty() {
        return;
    }
    for i in &issues {
        let section = report.sections.iter_mut().find(|s| s.id == i.section);
        match i.severity {
            Severity::Error => {
                report.counts.errors = report.counts.errors.saturating_add(1);
                report.complete = false;
                if let Some(s) = section {
                    s.errors = s.errors.saturating_add(1);
                    s.status = SectionStatus::HasErrors;
                }
            }
            Severity::Warning => {
                report.counts.warnings = report.counts.warnings.saturating_add(1);
                if let Some(s) = section {
                    s.warnings = s.warnings.saturating_add(1);
                }
            }
            Severity::Info => {
                report.counts.infos = report.counts.infos.saturating_add(1);
                if let Some(s) = section {
                    s.infos = s.infos.saturating_add(1);
                }
            }
        }
    }
    report.issues.extend(issues);
    report
        .issues
        .sort_by_cached_key(|i| (sections::index_of(&i.section), order::owned_key(&i.pointer)));
}
