use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::{NasencoStatus, Phase, SettingType};

/// The school or setting making the application, and who is applying (domain.md §1.B).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Setting {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub name: Option<String>,
    /// Unique reference number: six digits.
    #[validate(custom(function = "check_urn"))]
    pub urn: Option<String>,
    /// LA establishment number (LAESTAB): seven digits.
    #[validate(custom(function = "check_laestab"))]
    pub la_estab: Option<String>,
    pub phase: Option<Phase>,
    #[serde(rename = "type")]
    pub setting_type: Option<SettingType>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub locality: Option<String>,
    /// The whole school's notional SEN budget, in pence.
    #[validate(custom(function = "check_pence"))]
    pub notional_sen_budget_pence: Option<i64>,
    #[validate(nested)]
    pub senco: Option<Senco>,
    #[validate(nested)]
    pub headteacher: Option<Headteacher>,
}

/// The SENCo making the application.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Senco {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub name: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX), custom(function = "check_email"))]
    pub email: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX), custom(function = "check_phone"))]
    pub phone: Option<String>,
    pub nasenco_status: Option<NasencoStatus>,
}

/// The headteacher, who countersigns.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Headteacher {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub name: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX), custom(function = "check_email"))]
    pub email: Option<String>,
}
