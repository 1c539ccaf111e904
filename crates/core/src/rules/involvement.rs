//! Parent and pupil involvement (domain.md §4.3, V-20…V-23).

use std::collections::BTreeSet;

use super::{date, has_text, list, ptr, Ctx, Finding};
use crate::codes::CycleStatus;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    parent_meetings(ctx, out);
    parents_at_reviews(ctx, out);
    parent_views(ctx, out);
    pupil_voice(ctx, out);
}

/// V-20: at least three meetings with parents in the last 12 months (SEND Code of Practice
/// 6.65), pro rata (one a term) for a child on SEN support for less than a year.
fn parent_meetings(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let app = ctx.app;
    let Some(year_ago) = ctx.today.add_months(-12) else {
        return;
    };
    let mut dates = BTreeSet::new();
    for m in list(app.parent_meetings.as_ref()) {
        dates.extend(date(m.date.as_ref()));
    }
    for c in list(app.apdr_cycles.as_ref()) {
        dates.extend(date(
            c.review
                .as_ref()
                .and_then(|r| r.parent_meeting_date.as_ref()),
        ));
    }
    let have = i64::try_from(
        dates
            .iter()
            .filter(|d| **d > year_ago && **d <= ctx.today)
            .count(),
    )
    .unwrap_or(i64::MAX);
    let mut need = ctx.profile.involvement.min_parent_meetings_per12m;
    let added = app
        .sen
        .as_ref()
        .and_then(|s| date(s.date_added_to_register.as_ref()));
    if let Some(added) = added.filter(|a| *a > year_ago && *a <= ctx.today) {
        let term = ctx.profile.apdr.days_per_term.max(1);
        let terms = (added.days_until(ctx.today) + term - 1) / term;
        // One a term on the register, at least one; never more than the council asks (0: none).
        need = need.min(terms.max(1));
    }
    if have < need {
        let meetings = if need == 1 {
            ctx.say("rule.V-20.a-meeting")
        } else {
            ctx.say_with(
                "rule.V-20.at-least",
                &[("meetings", &ctx.plural(need, "word.meeting"))],
            )
        };
        out.push(Finding::new(
            "V-20",
            "/parentMeetings",
            ctx.say_with(
                "rule.V-20.meetings",
                &[("meetings", &meetings), ("have", &have)],
            ),
        ));
    }
}

/// V-21: parents took part in every review.
fn parents_at_reviews(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (i, c) in list(ctx.app.apdr_cycles.as_ref()).iter().enumerate() {
        if c.status != Some(CycleStatus::Completed) {
            continue;
        }
        let r = c.review.as_ref();
        let attended = r.and_then(|r| r.parent_attended) == Some(true);
        if !attended && !has_text(r.and_then(|r| r.parent_contribution.as_ref())) {
            out.push(Finding::new(
                "V-21",
                format!("{}/review/parentAttended", ptr("/apdrCycles", i)),
                ctx.say_with("rule.V-21.review", &[("n", &(i + 1))]),
            ));
        }
    }
}

/// Views given in words or as an attached document.
pub(super) fn given(text: Option<&String>, attachment: Option<&String>) -> bool {
    has_text(text) || has_text(attachment)
}

/// V-22: the parents' views are included.
fn parent_views(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let v = ctx.app.parent_views.as_ref();
    if !given(
        v.and_then(|v| v.text.as_ref()),
        v.and_then(|v| v.attachment_id.as_ref()),
    ) {
        out.push(Finding::new(
            "V-22",
            "/parentViews/text",
            ctx.say("rule.V-22.views"),
        ));
    }
}

/// V-23: the child's views are included (and in every review, where the council asks).
fn pupil_voice(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let v = ctx.app.pupil_voice.as_ref();
    if !given(
        v.and_then(|v| v.text.as_ref()),
        v.and_then(|v| v.attachment_id.as_ref()),
    ) {
        out.push(Finding::new(
            "V-23",
            "/pupilVoice/text",
            ctx.say("rule.V-23.views"),
        ));
    }
    if !ctx.profile.apdr.pupil_voice_every_cycle {
        return;
    }
    for (i, c) in list(ctx.app.apdr_cycles.as_ref()).iter().enumerate() {
        let r = c.review.as_ref();
        let ok = r.and_then(|r| r.pupil_voice_captured) == Some(true)
            && has_text(r.and_then(|r| r.pupil_voice.as_ref()));
        if c.status == Some(CycleStatus::Completed) && !ok {
            out.push(Finding::new(
                "V-23",
                format!("{}/review/pupilVoice", ptr("/apdrCycles", i)),
                ctx.say_with("rule.V-23.review", &[("n", &(i + 1))]),
            ));
        }
    }
}
