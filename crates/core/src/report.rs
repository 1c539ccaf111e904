//! The completeness report: what the widget shows, what `sen-check --json` prints and what the
//! receiver returns with a 422. The same shape everywhere.

use serde::{Deserialize, Serialize};

use crate::json::FromJson;

use crate::totals::Totals;

/// How much an issue matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, FromJson,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks submission.
    Error,
    /// Needs acknowledging, and a justification where the profile says so.
    Warning,
    /// Advice.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing the applicant should know about or do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Issue {
    /// Stable rule id: `V-xx` from the domain specification, `F-xx` for field checks.
    pub rule_id: String,
    pub severity: Severity,
    /// Section id (see `sections`).
    pub section: String,
    /// JSON Pointer (RFC 6901) to the field the issue is about.
    pub pointer: String,
    /// Plain English: what is wrong and what to do.
    pub message: String,
    /// Where the rule comes from.
    pub source: String,
    /// A warning the profile wants justified before submission.
    #[serde(default)]
    pub needs_justification: bool,
    /// The document carries a justification for this warning.
    #[serde(default)]
    pub justified: bool,
}

/// Where a section stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SectionStatus {
    /// Nothing answered yet.
    NotStarted,
    /// Started; the only errors are answers still missing.
    InProgress,
    /// No errors (warnings may remain).
    Complete,
    /// An answer is wrong or contradicts another.
    HasErrors,
}

impl SectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionStatus::NotStarted => "not started",
            SectionStatus::InProgress => "in progress",
            SectionStatus::Complete => "complete",
            SectionStatus::HasErrors => "has errors",
        }
    }
}

/// One section's line in the task list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionReport {
    pub id: String,
    pub title: String,
    pub status: SectionStatus,
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
}

/// Issues by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Counts {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    /// Warnings that need a justification and have none.
    pub unjustified_warnings: u32,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Report {
    /// Profile id and version the application was checked against.
    pub profile: String,
    pub profile_version: String,
    /// The day the date-relative rules took as today.
    pub today: String,
    /// No error, and every warning that needs a justification has one.
    pub complete: bool,
    pub counts: Counts,
    pub sections: Vec<SectionReport>,
    /// In section order, then field order.
    pub issues: Vec<Issue>,
    /// The provision map's computed totals.
    pub totals: Totals,
}

impl Report {
    /// Issues of one section.
    pub fn issues_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| i.section == section)
    }

    /// Distinct rule ids with an issue of the given severity, sorted.
    pub fn rule_ids(&self, severity: Severity) -> Vec<String> {
        let mut ids: Vec<String> = self
            .issues
            .iter()
            .filter(|i| i.severity == severity)
            .map(|i| i.rule_id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}
