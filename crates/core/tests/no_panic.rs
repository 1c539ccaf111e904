#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The core never panics on input: random JSON documents (of any shape, and shaped like an
//! application with random values in real fields), random bytes and truncations of a real
//! application all give a report or an error.

use proptest::prelude::*;
use sen_core::api::{self, ProfileChoice};
use sen_core::rules::field_specs::FIELDS;
use serde_json::{json, Map, Value};

const PROFILES: &[&str] = &[
    "stockton-one-point",
    "croydon-lss",
    "tees-sen-support-plan",
    "ehcna-request",
];

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2025-04-30"),
            Just("2024-02-29"),
            Just("2025-02-30"),
            Just("K"),
            Just("E"),
            Just("COMPLETED"),
            Just("IN_PROGRESS"),
            Just("STAFF_TIME"),
            Just("TA_L3"),
            Just("o1"),
            Just("r1"),
            Just("p1"),
            Just("TOP_UP_FUNDING"),
            Just("SHARE_WITH_PANEL"),
            Just("4"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Puts `value` at a field pattern of the application (with `*` as index 0..2).
fn place(doc: &mut Value, pattern: &str, index: usize, value: Value) {
    let mut cur = doc;
    let segs: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
    for (k, seg) in segs.iter().enumerate() {
        let last = k + 1 == segs.len();
        if *seg == "*" {
            if !cur.is_array() {
                *cur = Value::Array(Vec::new());
            }
            let arr = cur.as_array_mut().unwrap();
            while arr.len() <= index {
                arr.push(Value::Object(Map::new()));
            }
            cur = &mut arr[index];
        } else {
            if !cur.is_object() {
                *cur = Value::Object(Map::new());
            }
            let obj = cur.as_object_mut().unwrap();
            if last {
                obj.insert((*seg).to_owned(), value);
                return;
            }
            cur = obj
                .entry((*seg).to_owned())
                .or_insert(Value::Object(Map::new()));
        }
    }
}

fn shaped() -> impl Strategy<Value = Value> {
    prop::collection::vec((0..FIELDS.len(), 0usize..3, any_json()), 0..40).prop_map(|sets| {
        let mut doc = Value::Object(Map::new());
        for (f, i, v) in sets {
            place(&mut doc, FIELDS[f].pattern, i, v);
        }
        doc
    })
}

fn check_all(text: &str) {
    for p in PROFILES {
        let _ = api::check(text, ProfileChoice::Builtin(p), "2025-04-30");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arbitrary_json_never_panics(doc in any_json()) {
        check_all(&doc.to_string());
    }

    #[test]
    fn application_shaped_json_never_panics(doc in shaped()) {
        check_all(&doc.to_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2500))]

    #[test]
    fn bytes_and_truncations_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200), cut in 0usize..40_000) {
        check_all(&String::from_utf8_lossy(&bytes));
        let s01 = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");
        let end = s01.char_indices().map(|(i, _)| i).find(|i| *i >= cut % s01.len()).unwrap_or(0);
        check_all(&s01[..end]);
    }
}

#[test]
fn application_shaped_documents_reach_the_rules() {
    // Guard against a generator that only ever produces parse errors.
    let mut doc = Value::Object(Map::new());
    place(&mut doc, "/provisionMap/rows/*/weeks", 0, json!(99));
    let r = api::check(
        &doc.to_string(),
        ProfileChoice::Builtin("stockton-one-point"),
        "2025-04-30",
    )
    .unwrap();
    assert!(r.issues.iter().any(|i| i.rule_id == "V-68"));
}
