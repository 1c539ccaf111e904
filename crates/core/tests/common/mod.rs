//! Generators shared by the property tests: any JSON, and JSON shaped like an application
//! (random values placed at the field table's real pointers).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod corpus;

use proptest::prelude::*;
use sen_core::form::{allows_decimals, options_for, Options};
use sen_core::rules::field_specs::{Kind, FIELDS};
use serde_json::{json, Map, Value};

pub fn any_json() -> impl Strategy<Value = Value> {
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
pub fn place(doc: &mut Value, pattern: &str, index: usize, value: Value) {
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

/// An application with random values at real fields: most of the right kind (so that most
/// documents get past the reader and reach the rules), about one in forty of any shape.
pub fn shaped() -> impl Strategy<Value = Value> {
    let fields: Vec<BoxedStrategy<(&'static str, usize, Value)>> = FIELDS
        .iter()
        .map(|spec| {
            (
                Just(spec.pattern),
                0usize..3,
                prop_oneof![40 => typed(spec.pattern, spec.kind), 1 => any_json()],
            )
                .boxed()
        })
        .collect();
    documents(fields, 40)
}

/// A document with up to `most` fields set, each drawn from one of `fields` (uniformly). The
/// strategies are built once: building them per field (regexes, code lists) or a `Union` of
/// them (a clone of the runner per option) costs far more than the documents.
fn documents(
    fields: Vec<BoxedStrategy<(&'static str, usize, Value)>>,
    most: usize,
) -> impl Strategy<Value = Value> {
    let fields = std::rc::Rc::new(fields);
    let field = (0..fields.len()).prop_flat_map(move |f| fields[f].clone());
    prop::collection::vec(field, 0..most).prop_map(|sets| {
        let mut doc = Value::Object(Map::new());
        for (pattern, i, v) in sets {
            place(&mut doc, pattern, i, v);
        }
        doc
    })
}

/// A value of the right kind for a field pattern: text, a date, a code from its list, ids, a
/// yes/no, a whole or decimal number. Maps keyed by outcome id for the two review maps.
pub fn typed(pattern: &'static str, kind: Kind) -> BoxedStrategy<Value> {
    let text = "\\PC{0,12}".prop_map(Value::String);
    let id = prop_oneof![Just("o1"), Just("o2"), Just("r1"), Just("p1")].prop_map(|s| json!(s));
    let code = |p: &str| match options_for(p) {
        Some(Options::Codes(codes)) => {
            let list: Vec<Value> = codes.iter().map(|(c, _)| json!(c)).collect();
            prop::sample::select(list).boxed()
        }
        _ => id.clone().boxed(),
    };
    match (pattern, kind) {
        ("/apdrCycles/*/review/outcomeStatus", _) => {
            prop::collection::btree_map("o[1-3]", code(pattern), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        ("/apdrCycles/*/review/outcomeEvidence", _) => {
            prop::collection::btree_map("o[1-3]", text, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        (_, Kind::Choice) => code(pattern),
        (_, Kind::Choices) => prop::collection::vec(code(pattern), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        (_, Kind::YesNo) => any::<bool>().prop_map(Value::Bool).boxed(),
        (_, Kind::Money | Kind::Number) if allows_decimals(pattern) => {
            (0u32..4000).prop_map(|n| json!(f64::from(n) / 8.0)).boxed()
        }
        // The one unsigned whole number of the model (read through `i64`, as every number).
        ("/attachments/*/sizeBytes", _) => (0..=i64::MAX).prop_map(|n| json!(n)).boxed(),
        // Mostly amounts a form meets, now and then any whole number (the arithmetic's edges).
        (_, Kind::Money | Kind::Number) => prop_oneof![
            3 => (-10i64..5_000_000).prop_map(|n| json!(n)),
            1 => any::<i64>().prop_map(|n| json!(n)),
        ]
        .boxed(),
        (_, Kind::Date) => prop_oneof![Just("2025-04-30"), Just("2025-02-30"), Just("2025-4")]
            .prop_map(|s| json!(s))
            .boxed(),
        (_, Kind::List) => Just(Value::Array(Vec::new())).boxed(),
        _ => text.boxed(),
    }
}

/// An application with values of the right kind at random fields (and, now and then, a null).
pub fn typed_application() -> impl Strategy<Value = Value> {
    let fields: Vec<BoxedStrategy<(&'static str, usize, Value)>> = FIELDS
        .iter()
        .map(|spec| {
            (
                Just(spec.pattern),
                0usize..3,
                prop_oneof![9 => typed(spec.pattern, spec.kind), 1 => Just(Value::Null)],
            )
                .boxed()
        })
        .collect();
    documents(fields, 60)
}

/// S01's text: complete under Stockton.
pub const S01: &str = include_str!("../../../../tests/fixtures/scenarios/S01-complete-valid.json");

/// The report on a document under a profile on 30 April 2025, if the document reads.
pub fn report_on(doc: &Value, profile: &sen_core::Profile) -> Option<sen_core::report::Report> {
    let app = sen_core::wire::application_from_value(doc).ok()?;
    let today = sen_core::date::Date::parse("2025-04-30")?;
    Some(sen_core::rules::check(&app, profile, today))
}

/// Writes `value` at `pointer` in `doc` (`null` removes an object's field); the parent must
/// exist.
pub fn write_at(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{parent}"));
    match (target, value) {
        (Value::Object(m), Value::Null) => {
            m.remove(key);
        }
        (Value::Object(m), v) => {
            m.insert(key.to_owned(), v);
        }
        (Value::Array(a), v) => a[key.parse::<usize>().unwrap()] = v,
        _ => panic!("{pointer}"),
    }
}
