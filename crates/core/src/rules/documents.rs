//! Documents (domain.md §1.Q, §6 mandatory attachments): the documents the council asks for
//! (D-01; a looked-after child's PEP is V-95 and a signed consent form V-40), every reference
//! to a document naming one in the list (F-07) and one of the type it should be (D-02), and
//! what each listed document says of its file: checksum (D-03), size (D-04), how many (D-05),
//! the same file twice (D-06), file type (D-07) and date (D-08).

use super::{date, has_text, human, list, lower_first, ptr, Ctx, Finding};
use crate::codes::{AttachmentType, FileKind, FundingSource, ProvisionCategory, StaffRole};
use crate::files;
use crate::model::{Application, Attachment, ProvisionRow};
use crate::profile::{RequiredDocument, RequiredWhen};

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let docs = list(ctx.app.attachments.as_ref());
    references(ctx, docs, out);
    for r in ctx.profile.required_documents() {
        required(ctx, docs, r, out);
    }
    for (i, a) in docs.iter().enumerate() {
        metadata(ctx, i, a, out);
    }
    set(ctx, docs, out);
}

/// A field that names a document by its id.
pub struct Reference<'a> {
    /// Where the reference is.
    pub pointer: String,
    /// The id it names.
    pub id: &'a str,
    /// The type the document it names should be.
    pub expected: AttachmentType,
    /// What it is, inside a sentence: "specialist 1's report".
    pub what: String,
}

/// Every reference to a document in an application (blank ones left out), in document order.
pub fn references_in<'a>(app: &'a Application) -> Vec<Reference<'a>> {
    let mut refs = Vec::new();
    let mut add = |pointer: String, id: Option<&'a String>, expected, what: String| {
        if let Some(id) = id.filter(|id| has_text(Some(id))) {
            refs.push(Reference {
                pointer,
                id,
                expected,
                what,
            });
        }
    };
    for (i, s) in list(app.specialists.as_ref()).iter().enumerate() {
        add(
            format!("{}/reportAttachmentId", ptr("/specialists", i)),
            s.report_attachment_id.as_ref(),
            AttachmentType::ProfessionalReport,
            format!("specialist {}'s report", i + 1),
        );
    }
    add(
        "/pupilVoice/attachmentId".into(),
        app.pupil_voice
            .as_ref()
            .and_then(|v| v.attachment_id.as_ref()),
        AttachmentType::PupilVoice,
        "the record of the child's views".into(),
    );
    add(
        "/parentViews/attachmentId".into(),
        app.parent_views
            .as_ref()
            .and_then(|v| v.attachment_id.as_ref()),
        AttachmentType::ParentViews,
        "the parents' views".into(),
    );
    for (i, c) in list(app.consents.as_ref()).iter().enumerate() {
        add(
            format!("{}/signatureAttachmentId", ptr("/consents", i)),
            c.signature_attachment_id.as_ref(),
            AttachmentType::ConsentSignature,
            format!("the signed form of consent {}", i + 1),
        );
    }
    refs
}

/// F-07, D-02: each reference names a listed document, of the type it should be.
fn references(ctx: &Ctx<'_>, docs: &[Attachment], out: &mut Vec<Finding>) {
    for r in references_in(ctx.app) {
        let found = ctx
            .index
            .attachment_at
            .get(r.id)
            .and_then(|&k| Some((k, docs.get(k)?)));
        let Some((k, doc)) = found else {
            out.push(Finding::new(
                "F-07",
                r.pointer,
                format!(
                    "No supporting document has the reference {}. Attach it, or correct the reference.",
                    r.id
                ),
            ));
            continue;
        };
        let Some(t) = doc.attachment_type else {
            continue;
        };
        if t != r.expected && t != AttachmentType::Other {
            out.push(Finding::new(
                "D-02",
                r.pointer,
                format!(
                    "The document chosen for {} is {}, which is attached as {}. Check the type of document, or choose another.",
                    r.what,
                    name_of(k, doc, false),
                    article_label(t)
                ),
            ));
        }
    }
}

/// The name of the listed document at `i` for messages: its file name, else its place in the
/// list ("Document 2" to begin a sentence).
fn name_of(i: usize, doc: &Attachment, start: bool) -> String {
    match doc.filename.as_ref().filter(|f| has_text(Some(f))) {
        Some(f) => f.trim().to_owned(),
        None if start => format!("Document {}", i + 1),
        None => format!("document {}", i + 1),
    }
}

/// A type of document inside a sentence, with "a" or "an": "a quote", "an early help
/// assessment".
fn article_label(t: AttachmentType) -> String {
    let label = lower_first(t.label());
    format!("{} {label}", super::article(&label))
}

/// A document the council asks for, as it stands inside a sentence.
fn asked_for(t: AttachmentType) -> &'static str {
    match t {
        AttachmentType::SenSupportPlan => "the child's SEN support plan",
        AttachmentType::ApdrRecord => "the records of the assess, plan, do, review cycles",
        AttachmentType::ProvisionMap => "the costed provision map",
        AttachmentType::SupportTimetable => "the child's support timetable",
        AttachmentType::ProfessionalReport => "a professional's report",
        AttachmentType::AssessmentData => "the child's assessment data",
        AttachmentType::Pep => "the child's personal education plan (PEP)",
        AttachmentType::Eha => "the early help assessment",
        AttachmentType::RiskAssessment => "the risk assessment",
        AttachmentType::PupilVoice => "the record of the child's views",
        AttachmentType::ParentViews => "the parents' views",
        AttachmentType::ConsentSignature => "the signed consent form",
        AttachmentType::Quote => "a quote",
        AttachmentType::Other => "the other document",
    }
}

/// Whether a provision row buys in a service that costs something.
fn buys_service(r: &ProvisionRow) -> bool {
    let bought = r.category == Some(ProvisionCategory::SlaService)
        || r.staff_role == Some(StaffRole::ExternalSla);
    bought && r.funding_source != Some(FundingSource::FreeService)
}

/// D-01 (V-95, V-40): one document the council asks for, in the case it asks for it.
fn required(ctx: &Ctx<'_>, docs: &[Attachment], r: RequiredDocument, out: &mut Vec<Finding>) {
    let t = r.document_type;
    let listed = docs.iter().any(|a| a.attachment_type == Some(t));
    match r.when {
        RequiredWhen::Always if !listed => out.push(Finding::new(
            "D-01",
            "/attachments",
            format!(
                "Attach {}: the council asks for it with every application",
                asked_for(t)
            ),
        )),
        RequiredWhen::LookedAfter if !listed => {
            let looked_after = ctx.app.context.as_ref().and_then(|c| c.looked_after);
            if looked_after == Some(true) {
                let rule = if t == AttachmentType::Pep {
                    "V-95"
                } else {
                    "D-01"
                };
                out.push(Finding::new(
                    rule,
                    "/attachments",
                    format!("Attach {}, as the child is looked after", asked_for(t)),
                ));
            }
        }
        RequiredWhen::BuysServices if !listed => {
            let rows = list(ctx.app.provision_map.as_ref().and_then(|m| m.rows.as_ref()));
            let bought: Vec<String> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| buys_service(r))
                .map(|(j, _)| (j + 1).to_string())
                .collect();
            if !bought.is_empty() {
                let at = match bought.as_slice() {
                    [one] => format!("row {one}"),
                    _ => format!("rows {}", super::and_list(&bought)),
                };
                out.push(Finding::new(
                    "D-01",
                    "/attachments",
                    format!(
                        "Attach {} for the services bought in at {at} of the provision map: the council asks for it when a request buys services",
                        asked_for(t)
                    ),
                ));
            }
        }
        RequiredWhen::EachSpecialistReport => {
            for (i, s) in list(ctx.app.specialists.as_ref()).iter().enumerate() {
                if s.report_attached == Some(true) && !has_text(s.report_attachment_id.as_ref()) {
                    out.push(Finding::new(
                        "D-01",
                        format!("{}/reportAttachmentId", ptr("/specialists", i)),
                        format!(
                            "Attach specialist {}'s report and choose it here, or say that it is not attached: the council asks for each report you say is attached",
                            i + 1
                        ),
                    ));
                }
            }
        }
        RequiredWhen::EachSignedConsent => {
            for (i, c) in list(ctx.app.consents.as_ref()).iter().enumerate() {
                let signed = c.method.is_some_and(|m| m.is_signature());
                if signed && !has_text(c.signature_attachment_id.as_ref()) {
                    out.push(Finding::new(
                        "V-40",
                        format!("{}/signatureAttachmentId", ptr("/consents", i)),
                        format!(
                            "Attach the signed consent form for consent {}: the council asks for the signature of each signed consent",
                            i + 1
                        ),
                    ));
                }
            }
        }
        _ => {}
    }
}

/// Whether text is a SHA-256 as the protocol spells it: 64 characters, 0-9 and a-f.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The media type without its parameters, in lower case: `Text/Plain; charset=utf-8` →
/// `text/plain`.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// "a PDF", "a PDF or DOCX", "a PDF, DOCX or JPG" (the words of the GOV.UK file upload
/// pattern, as the widget says them at the file).
fn kinds(allowed: &[FileKind]) -> String {
    let names: Vec<String> = allowed.iter().map(|k| k.label().to_owned()).collect();
    format!("a {}", super::or_list(&names))
}

/// D-03, D-04, D-07, D-08: what one listed document says of its file.
fn metadata(ctx: &Ctx<'_>, i: usize, a: &Attachment, out: &mut Vec<Finding>) {
    let b = ptr("/attachments", i);
    let name = name_of(i, a, false);
    let start = name_of(i, a, true);
    let policy = &ctx.profile.attachments;
    if let Some(h) = a.sha256.as_ref().filter(|h| has_text(Some(h))) {
        if !is_sha256(h) {
            out.push(Finding::new(
                "D-03",
                format!("{b}/sha256"),
                format!("The checksum of {name} must be 64 characters, each a digit from 0 to 9 or a letter from a to f"),
            ));
        }
    }
    match a.size_bytes {
        Some(0) => out.push(Finding::new(
            "D-04",
            format!("{b}/sizeBytes"),
            format!("{start} is empty. Attach a file that has the document in it."),
        )),
        Some(n) if n > policy.max_bytes => out.push(Finding::new(
            "D-04",
            format!("{b}/sizeBytes"),
            format!(
                "{start} must be smaller than {}",
                files::megabytes(policy.max_bytes)
            ),
        )),
        _ => {}
    }
    if let Some(m) = a.mime_type.as_ref().filter(|m| has_text(Some(m))) {
        let m = essence(m);
        let allowed = policy
            .allowed_types
            .iter()
            .any(|k| files::media_type(*k) == m);
        if !allowed {
            out.push(Finding::new(
                "D-07",
                format!("{b}/mimeType"),
                format!(
                    "{start} must be {} (its file type is given as {m})",
                    kinds(&policy.allowed_types)
                ),
            ));
        }
    }
    if let Some(d) = date(a.document_date.as_ref()).filter(|d| *d > ctx.today) {
        out.push(Finding::new(
            "D-08",
            format!("{b}/documentDate"),
            format!(
                "{start} is dated {}, in the future. Enter the date of the document.",
                human(d)
            ),
        ));
    }
}

/// D-05, D-06: no more files than the council accepts, and no file listed twice (the core's
/// `files::check_set`, as the widget checks the files it is given; a checksum in the wrong
/// form is D-03 alone).
fn set(ctx: &Ctx<'_>, docs: &[Attachment], out: &mut Vec<Finding>) {
    let policy = &ctx.profile.attachments;
    let count = u64::try_from(docs.len()).unwrap_or(u64::MAX);
    if count > policy.max_files {
        out.push(Finding::new(
            "D-05",
            "/attachments",
            format!(
                "You can attach up to {} files, and this application lists {count}. Remove the ones the council does not need.",
                policy.max_files
            ),
        ));
    }
    let names: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, a)| name_of(i, a, false))
        .collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .zip(docs)
        .map(|(n, a)| {
            let hash = a.sha256.as_deref().filter(|h| is_sha256(h));
            (n.as_str(), hash.unwrap_or_default())
        })
        .collect();
    let once = crate::profile::AttachmentPolicy {
        max_files: u64::MAX,
        ..policy.clone()
    };
    for (i, problem) in files::check_set(&pairs, &once) {
        out.push(Finding::new(
            "D-06",
            format!("{}/sha256", ptr("/attachments", i)),
            problem.message,
        ));
    }
}
