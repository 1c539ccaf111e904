//! Assess, plan, do, review evidence (domain.md §4.2, V-10…V-19): enough completed cycles over
//! enough time, in order, reviewed in full and adapted between cycles.

use super::{date, list, ptr, Ctx, Finding};
use crate::codes::CycleStatus;
use crate::date::Date;
use crate::model::ApdrCycle;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let cycles = list(ctx.app.apdr_cycles.as_ref());
    enough_cycles(ctx, cycles, out);
    evidence_span(ctx, cycles, out);
    for (i, c) in cycles.iter().enumerate() {
        starts_before_review(ctx, i, c, out);
        cycle_length(ctx, i, c, out);
        reviewed_in_full(ctx, i, c, out);
    }
    in_order(ctx, cycles, out);
    recent_review(ctx, cycles, out);
    adapted(ctx, cycles, out);
    one_in_progress(ctx, cycles, out);
    dates_plausible(ctx, out);
}

pub(super) fn completed(c: &ApdrCycle) -> bool {
    c.status == Some(CycleStatus::Completed)
}

fn base(i: usize) -> String {
    ptr("/apdrCycles", i)
}

/// V-10: at least `minCompletedCycles` completed cycles.
fn enough_cycles(ctx: &Ctx<'_>, cycles: &[ApdrCycle], out: &mut Vec<Finding>) {
    let need = ctx.profile.apdr.min_completed_cycles;
    let have = i64::try_from(cycles.iter().filter(|c| completed(c)).count()).unwrap_or(i64::MAX);
    if have < need {
        let cycles = ctx.plural(need, "word.completed-cycle");
        let message = if ctx.profile.mode == crate::profile::Mode::Ehcna {
            ctx.say_with("rule.V-10.ehcna", &[("cycles", &cycles), ("have", &have)])
        } else {
            ctx.say_with(
                "rule.V-10.panel",
                &[
                    ("scheme", &ctx.profile.name),
                    ("cycles", &cycles),
                    ("have", &have),
                ],
            )
        };
        out.push(Finding::new("V-10", "/apdrCycles", message));
    }
}

/// V-11: evidence over at least `minEvidenceTerms` terms, first cycle start to today.
fn evidence_span(ctx: &Ctx<'_>, cycles: &[ApdrCycle], out: &mut Vec<Finding>) {
    let first = cycles
        .iter()
        .enumerate()
        .filter_map(|(i, c)| date(c.start_date.as_ref()).map(|d| (d, i)))
        .min();
    let Some((start, i)) = first else { return };
    let terms = ctx.profile.apdr.min_evidence_terms;
    let need = terms.saturating_mul(ctx.profile.apdr.days_per_term);
    if start.days_until(ctx.today) < need {
        out.push(Finding::new(
            "V-11",
            ptr(&base(i), "startDate"),
            ctx.say_with(
                "rule.V-11.span",
                &[
                    ("start", &ctx.date(start)),
                    ("decider", &ctx.decider()),
                    ("terms", &ctx.plural(terms, "word.term")),
                ],
            ),
        ));
    }
}

/// V-12: a cycle starts before its planned and actual reviews.
fn starts_before_review(ctx: &Ctx<'_>, i: usize, c: &ApdrCycle, out: &mut Vec<Finding>) {
    let Some(start) = date(c.start_date.as_ref()) else {
        return;
    };
    for (field, d, id) in [
        (
            "plannedReviewDate",
            c.planned_review_date.as_ref(),
            "rule.V-12.planned-review",
        ),
        (
            "actualReviewDate",
            c.actual_review_date.as_ref(),
            "rule.V-12.review",
        ),
    ] {
        if let Some(d) = date(d) {
            if d <= start {
                out.push(Finding::new(
                    "V-12",
                    ptr(&base(i), field),
                    ctx.say_with(
                        id,
                        &[
                            ("n", &(i + 1)),
                            ("date", &ctx.date(d)),
                            ("start", &ctx.date(start)),
                        ],
                    ),
                ));
            }
        }
    }
}

/// The date a cycle ended or will end: its actual review, else its planned one.
fn review_of(c: &ApdrCycle) -> Option<Date> {
    date(c.actual_review_date.as_ref()).or_else(|| date(c.planned_review_date.as_ref()))
}

/// V-13: cycles in order, not overlapping, numbered 1, 2, 3…
fn in_order(ctx: &Ctx<'_>, cycles: &[ApdrCycle], out: &mut Vec<Finding>) {
    let tolerance = ctx.profile.apdr.overlap_tolerance_days;
    for (i, pair) in cycles.windows(2).enumerate() {
        let [prev, next] = pair else { continue };
        if let (Some(end), Some(start)) = (review_of(prev), date(next.start_date.as_ref())) {
            if start.days_until(end) > tolerance {
                out.push(Finding::new(
                    "V-13",
                    ptr(&base(i + 1), "startDate"),
                    ctx.say_with(
                        "rule.V-13.overlap",
                        &[
                            ("n", &(i + 2)),
                            ("start", &ctx.date(start)),
                            ("previous", &(i + 1)),
                            ("reviewed", &ctx.date(end)),
                        ],
                    ),
                ));
            }
        }
    }
    for (i, c) in cycles.iter().enumerate() {
        let want = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        if let Some(n) = c.cycle_no {
            if n != want {
                out.push(Finding::new(
                    "V-13",
                    ptr(&base(i), "cycleNo"),
                    ctx.say_with("rule.V-13.number", &[("want", &want), ("n", &n)]),
                ));
            }
        }
    }
}

/// V-14: a cycle lasts between `minCycleWeeks` and `maxCycleWeeks`.
fn cycle_length(ctx: &Ctx<'_>, i: usize, c: &ApdrCycle, out: &mut Vec<Finding>) {
    let Some(start) = date(c.start_date.as_ref()) else {
        return;
    };
    let (field, end) = match (date(c.actual_review_date.as_ref()), c.status) {
        (Some(d), _) => ("actualReviewDate", d),
        (None, Some(CycleStatus::InProgress)) => match date(c.planned_review_date.as_ref()) {
            Some(d) => ("plannedReviewDate", d),
            None => return,
        },
        _ => return,
    };
    let days = start.days_until(end);
    if days <= 0 {
        return; // V-12 reports it
    }
    let (min, max) = (
        ctx.profile.apdr.min_cycle_weeks,
        ctx.profile.apdr.max_cycle_weeks,
    );
    if days < min.saturating_mul(7) || days > max.saturating_mul(7) {
        out.push(Finding::new(
            "V-14",
            ptr(&base(i), field),
            ctx.say_with(
                "rule.V-14.length",
                &[
                    ("n", &(i + 1)),
                    ("length", &weeks_and_days(ctx, days)),
                    ("min", &min),
                    ("max", &max),
                ],
            ),
        ));
    }
}

/// A length of time in weeks and days: "16 weeks", "16 weeks and 3 days", "5 days".
fn weeks_and_days(ctx: &Ctx<'_>, days: i64) -> String {
    let (weeks, rest) = (days / 7, days % 7);
    match (weeks, rest) {
        (_, 0) => ctx.plural(weeks, "word.week"),
        (0, _) => ctx.plural(rest, "word.day"),
        _ => ctx.say_with(
            "word.weeks-and-days",
            &[
                ("weeks", &ctx.plural(weeks, "word.week")),
                ("days", &ctx.plural(rest, "word.day")),
            ],
        ),
    }
}

/// V-17: a completed cycle has its review: date, status of each outcome, impact, next steps.
fn reviewed_in_full(ctx: &Ctx<'_>, i: usize, c: &ApdrCycle, out: &mut Vec<Finding>) {
    if !completed(c) {
        return;
    }
    let b = base(i);
    let n = i + 1;
    if c.actual_review_date.is_none() {
        out.push(Finding::new(
            "V-17",
            ptr(&b, "actualReviewDate"),
            ctx.say_with("rule.V-17.date", &[("n", &n)]),
        ));
    }
    let review = c.review.as_ref();
    let statuses = review.and_then(|r| r.outcome_status.as_ref());
    for id in list(c.outcome_ids.as_ref()) {
        if !statuses.is_some_and(|s| s.contains_key(id)) {
            out.push(Finding::new(
                "V-17",
                ptr(&format!("{b}/review/outcomeStatus"), id),
                ctx.say_with(
                    "rule.V-17.outcome",
                    &[("outcome", &outcome_name(ctx, id)), ("n", &n)],
                ),
            ));
        }
    }
    if !super::has_text(review.and_then(|r| r.impact_summary.as_ref())) {
        out.push(Finding::new(
            "V-17",
            format!("{b}/review/impactSummary"),
            ctx.say_with("rule.V-17.impact", &[("n", &n)]),
        ));
    }
    if !super::has_text(review.and_then(|r| r.next_steps.as_ref())) {
        out.push(Finding::new(
            "V-17",
            format!("{b}/review/nextSteps"),
            ctx.say_with("rule.V-17.next-steps", &[("n", &n)]),
        ));
    }
}

/// What people call the outcome with this id: "outcome 2", by its place in the list.
fn outcome_name(ctx: &Ctx<'_>, id: &str) -> String {
    ctx.index.outcome_at.get(id).map_or_else(
        || ctx.say("rule.V-17.unlisted-outcome"),
        |k| ctx.say_with("rule.outcome", &[("n", &k.saturating_add(1))]),
    )
}

/// V-16: the latest completed review is recent.
fn recent_review(ctx: &Ctx<'_>, cycles: &[ApdrCycle], out: &mut Vec<Finding>) {
    let latest = cycles
        .iter()
        .enumerate()
        .filter(|(_, c)| completed(c))
        .filter_map(|(i, c)| date(c.actual_review_date.as_ref()).map(|d| (d, i)))
        .max();
    let Some((d, i)) = latest else { return };
    let months = ctx.profile.apdr.max_review_age_months;
    let Some(limit) = ctx
        .today
        .add_months(-i32::try_from(months).unwrap_or(i32::MAX))
    else {
        return;
    };
    if d < limit {
        out.push(Finding::new(
            "V-16",
            ptr(&base(i), "actualReviewDate"),
            ctx.say_with(
                "rule.V-16.recent",
                &[
                    ("date", &ctx.date(d)),
                    ("months", &ctx.plural(months, "word.month")),
                    ("decider", &ctx.decider()),
                ],
            ),
        ));
    }
}

/// V-18: the cycle after a review changed something (outcomes or provision).
fn adapted(ctx: &Ctx<'_>, cycles: &[ApdrCycle], out: &mut Vec<Finding>) {
    for (i, pair) in cycles.windows(2).enumerate() {
        let [prev, next] = pair else { continue };
        if !completed(prev) {
            continue;
        }
        let same = |a: Option<&Vec<String>>, b: Option<&Vec<String>>| {
            let mut x = list(a).to_vec();
            let mut y = list(b).to_vec();
            x.sort();
            y.sort();
            x == y
        };
        if same(prev.outcome_ids.as_ref(), next.outcome_ids.as_ref())
            && same(prev.provision_ids.as_ref(), next.provision_ids.as_ref())
        {
            out.push(Finding::new(
                "V-18",
                base(i + 1),
                ctx.say_with("rule.V-18.same", &[("n", &(i + 2)), ("previous", &(i + 1))]),
            ));
        }
    }
}

/// V-19: at most one cycle in progress, and it is the last.
fn one_in_progress(ctx: &Ctx<'_>, cycles: &[ApdrCycle], out: &mut Vec<Finding>) {
    let last = cycles.len().saturating_sub(1);
    for (i, c) in cycles.iter().enumerate() {
        if c.status == Some(CycleStatus::InProgress) && i != last {
            out.push(Finding::new(
                "V-19",
                ptr(&base(i), "status"),
                ctx.say_with("rule.V-19.in-progress", &[("n", &(i + 1))]),
            ));
        }
    }
}

/// V-15: no evidence date in the future (except the planned review of the cycle in progress)
/// or before the child was born.
fn dates_plausible(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let app = ctx.app;
    let mut dates: Vec<(String, Option<Date>)> = Vec::new();
    if let Some(s) = &app.sen {
        dates.push((
            "/sen/dateAddedToRegister".into(),
            date(s.date_added_to_register.as_ref()),
        ));
    }
    if let Some(c) = &app.child {
        dates.push((
            "/child/admissionDate".into(),
            date(c.admission_date.as_ref()),
        ));
    }
    for (i, a) in list(app.assessments.as_ref()).iter().enumerate() {
        dates.push((format!("/assessments/{i}/date"), date(a.date.as_ref())));
    }
    for (i, c) in list(app.apdr_cycles.as_ref()).iter().enumerate() {
        let b = base(i);
        dates.push((format!("{b}/startDate"), date(c.start_date.as_ref())));
        if c.status != Some(CycleStatus::InProgress) {
            dates.push((
                format!("{b}/plannedReviewDate"),
                date(c.planned_review_date.as_ref()),
            ));
        }
        dates.push((
            format!("{b}/actualReviewDate"),
            date(c.actual_review_date.as_ref()),
        ));
        let meeting = c
            .review
            .as_ref()
            .and_then(|r| r.parent_meeting_date.as_ref());
        dates.push((format!("{b}/review/parentMeetingDate"), date(meeting)));
    }
    for (i, m) in list(app.parent_meetings.as_ref()).iter().enumerate() {
        dates.push((format!("/parentMeetings/{i}/date"), date(m.date.as_ref())));
    }
    for (i, s) in list(app.specialists.as_ref()).iter().enumerate() {
        dates.push((
            format!("/specialists/{i}/firstInvolvedDate"),
            date(s.first_involved_date.as_ref()),
        ));
        dates.push((
            format!("/specialists/{i}/latestReportDate"),
            date(s.latest_report_date.as_ref()),
        ));
    }
    if let Some(v) = &app.pupil_voice {
        dates.push(("/pupilVoice/date".into(), date(v.date.as_ref())));
    }
    if let Some(v) = &app.parent_views {
        dates.push(("/parentViews/date".into(), date(v.date.as_ref())));
    }
    let dob = app.child.as_ref().and_then(|c| date(c.dob.as_ref()));
    for (pointer, d) in dates {
        let Some(d) = d else { continue };
        if d > ctx.today {
            out.push(Finding::new(
                "V-15",
                pointer,
                ctx.say_with("rule.V-15.future", &[("date", &ctx.date(d))]),
            ));
        } else if dob.is_some_and(|b| d < b) {
            out.push(Finding::new(
                "V-15",
                pointer,
                ctx.say_with("rule.V-15.before-birth", &[("date", &ctx.date(d))]),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Application, Review};
    use crate::profile::builtin;

    fn cycle(
        start: &str,
        review: Option<&str>,
        status: CycleStatus,
        outcomes: &[&str],
    ) -> ApdrCycle {
        ApdrCycle {
            start_date: Some(start.into()),
            planned_review_date: review.map(Into::into),
            actual_review_date: review
                .filter(|_| status == CycleStatus::Completed)
                .map(Into::into),
            status: Some(status),
            outcome_ids: Some(outcomes.iter().map(|s| s.to_string()).collect()),
            review: Some(Review {
                impact_summary: Some("ok".into()),
                next_steps: Some("ok".into()),
                outcome_status: Some(
                    outcomes
                        .iter()
                        .map(|o| (o.to_string(), crate::codes::ReviewStatus::Achieved))
                        .collect(),
                ),
                ..Review::default()
            }),
            ..ApdrCycle::default()
        }
    }

    fn run(cycles: Vec<ApdrCycle>, today: &str) -> Vec<Finding> {
        let app = Application {
            apdr_cycles: Some(cycles),
            ..Application::default()
        };
        let profile = builtin("stockton-one-point").unwrap();
        let totals = crate::cost::totals(&app, &profile.funding);
        let doc = crate::wire::to_value(&app);
        let index = crate::rules::Index::new(&app);
        let ctx = Ctx {
            app: &app,
            profile: &profile,
            today: Date::parse(today).unwrap(),
            totals: &totals,
            doc: &doc,
            index: &index,
            texts: &crate::text::Catalogue::english(),
        };
        let mut out = Vec::new();
        check(&ctx, &mut out);
        out
    }

    fn ids(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|x| x.rule).collect()
    }

    #[test]
    fn two_good_cycles_pass() {
        let f = run(
            vec![
                cycle(
                    "2024-09-09",
                    Some("2024-12-13"),
                    CycleStatus::Completed,
                    &["o1"],
                ),
                cycle(
                    "2025-01-06",
                    Some("2025-03-28"),
                    CycleStatus::Completed,
                    &["o2"],
                ),
            ],
            "2025-04-30",
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn one_cycle_is_not_enough_and_out_of_order_is_caught() {
        let f = run(
            vec![cycle(
                "2025-01-06",
                Some("2024-12-20"),
                CycleStatus::Completed,
                &["o1"],
            )],
            "2025-04-30",
        );
        assert!(ids(&f).contains(&"V-10"));
        assert!(ids(&f).contains(&"V-12"));
        let f = run(
            vec![
                cycle(
                    "2024-09-09",
                    Some("2024-12-13"),
                    CycleStatus::Completed,
                    &["o1"],
                ),
                cycle(
                    "2024-12-01",
                    Some("2025-03-28"),
                    CycleStatus::Completed,
                    &["o2"],
                ),
            ],
            "2025-04-30",
        );
        assert!(
            f.iter()
                .any(|x| x.rule == "V-13" && x.pointer == "/apdrCycles/1/startDate"),
            "{f:?}"
        );
    }

    #[test]
    fn same_plan_twice_and_in_progress_in_the_middle() {
        let f = run(
            vec![
                cycle(
                    "2024-09-09",
                    Some("2024-12-13"),
                    CycleStatus::Completed,
                    &["o1"],
                ),
                cycle(
                    "2025-01-06",
                    Some("2025-03-28"),
                    CycleStatus::InProgress,
                    &["o1"],
                ),
                cycle(
                    "2025-04-01",
                    Some("2025-06-28"),
                    CycleStatus::InProgress,
                    &["o2"],
                ),
            ],
            "2025-04-30",
        );
        assert!(ids(&f).contains(&"V-18"));
        assert!(f
            .iter()
            .any(|x| x.rule == "V-19" && x.pointer == "/apdrCycles/1/status"));
    }

    #[test]
    fn future_dates_and_absurd_input() {
        let f = run(
            vec![cycle(
                "2099-01-01",
                Some("2099-02-01"),
                CycleStatus::Completed,
                &[],
            )],
            "2025-04-30",
        );
        assert!(ids(&f).contains(&"V-15"));
        let mut bad = cycle("not a date", None, CycleStatus::Completed, &[]);
        bad.cycle_no = Some(i64::MAX);
        let f = run(vec![bad], "2025-04-30");
        assert!(ids(&f).contains(&"V-17"));
    }
}
