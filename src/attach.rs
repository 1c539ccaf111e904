//! Documents attached, pure: the attachments endpoint beside the applications', what the
//! upload asks for (the kinds and size the profile allows, in words and as `accept`), a file's
//! size as people read it, a type guessed from the file's name, each file's upload state and
//! what it says, and when progress is worth announcing. The browser's side is `files.rs`,
//! `drafts/file_store.rs` and `upload.rs`; this is tested natively.

use sen_core::codes::{AttachmentType, FileKind};
use sen_core::profile::AttachmentPolicy;
use sen_core::text::Catalogue;

/// The attachments list in the document.
pub const LIST: &str = "/attachments";

/// The attachments endpoint when the host names none: beside the applications endpoint
/// (`…/api/applications` → `…/api/attachments`; any other endpoint gets `/attachments`
/// appended). A query or fragment on the endpoint is not carried over.
pub fn default_endpoint(applications: &str) -> String {
    let base = applications
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    match base.rsplit_once('/') {
        Some((parent, "applications")) => format!("{parent}/attachments"),
        None if base == "applications" => "attachments".to_owned(),
        _ => format!("{base}/attachments"),
    }
}

/// Where one file is PUT: `{endpoint}/{sha256}?profile={id}` (the profile id percent-encoded).
pub fn upload_url(endpoint: &str, sha256: &str, profile: &str) -> String {
    let mut id = String::new();
    for b in profile.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            id.push(char::from(b));
        } else {
            id.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{}/{sha256}?profile={id}", endpoint.trim_end_matches('/'))
}

/// "a PDF, DOCX or JPG": the kinds allowed, as the core names them.
fn kinds_in_words(kinds: &[FileKind], texts: &Catalogue) -> String {
    let names: Vec<String> = kinds.iter().map(|k| k.label().to_owned()).collect();
    texts.or_list(&names)
}

/// The upload's hint: the kinds and size allowed, and how many files.
pub fn hint(policy: &AttachmentPolicy, texts: &Catalogue) -> String {
    texts.format(
        "widget.files.hint",
        &[
            ("kinds", &kinds_in_words(&policy.allowed_types, texts)),
            ("size", &sen_core::files::megabytes(policy.max_bytes)),
            ("n", &policy.max_files),
        ],
    )
}

/// The input's `accept`: the names' endings and media types of the kinds allowed. Photos'
/// media types let a phone offer its camera.
pub fn accept(kinds: &[FileKind]) -> String {
    kinds
        .iter()
        .map(|k| match k {
            FileKind::Pdf => ".pdf,application/pdf",
            FileKind::Docx => ".docx",
            FileKind::Xlsx => ".xlsx",
            FileKind::Odt => ".odt",
            FileKind::Doc => ".doc",
            FileKind::Jpeg => ".jpg,.jpeg,image/jpeg",
            FileKind::Png => ".png,image/png",
            FileKind::Heic => ".heic,image/heic",
            FileKind::Txt => ".txt,text/plain",
            FileKind::Csv => ".csv,text/csv",
            FileKind::Rtf => ".rtf",
        })
        .collect::<Vec<_>>()
        .join(",")
}

const MIB: u64 = 1024 * 1024;

/// A file's size as people read it: "1.2MB", "10MB", "612KB" (a part of a kilobyte counts as
/// one).
pub fn size_text(bytes: u64) -> String {
    if bytes >= MIB {
        let tenths = bytes.saturating_mul(10).saturating_add(MIB / 2) / MIB;
        if tenths.is_multiple_of(10) {
            format!("{}MB", tenths / 10)
        } else {
            format!("{}.{}MB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{}KB", bytes.div_ceil(1024).max(1))
    }
}

/// The type of document a file's name says it is, where it says so clearly: words of the
/// name (split at anything not a letter or digit) matched against the code list's names.
pub fn guess_type(filename: &str) -> Option<AttachmentType> {
    let stem = filename
        .rsplit_once('.')
        .map_or(filename, |(s, _)| s)
        .to_ascii_lowercase();
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let has_pair = |a: &str, b: &str| words.windows(2).any(|p| p == [a, b]);
    use AttachmentType as T;
    let guess = if has("consent") || has("signature") || has("signed") {
        T::ConsentSignature
    } else if has("pep") || has_pair("education", "plan") {
        T::Pep
    } else if has("eha") || has_pair("early", "help") {
        T::Eha
    } else if has_pair("risk", "assessment") {
        T::RiskAssessment
    } else if has_pair("provision", "map") || has("cpm") {
        T::ProvisionMap
    } else if has_pair("support", "plan") || has("passport") {
        T::SenSupportPlan
    } else if has("apdr") {
        T::ApdrRecord
    } else if has("timetable") {
        T::SupportTimetable
    } else if has_pair("pupil", "voice") || has_pair("one", "page") {
        T::PupilVoice
    } else if has_pair("parent", "views") || has_pair("parents", "views") {
        T::ParentViews
    } else if has("quote") || has("quotation") {
        T::Quote
    } else if has("report") {
        T::ProfessionalReport
    } else if has("assessment") || has("scores") || has("tracking") {
        T::AssessmentData
    } else {
        return None;
    };
    Some(guess)
}

/// Where one attached file's upload has got to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upload {
    /// Not started yet (another file is being sent, or the bytes are being read back).
    Waiting,
    /// Being sent: the percentage sent so far.
    Sending(u8),
    /// Not stored yet: trying again in this many seconds.
    Retrying(u64),
    /// The council's system has it.
    Stored,
    /// The council's system could not be reached: "Try again".
    Failed,
    /// The council's system refused it (too large, a kind not allowed, a virus, …): its words.
    Refused(String),
    /// Its bytes are not on this device (a file of answers loaded here, a draft from another
    /// tab, or not kept, and the page was reloaded). It was uploaded as soon as it was attached
    /// wherever that was, so the council's system may have it: sending is not held for it, and
    /// the council's system says if it is missing (its 422 is shown at the file).
    Lost,
}

/// What a file's upload state says, in the list of files.
pub fn status_text(upload: &Upload, texts: &Catalogue) -> String {
    match upload {
        Upload::Waiting => texts.get("widget.upload.waiting").to_owned(),
        Upload::Sending(p) => texts.format("widget.upload.sending", &[("percent", p)]),
        Upload::Retrying(s) => texts.plural(
            i64::try_from(*s).unwrap_or(i64::MAX),
            "widget.upload.retrying",
        ),
        Upload::Stored => texts.get("widget.upload.stored").to_owned(),
        Upload::Failed => texts.get("widget.upload.failed").to_owned(),
        Upload::Refused(why) => why.clone(),
        Upload::Lost => texts.get("widget.upload.lost").to_owned(),
    }
}

/// The percentage of `sent` of `total` bytes (100 only when all are sent).
pub fn percent(sent: f64, total: f64) -> u8 {
    if total.is_nan() || total <= 0.0 || !sent.is_finite() {
        return 0;
    }
    let p = (sent / total * 100.0).floor().clamp(0.0, 100.0);
    if p >= 100.0 && sent < total {
        99
    } else {
        p as u8
    }
}

/// Progress worth saying aloud: each quarter as it is passed (25, 50, 75, 100), not every
/// event.
pub fn announce_step(before: u8, now: u8) -> Option<u8> {
    [100u8, 75, 50, 25]
        .into_iter()
        .find(|step| before < *step && now >= *step)
}

/// "Waiting for 2 files to finish uploading".
pub fn waiting_text(texts: &sen_core::text::Catalogue, files: usize) -> String {
    let n = i64::try_from(files).unwrap_or(i64::MAX);
    texts.plural(n, "widget.files.waiting")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attachments_endpoint_is_beside_the_applications_one() {
        assert_eq!(default_endpoint("/api/applications"), "/api/attachments");
        assert_eq!(default_endpoint("/applications"), "/attachments");
        assert_eq!(default_endpoint("applications"), "attachments");
        assert_eq!(
            default_endpoint("https://council.example/api/applications/?x=1"),
            "https://council.example/api/attachments"
        );
        assert_eq!(default_endpoint("/submit"), "/submit/attachments");
        assert_eq!(default_endpoint(""), "/attachments");
        assert_eq!(
            upload_url("/attachments/", "ab", "stockton one/point"),
            "/attachments/ab?profile=stockton%20one%2Fpoint"
        );
    }

    #[test]
    fn the_hint_and_accept_follow_the_policy() {
        let policy = AttachmentPolicy {
            max_bytes: 5 * 1024 * 1024,
            max_files: 3,
            allowed_types: vec![FileKind::Pdf, FileKind::Docx, FileKind::Jpeg],
            ..AttachmentPolicy::default()
        };
        assert_eq!(
            hint(&policy, &sen_core::text::Catalogue::english()),
            "Each file must be a PDF, DOCX or JPG and smaller than 5MB. You can attach up to 3 files."
        );
        assert_eq!(
            accept(&policy.allowed_types),
            ".pdf,application/pdf,.docx,.jpg,.jpeg,image/jpeg"
        );
        assert!(accept(FileKind::ALL).contains("image/heic"));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(0), "1KB");
        assert_eq!(size_text(612), "1KB");
        assert_eq!(size_text(1025), "2KB");
        assert_eq!(size_text(1_258_291), "1.2MB");
        assert_eq!(size_text(10 * MIB), "10MB");
        assert_eq!(size_text(10 * MIB - 1), "10MB");
        assert!(size_text(u64::MAX).ends_with("MB"));
    }

    #[test]
    fn types_are_guessed_only_where_the_name_is_clear() {
        use AttachmentType as T;
        for (name, t) in [
            ("sen-support-plan.pdf", Some(T::SenSupportPlan)),
            ("costed-provision-map.pdf", Some(T::ProvisionMap)),
            ("ep-report.pdf", Some(T::ProfessionalReport)),
            ("apdr-records.pdf", Some(T::ApdrRecord)),
            ("consent-signed.pdf", Some(T::ConsentSignature)),
            ("Alex PEP 2025.docx", Some(T::Pep)),
            ("risk_assessment.pdf", Some(T::RiskAssessment)),
            ("EHA.pdf", Some(T::Eha)),
            ("reading-assessment.xlsx", Some(T::AssessmentData)),
            ("photo.jpg", None),
            ("pepper.pdf", None),
            ("reporting", None),
        ] {
            assert_eq!(guess_type(name), t, "{name}");
        }
    }

    #[test]
    fn progress_is_announced_at_quarters() {
        assert_eq!(percent(0.0, 0.0), 0);
        assert_eq!(percent(50.0, 100.0), 50);
        assert_eq!(percent(999.0, 1000.0), 99);
        assert_eq!(percent(1000.0, 1000.0), 100);
        assert_eq!(percent(f64::NAN, 10.0), 0);
        assert_eq!(announce_step(0, 10), None);
        assert_eq!(announce_step(10, 30), Some(25));
        assert_eq!(announce_step(30, 80), Some(75));
        assert_eq!(announce_step(80, 100), Some(100));
        assert_eq!(announce_step(100, 100), None);
        assert_eq!(
            waiting_text(&sen_core::text::Catalogue::english(), 1),
            "Waiting for 1 file to finish uploading"
        );
        assert_eq!(
            waiting_text(&sen_core::text::Catalogue::english(), 2),
            "Waiting for 2 files to finish uploading"
        );
        assert_eq!(
            status_text(&Upload::Sending(45), &sen_core::text::Catalogue::english()),
            "Uploading: 45%".to_owned()
        );
    }
}
