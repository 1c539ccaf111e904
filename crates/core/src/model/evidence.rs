use std::collections::BTreeMap;

use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::{AreaOfNeed, AttachmentType, ServiceType, SpecialistStatus, VoiceMethod};

/// One attainment or progress measurement (domain.md §1.F).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
    /// What was measured, e.g. "Standardised reading score (NFER)".
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub measure: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub value: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub age_equivalent: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub peer_comparison: Option<String>,
}

/// A SMART outcome (domain.md §1.H).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcome {
    /// Referenced from cycles and provision rows.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub id: Option<String>,
    pub area: Option<AreaOfNeed>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub text: Option<String>,
    #[validate(nested)]
    pub measure: Option<Measure>,
    #[validate(custom(function = "check_date"))]
    pub by_date: Option<DateText>,
    pub agreed_with_parent: Option<bool>,
    pub agreed_with_pupil: Option<bool>,
}

/// How an outcome is measured: from a baseline to a target, in a unit.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub unit: Option<String>,
}

/// A specialist or outside agency involved (domain.md §1.J).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Specialist {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub service_type: Option<ServiceType>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub professional_name: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub role: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub first_involved_date: Option<DateText>,
    #[validate(custom(function = "check_date"))]
    pub latest_report_date: Option<DateText>,
    pub report_attached: Option<bool>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub report_attachment_id: Option<String>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub advice_summary: Option<String>,
    pub advice_implemented: Option<bool>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub advice_implemented_how: Option<String>,
    pub status: Option<SpecialistStatus>,
}

/// The pupil's views (domain.md §1.K).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PupilVoice {
    pub method: Option<VoiceMethod>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub text: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub attachment_id: Option<String>,
}

/// The parents' or carers' views and aspirations (domain.md §1.L).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParentViews {
    #[validate(length(max = LONG_TEXT_MAX))]
    pub text: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub attachment_id: Option<String>,
}

/// Metadata of an attached document; the file itself travels by the backend's own route
/// (domain.md §1.Q).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub attachment_type: Option<AttachmentType>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub filename: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub mime_type: Option<String>,
    pub size_bytes: Option<u64>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub sha256: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub document_date: Option<DateText>,
    /// Where the backend holds the file.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub reference: Option<String>,
}

/// Review outcome statuses keyed by outcome id.
pub type OutcomeStatusMap = BTreeMap<String, crate::codes::ReviewStatus>;
