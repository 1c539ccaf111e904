//! SMART outcomes and the golden thread (domain.md §4.5, V-50…V-56).

use super::{capital, date, human, list, plural, ptr, Ctx, Finding};
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

fn name(i: usize) -> String {
    format!("outcome {}", i + 1)
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
                format!(
                    "Cycle {} works on {}. Choose between 1 and {max}: a few outcomes that matter most.",
                    i + 1,
                    plural(n, "outcome", "outcomes")
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
            format!(
                "Say how {} will be measured: a baseline and a target, like 32 to 60 correct words a minute",
                name(i)
            ),
        ));
    }
    time_bound(ctx, i, o, &b, out);
    let text = o.text.as_deref().unwrap_or("").to_ascii_lowercase();
    if RESOURCE_PHRASES.iter().any(|p| text.contains(p)) {
        out.push(Finding::new(
            "V-53",
            format!("{b}/text"),
            format!(
                "{} describes support given to the child. Write what the child will be able to do as a result, and put the support in the provision map.",
                capital(&name(i))
            ),
        ));
    }
    if !measured && VAGUE_WORDS.iter().any(|w| text.contains(w)) {
        out.push(Finding::new(
            "V-54",
            format!("{b}/text"),
            format!(
                "Words like \u{201c}improve\u{201d} are hard to judge without a measure: say how much, by when, for {}",
                name(i)
            ),
        ));
    }
    if o.agreed_with_parent != Some(true) {
        out.push(Finding::new(
            "V-56",
            format!("{b}/agreedWithParent"),
            format!(
                "Agree {} with the child's parents, and record that you have",
                name(i)
            ),
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
                format!("Enter the date {} should be met by", name(i)),
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
                format!(
                    "{} is due by {}, after the planned review of its cycle on {}. Set a date the review can judge.",
                    capital(&name(i)),
                    human(by),
                    human(review)
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
                format!(
                    "No provision works toward {}. Link it to a row of the provision map, or remove it.",
                    name(i)
                ),
            ));
        }
    }
    for (j, r) in rows.iter().enumerate() {
        if list(r.linked_outcome_ids.as_ref()).is_empty() {
            let what = r
                .intervention
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            out.push(Finding::new(
                "V-55",
                format!("{}/linkedOutcomeIds", ptr("/provisionMap/rows", j)),
                format!(
                    "Provision row {}{what} is not linked to an outcome. Select the outcomes it works toward.",
                    j + 1
                ),
            ));
        }
    }
}
