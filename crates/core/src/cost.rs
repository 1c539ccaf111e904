//! Cost arithmetic for the costed provision map (domain.md §3.2). Integer pence throughout:
//! each row is rounded half-up to the penny before summing, so the totals always equal the sum
//! of the rows shown.

use crate::text::Catalogue;

use crate::codes::{FundingSource, ProvisionCategory};
use crate::model::{Application, ProvisionRow, SessionsPerWeek};
use crate::profile::FundingPolicy;

pub use crate::money::{grouped, money};
pub use crate::totals::{SourceTotals, Totals};

/// The most sessions a week a row may have (more is not a school week).
pub const MAX_SESSIONS_PER_WEEK: i64 = 1000;

/// The most decimal places a number of sessions a week is costed with.
const MAX_PLACES: usize = 15;

/// The largest denominator of the simple fractions a rounded decimal may stand for: "a third
/// of a week" typed 0.333, "one in thirteen" (termly) typed 0.077.
const MAX_STANDS_FOR_DENOMINATOR: i128 = 13;

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

/// An exact number of sessions a week: `num / den`, and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sessions {
    pub num: i128,
    pub den: i128,
    /// Decimal places typed (0 for a whole number).
    pub places: usize,
    /// As typed: `0.3333`, `5`.
    pub shown: String,
}

/// Why a row that has its figures cannot be costed, and at which of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncostable {
    /// The row's field the reason is about (`sessionsPerWeek`).
    pub field: &'static str,
    /// The catalogue's id of the reason (`cost.why.*`), which completes "cannot be costed: …".
    pub why_id: &'static str,
    /// The reason's placeholders and their values.
    pub args: Vec<(&'static str, String)>,
}

impl Uncostable {
    /// The reason in English.
    pub fn why(&self) -> String {
        self.why_in(&Catalogue::english())
    }

    /// The reason in the words of `texts`; a figure's name is the catalogue's too.
    pub fn why_in(&self, texts: &Catalogue) -> String {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| match *k {
                "figure" => (*k, texts.get(v).to_owned()),
                _ => (*k, v.clone()),
            })
            .collect();
        let shown: Vec<(&str, &dyn std::fmt::Display)> = args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        texts.format(self.why_id, &shown)
    }
}

fn refuse<T>(
    field: &'static str,
    why_id: &'static str,
    args: &[(&'static str, String)],
) -> Result<T, Uncostable> {
    Err(Uncostable {
        field,
        why_id,
        args: args.to_vec(),
    })
}

/// Sessions a week exactly as given: the decimal a JSON number was written as (its shortest
/// form), never rounded, or the fraction given. Refused when it is not a number of sensible
/// size.
pub fn sessions(given: &SessionsPerWeek) -> Result<Sessions, Uncostable> {
    let field = "sessionsPerWeek";
    let cap = MAX_SESSIONS_PER_WEEK;
    let over = || {
        refuse(
            field,
            "cost.why.sessions-over",
            &[("max", grouped(cap.unsigned_abs()))],
        )
    };
    let sessions_per_week = match *given {
        SessionsPerWeek::Fraction { sessions, weeks } => {
            let (num, den) = (i128::from(sessions), i128::from(weeks.max(1)));
            if num > i128::from(cap) * den {
                return over();
            }
            return Ok(Sessions {
                num,
                den,
                places: 0,
                shown: format!("{sessions}/{weeks}"),
            });
        }
        SessionsPerWeek::Number(n) => n,
    };
    if !sessions_per_week.is_finite() || sessions_per_week > cap as f64 {
        return over();
    }
    if sessions_per_week < 0.0 {
        return refuse(field, "cost.why.sessions-negative", &[]);
    }
    let Some((digits, scale)) = shortest_decimal(sessions_per_week) else {
        return refuse(field, "cost.why.sessions-unreadable", &[]);
    };
    let places = usize::try_from(scale).unwrap_or(0);
    if places > MAX_PLACES {
        return refuse(
            field,
            "cost.why.sessions-places",
            &[("places", MAX_PLACES.to_string())],
        );
    }
    let (num, den) = if scale >= 0 {
        (digits, 10_i128.pow(scale.unsigned_abs()))
    } else {
        (digits.saturating_mul(10_i128.pow(scale.unsigned_abs())), 1)
    };
    Ok(Sessions {
        num,
        den,
        places,
        shown: plain(num, places),
    })
}

/// The shortest decimal that reads back as `x` (finite, 0 to 1,000): `(digits, scale)` with
/// `x = digits × 10^−scale` and no trailing zero in `digits`. From serde_json's writing of the
/// number (Ryū, already in the widget), not Rust's float formatting, which would add to its
/// download; that writing may use an exponent (`1e-7`).
fn shortest_decimal(x: f64) -> Option<(i128, i32)> {
    let text = serde_json::Value::from(x).to_string();
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (text.as_str(), 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = format!("{whole}{fraction}");
    let mut scale = i32::try_from(fraction.len()).ok()?.checked_sub(exp)?;
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        scale = scale.checked_sub(1)?;
    }
    if !(-3..=40).contains(&scale) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, scale))
}

/// `num ÷ 10^places` written out: `(3333, 4)` → `0.3333`, `(5, 0)` → `5`.
fn plain(num: i128, places: usize) -> String {
    let digits = format!("{num:0>width$}", width = places.saturating_add(1));
    let cut = digits.len().saturating_sub(places);
    match (digits.get(..cut), digits.get(cut..)) {
        (Some(w), Some(f)) if !f.is_empty() => format!("{w}.{f}"),
        _ => digits,
    }
}

impl Sessions {
    /// In words, for a working: "5 sessions a week", "0.5 sessions a week", "1 session every 3
    /// weeks" (a fraction given as such).
    pub fn words(&self) -> String {
        self.words_in(&Catalogue::english())
    }

    /// [`Sessions::words`] in the words of `texts`.
    pub fn words_in(&self, texts: &Catalogue) -> String {
        let form = |n: &str| if n == "1" { "one" } else { "other" };
        match self.shown.split_once('/') {
            Some((n, w)) => texts.format(
                &format!("cost.sessions-every.{}.{}", form(n), form(w)),
                &[("n", &n), ("weeks", &w)],
            ),
            None => texts.format(
                &format!("cost.sessions-a-week.{}", form(&self.shown)),
                &[("n", &self.shown)],
            ),
        }
    }

    /// The simple fraction (denominator up to 13) a decimal typed with two or more places
    /// stands for, when it is not that fraction exactly: 0.333 and 0.3333 stand for 1/3, 0.167
    /// for 1/6, 0.077 for 1/13. A number rounded to its last typed place could be any number
    /// within half of that place; the simplest such fraction is the frequency meant.
    pub fn stands_for(&self) -> Option<(i128, i128)> {
        if self.places < 2 {
            return None;
        }
        for q in 2..=MAX_STANDS_FOR_DENOMINATOR {
            // p/q nearest the typed value, and whether it rounds to what was typed:
            // |p/q − num/den| < 1/(2·den)  ⇔  |2·p·den − 2·q·num| < q.
            let p = div_half_up(self.num.checked_mul(q)?, self.den)?;
            let gap = p
                .checked_mul(2)?
                .checked_mul(self.den)?
                .checked_sub(q.checked_mul(2)?.checked_mul(self.num)?)?
                .abs();
            if gap < q {
                // Exactly p/q already (0.25 = 1/4): nothing else is meant.
                return (gap != 0 && p > 0).then_some((p, q));
            }
        }
        None
    }
}

/// How a row's cost is worked out, in words, for people to follow:
/// `£17.20 an hour × 60 minutes × 1 session a week × 30 weeks ÷ 3 pupils`, or `£425.00 × 2`.
/// `None` while a figure it needs is missing.
pub fn working(r: &ProvisionRow) -> Option<String> {
    working_in(r, &Catalogue::english())
}

/// [`working`] in the words of `texts`.
pub fn working_in(r: &ProvisionRow, texts: &Catalogue) -> Option<String> {
    let spw = r.sessions_per_week.and_then(|s| sessions(&s).ok());
    working_with(r, spw.map(|s| s.words_in(texts)), texts)
}

/// [`working`] with sessions a week in words ([`Sessions::words`]).
fn working_with(
    r: &ProvisionRow,
    sessions_words: Option<String>,
    texts: &Catalogue,
) -> Option<String> {
    if !is_staff_time(r) {
        let q = r.quantity.unwrap_or(1);
        return Some(texts.format(
            "cost.working.fixed",
            &[("cost", &money(r.fixed_cost_pence?)), ("quantity", &q)],
        ));
    }
    let group = if r.charge_full_group_cost == Some(true) {
        1
    } else {
        r.group_size?
    };
    let spw = sessions_words?;
    let adults = r.adults.unwrap_or(1);
    let mut w = texts.format(
        "cost.working.staff",
        &[
            ("rate", &money(r.hourly_rate_pence?)),
            ("minutes", &texts.plural(r.session_minutes?, "word.minute")),
            ("sessions", &spw),
            ("weeks", &texts.plural(r.weeks?, "word.week")),
        ],
    );
    if adults != 1 {
        w.push_str(&texts.format(
            "cost.working.adults",
            &[("adults", &texts.plural(adults, "word.adult"))],
        ));
    }
    if group != 1 {
        w.push_str(&texts.format(
            "cost.working.pupils",
            &[("pupils", &texts.plural(group, "word.pupil"))],
        ));
    }
    Some(w)
}

/// Whether a row is costed by staff time (rate × time) rather than a fixed cost: a staff-time
/// row, or a row of any type that has an hourly rate and no fixed cost (its type does not
/// decide how the figures it carries are costed).
pub fn is_staff_time(row: &ProvisionRow) -> bool {
    row.category == Some(ProvisionCategory::StaffTime)
        || (row.fixed_cost_pence.is_none() && row.hourly_rate_pence.is_some())
}

/// A row's annual cost from its figures, if it has them all: `Ok(None)` while one is missing,
/// an error saying why when they cannot be costed (a figure out of range, a product that does
/// not fit, a cost above `max_pence`).
///
/// Staff time: `hourlyRate × sessionMinutes/60 × sessionsPerWeek × weeks × adults ÷ groupSize`
/// (the group divisor is 1 when the group was set up solely for this pupil), half-up to the
/// penny; sessions a week exactly as typed, and where a rounded decimal stands for a simple
/// fraction (0.333 for 1/3) a stated cost that is right for the fraction is accepted.
/// Fixed: `fixedCost × quantity`.
pub fn costing(row: &ProvisionRow, max_pence: i64) -> Result<Option<i64>, Uncostable> {
    let cost = if is_staff_time(row) {
        let (Some(rate), Some(minutes), Some(spw), Some(weeks)) = (
            row.hourly_rate_pence,
            row.session_minutes,
            row.sessions_per_week,
            row.weeks,
        ) else {
            return Ok(None);
        };
        let group = match (row.charge_full_group_cost, row.group_size) {
            (Some(true), _) => 1,
            (_, Some(g)) => g,
            (_, None) => return Ok(None),
        };
        let adults = row.adults.unwrap_or(1);
        for (field, v, least) in [
            ("hourlyRatePence", rate, 0),
            ("sessionMinutes", minutes, 0),
            ("weeks", weeks, 0),
            ("adults", adults, 1),
            ("groupSize", group, 1),
        ] {
            if v < least {
                return refuse(field, "cost.why.figure", &figure_is(field, v));
            }
        }
        let spw = sessions(&spw)?;
        let exact = staff_cost(rate, minutes, (spw.num, spw.den), weeks, adults, group);
        let meant = spw
            .stands_for()
            .and_then(|f| staff_cost(rate, minutes, f, weeks, adults, group));
        match (exact, meant, row.annual_cost_pence) {
            (_, Some(m), Some(stated)) if i128::from(stated) == m => m,
            (Some(c), _, _) => c,
            (None, _, _) => return refuse("hourlyRatePence", TOO_LARGE, &most(max_pence)),
        }
    } else {
        let Some(fixed) = row.fixed_cost_pence else {
            return Ok(None);
        };
        if row.hourly_rate_pence.is_some() {
            return refuse("fixedCostPence", "cost.why.rate-and-fixed", &[]);
        }
        let quantity = row.quantity.unwrap_or(1);
        for (field, v) in [("fixedCostPence", fixed), ("quantity", quantity)] {
            if v < 0 {
                return refuse(field, "cost.why.figure", &figure_is(field, v));
            }
        }
        match i128::from(fixed).checked_mul(i128::from(quantity)) {
            Some(c) => c,
            None => return refuse("fixedCostPence", TOO_LARGE, &most(max_pence)),
        }
    };
    match i64::try_from(cost) {
        Ok(c) if c <= max_pence => Ok(Some(c)),
        _ => refuse(
            if is_staff_time(row) {
                "hourlyRatePence"
            } else {
                "fixedCostPence"
            },
            TOO_LARGE,
            &most(max_pence),
        ),
    }
}

/// "its figures come to more than {max}, the most one row may cost".
const TOO_LARGE: &str = "cost.why.too-large";

fn most(max_pence: i64) -> [(&'static str, String); 1] {
    [("max", money(max_pence))]
}

/// A figure's name (`cost.figure.<field>`) and the value it may not have.
fn figure_is(field: &str, v: i64) -> [(&'static str, String); 2] {
    let figure = match field {
        "hourlyRatePence" => "cost.figure.hourlyRatePence",
        "sessionMinutes" => "cost.figure.sessionMinutes",
        "weeks" => "cost.figure.weeks",
        "adults" => "cost.figure.adults",
        "groupSize" => "cost.figure.groupSize",
        "fixedCostPence" => "cost.figure.fixedCostPence",
        "quantity" => "cost.figure.quantity",
        _ => "cost.figure.other",
    };
    [("figure", figure.to_owned()), ("value", v.to_string())]
}

/// A staff-time cost in pence, half-up, for sessions a week `num/den`; `None` if it does not fit.
fn staff_cost(
    rate: i64,
    minutes: i64,
    (num, den): (i128, i128),
    weeks: i64,
    adults: i64,
    group: i64,
) -> Option<i128> {
    let top = i128::from(rate)
        .checked_mul(i128::from(minutes))?
        .checked_mul(num)?
        .checked_mul(i128::from(weeks))?
        .checked_mul(i128::from(adults))?;
    div_half_up(top, den.checked_mul(60)?.checked_mul(i128::from(group))?)
}

/// The annual cost of one row in pence, half-up to the penny, or `None` while the figures it
/// needs are missing or it cannot be costed ([`costing`] says why).
pub fn row_cost(row: &ProvisionRow) -> Option<i64> {
    costing(row, i64::MAX).ok().flatten()
}

/// What a row's figures come to if a rounded decimal of sessions a week stands for a simple
/// fraction, with the working for it: `(cost, "1/3")`.
pub fn meant_cost(row: &ProvisionRow) -> Option<(i64, String)> {
    meant_cost_in(row, &Catalogue::english())
}

/// [`meant_cost`], its working in the words of `texts`.
pub fn meant_cost_in(row: &ProvisionRow, texts: &Catalogue) -> Option<(i64, String)> {
    let spw = sessions(&row.sessions_per_week?).ok()?;
    let (p, q) = spw.stands_for()?;
    let group = if row.charge_full_group_cost == Some(true) {
        1
    } else {
        row.group_size?
    };
    let c = staff_cost(
        row.hourly_rate_pence?,
        row.session_minutes?,
        (p, q),
        row.weeks?,
        row.adults.unwrap_or(1),
        group,
    )?;
    let meant = Sessions {
        num: p,
        den: q,
        places: 0,
        shown: format!("{p}/{q}"),
    };
    let w = working_with(row, Some(meant.words_in(texts)), texts)?;
    Some((i64::try_from(c).ok()?, w))
}

/// Whether the period applied for is a possible one: absent, or 1 to `weeksPerYear` weeks.
pub fn period_ok(app: &Application, funding: &FundingPolicy) -> bool {
    let period = app.provision_map.as_ref().and_then(|m| m.period_weeks);
    period.is_none_or(|w| (1..=funding.weeks_per_year).contains(&w))
}

/// The threshold for the period applied for: pro-rated to `periodWeeks` when the profile says so
/// and the period is shorter than a school year (the full threshold for an impossible period,
/// which is an error of its own).
pub fn threshold_for(app: &Application, funding: &FundingPolicy) -> i64 {
    let full = funding.threshold_element2_pence.max(0);
    let year = funding.weeks_per_year.max(1);
    let period = app.provision_map.as_ref().and_then(|m| m.period_weeks);
    match period {
        Some(w) if funding.pro_rata_threshold && (1..year).contains(&w) => {
            let p = div_half_up(i128::from(full) * i128::from(w), i128::from(year));
            p.and_then(|v| i64::try_from(v).ok()).unwrap_or(full)
        }
        _ => full,
    }
}

/// Each row's cost or why it cannot be costed, under the profile's bound on one row.
pub fn row_costings(
    app: &Application,
    funding: &FundingPolicy,
) -> Vec<Result<Option<i64>, Uncostable>> {
    rows_of(app)
        .iter()
        .map(|r| costing(r, funding.max_amount_pence))
        .collect()
}

fn rows_of(app: &Application) -> &[ProvisionRow] {
    app.provision_map
        .as_ref()
        .and_then(|m| m.rows.as_deref())
        .unwrap_or(&[])
}

/// Computes every figure of the provision map.
pub fn totals(app: &Application, funding: &FundingPolicy) -> Totals {
    let rows = rows_of(app);
    let costings = row_costings(app, funding);
    let costed = costings
        .iter()
        .zip(rows)
        .map(|(c, r)| (c.clone().ok().flatten(), r.funding_source));
    let mut t = summarise(costed, threshold_for(app, funding), funding);
    let mut stops: Vec<String> = costings
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            c.as_ref()
                .err()
                .map(|u| format!("/provisionMap/rows/{i}/{}", u.field))
        })
        .collect();
    if !period_ok(app, funding) {
        stops.push("/provisionMap/periodWeeks".to_owned());
    }
    stops.append(&mut t.not_worked_out);
    t.not_worked_out = stops;
    t
}

/// The map's figures from each row's cost and funding source, for a given threshold. The
/// widget keeps each row's cost as it is typed and calls this, so a keystroke in one row does
/// not re-read the others. Nothing saturates: a total above the profile's bound is listed in
/// `not_worked_out`.
pub fn summarise(
    rows: impl Iterator<Item = (Option<i64>, Option<FundingSource>)>,
    threshold_pence: i64,
    funding: &FundingPolicy,
) -> Totals {
    let mut t = Totals::default();
    let (mut total, mut basis) = (0_i128, 0_i128);
    let mut subtotals = [0_i128; 6];
    for (cost, source) in rows {
        t.row_costs_pence.push(cost);
        if let Some(c) = cost {
            let c = i128::from(c);
            total = total.saturating_add(c);
            if let Some(s) = subtotals.get_mut(SourceTotals::slot(source)) {
                *s = s.saturating_add(c);
            }
            if funding.counts_toward_threshold(source) {
                basis = basis.saturating_add(c);
            }
        }
    }
    let max = i128::from(funding.max_amount_pence);
    if total > max {
        t.not_worked_out.push("/provisionMap/totalPence".to_owned());
    }
    // Within i64: each row is at most i64::MAX and the total is shown only up to the bound.
    let fit = |v: i128| i64::try_from(v.min(max)).unwrap_or(0);
    t.total_pence = fit(total);
    t.subtotals = SourceTotals::from_slots(subtotals.map(fit));
    t.threshold_pence = threshold_pence;
    t.threshold_basis_pence = fit(basis);
    t.school_contribution_pence = t.threshold_basis_pence.min(t.threshold_pence).max(0);
    t.other_funding_pence = t.subtotals.other_grant_pence;
    t.requested_top_up_pence = fit(basis
        .saturating_sub(i128::from(t.school_contribution_pence))
        .saturating_sub(i128::from(t.other_funding_pence))
        .max(0));
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
            sessions_per_week: Some(spw.into()),
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
    fn sessions_are_read_exactly_as_written() {
        for (x, num, den, shown) in [
            (0.3333, 3333, 10_000, "0.3333"),
            (5.0, 5, 1, "5"),
            (0.5, 5, 10, "0.5"),
            (1000.0, 1000, 1, "1000"),
            (0.0, 0, 1, "0"),
            (1e-7, 1, 10_000_000, "0.0000001"),
            (120.25, 12_025, 100, "120.25"),
        ] {
            let s = sessions(&SessionsPerWeek::Number(x)).unwrap();
            assert_eq!((s.num, s.den, s.shown.as_str()), (num, den, shown), "{x}");
        }
        assert!(sessions(&SessionsPerWeek::Number(1e-30)).is_err());
        assert!(sessions(&SessionsPerWeek::Number(0.1 + 0.2)).is_err());
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
        row.sessions_per_week = Some(f64::MAX.into());
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
