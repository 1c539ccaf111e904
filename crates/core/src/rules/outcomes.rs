//! SMART outcomes and the golden thread (domain.md §4.5, V-50…V-56).

use super::{capital, date, list, ptr, Ctx, Finding};
use crate::model::Outcome;

/// Phrases that describe support given rather than a difference for the child (V-53).
const RESOURCE_PHRASES: &[&str] = &[
    "hours of",
    "hrs of",
    "ta support",
    "1:1 support",
    "one-to-one support",
    "will have",
    "will receive",
    "will be given",
    "access to",
    "sessions of",
    "salt sessions",
    "support from",
];

/// Vague words that need a measure (V-54).
const VAGUE_WORDS: &[&str] = &[
    "improve",
    "develop",
    "successfully",
    "appropriate",
    "better",
    "increase",
    "more confident",
];

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    per_cycle(ctx, out);
    for (i, o) in list(ctx.app.outcomes.as_ref()).iter().enumerate() {
        smart(ctx, i, o, out);
    }
    golden_thread(ctx, out);
}

fn name(ctx: &Ctx<'_>, i: usize) -> String {
    ctx.say_with("rule.outcome", &[("n", &(i + 1))])
}

/// V-50: between 1 and `maxPerCycle` outcomes in each cycle.
fn per_cycle(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let max = ctx.profile.outcomes.max_per_cycle;
    for (i, c) in list(ctx.app.apdr_cycles.as_ref()).iter().enumerate() {
        let n = i64::try_from(list(c.outcome_ids.as_ref()).len()).unwrap_or(i64::MAX);
        if n == 0 || n > max {
            out.push(Finding::new(
                "V-50",
                format!("{}/outcomeIds", ptr("/apdrCycles", i)),
                ctx.say_with(
                    "rule.V-50.per-cycle",
                    &[
                        ("n", &(i + 1)),
                        ("outcomes", &ctx.plural(n, "word.outcome")),
                        ("max", &max),
                    ],
                ),
            ));
        }
    }
}

/// V-51…V-54, V-56: each outcome measurable, time-bound, about the child, agreed with parents.
fn smart(ctx: &Ctx<'_>, i: usize, o: &Outcome, out: &mut Vec<Finding>) {
    let b = ptr("/outcomes", i);
    let measured = o.measure.as_ref().and_then(|m| m.target).is_some();
    if !measured {
        out.push(Finding::new(
            "V-51",
            format!("{b}/measure"),
            ctx.say_with("rule.V-51.measure", &[("outcome", &name(ctx, i))]),
        ));
    }
    time_bound(ctx, i, o, &b, out);
    let text = o.text.as_deref().unwrap_or("").to_ascii_lowercase();
    if RESOURCE_PHRASES.iter().any(|p| text.contains(p)) {
        out.push(Finding::new(
            "V-53",
            format!("{b}/text"),
            ctx.say_with("rule.V-53.support", &[("outcome", &capital(&name(ctx, i)))]),
        ));
    }
    if !measured && VAGUE_WORDS.iter().any(|w| text.contains(w)) {
        out.push(Finding::new(
            "V-54",
            format!("{b}/text"),
            ctx.say_with("rule.V-54.vague", &[("outcome", &name(ctx, i))]),
        ));
    }
    if o.agreed_with_parent != Some(true) {
        out.push(Finding::new(
            "V-56",
            format!("{b}/agreedWithParent"),
            ctx.say_with("rule.V-56.agree", &[("outcome", &name(ctx, i))]),
        ));
    }
}

/// V-52: a date to meet the outcome by, no later than the planned review of its first cycle.
fn time_bound(ctx: &Ctx<'_>, i: usize, o: &Outcome, b: &str, out: &mut Vec<Finding>) {
    let pointer = format!("{b}/byDate");
    let Some(by) = date(o.by_date.as_ref()) else {
        if o.by_date.is_none() {
            out.push(Finding::new(
                "V-52",
                pointer,
                ctx.say_with("rule.V-52.by-date", &[("outcome", &name(ctx, i))]),
            ));
        }
        return;
    };
    let Some(id) = o.id.as_deref() else { return };
    let review = ctx.index.first_review_of(ctx.app, id);
    let tolerance = ctx.profile.outcomes.by_date_tolerance_days;
    if let Some(review) = review {
        if review.days_until(by) > tolerance {
            out.push(Finding::new(
                "V-52",
                pointer,
                ctx.say_with(
                    "rule.V-52.after-review",
                    &[
                        ("outcome", &capital(&name(ctx, i))),
                        ("by", &ctx.date(by)),
                        ("review", &ctx.date(review)),
                    ],
                ),
            ));
        }
    }
}

/// V-55: every outcome has provision working toward it, and every provision row serves an
/// outcome.
fn golden_thread(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let rows = list(ctx.app.provision_map.as_ref().and_then(|m| m.rows.as_ref()));
    for (i, o) in list(ctx.app.outcomes.as_ref()).iter().enumerate() {
        let Some(id) = o.id.as_deref() else { continue };
        if !ctx.index.linked_outcomes.contains(id) {
            out.push(Finding::new(
                "V-55",
                ptr("/outcomes", i),
                ctx.say_with("rule.V-55.no-provision", &[("outcome", &name(ctx, i))]),
            ));
        }
    }
    for (j, r) in rows.iter().enumerate() {
        if list(r.linked_outcome_ids.as_ref()).is_empty() {
            let what = r
                .intervention
                .as_deref()
                .map(|t| ctx.say_with("rule.V-55.intervention", &[("intervention", &t)]))
                .unwrap_or_default();
            out.push(Finding::new(
                "V-55",
                format!("{}/linkedOutcomeIds", ptr("/provisionMap/rows", j)),
                ctx.say_with(
                    "rule.V-55.no-outcome",
                    &[("n", &(j + 1)), ("intervention", &what)],
                ),
            ));
        }
    }
}
