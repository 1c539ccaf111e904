//! Who may apply to the scheme (domain.md §4.1, V-01…V-08). All settings come from the profile.

use super::{date, list, lower_first, ptr, Ctx, Finding};
use crate::codes::SenProvision;
use crate::date::Date;
use crate::report::Severity;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    ehcp(ctx, out);
    open_ehcna(ctx, out);
    on_register(ctx, out);
    setting_type(ctx, out);
    residence(ctx, out);
    year_group(ctx, out);
    duration(ctx, out);
    request_types(ctx, out);
}

/// V-01: no current EHC plan.
fn ehcp(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let e = &ctx.profile.eligibility;
    let Some(sen) = ctx.app.sen.as_ref() else {
        return;
    };
    if !e.exclude_ehcp || sen.provision != Some(SenProvision::E) {
        return;
    }
    let cutoff = e.ehcp_issued_before.as_deref().and_then(Date::parse);
    let issued = date(sen.ehcp_issued_date.as_ref());
    if let (Some(cutoff), Some(issued)) = (cutoff, issued) {
        if issued >= cutoff {
            return;
        }
    }
    out.push(Finding::new(
        "V-01",
        "/sen/provision",
        ctx.say_with("rule.V-01.ehcp", &[("scheme", &ctx.profile.name)]),
    ));
}

/// V-02: no EHC needs assessment under way.
fn open_ehcna(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let under_way = ctx.app.sen.as_ref().and_then(|s| s.ehcna_under_way) == Some(true);
    if ctx.profile.eligibility.exclude_open_ehcna && under_way {
        out.push(Finding::new(
            "V-02",
            "/sen/ehcnaUnderWay",
            ctx.say("rule.V-02.under-way"),
        ));
    }
}

/// V-03: the child is on the SEN register at SEN support.
fn on_register(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if ctx.app.sen.as_ref().and_then(|s| s.provision) == Some(SenProvision::N) {
        out.push(Finding::new(
            "V-03",
            "/sen/provision",
            ctx.say("rule.V-03.register"),
        ));
    }
}

/// V-04: the type of setting is one the scheme serves.
fn setting_type(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let allowed = &ctx.profile.eligibility.setting_types;
    let Some(t) = ctx.app.setting.as_ref().and_then(|s| s.setting_type) else {
        return;
    };
    if !allowed.is_empty() && !allowed.contains(&t) {
        out.push(Finding::new(
            "V-04",
            "/setting/type",
            ctx.say_with(
                "rule.V-04.setting",
                &[
                    ("scheme", &ctx.profile.name),
                    ("setting", &lower_first(t.label_in(ctx.texts))),
                ],
            ),
        ));
    }
}

/// V-05: the child lives in the council's area (top-up is paid where the child lives).
fn residence(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(la), true) = (
        ctx.profile.la_code.as_deref(),
        ctx.profile.eligibility.resident_only,
    ) else {
        return;
    };
    let Some(code) = ctx
        .app
        .child
        .as_ref()
        .and_then(|c| c.resident_la_code.as_deref())
    else {
        return;
    };
    if code != la {
        // The council's name where the profile knows it, else its code.
        let area = match ctx.profile.local_authority_name(code) {
            Some(name) => ctx.say_with("rule.V-05.named-area", &[("name", &name)]),
            None => ctx.say_with("rule.V-05.coded-area", &[("code", &code)]),
        };
        out.push(Finding::new(
            "V-05",
            "/child/residentLaCode",
            ctx.say_with("rule.V-05.elsewhere", &[("area", &area)]),
        ));
    }
}

/// V-06: the year group is one the scheme considers.
fn year_group(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let e = &ctx.profile.eligibility;
    let Some(ncy) = ctx.app.child.as_ref().and_then(|c| c.ncy) else {
        return;
    };
    if !e.ncy_allowed.is_empty() && !e.ncy_allowed.contains(&ncy) {
        out.push(
            Finding::new(
                "V-06",
                "/child/ncy",
                ctx.say_with(
                    "rule.V-06.not-for",
                    &[
                        ("scheme", &ctx.profile.name),
                        ("year", &lower_first(ncy.label_in(ctx.texts))),
                    ],
                ),
            )
            .with_severity(Severity::Error),
        );
    } else if e.ncy_warn.contains(&ncy) {
        out.push(
            Finding::new(
                "V-06",
                "/child/ncy",
                ctx.say_with(
                    "rule.V-06.not-usually",
                    &[
                        ("year", &lower_first(ncy.label_in(ctx.texts))),
                        ("scheme", &ctx.profile.name),
                    ],
                ),
            )
            .with_severity(Severity::Warning),
        );
    }
}

/// V-07: the support asked for is no longer than the scheme allows.
fn duration(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let e = &ctx.profile.eligibility;
    let Some(r) = ctx.app.request.as_ref() else {
        return;
    };
    let start = date(r.start_date.as_ref());
    let end = date(r.end_date.as_ref());
    let (pointer, days) = match (r.duration_weeks, start, end) {
        (Some(w), _, _) => ("/request/durationWeeks", w.saturating_mul(7)),
        (None, Some(s), Some(e)) => ("/request/endDate", s.days_until(e)),
        _ => return,
    };
    let extension = ctx.app.is_reapplication == Some(true);
    let ncy = ctx.app.child.as_ref().and_then(|c| c.ncy);
    let weeks_cap = ncy
        .and_then(|n| e.extension_max_weeks_by_ncy.get(n.code()))
        .filter(|_| extension);
    if let Some(cap) = weeks_cap {
        if days > cap.saturating_mul(7) {
            let year = ncy
                .map(|n| lower_first(n.label_in(ctx.texts)))
                .unwrap_or_default();
            out.push(Finding::new(
                "V-07",
                pointer,
                ctx.say_with(
                    "rule.V-07.extension-weeks",
                    &[
                        ("year", &year),
                        ("most", &ctx.plural(*cap, "word.week")),
                        ("asked", &ctx.plural(days / 7, "word.week")),
                    ],
                ),
            ));
        }
        return;
    }
    let months = if extension {
        e.extension_max_months
    } else {
        e.max_duration_months
    };
    let Some(months) = months else { return };
    let base = start.unwrap_or(ctx.today);
    let Some(limit) = base.add_months(i32::try_from(months).unwrap_or(i32::MAX)) else {
        return;
    };
    if days > base.days_until(limit) {
        let what = if extension {
            "rule.V-07.too-long.extension"
        } else {
            "rule.V-07.too-long.support"
        };
        let until = base.add_days(days).map(|d| ctx.date(d)).unwrap_or_default();
        out.push(Finding::new(
            "V-07",
            pointer,
            ctx.say_with(
                what,
                &[
                    ("scheme", &ctx.profile.name),
                    ("most", &ctx.plural(months, "word.month")),
                    ("until", &until),
                ],
            ),
        ));
    }
}

/// V-08: the scheme offers what is asked for.
fn request_types(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let offered = &ctx.profile.request_types;
    if offered.is_empty() {
        return;
    }
    for (k, t) in list(ctx.app.request_type.as_ref()).iter().enumerate() {
        if !offered.contains(t) {
            out.push(Finding::new(
                "V-08",
                ptr("/requestType", k),
                ctx.say_with(
                    "rule.V-08.not-offered",
                    &[
                        ("scheme", &ctx.profile.name),
                        ("request", &lower_first(t.label_in(ctx.texts))),
                    ],
                ),
            ));
        }
    }
}
