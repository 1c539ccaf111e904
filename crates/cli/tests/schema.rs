#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The committed JSON Schema is the one the Rust types generate, and every key it names is in
//! the core's field order.

use std::path::Path;

/// Fails, saying how to regenerate it, when a committed schema differs from the generated one.
fn assert_current(file: &str, flag: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schema")
        .join(file);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/{file} is stale: regenerate it with\n  cargo run -p sen-check -- {flag} > schema/{file}"
    );
}

#[test]
fn committed_schema_is_current() {
    assert_current(
        "application.schema.json",
        "--print-schema",
        &sen_check::schema::application_schema(),
    );
}

#[test]
fn committed_profile_schema_is_current() {
    assert_current(
        "profile.schema.json",
        "--print-profile-schema",
        &sen_check::schema::profile_schema(),
    );
}

fn property_names(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::Object(props)) = m.get("properties") {
                out.extend(props.keys().cloned());
            }
            m.values().for_each(|x| property_names(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| property_names(x, out)),
        _ => {}
    }
}

#[test]
fn every_schema_key_has_a_place_in_the_field_order() {
    let schema: serde_json::Value =
        serde_json::from_str(&sen_check::schema::application_schema()).unwrap();
    let mut names = Vec::new();
    property_names(&schema, &mut names);
    assert!(names.len() > 100);
    for n in names {
        assert!(
            sen_core::rules::order::FIELD_ORDER.contains(&n.as_str()),
            "{n} is missing from FIELD_ORDER"
        );
    }
}
