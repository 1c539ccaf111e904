//! F-07: ids are unique and references resolve (outcomes, provision rows, parents).

use std::collections::BTreeSet;

use super::{list, ptr, Ctx, Finding};

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let app = ctx.app;
    let outcome_ids = unique(
        ctx,
        out,
        "/outcomes",
        "outcome",
        list(app.outcomes.as_ref()).iter().map(|o| o.id.as_deref()),
    );
    let rows = list(app.provision_map.as_ref().and_then(|m| m.rows.as_ref()));
    let row_ids = unique(
        ctx,
        out,
        "/provisionMap/rows",
        "provision-row",
        rows.iter().map(|r| r.id.as_deref()),
    );
    let parent_ids = unique(
        ctx,
        out,
        "/parents",
        "parent",
        list(app.parents.as_ref()).iter().map(|p| p.id.as_deref()),
    );
    unique(
        ctx,
        out,
        "/specialists",
        "specialist",
        list(app.specialists.as_ref())
            .iter()
            .map(|s| s.id.as_deref()),
    );
    unique(
        ctx,
        out,
        "/attachments",
        "document",
        list(app.attachments.as_ref())
            .iter()
            .map(|a| a.id.as_deref()),
    );

    for (i, c) in list(app.apdr_cycles.as_ref()).iter().enumerate() {
        let b = ptr("/apdrCycles", i);
        resolve(
            ctx,
            out,
            &format!("{b}/outcomeIds"),
            list(c.outcome_ids.as_ref()),
            &outcome_ids,
            "outcome",
        );
        resolve(
            ctx,
            out,
            &format!("{b}/provisionIds"),
            list(c.provision_ids.as_ref()),
            &row_ids,
            "provision-row",
        );
        let cycle: BTreeSet<&str> = list(c.outcome_ids.as_ref())
            .iter()
            .map(String::as_str)
            .collect();
        for key in c
            .review
            .as_ref()
            .and_then(|r| r.outcome_status.as_ref())
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            if !cycle.contains(key.as_str()) {
                out.push(Finding::new(
                    "F-07",
                    ptr(&format!("{b}/review/outcomeStatus"), key),
                    ctx.say_with(
                        "rule.F-07.not-in-cycle",
                        &[("n", &(i + 1)), ("outcome", &key)],
                    ),
                ));
            }
        }
    }
    for (j, r) in rows.iter().enumerate() {
        let p = format!("{}/linkedOutcomeIds", ptr("/provisionMap/rows", j));
        resolve(
            ctx,
            out,
            &p,
            list(r.linked_outcome_ids.as_ref()),
            &outcome_ids,
            "outcome",
        );
    }
    for (i, c) in list(app.consents.as_ref()).iter().enumerate() {
        if let Some(id) = c.given_by_person_id.as_deref() {
            if !parent_ids.contains(id) {
                out.push(Finding::new(
                    "F-07",
                    format!("{}/givenByPersonId", ptr("/consents", i)),
                    ctx.say_with("rule.F-07.consent-parent", &[("n", &(i + 1)), ("id", &id)]),
                ));
            }
        }
    }
}

/// Reports repeated ids; returns the set of ids. `what` is the kind of item, as the ids of
/// its messages name it (`rule.F-07.repeated.provision-row`).
fn unique<'a>(
    ctx: &Ctx<'_>,
    out: &mut Vec<Finding>,
    base: &str,
    what: &str,
    ids: impl Iterator<Item = Option<&'a str>>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        let Some(id) = id else { continue };
        if !seen.insert(id) {
            out.push(Finding::new(
                "F-07",
                format!("{}/id", ptr(base, i)),
                ctx.say_with(&format!("rule.F-07.repeated.{what}"), &[("id", &id)]),
            ));
        }
    }
    seen
}

fn resolve(
    ctx: &Ctx<'_>,
    out: &mut Vec<Finding>,
    base: &str,
    refs: &[String],
    known: &BTreeSet<&str>,
    what: &str,
) {
    for (k, id) in refs.iter().enumerate() {
        if !known.contains(id.as_str()) {
            out.push(Finding::new(
                "F-07",
                ptr(base, k),
                ctx.say_with(&format!("rule.F-07.unknown.{what}"), &[("id", &id)]),
            ));
        }
    }
}
