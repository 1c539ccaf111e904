use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;

/// What is requested and why (domain.md §1.N).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    /// Why the child's needs exceed ordinarily available provision and the notional budget.
    #[validate(length(max = LONG_TEXT_MAX))]
    pub summary: Option<String>,
    #[validate(custom(function = "check_pence"))]
    pub amount_requested_pence: Option<i64>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub band_requested: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub start_date: Option<DateText>,
    #[validate(custom(function = "check_date"))]
    pub end_date: Option<DateText>,
    pub duration_terms: Option<i64>,
    /// Duration in weeks, where stated instead of an end date.
    pub duration_weeks: Option<i64>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub planned_impact_measures: Option<String>,
}
