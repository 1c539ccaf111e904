#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The core's JSON reader and writer (`sen_core::json`) lose and invent nothing: whatever an
//! application-shaped document reads as is written back as the same document (nulls, which
//! mean "not answered", left out), and reading what was written gives the same application:
//! for every scenario, and for random application-shaped documents.

use proptest::prelude::*;
use sen_core::json::{from_value, to_value};
use sen_core::Application;
use serde_json::{json, Map, Value};

mod common;
use common::{place, typed_application};

/// The document without nulls (an absent answer), for comparing with what is written.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| (k.clone(), without_nulls(x)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Equal as documents, numbers compared by value (an `f64` field writes 5 as 5.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Reads `doc` (which must read), writes it back and reads that again.
fn round_trip(doc: &Value) {
    let app = from_value::<Application>(doc).unwrap_or_else(|e| {
        panic!("the reader refuses a document of the right kinds: {e:?}\n{doc}")
    });
    let written = to_value(&app);
    assert!(
        same(&without_nulls(doc), &written),
        "written back differently:\n{doc}\n{written}"
    );
    assert_eq!(from_value::<Application>(&written).as_ref(), Ok(&app));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn what_is_read_is_written_back_unchanged(doc in typed_application()) {
        round_trip(&doc);
    }
}

#[test]
fn every_scenario_reads_and_writes_back_unchanged() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/scenarios");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|f| f == "expected.json") {
            continue;
        }
        let input: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let doc = input.get("data").unwrap_or(&input);
        println!("{path:?}");
        round_trip(doc);
        n += 1;
    }
    assert!(n >= 20, "{n} scenarios");
}

#[test]
fn the_generator_makes_readable_documents() {
    // Guard against a property that only ever meets documents the reader refuses.
    let mut doc = Value::Object(Map::new());
    place(&mut doc, "/provisionMap/rows/*/weeks", 0, json!(38));
    place(
        &mut doc,
        "/provisionMap/rows/*/sessionsPerWeek",
        0,
        json!(2),
    );
    place(&mut doc, "/child/legalForename", 0, json!("Alex"));
    place(&mut doc, "/child/dob", 0, Value::Null);
    round_trip(&doc);
}
