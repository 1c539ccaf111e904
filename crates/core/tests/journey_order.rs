#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Answering S01 one section at a time, in journey order, no error fires in the section just
//! answered except those whose answer lies in a later section (`LATER_SECTION_RULES`). This is
//! what lets the widget hold a person on a page for every other error.

use sen_core::api::{check_value, ProfileChoice};
use sen_core::rules::catalogue::waits_for_later_sections;
use sen_core::sections::{ENVELOPE_KEYS, SECTIONS};
use sen_core::Severity;
use serde_json::{Map, Value};

#[test]
fn journey_order() {
    let text = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");
    let s01: Map<String, Value> = serde_json::from_str(text).unwrap();
    let mut keys: Vec<&str> = ENVELOPE_KEYS.to_vec();
    let mut early = Vec::new();
    for section in SECTIONS {
        keys.extend(section.keys);
        let part: Map<String, Value> = s01
            .iter()
            .filter(|(k, _)| keys.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let report = check_value(
            &Value::Object(part),
            ProfileChoice::Builtin("stockton-one-point"),
            "2025-04-30",
        )
        .unwrap();
        for i in &report.issues {
            if i.severity == Severity::Error
                && i.section == section.id
                && !waits_for_later_sections(&i.rule_id)
            {
                early.push(format!("{} {} {}", section.id, i.rule_id, i.pointer));
            }
        }
    }
    assert!(early.is_empty(), "{early:#?}");
}

#[test]
fn later_section_rules_do_fire_early() {
    // Without the list, the test above would have nothing to excuse: V-55 fires on outcomes
    // before provision is answered.
    let text = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");
    let mut s01: Map<String, Value> = serde_json::from_str(text).unwrap();
    s01.remove("provisionMap");
    let report = check_value(
        &Value::Object(s01),
        ProfileChoice::Builtin("stockton-one-point"),
        "2025-04-30",
    )
    .unwrap();
    assert!(report.issues.iter().any(|i| i.rule_id == "V-55"));
}
