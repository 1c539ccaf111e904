//! The provision map's computed figures as the report carries them: the subtotal of each
//! funding source and the totals (`cost` works them out).

use serde::{Deserialize, Serialize};

use crate::codes::FundingSource;

/// The funding sources in the order of their subtotals, each with its subtotal's key (in the
/// document's `/provisionMap/subtotals` and the report's `subtotals`, in pence).
pub const SUBTOTALS: [(FundingSource, &str); 5] = [
    (FundingSource::NotionalSen, "notionalSenPence"),
    (FundingSource::PupilPremium, "pupilPremiumPence"),
    (FundingSource::TopUpRequested, "topUpRequestedPence"),
    (FundingSource::OtherGrant, "otherGrantPence"),
    (FundingSource::FreeService, "freeServicePence"),
];

/// Computed cost per funding source, in pence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceTotals {
    pub notional_sen_pence: i64,
    pub pupil_premium_pence: i64,
    pub top_up_requested_pence: i64,
    pub other_grant_pence: i64,
    pub free_service_pence: i64,
    /// Rows with a cost but no funding source yet.
    pub unassigned_pence: i64,
}

impl SourceTotals {
    /// The place of a source among [`SourceTotals::from_slots`]'s six: its place in
    /// [`SUBTOTALS`], and the last for none.
    pub(crate) fn slot(source: Option<FundingSource>) -> usize {
        source
            .and_then(|s| SUBTOTALS.iter().position(|(k, _)| *k == s))
            .unwrap_or(SUBTOTALS.len())
    }

    pub(crate) fn from_slots([n, p, t, o, f, u]: [i64; 6]) -> Self {
        SourceTotals {
            notional_sen_pence: n,
            pupil_premium_pence: p,
            top_up_requested_pence: t,
            other_grant_pence: o,
            free_service_pence: f,
            unassigned_pence: u,
        }
    }

    /// The computed subtotal for one source.
    pub fn get(&self, source: FundingSource) -> i64 {
        match source {
            FundingSource::NotionalSen => self.notional_sen_pence,
            FundingSource::PupilPremium => self.pupil_premium_pence,
            FundingSource::TopUpRequested => self.top_up_requested_pence,
            FundingSource::OtherGrant => self.other_grant_pence,
            FundingSource::FreeService => self.free_service_pence,
        }
    }
}

/// The provision map's computed figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Totals {
    /// Each row's computed annual cost, in row order; `null` while a row cannot be costed.
    pub row_costs_pence: Vec<Option<i64>>,
    /// Σ every row, whatever its funding source.
    pub total_pence: i64,
    pub subtotals: SourceTotals,
    /// The Element 2 threshold after any pro-rata.
    pub threshold_pence: i64,
    /// The part of the total that counts toward the threshold (the funding sources the profile
    /// counts: by default not pupil premium or free services).
    pub threshold_basis_pence: i64,
    /// min(threshold basis, threshold): what the school meets from its notional SEN budget.
    pub school_contribution_pence: i64,
    /// Funded from other grants.
    pub other_funding_pence: i64,
    /// max(0, threshold basis − school contribution − other funding).
    pub requested_top_up_pence: i64,
    /// The fields whose figures stop the totals being worked out: a row that cannot be costed,
    /// a period outside the school year, a total above the most an application may cost. While
    /// any is listed the figures above leave it out, are not checked, and the application is
    /// not complete.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_worked_out: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_each_subtotal_as_the_report_does() {
        let keys: Vec<&str> = SUBTOTALS.iter().map(|(_, k)| *k).collect();
        let report = serde_json::to_value(SourceTotals::default()).unwrap_or_default();
        let mut in_report: Vec<&str> = report
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        in_report.retain(|k| *k != "unassignedPence");
        in_report.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(in_report, sorted);
        for (n, (source, key)) in SUBTOTALS.iter().enumerate() {
            let mut slots = [0; 6];
            if let Some(s) = slots.get_mut(n) {
                *s = 7;
            }
            let figures = SourceTotals::from_slots(slots);
            assert_eq!(figures.get(*source), 7, "{key}");
            assert_eq!(SourceTotals::slot(Some(*source)), n);
        }
        assert_eq!(SourceTotals::slot(None), 5);
    }
}
