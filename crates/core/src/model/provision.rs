use crate::json::{FromJson, ToJson};
use validator::Validate;

use super::*;
use crate::codes::{Frequency, FundingSource, Impact, ProvisionArea, ProvisionCategory, StaffRole};

/// The costed provision map (domain.md §3): rows plus the totals the applicant states. The
/// stated totals must equal the computed ones (V-62, V-63).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvisionMap {
    /// Delivery weeks in a school year (38 standard).
    pub weeks_per_year: Option<i64>,
    /// Weeks of the period applied for, when less than a school year (pro-rata threshold).
    pub period_weeks: Option<i64>,
    #[validate(nested)]
    pub rows: Option<Vec<ProvisionRow>>,
    /// Stated subtotals per funding source.
    #[validate(nested)]
    pub subtotals: Option<FundingSubtotals>,
    #[validate(custom(function = "check_pence"))]
    pub total_pence: Option<i64>,
    #[validate(custom(function = "check_pence"))]
    pub school_contribution_pence: Option<i64>,
    /// Funding from elsewhere that reduces the top-up.
    #[validate(custom(function = "check_pence"))]
    pub other_funding_pence: Option<i64>,
    #[validate(custom(function = "check_pence"))]
    pub requested_top_up_pence: Option<i64>,
}

/// Stated cost per funding source, in pence.
#[derive(Debug, Clone, Default, PartialEq, Eq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FundingSubtotals {
    pub notional_sen_pence: Option<i64>,
    pub pupil_premium_pence: Option<i64>,
    pub top_up_requested_pence: Option<i64>,
    pub other_grant_pence: Option<i64>,
    pub free_service_pence: Option<i64>,
}

impl FundingSubtotals {
    /// The stated subtotal for one source.
    pub fn get(&self, source: FundingSource) -> Option<i64> {
        match source {
            FundingSource::NotionalSen => self.notional_sen_pence,
            FundingSource::PupilPremium => self.pupil_premium_pence,
            FundingSource::TopUpRequested => self.top_up_requested_pence,
            FundingSource::OtherGrant => self.other_grant_pence,
            FundingSource::FreeService => self.free_service_pence,
        }
    }
}

/// One costed intervention (domain.md §3.1).
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvisionRow {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub id: Option<String>,
    /// The named intervention or strategy.
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub intervention: Option<String>,
    pub area: Option<ProvisionArea>,
    /// The golden thread: outcomes this provision works towards.
    pub linked_outcome_ids: Option<Vec<String>>,
    pub category: Option<ProvisionCategory>,
    pub staff_role: Option<StaffRole>,
    /// Adults leading each session (1 unless stated).
    pub adults: Option<i64>,
    /// Pupils in the group, this pupil included.
    pub group_size: Option<i64>,
    /// Stated ratio, e.g. `1:3`; must agree with adults and group size (V-69).
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub staff_ratio: Option<String>,
    pub session_minutes: Option<i64>,
    /// Sessions a week; a decimal for fortnightly (0.5) and the like, or a fraction, `"1/3"`,
    /// for a frequency a decimal cannot give exactly (one session every three weeks).
    pub sessions_per_week: Option<SessionsPerWeek>,
    pub frequency: Option<Frequency>,
    pub weeks: Option<i64>,
    #[validate(custom(function = "check_pence"))]
    pub hourly_rate_pence: Option<i64>,
    #[validate(custom(function = "check_pence"))]
    pub fixed_cost_pence: Option<i64>,
    /// How many of the fixed-cost item (1 unless stated).
    pub quantity: Option<i64>,
    /// Charge the whole group's cost to this pupil: the group was set up solely for them.
    pub charge_full_group_cost: Option<bool>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub charge_full_group_justification: Option<String>,
    /// The applicant's stated annual cost; must equal the computed one (V-62).
    #[validate(custom(function = "check_pence"))]
    pub annual_cost_pence: Option<i64>,
    pub funding_source: Option<FundingSource>,
    #[validate(custom(function = "check_date"))]
    pub start_date: Option<DateText>,
    #[validate(custom(function = "check_date"))]
    pub end_date: Option<DateText>,
    #[validate(nested)]
    pub entry_data: Option<DataPoint>,
    #[validate(nested)]
    pub exit_data: Option<DataPoint>,
    pub impact: Option<Impact>,
    #[validate(length(max = LONG_TEXT_MAX))]
    pub impact_notes: Option<String>,
    /// Provision every pupil can have; must not be costed (V-71).
    pub is_ordinarily_available: Option<bool>,
}

/// A measurement before or after an intervention.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataPoint {
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub measure: Option<String>,
    #[validate(length(max = SHORT_TEXT_MAX))]
    pub value: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub date: Option<DateText>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stated_subtotal_is_read_under_its_key_in_the_table() {
        for (source, key) in crate::totals::SUBTOTALS {
            let stated: FundingSubtotals =
                crate::json::from_value(&serde_json::json!({ key: 7 })).unwrap_or_default();
            assert_eq!(stated.get(source), Some(7), "{key}");
            let others = crate::totals::SUBTOTALS
                .iter()
                .filter(|(s, _)| *s != source)
                .all(|(s, _)| stated.get(*s).is_none());
            assert!(others, "{key}");
        }
    }
}
