//! Look-ups the rule families share, built once per check so that a rule reading "the outcome
//! with this id" or "the rows linked to it" costs a look-up, not a pass over another list: the
//! report's time stays linear (times a logarithm) in the document's size.

use std::collections::{BTreeMap, BTreeSet};

use super::{date, list};
use crate::date::Date;
use crate::model::Application;

/// Ids to positions, and what refers to them.
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// Each outcome id's first position in `outcomes`.
    pub outcome_at: BTreeMap<&'a str, usize>,
    /// Outcome ids some provision row is linked to.
    pub linked_outcomes: BTreeSet<&'a str>,
    /// Each outcome id's first cycle (position in `apdrCycles`) that names it.
    pub first_cycle_of: BTreeMap<&'a str, usize>,
    /// Each parent id's first position in `parents`.
    pub parent_at: BTreeMap<&'a str, usize>,
    /// Each document id's first position in `attachments`.
    pub attachment_at: BTreeMap<&'a str, usize>,
}

fn first_positions<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> BTreeMap<&'a str, usize> {
    let mut at = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(id) = id {
            at.entry(id).or_insert(i);
        }
    }
    at
}

impl<'a> Index<'a> {
    pub fn new(app: &'a Application) -> Self {
        let rows = list(app.provision_map.as_ref().and_then(|m| m.rows.as_ref()));
        let mut first_cycle_of = BTreeMap::new();
        for (i, c) in list(app.apdr_cycles.as_ref()).iter().enumerate() {
            for id in list(c.outcome_ids.as_ref()) {
                first_cycle_of.entry(id.as_str()).or_insert(i);
            }
        }
        Index {
            outcome_at: first_positions(
                list(app.outcomes.as_ref()).iter().map(|o| o.id.as_deref()),
            ),
            linked_outcomes: rows
                .iter()
                .flat_map(|r| list(r.linked_outcome_ids.as_ref()))
                .map(String::as_str)
                .collect(),
            first_cycle_of,
            parent_at: first_positions(list(app.parents.as_ref()).iter().map(|p| p.id.as_deref())),
            attachment_at: first_positions(
                list(app.attachments.as_ref())
                    .iter()
                    .map(|a| a.id.as_deref()),
            ),
        }
    }

    /// The planned review date of the first cycle that names this outcome.
    pub fn first_review_of(&self, app: &Application, outcome: &str) -> Option<Date> {
        let i = *self.first_cycle_of.get(outcome)?;
        let c = list(app.apdr_cycles.as_ref()).get(i)?;
        date(c.planned_review_date.as_ref())
    }
}
