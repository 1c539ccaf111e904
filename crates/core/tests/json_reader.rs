//! The reader and writer of `json` on the model and profiles: unknown fields, nulls, pointers,
//! kinds and round trips.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use serde_json::{json, Value};

use sen_core::codes::{Relationship, StaffRole};
use sen_core::json::*;
use sen_core::model::{Application, Parent, ProvisionRow};
use sen_core::profile::Profile;

fn read_app(v: Value) -> Result<Application, ReadError> {
    from_value(&v)
}

#[test]
fn absent_and_null_optional_answers_are_none() {
    let app = read_app(json!({"child": null, "profile": "p"})).unwrap();
    assert_eq!(app.child, None);
    assert_eq!(app.profile.as_deref(), Some("p"));
    assert_eq!(read_app(json!({})).unwrap(), Application::default());
}

#[test]
fn unknown_fields_are_named_with_their_pointer() {
    let e = read_app(json!({"parents": [{}, {"shoeSize": 3}]})).unwrap_err();
    assert_eq!(e.pointer, "/parents/1/shoeSize");
    assert!(e.message.contains("`shoeSize`"), "{}", e.message);
}

#[test]
fn wrong_types_say_what_was_expected() {
    let e = read_app(json!({"child": ["Ada"]})).unwrap_err();
    assert_eq!(
        (e.pointer.as_str(), e.message.as_str()),
        ("/child", "expected an object, not a list")
    );
    let e = read_app(json!({"provisionMap": {"rows": [{"weeks": "ten"}]}})).unwrap_err();
    assert_eq!(e.pointer, "/provisionMap/rows/0/weeks");
    assert_eq!(e.message, "expected a whole number, not text");
    let e = read_app(json!({"provisionMap": {"rows": [{"weeks": 1.5}]}})).unwrap_err();
    assert_eq!(e.message, "expected a whole number, not a fraction");
    let e = read_app(json!({"provisionMap": {"totalPence": 18446744073709551615u64}})).unwrap_err();
    assert_eq!(e.message, "the number is too large");
    let e = read_app(json!({"isReapplication": "yes"})).unwrap_err();
    assert_eq!(e.message, "expected true or false, not text");
}

#[test]
fn codes_outside_the_list_are_refused_with_the_list() {
    let e = read_app(json!({"parents": [{"relationship": "AUNT"}]})).unwrap_err();
    assert_eq!(e.pointer, "/parents/0/relationship");
    assert!(
        e.message.starts_with("`AUNT` is not one of `"),
        "{}",
        e.message
    );
    let ok = read_app(json!({"parents": [{"relationship": Relationship::ALL[0].code()}]})).unwrap();
    assert_eq!(
        ok.parents.unwrap()[0].relationship,
        Some(Relationship::ALL[0])
    );
}

#[test]
fn pointers_escape_slash_and_tilde() {
    let e = read_app(json!({"child": {"a/b~c": 1}})).unwrap_err();
    assert_eq!(e.pointer, "/child/a~1b~0c");
}

#[test]
fn fractions_read_as_numbers() {
    let row: ProvisionRow = from_value(&json!({"sessionsPerWeek": 0.5})).unwrap();
    assert_eq!(row.sessions_per_week, Some(0.5.into()));
    let row: ProvisionRow = from_value(&json!({"sessionsPerWeek": 2})).unwrap();
    assert_eq!(row.sessions_per_week, Some(2.0.into()));
}

#[test]
fn writing_leaves_absent_answers_out() {
    let parent = Parent {
        surname: Some("Ng".into()),
        ..Parent::default()
    };
    assert_eq!(to_value(&parent), json!({"surname": "Ng"}));
    assert_eq!(to_value(&Application::default()), json!({}));
}

#[test]
fn profiles_required_keys_defaults_and_code_keyed_maps() {
    let base = json!({
        "id": "p", "version": "1", "name": "P", "councilId": "c", "mode": "PANEL",
        "sections": ["child"],
    });
    let p: Profile = from_value(&base).unwrap();
    assert!(p.fields.is_empty());
    assert!(
        p.drafts.save_by_default,
        "a struct default keeps its own default values"
    );

    let mut missing = base.clone();
    missing.as_object_mut().unwrap().remove("name");
    let e = from_value::<Profile>(&missing).unwrap_err();
    assert_eq!(
        (e.pointer.as_str(), e.message.as_str()),
        ("/name", "this field is required")
    );

    let mut bad_mode = base.clone();
    bad_mode["mode"] = json!("panel");
    let e = from_value::<Profile>(&bad_mode).unwrap_err();
    assert_eq!(e.pointer, "/mode");
    assert_eq!(e.message, "`panel` is not one of `PANEL`, `EHCNA`");

    let mut rates = base;
    let role = StaffRole::ALL[0].code();
    rates["provision"] = json!({"rates": {role: {"minPence": 1, "maxPence": 2}}});
    let p: Profile = from_value(&rates).unwrap();
    let _: &BTreeMap<StaffRole, _> = &p.provision.rates;
    assert_eq!(p.provision.rates.len(), 1);
    assert_eq!(
        p.provision.max_weeks,
        sen_core::profile::ProvisionPolicy::default().max_weeks
    );
    rates["provision"] = json!({"rates": {"JANITOR": {"minPence": 1, "maxPence": 2}}});
    let e = from_value::<Profile>(&rates).unwrap_err();
    assert_eq!(e.pointer, "/provision/rates/JANITOR");
    rates["provision"] = json!({"rates": {role: {"minPence": 1}}});
    let e = from_value::<Profile>(&rates).unwrap_err();
    assert_eq!(e.pointer, format!("/provision/rates/{role}/maxPence"));
}
