use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::RequestType;

/// The wire format version this build reads and writes.
pub const SCHEMA_VERSION: &str = "1.0";

/// One application for SEN support, from a first keystroke to the submitted document.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Application {
    /// Wire format version; this build reads "1.0".
    pub schema_version: Option<String>,
    /// The council profile the application was filled in against (e.g. `stockton-one-point`).
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub profile: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub council_id: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub scheme_id: Option<String>,
    /// What the setting is asking for.
    pub request_type: Option<Vec<RequestType>>,
    #[validate(custom(function = "check_date"))]
    pub panel_date: Option<DateText>,
    /// A continuation or extension of an earlier award.
    pub is_reapplication: Option<bool>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub previous_application_ref: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub date_completed: Option<DateText>,
    /// Set by the widget when the application is sent (RFC 3339).
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub submitted_at: Option<String>,

    #[validate(nested)]
    pub setting: Option<Setting>,
    #[validate(nested)]
    pub child: Option<Child>,
    #[validate(nested)]
    pub context: Option<ContextFlags>,
    #[validate(nested)]
    pub sen: Option<SenProfile>,
    #[validate(nested)]
    pub assessments: Option<Vec<Assessment>>,
    #[validate(nested)]
    pub outcomes: Option<Vec<Outcome>>,
    #[validate(nested)]
    pub provision_map: Option<ProvisionMap>,
    #[validate(nested)]
    pub apdr_cycles: Option<Vec<ApdrCycle>>,
    /// Meetings with parents outside the cycle reviews (CoP 6.65: at least three a year).
    #[validate(nested)]
    pub parent_meetings: Option<Vec<ParentMeeting>>,
    #[validate(nested)]
    pub specialists: Option<Vec<Specialist>>,
    #[validate(nested)]
    pub pupil_voice: Option<PupilVoice>,
    #[validate(nested)]
    pub parent_views: Option<ParentViews>,
    #[validate(nested)]
    pub parents: Option<Vec<Parent>>,
    #[validate(nested)]
    pub request: Option<Request>,
    #[validate(nested)]
    pub consents: Option<Vec<Consent>>,
    #[validate(nested)]
    pub declarations: Option<Declarations>,
    #[validate(nested)]
    pub attachments: Option<Vec<Attachment>>,
    /// Warnings the applicant has answered with a justification.
    #[validate(nested)]
    pub validation: Option<ValidationBlock>,
}

/// The applicant's answers to warnings.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidationBlock {
    /// The profile version the applicant saw (informational).
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub ruleset_version: Option<String>,
    #[validate(nested)]
    pub warnings_acknowledged: Option<Vec<Acknowledgement>>,
}

/// A justification for going ahead despite a warning.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Acknowledgement {
    /// The rule answered, e.g. `V-20`.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub rule_id: Option<String>,
    /// The field the warning was about; absent means every warning of the rule.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub pointer: Option<String>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub justification: Option<String>,
}

impl Acknowledgement {
    /// Whether this answers the warning of `rule` at `pointer`: its rule, and its pointer or none.
    pub fn covers(&self, rule: &str, pointer: &str) -> bool {
        self.rule_id.as_deref() == Some(rule)
            && self.pointer.as_deref().is_none_or(|p| p == pointer)
    }
}
