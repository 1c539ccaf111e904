use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::{ConsentMethod, ConsentScope, Relationship};

/// Consent from one person (domain.md §1.O, rules V-30…V-40).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consent {
    /// The parent (from `parents`) who gave consent.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub given_by_person_id: Option<String>,
    /// Consent given by the young person themself.
    pub given_by_young_person: Option<bool>,
    pub relationship: Option<Relationship>,
    pub has_parental_responsibility: Option<bool>,
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
    pub method: Option<ConsentMethod>,
    pub scopes: Option<Vec<ConsentScope>>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub privacy_notice_version: Option<String>,
    pub privacy_notice_acknowledged: Option<bool>,
    /// When the school discussed the application with the parent.
    #[validate(custom(function = "check_date"))]
    pub discussed_with_parent_date: Option<DateText>,
    pub withdrawn: Option<bool>,
    #[validate(custom(function = "check_date"))]
    pub withdrawn_date: Option<DateText>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub signature_attachment_id: Option<String>,
    /// For a young person over compulsory school age: the recorded decision that they lack
    /// capacity to consent, so that a parent consents for them.
    #[validate(length(max = LONG_TEXT_MAX))]
    pub capacity_decision: Option<String>,
}

/// Signed declarations (domain.md §1.P).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Declarations {
    #[validate(nested)]
    pub senco: Option<Signature>,
    #[validate(nested)]
    pub headteacher: Option<Signature>,
    /// The provision listed is additional to or different from ordinarily available provision.
    pub additional_to_ordinarily_available: Option<bool>,
}

/// A name, a signature and its date.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Signature {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub name: Option<String>,
    pub signed: Option<bool>,
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
}
