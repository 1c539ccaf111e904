//! The notional SEN threshold: provision reaches it before a top-up is asked for (V-64), pupil
//! premium that would reach it (V-74), a free service costed (V-76).

use super::super::{capital, lower_first, money, ptr, Ctx, Finding};
use super::{row_name, top_up_requested};
use crate::codes::FundingSource;
use crate::model::ProvisionRow;

/// V-64, V-74, V-76: provision reaches the notional SEN threshold before a top-up is asked for;
/// only the funding sources the profile counts count toward it (by default not pupil premium or
/// free services); a free service has no cost to the school.
pub(super) fn threshold(ctx: &Ctx<'_>, rows: &[ProvisionRow], out: &mut Vec<Finding>) {
    let t = ctx.totals;
    let funding = &ctx.profile.funding;
    if top_up_requested(ctx) && !rows.is_empty() && t.threshold_basis_pence < t.threshold_pence {
        let left_out: Vec<String> = FundingSource::ALL
            .iter()
            .filter(|s| !funding.counts_toward_threshold(Some(**s)))
            .map(|s| (s, t.subtotals.get(*s)))
            .filter(|(_, pence)| *pence > 0)
            .map(|(s, pence)| {
                ctx.say_with(
                    "rule.V-64.left-out",
                    &[("amount", &money(pence)), ("what", &left_out_name(ctx, *s))],
                )
            })
            .collect();
        let note = if left_out.is_empty() {
            String::new()
        } else {
            ctx.say_with(
                "rule.V-64.not-counting",
                &[("left_out", &left_out.join(ctx.texts.get("rule.V-64.and")))],
            )
        };
        out.push(Finding::new(
            "V-64",
            "/provisionMap/totalPence",
            ctx.say_with(
                "rule.V-64.below",
                &[
                    ("cost", &money(t.threshold_basis_pence)),
                    ("note", &note),
                    ("threshold", &money(t.threshold_pence)),
                ],
            ),
        ));
    }
    let pp_left_out = !funding.counts_toward_threshold(Some(FundingSource::PupilPremium))
        && t.subtotals.pupil_premium_pence > 0;
    let pp_would_reach = t
        .threshold_basis_pence
        .saturating_add(t.subtotals.pupil_premium_pence)
        >= t.threshold_pence;
    let costs = &t.row_costs_pence;
    for (i, r) in rows.iter().enumerate() {
        let cost = costs.get(i).copied().flatten().unwrap_or(0);
        let at = || format!("{}/fundingSource", ptr("/provisionMap/rows", i));
        if pp_left_out
            && pp_would_reach
            && t.threshold_basis_pence < t.threshold_pence
            && r.funding_source == Some(FundingSource::PupilPremium)
        {
            out.push(Finding::new(
                "V-74",
                at(),
                ctx.say_with(
                    "rule.V-74.pupil-premium",
                    &[("threshold", &money(t.threshold_pence))],
                ),
            ));
        }
        if r.funding_source == Some(FundingSource::FreeService) && cost > 0 {
            let counted = if funding.counts_toward_threshold(Some(FundingSource::FreeService)) {
                String::new()
            } else {
                ctx.say_with(
                    "rule.V-76.not-counted",
                    &[("threshold", &money(t.threshold_pence))],
                )
            };
            out.push(Finding::new(
                "V-76",
                at(),
                ctx.say_with(
                    "rule.V-76.free",
                    &[
                        ("row", &capital(&row_name(ctx, i, r))),
                        ("cost", &money(cost)),
                        ("counted", &counted),
                    ],
                ),
            ));
        }
    }
}

/// What provision funded from a source is called where it is left out of the threshold.
fn left_out_name(ctx: &Ctx<'_>, source: FundingSource) -> String {
    match source {
        FundingSource::PupilPremium => ctx.say("rule.V-64.pupil-premium"),
        FundingSource::FreeService => ctx.say("rule.V-64.free-services"),
        other => ctx.say_with(
            "rule.V-64.funded-by",
            &[("source", &lower_first(other.label_in(ctx.texts)))],
        ),
    }
}
