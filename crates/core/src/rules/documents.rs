//! Documents (domain.md §1.Q, §6 mandatory attachments): the documents the council asks for
//! (D-01; a looked-after child's PEP is V-95 and a signed consent form V-40), every reference
//! to a document naming one in the list (F-07) and one of the type it should be (D-02), and
//! what each listed document says of its file: checksum (D-03), size (D-04), how many (D-05),
//! the same file twice (D-06), file type (D-07) and date (D-08).

use super::{date, has_text, list, lower_first, ptr, Ctx, Finding};
use crate::codes::{AttachmentType, FileKind, FundingSource, ProvisionCategory, StaffRole};
use crate::files;
use crate::model::{Application, Attachment, ProvisionRow};
use crate::profile::{RequiredDocument, RequiredWhen};
use crate::text::Catalogue;

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

/// Every reference to a document in an application (blank ones left out), in document order,
/// each worded from `texts`.
pub fn references_in<'a>(app: &'a Application, texts: &Catalogue) -> Vec<Reference<'a>> {
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
            texts.format("rule.document.specialist-report", &[("n", &(i + 1))]),
        );
    }
    add(
        "/pupilVoice/attachmentId".into(),
        app.pupil_voice
            .as_ref()
            .and_then(|v| v.attachment_id.as_ref()),
        AttachmentType::PupilVoice,
        texts.get("rule.document.pupil-voice").to_owned(),
    );
    add(
        "/parentViews/attachmentId".into(),
        app.parent_views
            .as_ref()
            .and_then(|v| v.attachment_id.as_ref()),
        AttachmentType::ParentViews,
        texts.get("rule.document.parent-views").to_owned(),
    );
    for (i, c) in list(app.consents.as_ref()).iter().enumerate() {
        add(
            format!("{}/signatureAttachmentId", ptr("/consents", i)),
            c.signature_attachment_id.as_ref(),
            AttachmentType::ConsentSignature,
            texts.format("rule.document.consent-form", &[("n", &(i + 1))]),
        );
    }
    refs
}

/// F-07, D-02: each reference names a listed document, of the type it should be.
fn references(ctx: &Ctx<'_>, docs: &[Attachment], out: &mut Vec<Finding>) {
    for r in references_in(ctx.app, ctx.texts) {
        let found = ctx
            .index
            .attachment_at
            .get(r.id)
            .and_then(|&k| Some((k, docs.get(k)?)));
        let Some((k, doc)) = found else {
            out.push(Finding::new(
                "F-07",
                r.pointer,
                ctx.say_with("rule.F-07.no-document", &[("id", &r.id)]),
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
                ctx.say_with(
                    "rule.D-02.type",
                    &[
                        ("what", &r.what),
                        ("document", &name_of(ctx, k, doc, false)),
                        ("type", &article_label(ctx, t)),
                    ],
                ),
            ));
        }
    }
}

/// The name of the listed document at `i` for messages: its file name, else its place in the
/// list ("Document 2" to begin a sentence).
fn name_of(ctx: &Ctx<'_>, i: usize, doc: &Attachment, start: bool) -> String {
    match doc.filename.as_ref().filter(|f| has_text(Some(f))) {
        Some(f) => f.trim().to_owned(),
        None if start => ctx.say_with("rule.document.start", &[("n", &(i + 1))]),
        None => ctx.say_with("rule.document", &[("n", &(i + 1))]),
    }
}

/// A type of document inside a sentence, with "a" or "an": "a quote", "an early help
/// assessment".
fn article_label(ctx: &Ctx<'_>, t: AttachmentType) -> String {
    let label = lower_first(t.label_in(ctx.texts));
    let id = match super::article(&label) {
        "an" => "grammar.an",
        _ => "grammar.a",
    };
    ctx.say_with(id, &[("noun", &label)])
}

/// A document the council asks for, as it stands inside a sentence
/// (`rule.D-01.asked-for.<code>`).
fn asked_for(ctx: &Ctx<'_>, t: AttachmentType) -> String {
    ctx.say(&format!("rule.D-01.asked-for.{}", t.code()))
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
            ctx.say_with("rule.D-01.always", &[("document", &asked_for(ctx, t))]),
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
                    ctx.say_with(
                        "rule.D-01.looked-after",
                        &[("document", &asked_for(ctx, t))],
                    ),
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
                    [one] => ctx.say_with("rule.D-01.row", &[("n", &one)]),
                    _ => ctx.say_with("rule.D-01.rows", &[("rows", &ctx.texts.and_list(&bought))]),
                };
                out.push(Finding::new(
                    "D-01",
                    "/attachments",
                    ctx.say_with(
                        "rule.D-01.services",
                        &[("document", &asked_for(ctx, t)), ("at", &at)],
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
                        ctx.say_with("rule.D-01.specialist-report", &[("n", &(i + 1))]),
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
                        ctx.say_with("rule.V-40.form", &[("n", &(i + 1))]),
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
fn kinds(ctx: &Ctx<'_>, allowed: &[FileKind]) -> String {
    let names: Vec<String> = allowed
        .iter()
        .map(|k| k.label_in(ctx.texts).to_owned())
        .collect();
    ctx.say_with("grammar.a", &[("noun", &ctx.texts.or_list(&names))])
}

/// D-03, D-04, D-07, D-08: what one listed document says of its file.
fn metadata(ctx: &Ctx<'_>, i: usize, a: &Attachment, out: &mut Vec<Finding>) {
    let b = ptr("/attachments", i);
    let name = name_of(ctx, i, a, false);
    let start = name_of(ctx, i, a, true);
    let policy = &ctx.profile.attachments;
    if let Some(h) = a.sha256.as_ref().filter(|h| has_text(Some(h))) {
        if !is_sha256(h) {
            out.push(Finding::new(
                "D-03",
                format!("{b}/sha256"),
                ctx.say_with("rule.D-03.checksum", &[("document", &name)]),
            ));
        }
    }
    match a.size_bytes {
        Some(0) => out.push(Finding::new(
            "D-04",
            format!("{b}/sizeBytes"),
            ctx.say_with("rule.D-04.empty", &[("document", &start)]),
        )),
        Some(n) if n > policy.max_bytes => out.push(Finding::new(
            "D-04",
            format!("{b}/sizeBytes"),
            ctx.say_with(
                "rule.D-04.too-big",
                &[
                    ("document", &start),
                    ("size", &files::megabytes(policy.max_bytes)),
                ],
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
                ctx.say_with(
                    "rule.D-07.kind",
                    &[
                        ("document", &start),
                        ("kinds", &kinds(ctx, &policy.allowed_types)),
                        ("type", &m),
                    ],
                ),
            ));
        }
    }
    if let Some(d) = date(a.document_date.as_ref()).filter(|d| *d > ctx.today) {
        out.push(Finding::new(
            "D-08",
            format!("{b}/documentDate"),
            ctx.say_with(
                "rule.D-08.future",
                &[("document", &start), ("date", &ctx.date(d))],
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
            ctx.say_with(
                "rule.D-05.too-many",
                &[("max", &policy.max_files), ("count", &count)],
            ),
        ));
    }
    let names: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, a)| name_of(ctx, i, a, false))
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
    for (i, problem) in files::check_set_in(&pairs, &once, ctx.texts) {
        out.push(Finding::new(
            "D-06",
            format!("{}/sha256", ptr("/attachments", i)),
            problem.message,
        ));
    }
}
