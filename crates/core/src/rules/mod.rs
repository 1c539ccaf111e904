//! The rules engine: runs every rule family over an application and turns their findings into
//! a [`Report`]. One rule family per file; each family is a plain function that reads the
//! application through [`Ctx`] and pushes [`Finding`]s. Severity, justification and section
//! placement are decided here, from the catalogue and the profile, never in a family.

mod amounts;
mod apdr;
mod consent;
pub mod documents;
mod eligibility;
pub mod field_specs;
mod fields;
mod identity;
mod index;
mod involvement;
mod outcomes;
mod provision_map;
mod references;
pub mod required;
mod specialists;
mod support;

use std::collections::BTreeSet;

use crate::cost::{self, Totals};
use crate::date::Date;
use crate::model::Application;
use crate::profile::Profile;
use crate::report::{Counts, Issue, Report, SectionReport, SectionStatus, Severity};
use crate::sections::{self, SECTIONS};
use crate::text::Catalogue;

pub use crate::spec::{catalogue, order};
pub use index::Index;
pub use support::*;

/// What a rule family can see.
pub struct Ctx<'a> {
    pub app: &'a Application,
    pub profile: &'a Profile,
    /// The day the date-relative rules take as today (also the submission date).
    pub today: Date,
    pub totals: &'a Totals,
    /// The application as a JSON value (for presence checks by pointer), made once per check.
    pub doc: &'a serde_json::Value,
    /// Ids to positions and what refers to them, built once per check.
    pub index: &'a Index<'a>,
    /// The texts the messages are worded in (English, a language, the profile's `texts`).
    pub texts: &'a Catalogue,
}

impl Ctx<'_> {
    /// Who decides on the application, for messages: a council's panel, or for a request for
    /// an EHC needs assessment the council itself.
    pub fn decider(&self) -> &str {
        self.texts.get(match self.profile.mode {
            crate::profile::Mode::Panel => "rule.decider.panel",
            crate::profile::Mode::Ehcna => "rule.decider.council",
        })
    }

    /// A message from the catalogue, as it stands.
    pub fn say(&self, id: &str) -> String {
        self.texts.get(id).to_owned()
    }

    /// A message from the catalogue with its placeholders filled.
    pub fn say_with(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.texts.format(id, args)
    }

    /// A date for messages in the catalogue's words: "14 May 2016".
    pub fn date(&self, d: Date) -> String {
        crate::date::human_in(d, self.texts)
    }

    /// A count with its noun: `plural(2, "word.week")` words `word.week.one` or `.other`.
    pub fn plural(&self, n: i64, id: &str) -> String {
        self.texts.plural(n, id)
    }
}

/// A rule's finding, before the engine decides its severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub pointer: String,
    pub message: String,
    /// A rule-specific severity (e.g. V-90: error for a permanent UPN, warning for a temporary
    /// one). A profile override still wins, and EHCNA mode still caps evidence criteria.
    pub severity: Option<Severity>,
}

impl Finding {
    pub fn new(rule: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            pointer: pointer.into(),
            message: message.into(),
            severity: None,
        }
    }

    /// Chooses a severity for this finding (see [`Finding::severity`]).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// A rule family.
type Family = fn(&Ctx<'_>, &mut Vec<Finding>);

/// Every family, in no particular order (the report sorts).
const FAMILIES: &[Family] = &[
    fields::check,
    amounts::check,
    eligibility::check,
    apdr::check,
    involvement::check,
    consent::check,
    outcomes::check,
    provision_map::check,
    specialists::check,
    identity::check,
    references::check,
    documents::check,
];

/// Checks an application against a profile. Never fails: a partial draft gives a report whose
/// sections say "not started" or "in progress".
pub fn check(app: &Application, profile: &Profile, today: Date) -> Report {
    check_in(
        app,
        profile,
        today,
        &profile.catalogue(Catalogue::english()),
    )
}

/// [`check`], its messages worded from `texts` (a language's catalogue with the profile's
/// `texts` over it: [`Profile::catalogue`]).
pub fn check_in(app: &Application, profile: &Profile, today: Date, texts: &Catalogue) -> Report {
    let totals = cost::totals(app, &profile.funding);
    let doc = crate::wire::to_value(app);
    let index = Index::new(app);
    let ctx = Ctx {
        app,
        profile,
        today,
        totals: &totals,
        doc: &doc,
        index: &index,
        texts,
    };
    let mut findings = Vec::new();
    for family in FAMILIES {
        family(&ctx, &mut findings);
    }
    let issues = resolve(findings, profile, app);
    build_report(issues, profile, &doc, today, totals, texts)
}

/// Turns findings into issues: severity from the profile and catalogue, EHCNA cap, sections the
/// profile asks, justifications, de-duplication and order.
fn resolve(findings: Vec<Finding>, profile: &Profile, app: &Application) -> Vec<Issue> {
    let acks = app
        .validation
        .as_ref()
        .and_then(|v| v.warnings_acknowledged.as_deref())
        .unwrap_or(&[]);
    let mut seen = BTreeSet::new();
    let mut issues = Vec::new();
    for f in findings {
        let Some(def) = catalogue::get(f.rule) else {
            continue;
        };
        let over = profile.rule(f.rule);
        let Some(severity) = required::severity_at(f.rule, &f.pointer, profile, f.severity) else {
            continue;
        };
        let section = sections::section_of(&f.pointer);
        if !profile.has_section(section) {
            continue;
        }
        if !seen.insert((f.rule, f.pointer.clone(), f.message.clone())) {
            continue;
        }
        let needs_justification = severity == Severity::Warning
            && over
                .and_then(|o| o.justify)
                .unwrap_or(profile.warnings_need_justification);
        let justified = needs_justification
            && acks.iter().any(|a| {
                a.covers(f.rule, &f.pointer)
                    && a.justification
                        .as_deref()
                        .is_some_and(|j| !j.trim().is_empty())
            });
        issues.push(Issue {
            rule_id: f.rule.to_owned(),
            severity,
            section: section.to_owned(),
            pointer: f.pointer,
            message: f.message,
            source: def.source.to_owned(),
            needs_justification,
            justified,
        });
    }
    // Each issue's place is worked out once, not at every comparison.
    let mut keyed: Vec<_> = issues
        .into_iter()
        .map(|i| {
            let place = (sections::index_of(&i.section), order::owned_key(&i.pointer));
            (place, i)
        })
        .collect();
    keyed.sort_by(|(pa, a), (pb, b)| {
        (pa, &a.rule_id, &a.message).cmp(&(pb, &b.rule_id, &b.message))
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Whether an issue stops the application being sent: an error, or a warning that needs a
/// justification and has none. The report's `complete`, the widget's check your answers and
/// its reading of a backend's 422 all ask this.
pub fn blocks_sending(severity: Severity, needs_justification: bool, justified: bool) -> bool {
    severity == Severity::Error || (needs_justification && !justified)
}

fn build_report(
    issues: Vec<Issue>,
    profile: &Profile,
    doc: &serde_json::Value,
    today: Date,
    totals: Totals,
    texts: &Catalogue,
) -> Report {
    let mut counts = Counts::default();
    for i in &issues {
        match i.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => counts.infos += 1,
        }
        if i.needs_justification && !i.justified {
            counts.unjustified_warnings += 1;
        }
    }
    let sections = SECTIONS
        .iter()
        .filter(|s| profile.has_section(s.id))
        .map(|s| section_report(s, &issues, profile, doc, texts))
        .collect();
    Report {
        profile: profile.id.clone(),
        profile_version: profile.version.clone(),
        today: today.to_string(),
        // Never complete on figures the core could not work out, whatever a profile switched off.
        complete: !issues
            .iter()
            .any(|i| blocks_sending(i.severity, i.needs_justification, i.justified))
            && totals.not_worked_out.is_empty(),
        counts,
        sections,
        issues,
        totals,
    }
}

fn section_report(
    def: &sections::SectionDef,
    issues: &[Issue],
    profile: &Profile,
    doc: &serde_json::Value,
    texts: &Catalogue,
) -> SectionReport {
    let mut r = SectionReport {
        id: def.id.to_owned(),
        title: profile.section_title_in(def.id, texts),
        status: SectionStatus::Complete,
        errors: 0,
        warnings: 0,
        infos: 0,
    };
    let mut only_missing = true;
    let mut unjustified = false;
    for i in issues.iter().filter(|i| i.section == def.id) {
        match i.severity {
            Severity::Error => {
                r.errors += 1;
                only_missing &= i.rule_id == "F-01";
            }
            Severity::Warning => r.warnings += 1,
            Severity::Info => r.infos += 1,
        }
        unjustified |= i.needs_justification && !i.justified;
    }
    let started = def.keys.iter().any(|k| is_answered(doc.get(*k)));
    r.status = if !started {
        SectionStatus::NotStarted
    } else if r.errors > 0 && !only_missing {
        SectionStatus::HasErrors
    } else if r.errors > 0 || unjustified {
        SectionStatus::InProgress
    } else {
        SectionStatus::Complete
    };
    r
}

/// Whether a JSON value counts as an answer: not absent, null, blank text or an empty list or
/// object.
pub fn is_answered(v: Option<&serde_json::Value>) -> bool {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => o.values().any(|x| is_answered(Some(x))),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_and_unjustified_warnings_block_sending() {
        assert!(blocks_sending(Severity::Error, false, false));
        assert!(blocks_sending(Severity::Warning, true, false));
        assert!(!blocks_sending(Severity::Warning, true, true));
        assert!(!blocks_sending(Severity::Warning, false, false));
        assert!(!blocks_sending(Severity::Info, false, false));
    }
}
