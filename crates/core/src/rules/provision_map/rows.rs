//! Each row of the provision map: the columns its kind of cost needs (V-61), its stated cost
//! (V-62), figures that are possible (V-67, V-68, V-69, V-71, V-73), structured provision
//! (V-70), its entry and exit data (V-72), and 1:1 adult support over all rows (V-75).

use super::super::{article, capital, date, has_text, list, lower_first, money, Ctx, Finding};
use super::RowName;
use crate::cost;
use crate::model::ProvisionRow;

/// V-61: the columns a row needs for its kind of cost.
pub(super) fn columns(
    ctx: &Ctx<'_>,
    r: &ProvisionRow,
    b: &str,
    name: &RowName<'_>,
    out: &mut Vec<Finding>,
) {
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
pub(super) fn stated_cost(
    ctx: &Ctx<'_>,
    i: usize,
    r: &ProvisionRow,
    b: &str,
    name: &RowName<'_>,
    out: &mut Vec<Finding>,
) {
    if let Err(u) = cost::costing(r, ctx.profile.funding.max_amount_pence) {
        out.push(Finding::new(
            "V-62",
            format!("{b}/{}", u.field),
            ctx.say_with(
                "rule.V-62.cannot-cost",
                &[
                    ("row", &capital(name.text())),
                    ("why", &u.why_in(ctx.texts)),
                ],
            ),
        ));
        return;
    }
    let Some(Some(computed)) = ctx.totals.row_costs_pence.get(i) else {
        return;
    };
    let pointer = || format!("{b}/annualCostPence");
    match r.annual_cost_pence {
        Some(stated) if stated == *computed => {}
        Some(stated) => out.push(Finding::new(
            "V-62",
            pointer(),
            ctx.say_with(
                "rule.V-62.stated",
                &[
                    ("row", &capital(name.text())),
                    ("stated", &money(stated)),
                    ("computed", &money(*computed)),
                    (
                        "working",
                        &cost::working_in(r, ctx.texts)
                            .map(|w| ctx.say_with("rule.V-62.working", &[("working", &w)]))
                            .unwrap_or_default(),
                    ),
                    ("meant", &meant(ctx, r)),
                ],
            ),
        )),
        None => out.push(Finding::new(
            "V-62",
            pointer(),
            ctx.say_with(
                "rule.V-62.enter",
                &[("row", &name), ("computed", &money(*computed))],
            ),
        )),
    }
}

/// For a stated cost that differs: what it would be if the sessions a week stand for a
/// fraction (", or £1,234.00 if the sessions a week stand for …"), or nothing.
fn meant(ctx: &Ctx<'_>, r: &ProvisionRow) -> String {
    cost::meant_cost_in(r, ctx.texts)
        .map(|(c, w)| ctx.say_with("rule.V-62.meant", &[("cost", &money(c)), ("sessions", &w)]))
        .unwrap_or_default()
}

/// V-67, V-68, V-69, V-71, V-73: the row's figures are possible.
pub(super) fn sane(
    ctx: &Ctx<'_>,
    r: &ProvisionRow,
    b: &str,
    name: &RowName<'_>,
    out: &mut Vec<Finding>,
) {
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
                        ("row", &capital(name.text())),
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
                        ("row", &capital(name.text())),
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
            ctx.say_with("rule.V-69.group", &[("row", &capital(name.text()))]),
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
            ctx.say_with("rule.V-71.ordinary", &[("row", &capital(name.text()))]),
        ));
    }
    let (start, end) = (date(r.start_date.as_ref()), date(r.end_date.as_ref()));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            out.push(Finding::new(
                "V-73",
                format!("{b}/endDate"),
                ctx.say_with("rule.V-73.ends-first", &[("row", &capital(name.text()))]),
            ));
        }
    }
    let dob = ctx.app.child.as_ref().and_then(|c| date(c.dob.as_ref()));
    if let (Some(s), Some(d)) = (start, dob) {
        if s < d {
            out.push(Finding::new(
                "V-73",
                format!("{b}/startDate"),
                ctx.say_with("rule.V-73.before-birth", &[("row", &capital(name.text()))]),
            ));
        }
    }
}

/// V-70: no generic in-class support without minutes and an outcome; no breaks or lunch unless
/// a structured, named intervention.
pub(super) fn structured(
    ctx: &Ctx<'_>,
    r: &ProvisionRow,
    b: &str,
    name: &RowName<'_>,
    out: &mut Vec<Finding>,
) {
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
            ctx.say_with("rule.V-70.general", &[("row", &capital(name.text()))]),
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
pub(super) fn evidence(
    ctx: &Ctx<'_>,
    r: &ProvisionRow,
    b: &str,
    name: &RowName<'_>,
    out: &mut Vec<Finding>,
) {
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
                ctx.say_with("rule.V-72.exit", &[("row", &capital(name.text()))]),
            ));
        }
        if r.impact.is_none() {
            out.push(Finding::new(
                "V-72",
                format!("{b}/impact"),
                ctx.say_with("rule.V-72.impact", &[("row", &capital(name.text()))]),
            ));
        }
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
pub(super) fn one_to_one(ctx: &Ctx<'_>, rows: &[ProvisionRow], out: &mut Vec<Finding>) {
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
