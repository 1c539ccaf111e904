#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The committed JSON Schema is the one the Rust types generate, and every key it names is in
//! the core's field order.

use std::path::Path;

#[test]
fn committed_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/application.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == sen_check::schema::application_schema(),
        "schema/application.schema.json is stale: regenerate it with\n  cargo run -p sen-check -- --print-schema > schema/application.schema.json"
    );
}

#[test]
fn committed_profile_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/profile.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == sen_check::schema::profile_schema(),
        "schema/profile.schema.json is stale: regenerate it with\n  cargo run -p sen-check -- --print-profile-schema > schema/profile.schema.json"
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
