#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! sen-check at the edges: numbers written as whole numbers in other ways, a byte-order mark,
//! messages that must say what the rule actually used, profile errors people can read, and an
//! EHC needs assessment request that a council's evidence never blocks.

mod common;

use common::{builtin_profile, code, run, scenario, stderr, temp, S01};
use sen_core::report::{Report, Severity};
use serde_json::{json, Value};

/// Runs sen-check with `--json` on a document's text: exit code, report (if any), stderr.
fn check(name: &str, text: &str, profile: &[&str]) -> (i32, Option<Report>, String) {
    let f = temp(name, text.as_bytes());
    let mut args = vec!["--today", "2025-04-30", "--json"];
    args.extend(profile);
    args.push(f.to_str().unwrap());
    let o = run(&args);
    (code(&o), serde_json::from_slice(&o.stdout).ok(), stderr(&o))
}

fn with_profile_file(name: &str, profile: &Value) -> String {
    temp(name, profile.to_string().as_bytes())
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn whole_numbers_written_as_decimals_or_exponents_are_whole_numbers() {
    // r3 runs for 30 weeks; r1 has one adult.
    let text = S01
        .replacen("\"weeks\": 30", "\"weeks\": 3e1", 1)
        .replacen("\"adults\": 1,", "\"adults\": 1.0,", 1)
        .replacen("\"weeks\": 38", "\"weeks\": 38.0", 1);
    assert_ne!(text, S01);
    let (code, report, err) = check("whole", &text, &["--profile", "stockton-one-point"]);
    assert_eq!(code, 0, "{err} {:?}", report.map(|r| r.issues));
    // -0 is a whole number (0): read, then checked as the rules check 0.
    let text = S01.replacen("\"adults\": 1,", "\"adults\": -0,", 1);
    let (code, report, err) = check("minus-zero", &text, &["--profile", "stockton-one-point"]);
    assert_eq!(code, 1, "{err}");
    assert!(report
        .unwrap()
        .issues
        .iter()
        .any(|i| i.rule_id == "V-69" && i.pointer == "/provisionMap/rows/0/groupSize"));
    // A fraction is refused as before.
    let text = S01.replacen("\"weeks\": 30", "\"weeks\": 2.5", 1);
    let (code, _, err) = check("fraction", &text, &["--profile", "stockton-one-point"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("expected a whole number, not a fraction"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_at_the_start_is_skipped() {
    let text = format!("\u{feff}{S01}");
    let (code, report, err) = check("bom", &text, &["--profile", "stockton-one-point"]);
    assert_eq!(code, 0, "{err}");
    assert!(report.unwrap().complete);
    // In a profile file too.
    let p = temp(
        "bom-profile.json",
        format!("\u{feff}{}", builtin_profile("stockton-one-point")).as_bytes(),
    );
    let (code, _, err) = check("bom2", S01, &["--profile-file", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn v74_names_the_pro_rata_threshold_it_used() {
    let mut profile = builtin_profile("stockton-one-point");
    profile["funding"]["proRataThreshold"] = json!(true);
    let p = with_profile_file("pro-rata.json", &profile);
    let mut doc = scenario("S20-pupil-premium-toward-threshold");
    // 37 of 38 weeks: £6,000 × 37 ÷ 38 = £5,842.11, between what counts (£5,754.42) and
    // the total with pupil premium (£6,104.42).
    doc["provisionMap"]["periodWeeks"] = json!(37);
    let (_, report, err) = check("v74", &doc.to_string(), &["--profile-file", &p]);
    let r = report.unwrap_or_else(|| panic!("{err}"));
    assert_eq!(r.totals.threshold_pence, 584_211);
    let v74 = r.issues.iter().find(|i| i.rule_id == "V-74").unwrap();
    assert!(v74.message.contains("£5,842.11"), "{}", v74.message);
    assert!(!v74.message.contains("£6,000"), "{}", v74.message);
}

#[test]
fn ehcna_consent_message_does_not_speak_of_a_panel() {
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    doc["consents"] = json!([]);
    doc["profile"] = json!("ehcna-request");
    let (code, report, _) = check("v30", &doc.to_string(), &["--profile", "ehcna-request"]);
    assert_eq!(code, 1);
    let r = report.unwrap();
    let v30 = r.issues.iter().find(|i| i.rule_id == "V-30").unwrap();
    assert_eq!(v30.severity, Severity::Error);
    assert!(!v30.message.contains("panel"), "{}", v30.message);
    assert!(
        v30.message.contains("EHC needs assessment"),
        "{}",
        v30.message
    );
    let panel = check(
        "v30p",
        &doc.to_string(),
        &["--profile", "stockton-one-point"],
    )
    .1;
    assert!(panel
        .unwrap()
        .issues
        .iter()
        .any(|i| i.rule_id == "V-30" && i.message.contains("panel")));
}

#[test]
fn v14_says_how_long_a_cycle_is_to_the_day() {
    // Cycle 1 runs from 9 September 2024; a review 115 days later is 16 weeks and 3 days.
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    doc["apdrCycles"][0]["actualReviewDate"] = json!("2025-01-02");
    let (_, report, _) = check(
        "v14",
        &doc.to_string(),
        &["--profile", "stockton-one-point"],
    );
    let r = report.unwrap();
    let v14 = r
        .issues
        .iter()
        .find(|i| i.rule_id == "V-14")
        .unwrap_or_else(|| panic!("{:?}", r.issues));
    assert!(
        v14.message.contains("16 weeks and 3 days"),
        "{}",
        v14.message
    );
}

#[test]
fn a_profile_error_names_the_key_without_pointer_escapes() {
    let mut profile = builtin_profile("stockton-one-point");
    profile["fields"]["/child/shoeSize"] = json!("required");
    let p = with_profile_file("bad-field.json", &profile);
    let (code, _, err) = check("bad-field", S01, &["--profile-file", &p]);
    assert_eq!(code, 2);
    assert!(err.contains("fields./child/shoeSize"), "{err}");
    let mut profile = builtin_profile("stockton-one-point");
    profile["fields"]["/child/upn"] = json!("sometimes");
    let p = with_profile_file("bad-value.json", &profile);
    let (code, _, err) = check("bad-value", S01, &["--profile-file", &p]);
    assert_eq!(code, 2);
    assert!(err.contains("fields./child/upn"), "{err}");
    assert!(!err.contains("~1"), "{err}");
}

#[test]
fn no_parent_meetings_are_asked_for_when_the_council_asks_for_none() {
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    // On the register since February, under a term: one meeting would be asked for.
    doc["sen"]["dateAddedToRegister"] = json!("2025-02-10");
    doc["parentMeetings"] = json!([]);
    for c in doc["apdrCycles"].as_array_mut().unwrap() {
        if let Some(r) = c.get_mut("review").and_then(Value::as_object_mut) {
            r.remove("parentMeetingDate");
        }
    }
    let (_, report, _) = check(
        "meet",
        &doc.to_string(),
        &["--profile", "stockton-one-point"],
    );
    let v20 = report
        .unwrap()
        .issues
        .into_iter()
        .find(|i| i.rule_id == "V-20")
        .unwrap();
    assert!(v20.message.contains("Record a meeting"), "{}", v20.message);
    let mut profile = builtin_profile("stockton-one-point");
    profile["involvement"]["minParentMeetingsPer12m"] = json!(0);
    let p = with_profile_file("no-meetings.json", &profile);
    let (_, report, _) = check("meet0", &doc.to_string(), &["--profile-file", &p]);
    let r = report.unwrap();
    assert!(
        r.issues.iter().all(|i| i.rule_id != "V-20"),
        "{:?}",
        r.issues
    );
}

#[test]
fn a_councils_evidence_is_never_an_error_for_an_ehc_needs_assessment_request() {
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    doc["profile"] = json!("ehcna-request");
    let gone = [
        "/apdrCycles/0/startDate",
        "/apdrCycles/1/status",
        "/provisionMap/rows/0/startDate",
        "/provisionMap/rows/1/intervention",
        "/sen/dateAddedToRegister",
        "/sen/provision",
        "/pupilVoice/text",
    ];
    for p in gone {
        let (parent, key) = p.rsplit_once('/').unwrap();
        doc.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
    }
    doc["provisionMap"]["rows"][2]["linkedOutcomeIds"] = json!(["o99"]);
    let (_, report, err) = check("ehcna", &doc.to_string(), &["--profile", "ehcna-request"]);
    let r = report.unwrap_or_else(|| panic!("{err}"));
    for p in gone {
        assert!(
            r.issues.iter().any(|i| i.pointer == p),
            "{p} not found missing"
        );
    }
    let errors: Vec<_> = r
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .filter(|i| sen_core::rules::field_specs::is_council_evidence(&i.pointer))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(r
        .issues
        .iter()
        .any(|i| i.rule_id == "F-07" && i.severity == Severity::Warning));
    // Panel mode: the same gaps are errors.
    doc["profile"] = json!("stockton-one-point");
    let (_, report, _) = check(
        "panel",
        &doc.to_string(),
        &["--profile", "stockton-one-point"],
    );
    assert!(report
        .unwrap()
        .issues
        .iter()
        .any(|i| i.pointer == "/apdrCycles/0/startDate" && i.severity == Severity::Error));
}

#[test]
fn an_ehcna_profile_cannot_require_a_councils_evidence() {
    let mut profile = builtin_profile("ehcna-request");
    profile["fields"]["/apdrCycles/*/startDate"] = json!("required");
    let p = with_profile_file("ehcna-fields.json", &profile);
    let (code, _, err) = check("ehcna-fields", S01, &["--profile-file", &p]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fields./apdrCycles/*/startDate"), "{err}");
    assert!(err.contains("statutory"), "{err}");
    // What a request needs may still be required.
    profile["fields"] = json!({"/child/upn": "required"});
    let p = with_profile_file("ehcna-fields-ok.json", &profile);
    let (code, _, err) = check("ehcna-fields-ok", S01, &["--profile-file", &p]);
    assert_ne!(code, 2, "{err}");
}
