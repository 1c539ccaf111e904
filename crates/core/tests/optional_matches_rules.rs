#![allow(clippy::expect_used, clippy::panic)]
//! "(optional)" tells the truth. For every question the form asks on a page, under every
//! built-in profile and with the answers of the scenarios, the core's `form::is_required_now`
//! must agree with what the rules actually do: a field is required when leaving it empty (the
//! other answers as they are) gives an error at that field. Checked both ways: a field shown as
//! optional that the rules require fails, and so does a field shown as required that the rules
//! let be empty.

use sen_core::form::{self, LISTS};
use sen_core::rules::field_specs::{is_hidden, pattern_of, FIELDS};
use sen_core::{derive, profile, rules, sections, wire, Date, Profile, Severity};
use serde_json::Value;

const PROFILES: &[&str] = &[
    "stockton-one-point",
    "croydon-lss",
    "tees-sen-support-plan",
    "ehcna-request",
];

const FIXTURES: &[&str] = &[
    "S01-complete-valid",
    "S02-missing-consent",
    "S08-below-threshold",
    "S14-band-c-stale-specialist-report",
    "S18-two-parents-one-consent",
];

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The errors the widget would show for a document: read, figures filled in, checked.
fn errors(doc: &Value, profile: &Profile, today: Date) -> Vec<String> {
    let mut app = wire::application_from_value(doc).expect("a fixture with a field removed reads");
    derive::fill(&mut app, &profile.funding);
    rules::check(&app, profile, today)
        .issues
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.pointer)
        .collect()
}

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    if let Some(Value::Object(o)) = doc.pointer_mut(parent) {
        o.remove(key);
    }
}

/// Every question the form asks for this document: the fields of each section the profile
/// asks, and the fields of every list item present.
fn asked(doc: &Value, profile: &Profile) -> Vec<String> {
    let mut out = Vec::new();
    for s in sections::SECTIONS
        .iter()
        .filter(|s| profile.has_section(s.id))
    {
        for key in s.keys {
            for f in form::fields_under(&format!("/{key}")) {
                if !is_hidden(f.pattern, profile) {
                    out.push(f.pattern.to_owned());
                }
            }
        }
    }
    for list in LISTS {
        if !profile.has_section(sections::section_of(list.pointer)) {
            continue;
        }
        let n = doc
            .pointer(list.pointer)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for i in 0..n {
            for f in form::item_fields(list) {
                if form::asked_on_item_page(f.pattern) && !is_hidden(f.pattern, profile) {
                    out.push(f.pattern.replacen('*', &i.to_string(), 1));
                }
            }
        }
    }
    out
}

#[test]
fn optional_is_what_the_rules_say() {
    let today = Date::parse("2025-04-30").expect("a date");
    let mut wrong = Vec::new();
    let mut compared = 0;
    for id in PROFILES {
        let profile = profile::builtin(id).expect("a built-in profile");
        for name in FIXTURES {
            let doc = fixture(name);
            let now = errors(&doc, &profile, today);
            for pointer in asked(&doc, &profile) {
                let truth = if doc.pointer(&pointer).is_some() {
                    let mut without = doc.clone();
                    remove(&mut without, &pointer);
                    let after = errors(&without, &profile, today);
                    after.contains(&pointer)
                } else {
                    now.contains(&pointer)
                };
                let app = wire::application_from_value(&doc).expect("a fixture reads");
                let said = form::is_required_now(&pointer, &app, &profile);
                compared += 1;
                if said != truth {
                    wrong.push(format!(
                        "{id} {name} {pointer} ({}): the form says {}, the rules {}",
                        pattern_of(&pointer),
                        if said { "required" } else { "optional" },
                        if truth {
                            "require it"
                        } else {
                            "let it be empty"
                        },
                    ));
                }
            }
        }
    }
    assert!(compared > 2000, "only {compared} fields compared");
    assert!(
        wrong.is_empty(),
        "{} of {compared} fields disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // Every field of the table is reachable by this test's walk (none skipped by accident).
    assert!(FIELDS.len() > 200);
}
