//! Consent and data protection (domain.md §4.4, V-30…V-40).

use super::{date, has_text, list, lower_first, ptr, Ctx, Finding};
use crate::codes::{ConsentScope, Relationship, RequestType};
use crate::date::{compulsory_school_age_ends, Date};
use crate::model::Consent;
use crate::profile::ConsentFrom;
use crate::report::Severity;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let consents = list(ctx.app.consents.as_ref());
    share_with_panel(ctx, consents, out);
    young_person(ctx, consents, out);
    every_parent(ctx, consents, out);
    scopes_cover_request(ctx, consents, out);
    for (i, c) in consents.iter().enumerate() {
        let b = ptr("/consents", i);
        parental_responsibility(ctx, i, c, &b, out);
        dated(ctx, i, c, &b, out);
        privacy_notice(ctx, i, c, &b, out);
        signature(ctx, i, c, &b, out);
        if c.withdrawn == Some(true) {
            out.push(Finding::new(
                "V-38",
                format!("{b}/withdrawn"),
                ctx.say_with("rule.V-38.withdrawn", &[("n", &(i + 1))]),
            ));
        }
    }
}

/// Whether the giver has parental responsibility (or is the LA as corporate parent).
fn has_pr(ctx: &Ctx<'_>, c: &Consent) -> bool {
    if c.has_parental_responsibility == Some(true)
        || c.relationship == Some(Relationship::LaCorporateParent)
    {
        return true;
    }
    let parent = c
        .given_by_person_id
        .as_deref()
        .and_then(|id| ctx.index.parent_at.get(id))
        .and_then(|&k| list(ctx.app.parents.as_ref()).get(k));
    c.has_parental_responsibility.is_none()
        && parent.is_some_and(|p| {
            p.has_parental_responsibility == Some(true)
                || p.relationship == Some(Relationship::LaCorporateParent)
        })
}

/// A consent that can be relied on: not withdrawn, dated today or earlier, from the young person
/// or someone with parental responsibility.
fn valid(ctx: &Ctx<'_>, c: &Consent) -> bool {
    c.withdrawn != Some(true)
        && date(c.date.as_ref()).is_some_and(|d| d <= ctx.today)
        && (c.given_by_young_person == Some(true) || has_pr(ctx, c))
}

fn scopes(c: &Consent) -> &[ConsentScope] {
    list(c.scopes.as_ref())
}

/// V-30: consent to share the application with the panel.
fn share_with_panel(ctx: &Ctx<'_>, consents: &[Consent], out: &mut Vec<Finding>) {
    let ok = consents.iter().any(|c| {
        valid(ctx, c)
            && scopes(c)
                .iter()
                .any(|s| matches!(s, ConsentScope::ShareWithPanel | ConsentScope::EhcnaRequest))
    });
    if !ok {
        let message = match ctx.profile.mode {
            crate::profile::Mode::Panel => "rule.V-30.panel",
            crate::profile::Mode::Ehcna => "rule.V-30.ehcna",
        };
        out.push(Finding::new("V-30", "/consents", ctx.say(message)));
    }
}

/// V-31: consent from someone with parental responsibility, and it says who.
fn parental_responsibility(ctx: &Ctx<'_>, i: usize, c: &Consent, b: &str, out: &mut Vec<Finding>) {
    if c.given_by_young_person == Some(true) {
        return;
    }
    if c.given_by_person_id.is_none() {
        out.push(Finding::new(
            "V-31",
            format!("{b}/givenByPersonId"),
            ctx.say_with("rule.V-31.who", &[("n", &(i + 1))]),
        ));
    } else if !has_pr(ctx, c) {
        out.push(Finding::new(
            "V-31",
            format!("{b}/hasParentalResponsibility"),
            ctx.say_with("rule.V-31.no-pr", &[("n", &(i + 1))]),
        ));
    }
}

/// V-32: a young person over compulsory school age consents for themself, unless a decision
/// that they lack capacity is recorded.
fn young_person(ctx: &Ctx<'_>, consents: &[Consent], out: &mut Vec<Finding>) {
    let dob = ctx.app.child.as_ref().and_then(|c| date(c.dob.as_ref()));
    let Some(ends) = dob.and_then(compulsory_school_age_ends) else {
        return;
    };
    if ctx.today <= ends {
        return;
    }
    if consents
        .iter()
        .any(|c| c.given_by_young_person == Some(true) && valid(ctx, c))
    {
        return;
    }
    match consents
        .iter()
        .position(|c| has_text(c.capacity_decision.as_ref()))
    {
        Some(i) => out.push(
            Finding::new(
                "V-32",
                format!("{}/capacityDecision", ptr("/consents", i)),
                ctx.say("rule.V-32.on-file"),
            )
            .with_severity(Severity::Warning),
        ),
        None => out.push(Finding::new(
            "V-32",
            "/consents",
            ctx.say_with("rule.V-32.themselves", &[("since", &ctx.date(ends))]),
        )),
    }
}

/// V-33, V-34, V-35: consent dated, not in the future, not stale, given before the application
/// was signed and after it was discussed.
fn dated(ctx: &Ctx<'_>, i: usize, c: &Consent, b: &str, out: &mut Vec<Finding>) {
    let n = i + 1;
    let Some(d) = date(c.date.as_ref()) else {
        return;
    };
    if d > ctx.today {
        out.push(Finding::new(
            "V-33",
            format!("{b}/date"),
            ctx.say_with("rule.V-33.future", &[("n", &n), ("date", &ctx.date(d))]),
        ));
    }
    let months = ctx.profile.consent.max_age_months;
    if let Some(limit) = ctx
        .today
        .add_months(-i32::try_from(months).unwrap_or(i32::MAX))
    {
        if d < limit {
            out.push(Finding::new(
                "V-34",
                format!("{b}/date"),
                ctx.say_with(
                    "rule.V-34.stale",
                    &[
                        ("n", &n),
                        ("date", &ctx.date(d)),
                        ("months", &ctx.plural(months, "word.month")),
                    ],
                ),
            ));
        }
    }
    let signed = ctx
        .app
        .declarations
        .as_ref()
        .and_then(|x| x.senco.as_ref())
        .and_then(|s| date(s.date.as_ref()));
    if let Some(signed) = signed.filter(|s| d > *s) {
        out.push(Finding::new(
            "V-35",
            format!("{b}/date"),
            ctx.say_with(
                "rule.V-35.after-signing",
                &[
                    ("n", &n),
                    ("date", &ctx.date(d)),
                    ("signed", &ctx.date(signed)),
                ],
            ),
        ));
    }
    discussed(ctx, n, c, d, b, out);
}

fn discussed(ctx: &Ctx<'_>, n: usize, c: &Consent, d: Date, b: &str, out: &mut Vec<Finding>) {
    let pointer = format!("{b}/discussedWithParentDate");
    match date(c.discussed_with_parent_date.as_ref()) {
        Some(talk) if talk > d => out.push(Finding::new(
            "V-35",
            pointer,
            ctx.say_with("rule.V-35.before-discussed", &[("n", &n)]),
        )),
        None if ctx.profile.consent.discussed_date_required
            && c.discussed_with_parent_date.is_none() =>
        {
            out.push(Finding::new(
                "V-35",
                pointer,
                ctx.say_with("rule.V-35.discussed-date", &[("n", &n)]),
            ))
        }
        _ => {}
    }
}

/// V-36: consent from every person with parental responsibility, where the council asks.
fn every_parent(ctx: &Ctx<'_>, consents: &[Consent], out: &mut Vec<Finding>) {
    if ctx.profile.consent.required_from != ConsentFrom::All {
        return;
    }
    let consented: std::collections::BTreeSet<&str> = consents
        .iter()
        .filter(|c| valid(ctx, c))
        .filter_map(|c| c.given_by_person_id.as_deref())
        .collect();
    for (j, p) in list(ctx.app.parents.as_ref()).iter().enumerate() {
        if p.has_parental_responsibility != Some(true) {
            continue;
        }
        if !p.id.as_deref().is_some_and(|id| consented.contains(id)) {
            let who = [p.forename.as_deref(), p.surname.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Finding::new(
                "V-36",
                ptr("/parents", j),
                ctx.say_with(
                    "rule.V-36.every-parent",
                    &[
                        ("scheme", &ctx.profile.name),
                        ("n", &(j + 1)),
                        ("who", &who),
                    ],
                ),
            ));
        }
    }
}

/// V-37: consent covers each service requested.
fn scopes_cover_request(ctx: &Ctx<'_>, consents: &[Consent], out: &mut Vec<Finding>) {
    for t in list(ctx.app.request_type.as_ref()) {
        let scope = match t {
            RequestType::EpInvolvement => ConsentScope::EpInvolvement,
            RequestType::Outreach => ConsentScope::Outreach,
            RequestType::Ehcna => ConsentScope::EhcnaRequest,
            _ => continue,
        };
        if !consents
            .iter()
            .any(|c| valid(ctx, c) && scopes(c).contains(&scope))
        {
            out.push(Finding::new(
                "V-37",
                "/consents",
                ctx.say_with(
                    "rule.V-37.scope",
                    &[
                        ("request", &lower_first(t.label_in(ctx.texts))),
                        ("scope", &scope.label_in(ctx.texts)),
                    ],
                ),
            ));
        }
    }
}

/// V-39: the council's privacy notice acknowledged.
fn privacy_notice(ctx: &Ctx<'_>, i: usize, c: &Consent, b: &str, out: &mut Vec<Finding>) {
    if c.withdrawn == Some(true) {
        return;
    }
    if c.privacy_notice_acknowledged != Some(true) {
        out.push(Finding::new(
            "V-39",
            format!("{b}/privacyNoticeAcknowledged"),
            ctx.say_with("rule.V-39.read", &[("n", &(i + 1))]),
        ));
    }
    if let Some(v) = &ctx.profile.consent.privacy_notice_version {
        if c.privacy_notice_version.as_ref() != Some(v) {
            out.push(Finding::new(
                "V-39",
                format!("{b}/privacyNoticeVersion"),
                ctx.say_with("rule.V-39.version", &[("n", &(i + 1)), ("version", &v)]),
            ));
        }
    }
}

/// V-40: signed consent where the council requires it (the signed form attached is one of the
/// council's required documents: `documents.rs`).
fn signature(ctx: &Ctx<'_>, i: usize, c: &Consent, b: &str, out: &mut Vec<Finding>) {
    if !ctx.profile.consent.signature_required {
        return;
    }
    if c.method.is_some_and(|m| !m.is_signature()) {
        out.push(Finding::new(
            "V-40",
            format!("{b}/method"),
            ctx.say_with(
                "rule.V-40.signed",
                &[("scheme", &ctx.profile.name), ("n", &(i + 1))],
            ),
        ));
    }
}
