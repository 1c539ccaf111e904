//! Identity and data quality (domain.md §4.8, V-90…V-99; V-96 and V-97 are field checks in
//! the model).

use super::{date, has_text, list, lower_first, ptr, Ctx, Finding};
use crate::codes::{Ncy, SenProvision, SenType};
use crate::date::{ncy_number, Date};
use crate::report::Severity;

/// The UPN check-letter alphabet (no I, O or S): DfE UPN guide 1.2.
const CHECK_LETTERS: &str = "ABCDEFGHJKLMNPQRTUVWXYZ";

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    upn(ctx, out);
    year_group(ctx, out);
    need_types(ctx, out);
    looked_after(ctx, out);
    declarations(ctx, out);
    correlate(ctx, out);
}

/// The check letter for characters 2–13 of a UPN, if they are digits (or a final letter).
pub fn upn_check_letter(upn: &str) -> Option<char> {
    let mut sum: u32 = 0;
    for (i, c) in upn.chars().enumerate().skip(1).take(12) {
        let weight = u32::try_from(i + 1).ok()?;
        let value = match c.to_digit(10) {
            Some(v) => v,
            None => u32::try_from(CHECK_LETTERS.find(c)?).ok()?,
        };
        sum = sum.checked_add(value.checked_mul(weight)?)?;
    }
    CHECK_LETTERS.chars().nth(usize::try_from(sum % 23).ok()?)
}

/// V-90, V-91: UPN format, check letter, LA code.
fn upn(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(raw) = ctx.app.child.as_ref().and_then(|c| c.upn.as_deref()) else {
        return;
    };
    let upn = raw.trim().to_ascii_uppercase();
    if upn.is_empty() {
        return;
    }
    let chars: Vec<char> = upn.chars().collect();
    let first_ok = chars
        .first()
        .is_some_and(|c| c.is_ascii_uppercase() && !matches!(c, 'I' | 'O' | 'S'));
    let digits = |r: std::ops::Range<usize>| {
        chars
            .get(r)
            .is_some_and(|s| s.iter().all(char::is_ascii_digit))
    };
    let permanent = chars.len() == 13 && first_ok && digits(1..13);
    let temporary = chars.len() == 13
        && first_ok
        && digits(1..12)
        && chars.get(12).is_some_and(|c| c.is_ascii_uppercase());
    if !permanent && !temporary {
        out.push(Finding::new(
            "V-90",
            "/child/upn",
            ctx.say("rule.V-90.format"),
        ));
        return;
    }
    if let Some(expected) = upn_check_letter(&upn) {
        if chars.first() != Some(&expected) {
            let f = Finding::new(
                "V-90",
                "/child/upn",
                ctx.say_with("rule.V-90.check-letter", &[("letter", &expected)]),
            );
            out.push(if temporary {
                f.with_severity(Severity::Warning)
            } else {
                f
            });
        }
    }
    let la: Option<u32> = upn.get(1..4).and_then(|s| s.parse().ok());
    if !la.is_some_and(|n| (201..=938).contains(&n)) {
        out.push(Finding::new(
            "V-91",
            "/child/upn",
            ctx.say("rule.V-91.la-code"),
        ));
    }
}

/// V-92: year group matches date of birth (one year out only when marked out of year).
fn year_group(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(child) = ctx.app.child.as_ref() else {
        return;
    };
    let (Some(dob), Some(ncy)) = (date(child.dob.as_ref()), child.ncy) else {
        return;
    };
    let Some(actual) = ncy.ordinal() else { return };
    let expected = ncy_number(dob, ctx.today);
    let gap = (actual - expected).abs();
    if gap >= 2 || (gap == 1 && child.out_of_year != Some(true)) {
        let should = Ncy::from_ordinal(expected)
            .map(|n| lower_first(n.label_in(ctx.texts)))
            .unwrap_or_else(|| ctx.say_with("rule.V-92.year", &[("n", &expected)]));
        out.push(Finding::new(
            "V-92",
            "/child/ncy",
            ctx.say_with("rule.V-92.year-group", &[("year", &should)]),
        ));
    }
}

/// V-93, V-94: SEN type rules (census validations 2160, 2166, 2175) and need type within area.
fn need_types(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(sen) = ctx.app.sen.as_ref() else {
        return;
    };
    if sen.primary_need_type == Some(SenType::Nsa)
        && sen.provision.is_some_and(|p| p != SenProvision::K)
    {
        out.push(Finding::new(
            "V-93",
            "/sen/primaryNeedType",
            ctx.say("rule.V-93.nsa-primary"),
        ));
    }
    if let Some(second) = sen.secondary_need_type {
        let msg = if second == SenType::Nsa {
            Some("rule.V-93.nsa-secondary")
        } else if sen.primary_need_type.is_none() {
            Some("rule.V-93.primary-first")
        } else if sen.primary_need_type == Some(second) {
            Some("rule.V-93.same")
        } else {
            None
        };
        if let Some(m) = msg {
            out.push(Finding::new("V-93", "/sen/secondaryNeedType", ctx.say(m)));
        }
    }
    if let (Some(t), Some(area)) = (sen.primary_need_type, sen.primary_area) {
        if t.area().is_some_and(|a| a != area) {
            out.push(Finding::new(
                "V-94",
                "/sen/primaryNeedType",
                ctx.say_with(
                    "rule.V-94.area",
                    &[
                        ("type", &t.label_in(ctx.texts)),
                        (
                            "belongs",
                            &t.area()
                                .map(|a| lower_first(a.label_in(ctx.texts)))
                                .unwrap_or_default(),
                        ),
                        ("area", &lower_first(area.label_in(ctx.texts))),
                    ],
                ),
            ));
        }
    }
}

/// V-95: a looked-after child's placing authority (the PEP is one of the council's required
/// documents: `documents.rs`).
fn looked_after(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(c) = ctx.app.context.as_ref() else {
        return;
    };
    if c.looked_after == Some(true) && !has_text(c.placing_la.as_ref()) {
        out.push(Finding::new(
            "V-95",
            "/context/placingLa",
            ctx.say("rule.V-95.placing-la"),
        ));
    }
}

/// The latest date of evidence in the application.
fn latest_evidence(ctx: &Ctx<'_>) -> Option<Date> {
    let app = ctx.app;
    let mut all: Vec<Option<Date>> = Vec::new();
    all.extend(
        list(app.apdr_cycles.as_ref())
            .iter()
            .map(|c| date(c.actual_review_date.as_ref())),
    );
    all.extend(
        list(app.assessments.as_ref())
            .iter()
            .map(|a| date(a.date.as_ref())),
    );
    all.extend(
        list(app.specialists.as_ref())
            .iter()
            .map(|s| date(s.latest_report_date.as_ref())),
    );
    all.push(app.pupil_voice.as_ref().and_then(|v| date(v.date.as_ref())));
    all.push(
        app.parent_views
            .as_ref()
            .and_then(|v| date(v.date.as_ref())),
    );
    all.into_iter().flatten().filter(|d| *d <= ctx.today).max()
}

/// V-98: SENCo and headteacher declarations signed and dated after the last evidence.
fn declarations(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let d = ctx.app.declarations.as_ref();
    let latest = latest_evidence(ctx);
    for (key, sig) in [
        ("senco", d.and_then(|d| d.senco.as_ref())),
        ("headteacher", d.and_then(|d| d.headteacher.as_ref())),
    ] {
        let id = |what: &str| format!("rule.V-98.{key}.{what}");
        let b = format!("/declarations/{key}");
        if sig.and_then(|s| s.signed) != Some(true) {
            out.push(Finding::new(
                "V-98",
                format!("{b}/signed"),
                ctx.say(&id("sign")),
            ));
        }
        if !has_text(sig.and_then(|s| s.name.as_ref())) {
            out.push(Finding::new(
                "V-98",
                format!("{b}/name"),
                ctx.say(&id("name")),
            ));
        }
        match sig.and_then(|s| date(s.date.as_ref())) {
            None => out.push(Finding::new(
                "V-98",
                format!("{b}/date"),
                ctx.say(&id("date")),
            )),
            Some(when) if when > ctx.today => out.push(Finding::new(
                "V-98",
                format!("{b}/date"),
                ctx.say_with(&id("future"), &[("date", &ctx.date(when))]),
            )),
            Some(when) => {
                if let Some(last) = latest.filter(|l| when < *l) {
                    out.push(Finding::new(
                        "V-98",
                        format!("{b}/date"),
                        ctx.say_with(
                            &id("before-evidence"),
                            &[("date", &ctx.date(when)), ("evidence", &ctx.date(last))],
                        ),
                    ));
                }
            }
        }
    }
}

/// V-99: a specialist's report and the document attached as it are of the same date (that
/// every reference names a listed document is `documents.rs`).
fn correlate(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let attachments = list(ctx.app.attachments.as_ref());
    for (i, s) in list(ctx.app.specialists.as_ref()).iter().enumerate() {
        let att = s
            .report_attachment_id
            .as_deref()
            .and_then(|id| ctx.index.attachment_at.get(id))
            .and_then(|&k| attachments.get(k))
            .and_then(|a| date(a.document_date.as_ref()));
        if let (Some(report), Some(doc)) = (date(s.latest_report_date.as_ref()), att) {
            if report != doc {
                out.push(Finding::new(
                    "V-99",
                    format!("{}/latestReportDate", ptr("/specialists", i)),
                    ctx.say_with(
                        "rule.V-99.dates",
                        &[
                            ("n", &(i + 1)),
                            ("report", &ctx.date(report)),
                            ("document", &ctx.date(doc)),
                        ],
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_letters_match_the_dfe_examples() {
        assert_eq!(upn_check_letter("P823123400101"), Some('P'));
        assert_eq!(upn_check_letter("P823123400102"), Some('D'));
        assert_eq!(upn_check_letter("K354200123456"), Some('K'));
        assert_eq!(upn_check_letter("P82312340010é"), None);
        assert_eq!(upn_check_letter(""), Some('A'));
    }
}
