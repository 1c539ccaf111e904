//! The field order and the wire names against the model's derived keys (`FromJson::keys`,
//! from `sen-json-derive`): the order lists exactly the derive's keys, every pair of siblings
//! of the JSON Schema sorts as the derive declares them (but `status`, whose first place is
//! the specialists'), and every field's wire name worked out as the derive names it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;

use sen_core::spec::order::{wire_name, FIELD_ORDER, KEYS};
use serde_json::Value;

/// The derive's order: each key at its first place among the keys `FromJson::keys` lists.
fn derived_order() -> Vec<&'static str> {
    let mut order: Vec<&'static str> = Vec::new();
    for (_, wire) in KEYS.iter() {
        if !order.contains(wire) {
            order.push(wire);
        }
    }
    order
}

fn place(list: &[&str], key: &str) -> usize {
    list.iter().position(|k| *k == key).unwrap_or(list.len())
}

/// The keys of each object of the committed application schema.
fn sibling_sets() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/application.schema.json"
    ))
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let mut sets = Vec::new();
    fn walk(v: &Value, sets: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    sets.push(props.keys().cloned().collect());
                }
                map.values().for_each(|x| walk(x, sets));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, sets)),
            _ => {}
        }
    }
    walk(&schema, &mut sets);
    sets
}

#[test]
fn the_order_lists_every_key_of_the_derive_once() {
    let listed: BTreeSet<&str> = FIELD_ORDER.iter().copied().collect();
    let derived: BTreeSet<&str> = derived_order().into_iter().collect();
    assert_eq!(listed.len(), FIELD_ORDER.len(), "a key listed twice");
    assert_eq!(listed, derived);
}

#[test]
fn siblings_sort_as_the_derive_declares_them_but_status() {
    let sets = sibling_sets();
    assert!(sets.len() > 20, "the schema's objects were not found");
    let derived = derived_order();
    let mut pairs = 0;
    let mut differ = BTreeSet::new();
    for set in &sets {
        for a in set {
            for b in set.iter().filter(|b| a < *b) {
                let listed = place(FIELD_ORDER, a).cmp(&place(FIELD_ORDER, b));
                let declared = place(&derived, a).cmp(&place(&derived, b));
                if listed != declared {
                    differ.insert((a.clone(), b.clone()));
                }
                pairs += 1;
            }
        }
    }
    assert!(pairs > 500, "{pairs}");
    // `status` is listed at the specialists' place, so among an APDR cycle's keys it sorts
    // first; the derive meets the cycles' `status` first.
    let status_first: BTreeSet<(String, String)> = [
        ("actualReviewDate", "status"),
        ("adviceImplemented", "status"),
        ("adviceImplementedHow", "status"),
        ("adviceSummary", "status"),
        ("cycleNo", "status"),
        ("firstInvolvedDate", "status"),
        ("latestReportDate", "status"),
        ("plannedReviewDate", "status"),
        ("professionalName", "status"),
        ("reportAttached", "status"),
        ("reportAttachmentId", "status"),
        ("role", "status"),
        ("startDate", "status"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    assert_eq!(differ, status_first);
}

#[test]
fn every_fields_wire_name_is_the_derives() {
    assert!(KEYS.len() > 150);
    for (rust, wire) in KEYS.iter() {
        assert_eq!(wire_name(rust), *wire, "{rust}");
    }
    assert_eq!(wire_name("setting_type"), "type");
    assert_eq!(wire_name("attendance_pct12m"), "attendancePct12m");
}
