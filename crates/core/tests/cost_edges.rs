#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The cost arithmetic at its edges (`sen_core::cost`), where mutation testing
//! (`scripts/mutants.sh`) found that no test told a changed comparison from the real one:
//! nothing is negative or charged twice, the bounds are exactly where they are, and the working
//! shown to people says what was costed.

use sen_core::codes::ProvisionCategory;
use sen_core::cost::{money, row_cost, sessions, working};
use sen_core::model::ProvisionRow;
use sen_core::model::SessionsPerWeek;

fn staff(rate: i64, minutes: i64, spw: f64, weeks: i64, group: i64) -> ProvisionRow {
    ProvisionRow {
        category: Some(ProvisionCategory::StaffTime),
        hourly_rate_pence: Some(rate),
        session_minutes: Some(minutes),
        sessions_per_week: Some(spw.into()),
        weeks: Some(weeks),
        group_size: Some(group),
        ..ProvisionRow::default()
    }
}

#[test]
fn nothing_and_less_than_nothing_in_pounds() {
    assert_eq!(money(0), "£0.00");
    assert_eq!(money(-1), "-£0.01");
    assert_eq!(money(1), "£0.01");
    assert_eq!(money(-123_456), "-£1,234.56");
}

#[test]
fn sessions_a_week_only_when_sensible() {
    let n = |x: f64| sessions(&SessionsPerWeek::Number(x));
    assert!(n(0.0).is_ok());
    assert!(n(2.5).is_ok());
    assert!(n(-1.0).is_err());
    assert!(n(-0.5).is_err());
    assert!(n(f64::NAN).is_err());
    assert!(n(f64::INFINITY).is_err());
}

#[test]
fn every_figure_of_a_staff_time_row_has_its_floor() {
    let base = staff(1720, 60, 1.0, 30, 3);
    assert_eq!(row_cost(&base), Some(17_200));
    // Zero is a figure (the cost is nothing); below zero is not.
    assert_eq!(row_cost(&staff(0, 60, 1.0, 30, 3)), Some(0));
    assert_eq!(row_cost(&staff(1720, 0, 1.0, 30, 3)), Some(0));
    assert_eq!(row_cost(&staff(1720, 60, 1.0, 0, 3)), Some(0));
    assert_eq!(row_cost(&staff(-1720, 60, 1.0, 30, 3)), None);
    assert_eq!(row_cost(&staff(1720, -60, 1.0, 30, 3)), None);
    assert_eq!(row_cost(&staff(1720, 60, 1.0, -30, 3)), None);
    // Two negatives would make a positive product: still refused.
    assert_eq!(row_cost(&staff(-1720, -60, 1.0, 30, 3)), None);
    assert_eq!(row_cost(&staff(1720, 60, 1.0, -30, -3)), None);
    // At least one adult and one pupil.
    let with_adults = |adults| ProvisionRow {
        adults: Some(adults),
        ..base.clone()
    };
    assert_eq!(row_cost(&with_adults(1)), Some(17_200));
    assert_eq!(row_cost(&with_adults(2)), Some(34_400));
    assert_eq!(row_cost(&with_adults(0)), None);
    assert_eq!(row_cost(&with_adults(-2)), None);
    assert_eq!(row_cost(&staff(1720, 60, 1.0, 30, 1)), Some(51_600));
    assert_eq!(row_cost(&staff(1720, 60, 1.0, 30, 0)), None);
    assert_eq!(row_cost(&staff(1720, 60, 1.0, 30, -3)), None);
}

#[test]
fn the_working_divides_by_the_group_only_when_the_group_shares_the_cost() {
    let shared = staff(1720, 60, 1.0, 30, 3);
    let shown = working(&shared).unwrap();
    assert!(shown.ends_with(" ÷ 3 pupils"), "{shown}");
    let full = ProvisionRow {
        charge_full_group_cost: Some(true),
        ..shared
    };
    let shown = working(&full).unwrap();
    assert!(!shown.contains('÷'), "{shown}");
    assert_eq!(
        shown,
        "£17.20 an hour × 60 minutes × 1 session a week × 30 weeks"
    );
}

#[test]
fn a_fixed_cost_and_its_quantity_have_their_floor() {
    let fixed = |pence, quantity| ProvisionRow {
        category: Some(ProvisionCategory::SlaService),
        fixed_cost_pence: Some(pence),
        quantity: Some(quantity),
        ..ProvisionRow::default()
    };
    assert_eq!(row_cost(&fixed(42_500, 2)), Some(85_000));
    assert_eq!(row_cost(&fixed(0, 2)), Some(0));
    assert_eq!(row_cost(&fixed(42_500, 0)), Some(0));
    assert_eq!(row_cost(&fixed(-42_500, 2)), None);
    assert_eq!(row_cost(&fixed(42_500, -2)), None);
    assert_eq!(row_cost(&fixed(-42_500, -2)), None);
}
