use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::{AreaOfNeed, Ncy, SenProvision, SenType, Sex};

/// The child or young person (domain.md §1.C).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Child {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub legal_forename: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub legal_surname: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub preferred_name: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub dob: Option<DateText>,
    pub sex: Option<Sex>,
    /// Unique pupil number: a letter then 12 characters (domain.md §5.9).
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub upn: Option<String>,
    pub ncy: Option<Ncy>,
    /// Taught out of their chronological year group.
    pub out_of_year: Option<bool>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub address: Option<String>,
    #[validate(custom(function = "check_postcode"))]
    pub postcode: Option<String>,
    /// DfE code of the local authority where the child lives (pays the top-up).
    #[validate(custom(function = "check_la_code"))]
    pub resident_la_code: Option<String>,
    #[validate(custom(function = "check_short_list"))]
    pub home_languages: Option<Vec<String>>,
    pub interpreter_needed: Option<bool>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub ethnicity: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub religion: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub nhs_number: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub gp: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub admission_date: Option<DateText>,
    #[validate(nested)]
    pub previous_settings: Option<Vec<PreviousSetting>>,
    /// Attendance over the last 12 months, 0 to 100.
    #[validate(custom(function = "check_percent"))]
    pub attendance_pct12m: Option<f64>,
    /// Days attended a week (early years).
    pub days_attended_per_week: Option<f64>,
}

/// A school or setting attended before.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviousSetting {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub name: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub from: Option<DateText>,
    #[validate(custom(function = "check_date"))]
    pub to: Option<DateText>,
}

/// Vulnerability and context (domain.md §1.D).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextFlags {
    pub looked_after: Option<bool>,
    /// For a looked-after child: the placing local authority.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub placing_la: Option<String>,
    pub child_in_need: Option<bool>,
    pub child_protection: Option<bool>,
    pub early_help: Option<bool>,
    pub youth_offending: Option<bool>,
    pub armed_forces_family: Option<bool>,
    pub pupil_premium: Option<bool>,
    pub eal: Option<bool>,
    pub fsm: Option<bool>,
    pub medical_conditions: Option<bool>,
    pub exclusions_this_year: Option<bool>,
}

/// The child's special educational needs (domain.md §1.E).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SenProfile {
    pub provision: Option<SenProvision>,
    #[validate(custom(function = "check_date"))]
    pub date_added_to_register: Option<DateText>,
    pub primary_area: Option<AreaOfNeed>,
    pub primary_need_type: Option<SenType>,
    pub secondary_need_type: Option<SenType>,
    #[validate(nested)]
    pub diagnoses: Option<Vec<Diagnosis>>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub current_band: Option<String>,
    /// Pen portrait: strengths, difficulties, what works and what does not.
    #[validate(length(max = LONG_TEXT_MAX))]
    pub needs_summary: Option<String>,
    /// Date an EHC plan was issued, where the child has one.
    #[validate(custom(function = "check_date"))]
    pub ehcp_issued_date: Option<DateText>,
    /// An EHC needs assessment is under way.
    pub ehcna_under_way: Option<bool>,
}

/// A diagnosis (not required: support does not wait for one).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Diagnosis {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub condition: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub diagnosed_by: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
}
