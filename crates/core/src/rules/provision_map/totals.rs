//! The provision map's stated figures against the computed ones: the period (V-68), the total
//! and each funding source's subtotal (V-63), the school's contribution (V-65), the top-up and
//! the amount or band requested (V-66).

use super::super::{lower_first, money, Ctx, Finding};
use super::top_up_requested;
use crate::cost;
use crate::profile::FundingModel;
use crate::totals::SUBTOTALS;

/// V-68: the period applied for is part of a school year.
pub(super) fn period(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let weeks = ctx.app.provision_map.as_ref().and_then(|m| m.period_weeks);
    if let Some(w) = weeks {
        if !cost::period_ok(ctx.app, &ctx.profile.funding) {
            let year = ctx.profile.funding.weeks_per_year;
            out.push(Finding::new(
                "V-68",
                "/provisionMap/periodWeeks",
                ctx.say_with(
                    "rule.V-68.period",
                    &[("weeks", &ctx.plural(w, "word.week")), ("year", &year)],
                ),
            ));
        }
    }
}

/// V-63, V-65, V-66: stated totals equal the computed ones.
pub(super) fn totals(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let t = ctx.totals;
    let Some(map) = ctx.app.provision_map.as_ref() else {
        return;
    };
    if map.rows.as_ref().is_none_or(Vec::is_empty) {
        return;
    }
    compare(
        ctx,
        out,
        "V-63",
        "/provisionMap/totalPence",
        &ctx.say("rule.figure.total"),
        map.total_pence,
        t.total_pence,
    );
    let stated = map.subtotals.clone().unwrap_or_default();
    for (source, key) in SUBTOTALS {
        let value = stated.get(source);
        let computed = t.subtotals.get(source);
        if computed != 0 || value.is_some() {
            let what = ctx.say_with(
                "rule.figure.subtotal",
                &[("source", &lower_first(source.label_in(ctx.texts)))],
            );
            compare(
                ctx,
                out,
                "V-63",
                &format!("/provisionMap/subtotals/{key}"),
                &what,
                value,
                computed,
            );
        }
    }
    if top_up_requested(ctx) || map.school_contribution_pence.is_some() {
        compare(
            ctx,
            out,
            "V-65",
            "/provisionMap/schoolContributionPence",
            &ctx.say("rule.figure.school-contribution"),
            map.school_contribution_pence,
            t.school_contribution_pence,
        );
    }
    if ctx.profile.funding.model == FundingModel::Cash {
        if top_up_requested(ctx) || map.requested_top_up_pence.is_some() {
            compare(
                ctx,
                out,
                "V-66",
                "/provisionMap/requestedTopUpPence",
                &ctx.say("rule.figure.top-up"),
                map.requested_top_up_pence,
                t.requested_top_up_pence,
            );
        }
        if let Some(asked) = ctx
            .app
            .request
            .as_ref()
            .and_then(|r| r.amount_requested_pence)
        {
            compare(
                ctx,
                out,
                "V-66",
                "/request/amountRequestedPence",
                &ctx.say("rule.figure.amount-requested"),
                Some(asked),
                t.requested_top_up_pence,
            );
        }
    } else if ctx.profile.funding.model == FundingModel::Band && top_up_requested(ctx) {
        band(ctx, out);
    }
}

fn compare(
    ctx: &Ctx<'_>,
    out: &mut Vec<Finding>,
    rule: &'static str,
    pointer: &str,
    what: &str,
    stated: Option<i64>,
    computed: i64,
) {
    match stated {
        Some(s) if s == computed => {}
        Some(s) => out.push(Finding::new(
            rule,
            pointer,
            ctx.say_with(
                "rule.figure.differs",
                &[
                    ("figure", &what),
                    ("stated", &money(s)),
                    ("computed", &money(computed)),
                ],
            ),
        )),
        None => out.push(Finding::new(
            rule,
            pointer,
            ctx.say_with(
                "rule.figure.enter",
                &[("figure", &what), ("computed", &money(computed))],
            ),
        )),
    }
}

/// V-66 (banded councils): the band asked for exists and fits the top-up.
fn band(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let asked = ctx
        .app
        .request
        .as_ref()
        .and_then(|r| r.band_requested.as_deref());
    let bands = &ctx.profile.funding.bands;
    let Some(b) = asked.and_then(|id| bands.iter().find(|b| b.id == id)) else {
        out.push(Finding::new(
            "V-66",
            "/request/bandRequested",
            ctx.say("rule.V-66.select-band"),
        ));
        return;
    };
    let top = ctx.totals.requested_top_up_pence;
    if top < b.min_pence || b.max_pence.is_some_and(|m| top > m) {
        out.push(Finding::new(
            "V-66",
            "/request/bandRequested",
            ctx.say_with(
                "rule.V-66.band",
                &[("band", &b.label), ("top_up", &money(top))],
            ),
        ));
    }
}
