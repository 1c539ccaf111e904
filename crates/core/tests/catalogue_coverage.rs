#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Every rule of the catalogue bites and holds back: for each rule id there is a document
//! under some profile that fires it, and a document under a profile where the rule runs that
//! does not. The documents are the scenario fixtures under every built-in and test profile,
//! and S01 with one or two answers changed (the cases below, one per rule the scenarios do not
//! fire). A rule added to the catalogue without such a case fails this test.

mod common;

use sen_core::profile::{self, Profile};
use sen_core::report::Report;
use sen_core::rules::{self, catalogue::RULES, required::severity};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TODAY: &str = "2025-04-30";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn profiles() -> Vec<(String, Profile)> {
    let mut out: Vec<(String, Profile)> = profile::builtin_ids()
        .map(|id| (id.to_owned(), profile::builtin(id).unwrap()))
        .collect();
    let dir = root().join("tests/fixtures/profiles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, Profile::from_json(&text).unwrap()));
    }
    out
}

fn scenarios() -> Vec<(String, Value)> {
    let dir = root().join("tests/fixtures/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|f| f != "expected.json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (name, v)
        })
        .collect()
}

fn s01() -> Value {
    serde_json::from_str(include_str!(
        "../../../tests/fixtures/scenarios/S01-complete-valid.json"
    ))
    .unwrap()
}

/// S01 with each (pointer, value) written (`null` removes the field).
fn changed(sets: &[(&str, Value)]) -> Value {
    let mut doc = s01();
    for (pointer, value) in sets {
        common::write_at(&mut doc, pointer, value.clone());
    }
    doc
}

/// A targeted document: the rule it is written to fire, the profile, the changes to S01.
type Targeted = (&'static str, &'static str, Vec<(&'static str, Value)>);

fn targeted() -> Vec<Targeted> {
    vec![
        (
            "F-02",
            "stockton-one-point",
            vec![("/sen/needsSummary", json!("x".repeat(20_000)))],
        ),
        (
            "F-03",
            "stockton-one-point",
            vec![("/setting/senco/email", json!("not an email"))],
        ),
        (
            "F-04",
            "stockton-one-point",
            vec![("/setting/urn", json!("12345"))],
        ),
        (
            "F-05",
            "stockton-one-point",
            vec![("/provisionMap/schoolContributionPence", json!(-1))],
        ),
        (
            "F-06",
            "stockton-one-point",
            vec![("/child/dob", json!("2016-02-30"))],
        ),
        (
            "F-07",
            "stockton-one-point",
            vec![("/apdrCycles/0/outcomeIds", json!(["o1", "o9"]))],
        ),
        (
            "V-02",
            "stockton-one-point",
            vec![("/sen/ehcnaUnderWay", json!(true))],
        ),
        (
            "V-03",
            "stockton-one-point",
            vec![("/sen/provision", json!("N"))],
        ),
        (
            "V-04",
            "stockton-one-point",
            vec![("/setting/type", json!("SPECIAL"))],
        ),
        (
            "V-11",
            "stockton-one-point",
            vec![("/apdrCycles/0/startDate", json!("2024-12-01"))],
        ),
        (
            "V-15",
            "stockton-one-point",
            vec![("/assessments/0/date", json!("2026-01-01"))],
        ),
        (
            "V-17",
            "stockton-one-point",
            vec![("/apdrCycles/1/review/nextSteps", Value::Null)],
        ),
        (
            "V-18",
            "stockton-one-point",
            vec![("/apdrCycles/2/outcomeIds", json!(["o3", "o4"]))],
        ),
        (
            "V-19",
            "stockton-one-point",
            vec![("/apdrCycles/1/status", json!("IN_PROGRESS"))],
        ),
        (
            "V-21",
            "stockton-one-point",
            vec![("/apdrCycles/0/review/parentAttended", json!(false))],
        ),
        (
            "V-22",
            "stockton-one-point",
            vec![("/parentViews", Value::Null)],
        ),
        (
            "V-23",
            "stockton-one-point",
            vec![("/pupilVoice", Value::Null)],
        ),
        (
            "V-38",
            "stockton-one-point",
            vec![("/consents/0/withdrawn", json!(true))],
        ),
        (
            "V-40",
            "stockton-one-point",
            vec![("/consents/0/signatureAttachmentId", Value::Null)],
        ),
        (
            "V-50",
            "stockton-one-point",
            vec![("/apdrCycles/2/outcomeIds", json!([]))],
        ),
        (
            "V-56",
            "stockton-one-point",
            vec![("/outcomes/0/agreedWithParent", json!(false))],
        ),
        (
            "V-60",
            "stockton-one-point",
            vec![("/provisionMap/rows", json!([]))],
        ),
        (
            "V-61",
            "stockton-one-point",
            vec![("/provisionMap/rows/0/hourlyRatePence", Value::Null)],
        ),
        (
            "V-65",
            "stockton-one-point",
            vec![("/provisionMap/schoolContributionPence", json!(500000))],
        ),
        (
            "V-66",
            "stockton-one-point",
            vec![("/provisionMap/requestedTopUpPence", json!(1))],
        ),
        (
            "V-67",
            "stockton-one-point",
            vec![("/provisionMap/rows/0/hourlyRatePence", json!(4000))],
        ),
        (
            "V-68",
            "stockton-one-point",
            vec![("/provisionMap/rows/1/weeks", json!(45))],
        ),
        (
            "V-69",
            "stockton-one-point",
            vec![("/provisionMap/rows/2/staffRatio", json!("1:4"))],
        ),
        (
            "V-70",
            "stockton-one-point",
            vec![("/provisionMap/rows/4/intervention", json!("Lunch cover"))],
        ),
        (
            "V-71",
            "stockton-one-point",
            vec![("/provisionMap/rows/6/isOrdinarilyAvailable", json!(true))],
        ),
        (
            "V-72",
            "stockton-one-point",
            vec![("/provisionMap/rows/1/entryData", Value::Null)],
        ),
        (
            "V-73",
            "stockton-one-point",
            vec![("/provisionMap/rows/1/endDate", json!("2024-01-01"))],
        ),
        (
            "V-75",
            "stockton-one-point",
            vec![("/provisionMap/rows/0/sessionMinutes", json!(200))],
        ),
        (
            "V-76",
            "stockton-one-point",
            vec![("/provisionMap/rows/6/fundingSource", json!("FREE_SERVICE"))],
        ),
        ("V-81", "ehcna-request", vec![("/specialists", json!([]))]),
        (
            "V-82",
            "stockton-one-point",
            vec![("/specialists/0/adviceImplemented", json!(false))],
        ),
        (
            "V-83",
            "stockton-one-point",
            vec![("/specialists/0/status", json!("WAITING"))],
        ),
        (
            "V-91",
            "stockton-one-point",
            vec![("/child/upn", json!("P123123400101"))],
        ),
        (
            "V-92",
            "stockton-one-point",
            vec![("/child/ncy", json!("6"))],
        ),
        (
            "V-94",
            "stockton-one-point",
            vec![("/sen/primaryNeedType", json!("ASD"))],
        ),
        (
            "V-95",
            "stockton-one-point",
            vec![("/context/lookedAfter", json!(true))],
        ),
        (
            "V-96",
            "stockton-one-point",
            vec![("/child/postcode", json!("<script>alert(1)</script>"))],
        ),
        (
            "V-97",
            "stockton-one-point",
            vec![("/child/attendancePct12m", json!(140))],
        ),
        (
            "V-98",
            "stockton-one-point",
            vec![("/declarations/headteacher/signed", json!(false))],
        ),
        (
            "V-99",
            "stockton-one-point",
            vec![("/attachments/2/documentDate", json!("2025-02-12"))],
        ),
        (
            "D-02",
            "stockton-one-point",
            vec![("/attachments/2/type", json!("QUOTE"))],
        ),
        (
            "D-03",
            "stockton-one-point",
            vec![("/attachments/0/sha256", json!("not a checksum"))],
        ),
        (
            "D-04",
            "stockton-one-point",
            vec![("/attachments/0/sizeBytes", json!(0))],
        ),
        (
            "D-05",
            "stockton-one-point",
            vec![("/attachments", many_documents(21))],
        ),
        (
            "D-06",
            "stockton-one-point",
            vec![(
                "/attachments/1/sha256",
                s01()["attachments"][0]["sha256"].clone(),
            )],
        ),
        (
            "D-07",
            "stockton-one-point",
            vec![("/attachments/0/mimeType", json!("application/x-msdownload"))],
        ),
        (
            "D-08",
            "stockton-one-point",
            vec![("/attachments/0/documentDate", json!("2025-05-01"))],
        ),
    ]
}

/// `n` documents, each its own file.
fn many_documents(n: usize) -> Value {
    (0..n)
        .map(|i| {
            json!({"id": format!("d{i}"), "type": "OTHER", "filename": format!("note-{i}.pdf"),
                   "mimeType": "application/pdf", "sizeBytes": 600,
                   "sha256": format!("{i:064x}")})
        })
        .collect()
}

fn report(doc: &Value, p: &Profile) -> Report {
    let today = sen_core::date::Date::parse(TODAY).unwrap();
    let app = sen_core::wire::application_from_value(doc).unwrap();
    rules::check(&app, p, today)
}

#[test]
fn every_rule_fires_somewhere_and_holds_back_somewhere() {
    let profiles = profiles();
    let mut fired: BTreeSet<&str> = BTreeSet::new();
    let mut held: BTreeSet<&str> = BTreeSet::new();
    let mut note = |doc: &Value, p: &Profile| {
        let r = report(doc, p);
        let ids: BTreeSet<&str> = r.issues.iter().map(|i| i.rule_id.as_str()).collect();
        for id in &ids {
            assert!(
                RULES.iter().any(|d| d.id == *id),
                "{id} is not in the catalogue"
            );
        }
        for def in RULES {
            if ids.contains(def.id) {
                fired.insert(def.id);
            } else if severity(def.id, p, None).is_some() {
                held.insert(def.id);
            }
        }
    };
    for (_, doc) in scenarios() {
        let doc = doc.get("data").cloned().unwrap_or(doc);
        for (_, p) in &profiles {
            note(&doc, p);
        }
    }
    for (rule, pid, sets) in targeted() {
        let p = &profiles.iter().find(|(n, _)| n == pid).unwrap().1;
        let r = report(&changed(&sets), p);
        assert!(
            r.issues.iter().any(|i| i.rule_id == rule),
            "{rule} under {pid}: {:?}",
            r.issues.iter().map(|i| &i.rule_id).collect::<Vec<_>>()
        );
        note(&changed(&sets), p);
    }
    let never_fired: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !fired.contains(id))
        .collect();
    let never_held: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !held.contains(id))
        .collect();
    println!(
        "rules: {}, fired: {}, held back: {}",
        RULES.len(),
        fired.len(),
        held.len()
    );
    assert!(
        never_fired.is_empty() && never_held.is_empty(),
        "never fired: {never_fired:?}\nnever held back where in scope: {never_held:?}"
    );
}

/// Whether the report of S01 with `sets` under `profile` has an issue of `rule` at `at`.
fn fires_at(profile: &str, sets: &[(&str, Value)], rule: &str, at: &str) -> bool {
    let p = profile::builtin(profile).unwrap();
    report(&changed(sets), &p)
        .issues
        .iter()
        .any(|i| i.rule_id == rule && i.pointer == at)
}

/// Edges of the rules that mutation testing (`scripts/mutants.sh`) found no test for.
#[test]
fn rules_hold_at_their_edges() {
    let sp = "stockton-one-point";
    // V-14: a cycle in progress is measured to its planned review.
    let at = "/apdrCycles/2/plannedReviewDate";
    assert!(!fires_at(sp, &[], "V-14", at));
    assert!(fires_at(sp, &[(at, json!("2026-04-20"))], "V-14", at));
    // V-20: a meeting dated after today has not happened yet.
    assert!(!fires_at(sp, &[], "V-20", "/parentMeetings"));
    assert!(fires_at(
        sp,
        &[("/parentMeetings/0/date", json!("2025-06-01"))],
        "V-20",
        "/parentMeetings"
    ));
    // V-68: a row of no weeks is not possible; one week is.
    let at = "/provisionMap/rows/1/weeks";
    assert!(fires_at(sp, &[(at, json!(0))], "V-68", at));
    assert!(!fires_at(sp, &[(at, json!(1))], "V-68", at));
    // V-73: a provision of one day ends the day it starts; one ending the day before does not.
    let (start, end) = (
        "/provisionMap/rows/1/startDate",
        "/provisionMap/rows/1/endDate",
    );
    assert!(!fires_at(sp, &[(end, json!("2024-09-09"))], "V-73", end));
    assert!(fires_at(sp, &[(end, json!("2024-09-08"))], "V-73", end));
    // V-73: a provision may start on the child's date of birth, not the day before.
    assert!(!fires_at(
        sp,
        &[(start, json!("2016-05-14"))],
        "V-73",
        start
    ));
    assert!(fires_at(sp, &[(start, json!("2016-05-13"))], "V-73", start));
}
