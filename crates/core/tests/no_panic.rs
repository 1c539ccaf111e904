#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The core never panics on input: random JSON documents (of any shape, and shaped like an
//! application with random values in real fields), random bytes and truncations of a real
//! application all give a report or an error. The application-shaped documents reach the
//! rules: at least half of them are read and checked (the test counts them and prints the
//! figure).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sen_core::api::{self, ProfileChoice};
use serde_json::{json, Map, Value};
use std::cell::Cell;

mod common;
use common::{any_json, place, shaped};

const PROFILES: &[&str] = &[
    "stockton-one-point",
    "croydon-lss",
    "tees-sen-support-plan",
    "ehcna-request",
];

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
}

/// Application-shaped documents checked, each under one of the profiles in turn.
const SHAPED_CASES: u32 = 2000;

#[test]
fn application_shaped_json_never_panics_and_mostly_reaches_the_rules() {
    let mut runner = TestRunner::new(Config {
        cases: SHAPED_CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let (cases, reports) = (Cell::new(0u32), Cell::new(0u32));
    let strategy = (shaped(), 0..PROFILES.len());
    runner
        .run(&strategy, |(doc, p)| {
            cases.set(cases.get() + 1);
            let checked = api::check(
                &doc.to_string(),
                ProfileChoice::Builtin(PROFILES[p]),
                "2025-04-30",
            );
            if checked.is_ok() {
                reports.set(reports.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    let (cases, reports) = (cases.get(), reports.get());
    println!(
        "{reports} of {cases} application-shaped documents gave a report ({:.1}%)",
        f64::from(reports) * 100.0 / f64::from(cases)
    );
    assert!(cases >= SHAPED_CASES, "{cases} cases run");
    assert!(
        reports * 2 >= cases,
        "only {reports} of {cases} documents got past the reader"
    );
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
