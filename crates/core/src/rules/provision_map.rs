//! The costed provision map (domain.md §3, §4.6, V-60…V-75). Figures come from `cost.rs`; this
//! family compares what the applicant stated with them and checks each row makes sense.

use super::{article, capital, date, has_text, list, lower_first, money, ptr, Ctx, Finding};
use crate::codes::{FundingSource, RequestType};
use crate::cost;
use crate::model::ProvisionRow;
use crate::profile::FundingModel;

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
        let name = row_name(ctx, i, r);
        columns(ctx, r, &b, &name, out);
        stated_cost(ctx, i, r, &b, &name, out);
        sane(ctx, r, &b, &name, out);
        structured(ctx, r, &b, &name, out);
        evidence(ctx, r, &b, &name, out);
    }
    period(ctx, out);
    if ctx.totals.not_worked_out.is_empty() {
        totals(ctx, out);
        threshold(ctx, rows, out);
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
    one_to_one(ctx, rows, out);
}

/// V-68: the period applied for is part of a school year.
fn period(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
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

fn row_name(ctx: &Ctx<'_>, i: usize, r: &ProvisionRow) -> String {
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

fn top_up_requested(ctx: &Ctx<'_>) -> bool {
    list(ctx.app.request_type.as_ref()).contains(&RequestType::TopUpFunding)
}

/// V-61: the columns a row needs for its kind of cost.
fn columns(ctx: &Ctx<'_>, r: &ProvisionRow, b: &str, name: &str, out: &mut Vec<Finding>) {
    let staff = [
        ("staffRole", r.staff_role.is_some()),
        (
            "groupSize",
            r.group_size.is_some() || r.charge_full_group_cost == Some(true),
        ),
        ("sessionMinutes", r.session_minutes.is_some()),
        ("sessionsPerWeek", r.sessions_per_week.is_some()),
        ("weeks", r.weeks.is_some()),
        ("hourlyRatePence", r.hourly_rate_pence.is_some()),
    ];
    let needed: Vec<(&str, bool)> = match r.category {
        None => Vec::new(),
        Some(_) if cost::is_staff_time(r) => staff.to_vec(),
        Some(_) => vec![("fixedCostPence", r.fixed_cost_pence.is_some())],
    };
    for (field, present) in needed {
        if !present {
            out.push(Finding::new(
                "V-61",
                format!("{b}/{field}"),
                ctx.say_with(&format!("rule.V-61.{field}"), &[("row", &name)]),
            ));
        }
    }
    if r.charge_full_group_cost == Some(true)
        && !has_text(r.charge_full_group_justification.as_ref())
    {
        out.push(Finding::new(
            "V-61",
            format!("{b}/chargeFullGroupJustification"),
            ctx.say_with("rule.V-61.chargeFullGroupJustification", &[("row", &name)]),
        ));
    }
}

/// V-62: the row can be costed, and the stated annual cost equals the formula.
fn stated_cost(
    ctx: &Ctx<'_>,
    i: usize,
    r: &ProvisionRow,
    b: &str,
    name: &str,
    out: &mut Vec<Finding>,
) {
    if let Err(u) = cost::costing(r, ctx.profile.funding.max_amount_pence) {
        out.push(Finding::new(
            "V-62",
            format!("{b}/{}", u.field),
            ctx.say_with(
                "rule.V-62.cannot-cost",
                &[("row", &capital(name)), ("why", &u.why_in(ctx.texts))],
            ),
        ));
        return;
    }
    let Some(Some(computed)) = ctx.totals.row_costs_pence.get(i) else {
        return;
    };
    let meant = cost::meant_cost_in(r, ctx.texts)
        .map(|(c, w)| ctx.say_with("rule.V-62.meant", &[("cost", &money(c)), ("sessions", &w)]))
        .unwrap_or_default();
    let pointer = format!("{b}/annualCostPence");
    match r.annual_cost_pence {
        Some(stated) if stated == *computed => {}
        Some(stated) => out.push(Finding::new(
            "V-62",
            pointer,
            ctx.say_with(
                "rule.V-62.stated",
                &[
                    ("row", &capital(name)),
                    ("stated", &money(stated)),
                    ("computed", &money(*computed)),
                    (
                        "working",
                        &cost::working_in(r, ctx.texts)
                            .map(|w| ctx.say_with("rule.V-62.working", &[("working", &w)]))
                            .unwrap_or_default(),
                    ),
                    ("meant", &meant),
                ],
            ),
        )),
        None => out.push(Finding::new(
            "V-62",
            pointer,
            ctx.say_with(
                "rule.V-62.enter",
                &[("row", &name), ("computed", &money(*computed))],
            ),
        )),
    }
}

/// V-63, V-65, V-66: stated totals equal the computed ones.
fn totals(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
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
    for (source, key, value) in [
        (
            FundingSource::NotionalSen,
            "notionalSenPence",
            stated.notional_sen_pence,
        ),
        (
            FundingSource::PupilPremium,
            "pupilPremiumPence",
            stated.pupil_premium_pence,
        ),
        (
            FundingSource::TopUpRequested,
            "topUpRequestedPence",
            stated.top_up_requested_pence,
        ),
        (
            FundingSource::OtherGrant,
            "otherGrantPence",
            stated.other_grant_pence,
        ),
        (
            FundingSource::FreeService,
            "freeServicePence",
            stated.free_service_pence,
        ),
    ] {
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

/// V-67, V-68, V-69, V-71, V-73: the row's figures are possible.
fn sane(ctx: &Ctx<'_>, r: &ProvisionRow, b: &str, name: &str, out: &mut Vec<Finding>) {
    let p = &ctx.profile.provision;
    if let (Some(role), Some(rate)) = (r.staff_role, r.hourly_rate_pence) {
        if let Some(bounds) = p.rates.get(&role) {
            if rate < bounds.min_pence || rate > bounds.max_pence {
                out.push(Finding::new(
                    "V-67",
                    format!("{b}/hourlyRatePence"),
                    ctx.say_with(
                        "rule.V-67.rate",
                        &[
                            ("row", &name),
                            ("rate", &money(rate)),
                            (
                                "role",
                                &with_article(ctx, &lower_first(role.label_in(ctx.texts))),
                            ),
                            ("min", &money(bounds.min_pence)),
                            ("max", &money(bounds.max_pence)),
                        ],
                    ),
                ));
            }
        }
    }
    if let Some(w) = r.weeks {
        if w < 1 || w > p.max_weeks {
            out.push(Finding::new(
                "V-68",
                format!("{b}/weeks"),
                ctx.say_with(
                    "rule.V-68.weeks",
                    &[
                        ("row", &capital(name)),
                        ("weeks", &ctx.plural(w, "word.week")),
                        ("max", &p.max_weeks),
                    ],
                ),
            ));
        }
    }
    let spw = r.sessions_per_week.and_then(|s| cost::sessions(&s).ok());
    if r.session_minutes.is_some_and(|m| m < 0)
        || r.sessions_per_week
            .is_some_and(|s| s.as_f64() < 0.0 || s.as_f64().is_nan())
    {
        out.push(Finding::new(
            "V-68",
            format!("{b}/sessionMinutes"),
            ctx.say_with("rule.V-68.negative", &[("row", &name)]),
        ));
    } else if let (Some(m), Some(s)) = (r.session_minutes, spw) {
        let weekly = i128::from(m).saturating_mul(s.num) / s.den.max(1);
        if weekly > i128::from(p.school_week_minutes) {
            out.push(Finding::new(
                "V-68",
                format!("{b}/sessionMinutes"),
                ctx.say_with(
                    "rule.V-68.school-week",
                    &[
                        ("row", &capital(name)),
                        (
                            "minutes",
                            &ctx.plural(i64::try_from(weekly).unwrap_or(i64::MAX), "word.minute"),
                        ),
                        ("week", &ctx.plural(p.school_week_minutes, "word.minute")),
                    ],
                ),
            ));
        }
    }
    let adults = r.adults.unwrap_or(1);
    if r.group_size.is_some_and(|g| g < 1) || adults < 1 {
        out.push(Finding::new(
            "V-69",
            format!("{b}/groupSize"),
            ctx.say_with("rule.V-69.group", &[("row", &capital(name))]),
        ));
    } else if let (Some(ratio), Some(g)) = (r.staff_ratio.as_deref(), r.group_size) {
        let compact: String = ratio.chars().filter(|c| !c.is_whitespace()).collect();
        if compact != format!("{adults}:{g}") {
            out.push(Finding::new(
                "V-69",
                format!("{b}/staffRatio"),
                ctx.say_with(
                    "rule.V-69.ratio",
                    &[
                        ("row", &name),
                        ("ratio", &ratio),
                        ("adults", &ctx.plural(adults, "word.adult")),
                        ("group", &g),
                    ],
                ),
            ));
        }
    }
    if r.is_ordinarily_available == Some(true) && cost::row_cost(r).is_some_and(|c| c > 0) {
        out.push(Finding::new(
            "V-71",
            format!("{b}/isOrdinarilyAvailable"),
            ctx.say_with("rule.V-71.ordinary", &[("row", &capital(name))]),
        ));
    }
    let (start, end) = (date(r.start_date.as_ref()), date(r.end_date.as_ref()));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            out.push(Finding::new(
                "V-73",
                format!("{b}/endDate"),
                ctx.say_with("rule.V-73.ends-first", &[("row", &capital(name))]),
            ));
        }
    }
    let dob = ctx.app.child.as_ref().and_then(|c| date(c.dob.as_ref()));
    if let (Some(s), Some(d)) = (start, dob) {
        if s < d {
            out.push(Finding::new(
                "V-73",
                format!("{b}/startDate"),
                ctx.say_with("rule.V-73.before-birth", &[("row", &capital(name))]),
            ));
        }
    }
}

/// V-70: no generic in-class support without minutes and an outcome; no breaks or lunch unless
/// a structured, named intervention.
fn structured(ctx: &Ctx<'_>, r: &ProvisionRow, b: &str, name: &str, out: &mut Vec<Finding>) {
    if !ctx.profile.provision.disallow_unstructured {
        return;
    }
    let text = r.intervention.as_deref().unwrap_or("").to_ascii_lowercase();
    let generic = [
        "support in class",
        "in-class support",
        "general support",
        "class support",
        "general ta",
    ];
    if generic.iter().any(|g| text.contains(g))
        && (r.session_minutes.is_none() || list(r.linked_outcome_ids.as_ref()).is_empty())
    {
        out.push(Finding::new(
            "V-70",
            format!("{b}/intervention"),
            ctx.say_with("rule.V-70.general", &[("row", &capital(name))]),
        ));
    }
    if ["break", "lunch", "playtime"]
        .iter()
        .any(|w| text.contains(w))
        && !text.contains("structured")
    {
        out.push(Finding::new(
            "V-70",
            format!("{b}/intervention"),
            ctx.say_with("rule.V-70.breaks", &[("row", &name)]),
        ));
    }
}

/// V-72: entry data once a row has run for a while; exit data and impact once it has ended.
fn evidence(ctx: &Ctx<'_>, r: &ProvisionRow, b: &str, name: &str, out: &mut Vec<Finding>) {
    let has = |d: Option<&crate::model::DataPoint>| d.is_some_and(|d| has_text(d.value.as_ref()));
    let weeks = ctx.profile.provision.entry_data_after_weeks;
    if let Some(s) = date(r.start_date.as_ref()) {
        if s.days_until(ctx.today) >= weeks.saturating_mul(7) && !has(r.entry_data.as_ref()) {
            out.push(Finding::new(
                "V-72",
                format!("{b}/entryData"),
                ctx.say_with(
                    "rule.V-72.entry",
                    &[("row", &name), ("decider", &ctx.decider())],
                ),
            ));
        }
    }
    if date(r.end_date.as_ref()).is_some_and(|e| e < ctx.today) {
        if !has(r.exit_data.as_ref()) {
            out.push(Finding::new(
                "V-72",
                format!("{b}/exitData"),
                ctx.say_with("rule.V-72.exit", &[("row", &capital(name))]),
            ));
        }
        if r.impact.is_none() {
            out.push(Finding::new(
                "V-72",
                format!("{b}/impact"),
                ctx.say_with("rule.V-72.impact", &[("row", &capital(name))]),
            ));
        }
    }
}

/// V-64, V-74, V-76: provision reaches the notional SEN threshold before a top-up is asked for;
/// only the funding sources the profile counts count toward it (by default not pupil premium or
/// free services); a free service has no cost to the school.
fn threshold(ctx: &Ctx<'_>, rows: &[ProvisionRow], out: &mut Vec<Finding>) {
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
        let at = format!("{}/fundingSource", ptr("/provisionMap/rows", i));
        if pp_left_out
            && pp_would_reach
            && t.threshold_basis_pence < t.threshold_pence
            && r.funding_source == Some(FundingSource::PupilPremium)
        {
            out.push(Finding::new(
                "V-74",
                at.clone(),
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
                at,
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

/// A noun with its indefinite article: "a teacher", "an external provider".
fn with_article(ctx: &Ctx<'_>, noun: &str) -> String {
    let id = match article(noun) {
        "an" => "grammar.an",
        _ => "grammar.a",
    };
    ctx.say_with(id, &[("noun", &noun)])
}

/// V-75: many hours a week of 1:1 adult support.
fn one_to_one(ctx: &Ctx<'_>, rows: &[ProvisionRow], out: &mut Vec<Finding>) {
    let mut minutes: i128 = 0;
    for r in rows.iter().filter(|r| cost::is_staff_time(r)) {
        let solo = r.group_size == Some(1) || r.charge_full_group_cost == Some(true);
        if let (true, Some(m), Some(s)) = (
            solo,
            r.session_minutes,
            r.sessions_per_week.and_then(|s| cost::sessions(&s).ok()),
        ) {
            minutes = minutes.saturating_add(
                i128::from(m)
                    .saturating_mul(s.num)
                    .saturating_mul(i128::from(r.adults.unwrap_or(1)))
                    / s.den.max(1),
            );
        }
    }
    let limit = i128::from(ctx.profile.provision.one_to_one_hours_warn) * 60;
    if minutes > limit {
        out.push(Finding::new(
            "V-75",
            "/provisionMap/rows",
            ctx.say_with(
                "rule.V-75.one-to-one",
                &[
                    (
                        "hours",
                        &ctx.plural(i64::try_from(minutes / 60).unwrap_or(i64::MAX), "word.hour"),
                    ),
                    (
                        "limit",
                        &ctx.plural(ctx.profile.provision.one_to_one_hours_warn, "word.hour"),
                    ),
                ],
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
