//! The JSON Schema of the application document, generated from the Rust types.

use sen_core::model::Application;

/// The schema as pretty JSON with a trailing newline.
pub fn application_schema() -> String {
    let mut schema = schemars::schema_for!(Application);
    schema.insert(
        "$id".into(),
        "https://sen-support-form.example/schema/application-1.0.json".into(),
    );
    schema.insert(
        "title".into(),
        "SEN support application, schema version 1.0".into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema of a council profile, for councils writing their own.
pub fn profile_schema() -> String {
    let mut schema = schemars::schema_for!(sen_core::Profile);
    schema.insert(
        "$id".into(),
        "https://sen-support-form.example/schema/profile-1.0.json".into(),
    );
    schema.insert("title".into(), "SEN Support Form council profile".into());
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
