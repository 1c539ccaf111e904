//! Specialist and outside-agency involvement (domain.md §4.7, V-80…V-83).

use super::{date, list, ptr, Ctx, Finding};
use crate::codes::{ServiceType, SpecialistStatus};
use crate::profile::Mode;
use crate::report::Severity;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let specialists = list(ctx.app.specialists.as_ref());
    let months = ctx.profile.specialist.report_max_age_months;
    let since = ctx
        .today
        .add_months(-i32::try_from(months).unwrap_or(i32::MAX));
    let recent = specialists
        .iter()
        .filter(|s| {
            !matches!(
                s.status,
                Some(SpecialistStatus::Waiting | SpecialistStatus::Referred)
            )
        })
        .filter(|s| {
            date(s.latest_report_date.as_ref()).is_some_and(|d| since.is_some_and(|l| d >= l))
        })
        .count();
    let need = ctx.profile.specialist.min_specialists;
    if i64::try_from(recent).unwrap_or(i64::MAX) < need {
        let f = Finding::new(
            "V-80",
            "/specialists",
            ctx.say_with(
                "rule.V-80.advice",
                &[
                    ("specialists", &ctx.plural(need, "word.specialist")),
                    ("months", &ctx.plural(months, "word.month")),
                ],
            ),
        );
        out.push(if band_needs_specialist(ctx) {
            f.with_severity(Severity::Error)
        } else {
            f
        });
    }
    if (ctx.profile.specialist.require_ep || ctx.profile.mode == Mode::Ehcna)
        && !specialists
            .iter()
            .any(|s| s.service_type == Some(ServiceType::Ep))
    {
        out.push(Finding::new(
            "V-81",
            "/specialists",
            ctx.say("rule.V-81.ep"),
        ));
    }
    for (i, s) in specialists.iter().enumerate() {
        let b = ptr("/specialists", i);
        if s.latest_report_date.is_some() && s.advice_implemented != Some(true) {
            out.push(Finding::new(
                "V-82",
                format!("{b}/adviceImplemented"),
                ctx.say_with("rule.V-82.implemented", &[("n", &(i + 1))]),
            ));
        }
        if matches!(
            s.status,
            Some(SpecialistStatus::Waiting | SpecialistStatus::Referred)
        ) {
            out.push(Finding::new(
                "V-83",
                format!("{b}/status"),
                ctx.say_with("rule.V-83.waiting", &[("n", &(i + 1))]),
            ));
        }
    }
}

/// Whether the band asked for is at or above the one from which independent specialist
/// evidence is essential.
fn band_needs_specialist(ctx: &Ctx<'_>) -> bool {
    let Some(from) = ctx.profile.specialist.required_from_band.as_deref() else {
        return false;
    };
    let Some(asked) = ctx
        .app
        .request
        .as_ref()
        .and_then(|r| r.band_requested.as_deref())
    else {
        return false;
    };
    let bands = &ctx.profile.funding.bands;
    if bands.is_empty() {
        return asked >= from;
    }
    let pos = |id: &str| bands.iter().position(|b| b.id == id);
    matches!((pos(asked), pos(from)), (Some(a), Some(f)) if a >= f)
}
