use std::collections::BTreeMap;

use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::{CycleStatus, ReviewStatus};

/// One assess-plan-do-review cycle: the core evidence of the graduated approach (domain.md §1.G).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApdrCycle {
    pub cycle_no: Option<i64>,
    /// The day the plan was agreed.
    #[validate(custom(function = "check_date"))]
    pub start_date: Option<DateText>,
    #[validate(custom(function = "check_date"))]
    pub planned_review_date: Option<DateText>,
    #[validate(custom(function = "check_date"))]
    pub actual_review_date: Option<DateText>,
    pub status: Option<CycleStatus>,
    #[validate(nested)]
    pub assess: Option<Assess>,
    /// Outcomes worked on in this cycle.
    pub outcome_ids: Option<Vec<String>>,
    /// Provision-map rows delivered in this cycle.
    pub provision_ids: Option<Vec<String>>,
    #[validate(nested)]
    pub review: Option<Review>,
}

/// What the assess stage drew on.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assess {
    #[validate(length(max = LONG_TEXT_MAX))]
    pub summary: Option<String>,
    /// Reports, behaviour logs, attendance, parent and teacher feedback...
    #[validate(custom(function = "check_short_list"))]
    pub sources: Option<Vec<String>>,
}

/// The review at the end of a cycle.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Review {
    /// Status of each of the cycle's outcomes, keyed by outcome id.
    pub outcome_status: Option<BTreeMap<String, ReviewStatus>>,
    /// Evidence for each status, keyed by outcome id.
    #[validate(custom(function = "check_text_map"))]
    pub outcome_evidence: Option<BTreeMap<String, String>>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub impact_summary: Option<String>,
    /// What is being adapted for the next cycle.
    #[validate(length(max = LONG_TEXT_MAX))]
    pub next_steps: Option<String>,
    pub parent_attended: Option<bool>,
    #[validate(custom(function = "check_date"))]
    pub parent_meeting_date: Option<DateText>,
    /// The parent's contribution, where they could not attend.
    #[validate(length(max = LONG_TEXT_MAX))]
    pub parent_contribution: Option<String>,
    pub pupil_voice_captured: Option<bool>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub pupil_voice: Option<String>,
    #[validate(custom(function = "check_short_list"))]
    pub attendees: Option<Vec<String>>,
}

/// A meeting with the child's parents or carers.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParentMeeting {
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub purpose: Option<String>,
}
