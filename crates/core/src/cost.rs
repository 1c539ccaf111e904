//! Cost arithmetic for the costed provision map (domain.md §3.2). Integer pence throughout:
//! each row is rounded half-up to the penny before summing, so the totals always equal the sum
//! of the rows shown.

use serde::{Deserialize, Serialize};

use crate::codes::{FundingSource, ProvisionCategory};
use crate::model::{Application, ProvisionRow};
use crate::profile::FundingPolicy;

/// A whole number with thousands separated, for reading: `1234567` → `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Pence as pounds, for reading: `902242` → `£9,022.42`.
pub fn money(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    format!("{sign}£{}.{:02}", grouped(abs / 100), abs % 100)
}

/// Sessions a week are costed in thousandths (1/6 a week is 0.167).
const SESSIONS_SCALE: i128 = 1000;

/// Integer division rounding half away from zero (half-up for the non-negative amounts here).
fn div_half_up(num: i128, den: i128) -> Option<i128> {
    if den == 0 {
        return None;
    }
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    let q = num
        .checked_mul(2)?
        .checked_add(if num >= 0 { den } else { -den })?;
    q.checked_div(den.checked_mul(2)?)
}

/// Sessions a week in thousandths, if it is a finite, non-negative number of sensible size.
pub fn sessions_milli(sessions_per_week: f64) -> Option<i128> {
    if !sessions_per_week.is_finite() || !(0.0..=1000.0).contains(&sessions_per_week) {
        return None;
    }
    // In range, so the cast cannot truncate.
    Some((sessions_per_week * 1000.0).round() as i128)
}

fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How a row's cost is worked out, in words, for people to follow:
/// `£17.20 an hour × 60 minutes × 1 session a week × 30 weeks ÷ 3 pupils`, or `£425.00 × 2`.
/// `None` while a figure it needs is missing.
pub fn working(r: &ProvisionRow) -> Option<String> {
    if !is_staff_time(r) {
        let q = r.quantity.unwrap_or(1);
        return Some(format!("{} × {q}", money(r.fixed_cost_pence?)));
    }
    let group = if r.charge_full_group_cost == Some(true) {
        1
    } else {
        r.group_size?
    };
    let spw = sessions_milli(r.sessions_per_week?)?;
    // Thousandths, 0 to 1,000,000: shown without float formatting (2.5, not 2.500).
    let spw = if spw % 1000 == 0 {
        let whole = spw / 1000;
        format!(
            "{whole} {}",
            if whole == 1 { "session" } else { "sessions" }
        )
    } else {
        let fraction = format!("{:03}", spw % 1000);
        format!("{}.{} sessions", spw / 1000, fraction.trim_end_matches('0'))
    };
    let adults = r.adults.unwrap_or(1);
    let mut w = format!(
        "{} an hour × {} × {spw} a week × {}",
        money(r.hourly_rate_pence?),
        count(r.session_minutes?, "minute", "minutes"),
        count(r.weeks?, "week", "weeks")
    );
    if adults != 1 {
        w.push_str(&format!(" × {}", count(adults, "adult", "adults")));
    }
    if group != 1 {
        w.push_str(&format!(" ÷ {}", count(group, "pupil", "pupils")));
    }
    Some(w)
}

/// Whether a row is costed by staff time (rate × time) rather than a fixed cost.
pub fn is_staff_time(row: &ProvisionRow) -> bool {
    match row.category {
        Some(ProvisionCategory::StaffTime) => true,
        Some(_) => false,
        None => row.fixed_cost_pence.is_none() && row.hourly_rate_pence.is_some(),
    }
}

/// The annual cost of one row in pence, half-up to the penny, or `None` while the figures it
/// needs are missing or out of range.
///
/// Staff time: `hourlyRate × sessionMinutes/60 × sessionsPerWeek × weeks × adults ÷ groupSize`
/// (the group divisor is 1 when the group was set up solely for this pupil).
/// Fixed: `fixedCost × quantity`.
pub fn row_cost(row: &ProvisionRow) -> Option<i64> {
    let cost = if is_staff_time(row) {
        let rate = i128::from(row.hourly_rate_pence?);
        let minutes = i128::from(row.session_minutes?);
        let sessions = sessions_milli(row.sessions_per_week?)?;
        let weeks = i128::from(row.weeks?);
        let adults = i128::from(row.adults.unwrap_or(1));
        let group = if row.charge_full_group_cost == Some(true) {
            1
        } else {
            i128::from(row.group_size?)
        };
        if rate < 0 || minutes < 0 || weeks < 0 || adults < 1 || group < 1 {
            return None;
        }
        let num = rate
            .checked_mul(minutes)?
            .checked_mul(sessions)?
            .checked_mul(weeks)?
            .checked_mul(adults)?;
        let den = 60 * SESSIONS_SCALE * group;
        div_half_up(num, den)?
    } else {
        let fixed = i128::from(row.fixed_cost_pence?);
        let quantity = i128::from(row.quantity.unwrap_or(1));
        if fixed < 0 || quantity < 0 {
            return None;
        }
        fixed.checked_mul(quantity)?
    };
    i64::try_from(cost).ok()
}

/// Computed cost per funding source, in pence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    fn add(&mut self, source: Option<FundingSource>, pence: i64) {
        let slot = match source {
            Some(FundingSource::NotionalSen) => &mut self.notional_sen_pence,
            Some(FundingSource::PupilPremium) => &mut self.pupil_premium_pence,
            Some(FundingSource::TopUpRequested) => &mut self.top_up_requested_pence,
            Some(FundingSource::OtherGrant) => &mut self.other_grant_pence,
            Some(FundingSource::FreeService) => &mut self.free_service_pence,
            None => &mut self.unassigned_pence,
        };
        *slot = slot.saturating_add(pence);
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
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Totals {
    /// Each row's computed annual cost, in row order; `null` while a row cannot be costed.
    pub row_costs_pence: Vec<Option<i64>>,
    /// Σ every row, whatever its funding source.
    pub total_pence: i64,
    pub subtotals: SourceTotals,
    /// The Element 2 threshold after any pro-rata.
    pub threshold_pence: i64,
    /// The part of the total that counts toward the threshold (pupil premium excluded unless the
    /// profile counts it).
    pub threshold_basis_pence: i64,
    /// min(threshold basis, threshold): what the school meets from its notional SEN budget.
    pub school_contribution_pence: i64,
    /// Funded from other grants.
    pub other_funding_pence: i64,
    /// max(0, threshold basis − school contribution − other funding).
    pub requested_top_up_pence: i64,
}

/// The threshold for the period applied for: pro-rated to `periodWeeks` when the profile says so
/// and the period is shorter than a school year.
pub fn threshold_for(app: &Application, funding: &FundingPolicy) -> i64 {
    let full = funding.threshold_element2_pence.max(0);
    let year = funding.weeks_per_year.max(1);
    let period = app.provision_map.as_ref().and_then(|m| m.period_weeks);
    match period {
        Some(w) if funding.pro_rata_threshold && (0..year).contains(&w) => {
            let p = div_half_up(i128::from(full) * i128::from(w), i128::from(year));
            p.and_then(|v| i64::try_from(v).ok()).unwrap_or(full)
        }
        _ => full,
    }
}

/// Computes every figure of the provision map.
pub fn totals(app: &Application, funding: &FundingPolicy) -> Totals {
    let rows: &[ProvisionRow] = app
        .provision_map
        .as_ref()
        .and_then(|m| m.rows.as_deref())
        .unwrap_or(&[]);
    let costed = rows.iter().map(|r| (row_cost(r), r.funding_source));
    summarise(costed, threshold_for(app, funding), funding)
}

/// The map's figures from each row's cost and funding source, for a given threshold. The
/// widget keeps each row's cost as it is typed and calls this, so a keystroke in one row does
/// not re-read the others.
pub fn summarise(
    rows: impl Iterator<Item = (Option<i64>, Option<FundingSource>)>,
    threshold_pence: i64,
    funding: &FundingPolicy,
) -> Totals {
    let mut t = Totals::default();
    for (cost, source) in rows {
        t.row_costs_pence.push(cost);
        if let Some(c) = cost {
            t.total_pence = t.total_pence.saturating_add(c);
            t.subtotals.add(source, c);
        }
    }
    t.threshold_pence = threshold_pence;
    t.threshold_basis_pence = if funding.pp_counts_toward_threshold {
        t.total_pence
    } else {
        t.total_pence
            .saturating_sub(t.subtotals.pupil_premium_pence)
    };
    t.school_contribution_pence = t.threshold_basis_pence.min(t.threshold_pence).max(0);
    t.other_funding_pence = t.subtotals.other_grant_pence;
    t.requested_top_up_pence = t
        .threshold_basis_pence
        .saturating_sub(t.school_contribution_pence)
        .saturating_sub(t.other_funding_pence)
        .max(0);
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::ProvisionCategory::*;

    fn staff(rate: i64, minutes: i64, spw: f64, weeks: i64, group: i64) -> ProvisionRow {
        ProvisionRow {
            category: Some(StaffTime),
            hourly_rate_pence: Some(rate),
            session_minutes: Some(minutes),
            sessions_per_week: Some(spw),
            weeks: Some(weeks),
            group_size: Some(group),
            ..ProvisionRow::default()
        }
    }

    #[test]
    fn s01_rows_cost_what_domain_md_says() {
        assert_eq!(row_cost(&staff(1720, 120, 5.0, 38, 1)), Some(653_600));
        assert_eq!(row_cost(&staff(1720, 10, 5.0, 38, 1)), Some(54_467)); // 544.666… half-up
        assert_eq!(row_cost(&staff(1720, 60, 1.0, 30, 3)), Some(17_200));
        assert_eq!(row_cost(&staff(2050, 30, 2.0, 38, 4)), Some(19_475));
        assert_eq!(row_cost(&staff(1400, 30, 5.0, 38, 2)), Some(66_500));
        let fixed = ProvisionRow {
            category: Some(SlaService),
            fixed_cost_pence: Some(42_500),
            quantity: Some(2),
            ..ProvisionRow::default()
        };
        assert_eq!(row_cost(&fixed), Some(85_000));
    }

    #[test]
    fn half_up_rounding() {
        assert_eq!(div_half_up(5, 10), Some(1));
        assert_eq!(div_half_up(4, 10), Some(0));
        assert_eq!(div_half_up(15, 10), Some(2));
        assert_eq!(div_half_up(1, 0), None);
    }

    #[test]
    fn full_group_cost_ignores_group_size() {
        let mut row = staff(1720, 60, 1.0, 30, 3);
        row.charge_full_group_cost = Some(true);
        assert_eq!(row_cost(&row), Some(51_600));
    }

    #[test]
    fn missing_or_absurd_figures_give_no_cost() {
        let mut row = staff(1720, 60, 1.0, 30, 0);
        assert_eq!(row_cost(&row), None);
        row.group_size = Some(1);
        row.sessions_per_week = Some(f64::MAX);
        assert_eq!(row_cost(&row), None);
        let huge = staff(i64::MAX, i64::MAX, 999.0, i64::MAX, 1);
        assert_eq!(row_cost(&huge), None);
        assert_eq!(row_cost(&ProvisionRow::default()), None);
    }

    #[test]
    fn pro_rata_threshold() {
        let app = Application {
            provision_map: Some(crate::model::ProvisionMap {
                period_weeks: Some(19),
                ..Default::default()
            }),
            ..Application::default()
        };
        let mut f = FundingPolicy::default();
        assert_eq!(threshold_for(&app, &f), 600_000);
        f.pro_rata_threshold = true;
        assert_eq!(threshold_for(&app, &f), 300_000);
    }
}
