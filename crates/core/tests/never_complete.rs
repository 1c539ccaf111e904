#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! No application with a figure the core could not work out is ever complete: S01 (complete
//! under every panel profile it is checked with) and random applications, each with a row the
//! core cannot cost, an amount above the bound or an impossible period injected at random, under
//! the built-in profiles and under profiles that switch random rules off or down.

use proptest::prelude::*;
use sen_core::profile::Profile;
use sen_core::rules::catalogue::RULES;
use serde_json::{json, Value};

mod common;
use common::{report_on, typed_application, S01};

const STOCKTON: &str = include_str!("../../../profiles/stockton-one-point.json");

/// What is injected: something the totals cannot be worked out with.
fn defect() -> impl Strategy<Value = (String, Value)> {
    let row = 0usize..8;
    prop_oneof![
        // Sessions a week above the cap, or not a sensible number.
        (
            row.clone(),
            prop_oneof![Just(1001.0), Just(1e308), 1000.5f64..1e12]
        )
            .prop_map(|(i, s)| (format!("/provisionMap/rows/{i}/sessionsPerWeek"), json!(s))),
        // A staff-time figure below what can be costed.
        (
            row.clone(),
            prop::sample::select(vec!["sessionMinutes", "weeks", "hourlyRatePence"]),
            i64::MIN..0
        )
            .prop_map(|(i, f, v)| (format!("/provisionMap/rows/{i}/{f}"), json!(v))),
        // An hourly rate that makes the row cost more than the bound.
        (row.clone(), 3_000_000_000i64..i64::MAX)
            .prop_map(|(i, v)| (format!("/provisionMap/rows/{i}/hourlyRatePence"), json!(v))),
        // A period outside the school year.
        prop_oneof![i64::MIN..1, 39i64..i64::MAX]
            .prop_map(|w| ("/provisionMap/periodWeeks".to_owned(), json!(w))),
    ]
}

/// Puts the defect into a document: a row's figure goes into a staff-time row made complete
/// enough to be costed (the row is added when the document has fewer).
fn inject(doc: &mut Value, (pointer, value): &(String, Value)) {
    if !doc.is_object() {
        *doc = json!({});
    }
    let map = doc
        .as_object_mut()
        .unwrap()
        .entry("provisionMap")
        .or_insert(json!({}));
    if !map.is_object() {
        *map = json!({});
    }
    if let Some(rest) = pointer.strip_prefix("/provisionMap/rows/") {
        let (i, field) = rest.split_once('/').unwrap();
        let i: usize = i.parse().unwrap();
        let rows = map
            .as_object_mut()
            .unwrap()
            .entry("rows")
            .or_insert(json!([]));
        if !rows.is_array() {
            *rows = json!([]);
        }
        let rows = rows.as_array_mut().unwrap();
        while rows.len() <= i {
            rows.push(json!({}));
        }
        let row = &mut rows[i];
        if !row.is_object() {
            *row = json!({});
        }
        let r = row.as_object_mut().unwrap();
        for (k, v) in [
            ("category", json!("STAFF_TIME")),
            ("hourlyRatePence", json!(1720)),
            ("sessionMinutes", json!(30)),
            ("sessionsPerWeek", json!(1)),
            ("weeks", json!(30)),
            ("groupSize", json!(1)),
        ] {
            r.insert(k.to_owned(), v);
        }
        r.remove("fixedCostPence");
        r.remove("adults");
        r.remove("chargeFullGroupCost");
        r.insert(field.to_owned(), value.clone());
    } else {
        map.as_object_mut()
            .unwrap()
            .insert("periodWeeks".to_owned(), value.clone());
    }
}

/// Stockton's profile with random rules switched off or set to a random severity, and the
/// pro-rata threshold on or off; only profiles that validate.
fn profile() -> impl Strategy<Value = Profile> {
    let over = (
        0..RULES.len(),
        prop_oneof![
            Just(json!({"enabled": false})),
            Just(json!({"severity": "warning"})),
            Just(json!({"severity": "info"})),
        ],
    );
    (prop::collection::vec(over, 0..30), any::<bool>()).prop_filter_map(
        "valid profiles",
        |(overs, pro_rata)| {
            let mut p: Value = serde_json::from_str(STOCKTON).unwrap();
            p["funding"]["proRataThreshold"] = json!(pro_rata);
            for (i, o) in overs {
                p["rules"][RULES[i].id] = o;
            }
            Profile::from_json(&p.to_string()).ok()
        },
    )
}

fn assert_not_complete(doc: &Value, profile: &Profile, what: &(String, Value)) {
    let Some(r) = report_on(doc, profile) else {
        return;
    };
    assert!(!r.complete, "complete with {what:?}: {:?}", r.issues);
    assert!(!r.totals.not_worked_out.is_empty(), "{what:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn s01_with_a_figure_that_cannot_be_worked_out_is_never_complete(
        what in defect(),
        profile in profile(),
    ) {
        let mut doc: Value = serde_json::from_str(S01).unwrap();
        inject(&mut doc, &what);
        let report = report_on(&doc, &profile).unwrap();
        // The injected figure is named where it is, unless a profile switched its rule off.
        prop_assert!(
            report.issues.iter().any(|i| what.0.starts_with(&i.pointer) || i.pointer.starts_with(&what.0))
                || !profile.rules.is_empty(),
            "{:?} not named: {:?}", what, report.issues
        );
        assert_not_complete(&doc, &profile, &what);
    }

    #[test]
    fn random_applications_with_such_a_figure_are_never_complete(
        mut doc in typed_application(),
        what in defect(),
        profile in profile(),
    ) {
        inject(&mut doc, &what);
        assert_not_complete(&doc, &profile, &what);
    }
}

#[test]
fn s01_itself_is_complete_so_the_property_can_fail() {
    let profile = Profile::from_json(STOCKTON).unwrap();
    let r = report_on(&serde_json::from_str(S01).unwrap(), &profile).unwrap();
    assert!(r.complete, "{:?}", r.issues);
}
