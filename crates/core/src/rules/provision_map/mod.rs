//! The costed provision map (domain.md §3, §4.6, V-60…V-76). Figures come from `cost.rs`; this
//! family compares what the applicant stated with them and checks each row makes sense, in
//! three files by what they check: each row (`rows.rs`), the stated totals (`totals.rs`) and the
//! notional SEN threshold (`threshold.rs`).

mod rows;
mod threshold;
mod totals;

use std::cell::OnceCell;
use std::fmt;

use super::{list, money, ptr, Ctx, Finding};
use crate::codes::RequestType;
use crate::model::ProvisionRow;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let rows = list(ctx.app.provision_map.as_ref().and_then(|m| m.rows.as_ref()));
    if rows.is_empty() {
        out.push(Finding::new(
            "V-60",
            "/provisionMap/rows",
            ctx.say("rule.V-60.rows"),
        ));
    }
    for (i, r) in rows.iter().enumerate() {
        let b = ptr("/provisionMap/rows", i);
        let name = RowName::new(ctx, i, r);
        rows::columns(ctx, r, &b, &name, out);
        rows::stated_cost(ctx, i, r, &b, &name, out);
        rows::sane(ctx, r, &b, &name, out);
        rows::structured(ctx, r, &b, &name, out);
        rows::evidence(ctx, r, &b, &name, out);
    }
    totals::period(ctx, out);
    if ctx.totals.not_worked_out.is_empty() {
        totals::totals(ctx, out);
        threshold::threshold(ctx, rows, out);
    } else if ctx
        .totals
        .not_worked_out
        .iter()
        .any(|p| p == "/provisionMap/totalPence")
    {
        out.push(Finding::new(
            "V-63",
            "/provisionMap/totalPence",
            ctx.say_with(
                "rule.V-63.above-bound",
                &[("max", &money(ctx.profile.funding.max_amount_pence))],
            ),
        ));
    }
    rows::one_to_one(ctx, rows, out);
}

/// A row's name in its messages ("provision row 3 (Lego therapy)", [`row_name`]), worked out
/// the first time one of its messages needs it and then kept: most rows have no message.
pub(super) struct RowName<'a> {
    ctx: &'a Ctx<'a>,
    i: usize,
    row: &'a ProvisionRow,
    text: OnceCell<String>,
}

impl<'a> RowName<'a> {
    fn new(ctx: &'a Ctx<'a>, i: usize, row: &'a ProvisionRow) -> Self {
        RowName {
            ctx,
            i,
            row,
            text: OnceCell::new(),
        }
    }

    pub(super) fn text(&self) -> &str {
        self.text
            .get_or_init(|| row_name(self.ctx, self.i, self.row))
    }
}

impl fmt::Display for RowName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

pub(super) fn row_name(ctx: &Ctx<'_>, i: usize, r: &ProvisionRow) -> String {
    match r.intervention.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => ctx.say_with(
            "rule.provision-row.named",
            &[
                ("n", &(i + 1)),
                ("intervention", &t.chars().take(60).collect::<String>()),
            ],
        ),
        None => ctx.say_with("rule.provision-row", &[("n", &(i + 1))]),
    }
}

pub(super) fn top_up_requested(ctx: &Ctx<'_>) -> bool {
    list(ctx.app.request_type.as_ref()).contains(&RequestType::TopUpFunding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost;

    fn staff_row(sessions_per_week: f64) -> ProvisionRow {
        ProvisionRow {
            category: Some(crate::codes::ProvisionCategory::StaffTime),
            hourly_rate_pence: Some(1720),
            session_minutes: Some(30),
            sessions_per_week: Some(sessions_per_week.into()),
            weeks: Some(38),
            group_size: Some(1),
            ..ProvisionRow::default()
        }
    }

    #[test]
    fn the_working_shows_sessions_a_week_as_typed() {
        for (spw, shown) in [
            (5.0, "5"),
            (0.5, "0.5"),
            (2.25, "2.25"),
            (0.125, "0.125"),
            (1.1, "1.1"),
        ] {
            let w = cost::working(&staff_row(spw)).unwrap();
            assert!(
                w.contains(&format!("× {shown} sessions a week")),
                "{spw}: {w}"
            );
        }
    }

    #[test]
    fn general_support_is_found_whatever_the_case() {
        let profile = crate::profile::builtin("stockton-one-point").unwrap();
        for name in [
            "GENERAL SUPPORT in the café",
            "Lunch Club",
            "General TA – Year 4",
        ] {
            let app = crate::Application {
                provision_map: Some(crate::model::ProvisionMap {
                    rows: Some(vec![ProvisionRow {
                        intervention: Some(name.into()),
                        ..ProvisionRow::default()
                    }]),
                    ..Default::default()
                }),
                ..Default::default()
            };
            let today = crate::Date::parse("2025-04-30").unwrap();
            let report = crate::rules::check(&app, &profile, today);
            assert!(
                report.issues.iter().any(|i| i.rule_id == "V-70"),
                "{name}: {:?}",
                report.issues.iter().map(|i| &i.rule_id).collect::<Vec<_>>()
            );
        }
    }
}
