#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! A request for an EHC needs assessment is never blocked by a council's evidence: over random
//! applications (random answers at real fields, and S01 with random answers taken away) and
//! random valid EHCNA profiles (random field requirements, rule overrides and documents the
//! council asks for), no error comes from a council evidence criterion (the documents a council
//! asks for among them) or from a field of a council's evidence.

use proptest::prelude::*;
use sen_core::profile::Profile;
use sen_core::report::Severity;
use sen_core::rules::catalogue::{self, RULES};
use sen_core::rules::field_specs::{is_council_evidence, FIELDS};
use serde_json::{json, Value};

mod common;
use common::{report_on, typed_application, S01};

const EHCNA: &str = include_str!("../../../profiles/ehcna-request.json");

/// Documents a council may ask for, in each case (`attachments.required`).
const REQUIRED: &[(&str, &str)] = &[
    ("SEN_SUPPORT_PLAN", "always"),
    ("PROVISION_MAP", "always"),
    ("QUOTE", "buysServices"),
    ("PROFESSIONAL_REPORT", "eachSpecialistReport"),
    ("CONSENT_SIGNATURE", "eachSignedConsent"),
    ("PEP", "lookedAfter"),
    ("RISK_ASSESSMENT", "lookedAfter"),
];

/// The EHCNA profile with random field requirements, rule overrides and documents asked for; only those that
/// validate (a profile making a council's evidence an error is refused, and is not used).
fn profile() -> impl Strategy<Value = Profile> {
    let field = (
        0..FIELDS.len(),
        prop::sample::select(vec!["required", "optional", "hidden"]),
    );
    let rule = (
        0..RULES.len(),
        prop_oneof![
            Just(json!({"enabled": false})),
            Just(json!({"severity": "error"})),
            Just(json!({"severity": "warning"})),
            Just(json!({"severity": "info"})),
        ],
    );
    (
        prop::collection::vec(field, 0..25),
        prop::collection::vec(rule, 0..25),
        prop::sample::subsequence(REQUIRED.to_vec(), 0..=REQUIRED.len()),
    )
        .prop_map(|(fields, rules, required)| {
            let mut p: Value = serde_json::from_str(EHCNA).unwrap();
            p["attachments"]["required"] = required
                .iter()
                .map(|(t, when)| json!({"type": t, "when": when}))
                .collect();
            for (i, r) in fields {
                p["fields"][FIELDS[i].pattern] = json!(r);
            }
            for (i, o) in rules {
                p["rules"][RULES[i].id] = o;
            }
            // Drop what validation refuses, one key at a time, so most profiles survive.
            for _ in 0..60 {
                match Profile::from_json(&p.to_string()) {
                    Ok(profile) => return Some(profile),
                    Err(e) => {
                        let mut parts = e.key.splitn(2, '.');
                        let (section, key) = (parts.next().unwrap(), parts.next().unwrap_or(""));
                        let key = key.trim_end_matches(".severity");
                        let removed = p[section]
                            .as_object_mut()
                            .and_then(|m| m.remove(key))
                            .is_some();
                        if !removed {
                            return None;
                        }
                    }
                }
            }
            None
        })
        .prop_filter_map("valid profiles", |p| p)
}

/// S01 with random answers taken away (by their place in a walk of the document).
fn s01_with_gaps() -> impl Strategy<Value = Value> {
    prop::collection::vec(0usize..400, 0..40).prop_map(|gaps| {
        let mut doc: Value = serde_json::from_str(S01).unwrap();
        let mut pointers = Vec::new();
        walk(&doc, String::new(), &mut pointers);
        for g in gaps {
            if let Some(p) = pointers.get(g % pointers.len().max(1)) {
                if let Some((parent, key)) = p.rsplit_once('/') {
                    if let Some(Value::Object(m)) = doc.pointer_mut(parent) {
                        m.remove(key);
                    }
                }
            }
        }
        doc
    })
}

fn walk(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{k}");
                out.push(p.clone());
                walk(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn assert_no_evidence_error(doc: &Value, profile: &Profile) -> Result<(), TestCaseError> {
    let Some(r) = report_on(doc, profile) else {
        return Ok(());
    };
    for i in r.issues.iter().filter(|i| i.severity == Severity::Error) {
        let evidence_rule = catalogue::get(&i.rule_id).is_some_and(|d| d.evidence);
        prop_assert!(
            !evidence_rule && !is_council_evidence(&i.pointer),
            "an error from a council's evidence: {i:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn no_error_from_a_councils_evidence_in_random_applications(
        doc in typed_application(),
        profile in profile(),
    ) {
        assert_no_evidence_error(&doc, &profile)?;
    }

    #[test]
    fn no_error_from_a_councils_evidence_in_s01_with_gaps(
        doc in s01_with_gaps(),
        profile in profile(),
    ) {
        assert_no_evidence_error(&doc, &profile)?;
    }
}

#[test]
fn documents_asked_for_are_errors_for_a_panel_and_warnings_for_ehcna() {
    let required: Value = REQUIRED
        .iter()
        .map(|(t, when)| json!({"type": t, "when": when}))
        .collect();
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    doc["attachments"] = json!([]);
    doc["context"]["lookedAfter"] = json!(true);
    for (base, want) in [
        (EHCNA, Severity::Warning),
        (
            include_str!("../../../profiles/stockton-one-point.json"),
            Severity::Error,
        ),
    ] {
        let mut p: Value = serde_json::from_str(base).unwrap();
        p["attachments"]["required"] = required.clone();
        let profile = Profile::from_json(&p.to_string()).unwrap();
        let r = report_on(&doc, &profile).unwrap();
        let d01: Vec<_> = r.issues.iter().filter(|i| i.rule_id == "D-01").collect();
        // The plan, the map, the quote and the risk assessment (the report and the signed
        // form dangle: F-07).
        assert_eq!(d01.len(), 4, "{d01:?}");
        assert!(d01.iter().all(|i| i.severity == want), "{d01:?}");
        assert!(r
            .issues
            .iter()
            .any(|i| i.rule_id == "F-07" && i.severity == Severity::Error));
    }
}

#[test]
fn the_same_gaps_are_errors_for_a_panel_so_the_property_can_fail() {
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    doc["apdrCycles"][0]
        .as_object_mut()
        .unwrap()
        .remove("startDate");
    doc["provisionMap"]["rows"][0]
        .as_object_mut()
        .unwrap()
        .remove("startDate");
    let panel = sen_core::profile::builtin("stockton-one-point").unwrap();
    let r = report_on(&doc, &panel).unwrap();
    assert!(r
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && is_council_evidence(&i.pointer)));
}
