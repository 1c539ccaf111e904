use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::Relationship;

/// A parent, carer or other person with parental responsibility (domain.md §1.M).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parent {
    /// Referenced by consents.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub id: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub title: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub forename: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub surname: Option<String>,
    pub relationship: Option<Relationship>,
    pub has_parental_responsibility: Option<bool>,
    /// Only where different from the child's.
    #[validate(length(max = LONG_TEXT_MAX))]
    pub address: Option<String>,
    #[validate(custom(function = "check_postcode"))]
    pub postcode: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX), custom(function = "check_phone"))]
    pub phone: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX), custom(function = "check_email"))]
    pub email: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub preferred_language: Option<String>,
    pub interpreter_needed: Option<bool>,
    pub armed_forces: Option<bool>,
    pub is_main_contact: Option<bool>,
}
