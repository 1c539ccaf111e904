//! A generated large application (for benchmarks and load tests): the S01-like shape scaled to
//! many provision rows and cycles, every row costed and linked, so that every rule runs.

use crate::codes::*;
use crate::model::*;

/// An application with `rows` provision rows and `cycles` completed APDR cycles.
pub fn large_application(rows: usize, cycles: usize) -> Application {
    let outcomes: Vec<Outcome> = (0..cycles.max(1))
        .map(|i| Outcome {
            id: Some(format!("o{i}")),
            area: Some(AreaOfNeed::Cl),
            text: Some(format!(
                "Alex will read {} correct words per minute",
                30 + i
            )),
            measure: Some(Measure {
                baseline: Some(30.0),
                target: Some(40.0 + i as f64),
                unit: Some("cwpm".into()),
            }),
            by_date: Some("2025-03-28".into()),
            agreed_with_parent: Some(true),
            agreed_with_pupil: Some(true),
        })
        .collect();
    let provision: Vec<ProvisionRow> = (0..rows)
        .map(|i| ProvisionRow {
            id: Some(format!("r{i}")),
            intervention: Some(format!("Precision teaching block {i}")),
            area: Some(ProvisionArea::Cl),
            linked_outcome_ids: Some(vec![format!("o{}", i % outcomes.len())]),
            category: Some(ProvisionCategory::StaffTime),
            staff_role: Some(StaffRole::TaL3),
            group_size: Some(1 + (i % 4) as i64),
            session_minutes: Some(10),
            sessions_per_week: Some(1.0.into()),
            weeks: Some(38),
            hourly_rate_pence: Some(1720),
            funding_source: Some(FundingSource::NotionalSen),
            start_date: Some("2024-09-09".into()),
            end_date: Some("2025-07-18".into()),
            is_ordinarily_available: Some(false),
            ..ProvisionRow::default()
        })
        .collect();
    let apdr: Vec<ApdrCycle> = (0..cycles)
        .map(|i| ApdrCycle {
            cycle_no: Some(i as i64 + 1),
            start_date: crate::date::Date::new(2022, 9, 5)
                .and_then(|d| d.add_days(i as i64 * 70))
                .map(|d| DateText(d.to_string())),
            planned_review_date: crate::date::Date::new(2022, 9, 5)
                .and_then(|d| d.add_days(i as i64 * 70 + 63))
                .map(|d| DateText(d.to_string())),
            actual_review_date: crate::date::Date::new(2022, 9, 5)
                .and_then(|d| d.add_days(i as i64 * 70 + 63))
                .map(|d| DateText(d.to_string())),
            status: Some(CycleStatus::Completed),
            outcome_ids: Some(vec![format!("o{i}")]),
            provision_ids: Some(vec![format!("r{}", i % rows.max(1))]),
            ..ApdrCycle::default()
        })
        .collect();
    Application {
        schema_version: Some(SCHEMA_VERSION.into()),
        profile: Some("stockton-one-point".into()),
        request_type: Some(vec![RequestType::TopUpFunding]),
        outcomes: Some(outcomes),
        provision_map: Some(ProvisionMap {
            weeks_per_year: Some(38),
            rows: Some(provision),
            ..ProvisionMap::default()
        }),
        apdr_cycles: Some(apdr),
        ..Application::default()
    }
}
