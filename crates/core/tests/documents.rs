#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The rules on documents: the council's required documents (`attachments.required`) in each
//! case they are asked for, and how much they matter in panel and EHCNA mode; references to
//! documents; what each listed document says of its file; and the profile setting refused
//! when broken, with the key named.

mod common;

use sen_core::profile::{Profile, RequiredWhen};
use sen_core::report::{Issue, Report, Severity};
use sen_core::rules::documents::{is_sha256, references_in};
use sen_core::rules::field_specs::FIELDS;
use serde_json::{json, Value};

const WNN: &str =
    include_str!("../../../tests/fixtures/profiles/west-northamptonshire-inclusion.json");
const STOCKTON: &str = include_str!("../../../profiles/stockton-one-point.json");
const EHCNA: &str = include_str!("../../../profiles/ehcna-request.json");

fn s01() -> Value {
    serde_json::from_str(common::S01).unwrap()
}

fn profile(json: &str) -> Profile {
    Profile::from_json(json).unwrap()
}

/// A built-in or test profile's JSON with `attachments.required` replaced.
fn requiring(base: &str, required: Value) -> Profile {
    let mut p: Value = serde_json::from_str(base).unwrap();
    p["attachments"]["required"] = required;
    Profile::from_json(&p.to_string()).unwrap()
}

fn report(doc: &Value, p: &Profile) -> Report {
    common::report_on(doc, p).expect("the document reads")
}

fn issues<'a>(r: &'a Report, rule: &str) -> Vec<&'a Issue> {
    r.issues.iter().filter(|i| i.rule_id == rule).collect()
}

/// S01 with (pointer, value) written; `null` removes.
fn with(sets: &[(&str, Value)]) -> Value {
    let mut doc = s01();
    for (p, v) in sets {
        common::write_at(&mut doc, p, v.clone());
    }
    doc
}

/// S01 without the documents of a type.
fn without(doc: &mut Value, kind: &str) {
    let list = doc["attachments"].as_array_mut().unwrap();
    list.retain(|a| a["type"] != kind);
}

#[test]
fn a_document_asked_for_always_is_an_error_at_the_list_when_missing() {
    let p = profile(WNN);
    let mut doc = s01();
    // S01 buys in an EP consultation (row 6): the quote is missing, the plan and map are not.
    let r = report(&doc, &p);
    let d01 = issues(&r, "D-01");
    assert_eq!(d01.len(), 1, "{d01:?}");
    assert_eq!(d01[0].pointer, "/attachments");
    assert_eq!(d01[0].severity, Severity::Error);
    assert!(d01[0].message.contains("quote") && d01[0].message.contains("row 6"));
    assert!(!r.complete);
    without(&mut doc, "SEN_SUPPORT_PLAN");
    let r = report(&doc, &p);
    let plan: Vec<_> = issues(&r, "D-01")
        .into_iter()
        .filter(|i| i.message.contains("SEN support plan"))
        .collect();
    assert_eq!(plan.len(), 1);
    assert!(plan[0]
        .message
        .contains("the council asks for it with every application"));
}

#[test]
fn a_quote_is_asked_for_only_when_a_service_is_bought_in() {
    let p = profile(WNN);
    let quote = |doc: &Value| {
        issues(&report(doc, &p), "D-01")
            .iter()
            .any(|i| i.message.contains("quote"))
    };
    assert!(quote(&s01()));
    // A free service costs the school nothing: there is nothing to quote for.
    assert!(!quote(&with(&[(
        "/provisionMap/rows/5/fundingSource",
        json!("FREE_SERVICE")
    )])));
    // No bought-in service at all.
    assert!(!quote(&with(&[(
        "/provisionMap/rows/5/category",
        json!("OTHER")
    )])));
    // An external provider's time is bought in too.
    let external = with(&[
        ("/provisionMap/rows/5/category", json!("OTHER")),
        ("/provisionMap/rows/0/staffRole", json!("EXTERNAL_SLA")),
    ]);
    assert!(quote(&external));
    // A quote listed answers it.
    let mut doc = s01();
    doc["attachments"].as_array_mut().unwrap().push(json!({
        "id": "a6", "type": "QUOTE", "filename": "ep-quote.pdf", "mimeType": "application/pdf",
        "sizeBytes": 611, "sha256": "a".repeat(64), "documentDate": "2025-01-02"
    }));
    assert!(!quote(&doc));
}

#[test]
fn each_specialist_report_said_attached_must_be_chosen() {
    let p = profile(WNN);
    let at = "/specialists/0/reportAttachmentId";
    let r = report(&with(&[(at, Value::Null)]), &p);
    let hit = issues(&r, "D-01");
    assert!(hit
        .iter()
        .any(|i| i.pointer == at && i.severity == Severity::Error));
    // Not said to be attached: not asked for.
    let r = report(
        &with(&[
            (at, Value::Null),
            ("/specialists/0/reportAttached", json!(false)),
        ]),
        &p,
    );
    assert!(issues(&r, "D-01").iter().all(|i| i.pointer != at));
    // Under a council that does not ask for it, nothing.
    let r = report(&with(&[(at, Value::Null)]), &profile(STOCKTON));
    assert!(issues(&r, "D-01").is_empty());
}

#[test]
fn a_signed_consent_form_is_asked_for_by_the_list_or_by_signature_required() {
    let at = "/consents/0/signatureAttachmentId";
    let doc = with(&[(at, Value::Null)]);
    let v40 = |p: &Profile| {
        issues(&report(&doc, p), "V-40")
            .iter()
            .filter(|i| i.pointer == at)
            .count()
    };
    // Stockton lists it and needs signatures: one issue, not two.
    assert_eq!(v40(&profile(STOCKTON)), 1);
    // Signatures needed, the list empty: still asked for.
    assert_eq!(v40(&requiring(STOCKTON, json!([]))), 1);
    // Listed without signatures being needed (WNN-like): asked for each signed consent.
    let mut p: Value = serde_json::from_str(WNN).unwrap();
    p["attachments"]["required"]
        .as_array_mut()
        .unwrap()
        .push(json!({"type": "CONSENT_SIGNATURE", "when": "eachSignedConsent"}));
    assert_eq!(v40(&Profile::from_json(&p.to_string()).unwrap()), 1);
    // Neither: not asked for.
    assert_eq!(v40(&profile(WNN)), 0);
    // A consent given by email has no signature to attach.
    let email = with(&[(at, Value::Null), ("/consents/0/method", json!("EMAIL"))]);
    let mut p: Value = serde_json::from_str(WNN).unwrap();
    p["attachments"]["required"] =
        json!([{"type": "CONSENT_SIGNATURE", "when": "eachSignedConsent"}]);
    let r = report(&email, &Profile::from_json(&p.to_string()).unwrap());
    assert!(issues(&r, "V-40").is_empty());
}

#[test]
fn a_looked_after_childs_pep_and_other_documents_asked_for_then() {
    let lac = with(&[
        ("/context/lookedAfter", json!(true)),
        ("/context/placingLa", json!("Stockton-on-Tees")),
    ]);
    let r = report(&lac, &profile(STOCKTON));
    let v95 = issues(&r, "V-95");
    assert_eq!(v95.len(), 1);
    assert_eq!(v95[0].pointer, "/attachments");
    assert!(v95[0].message.contains("personal education plan (PEP)"));
    assert!(v95[0].message.contains("looked after"));
    // Not looked after: not asked for.
    assert!(issues(&report(&s01(), &profile(STOCKTON)), "V-95").is_empty());
    // Another document asked for when the child is looked after is D-01.
    let p = requiring(
        STOCKTON,
        json!([{"type": "RISK_ASSESSMENT", "when": "lookedAfter"}]),
    );
    let r = report(&lac, &p);
    assert!(issues(&r, "V-95").is_empty());
    assert!(issues(&r, "D-01")
        .iter()
        .any(|i| i.message.contains("risk assessment") && i.severity == Severity::Error));
    // A council that does not ask for the PEP: nothing.
    let r = report(&lac, &requiring(STOCKTON, json!([])));
    assert!(issues(&r, "V-95").is_empty());
}

#[test]
fn in_ehcna_mode_a_councils_documents_are_warnings_and_data_errors_stay_errors() {
    let mut p: Value = serde_json::from_str(EHCNA).unwrap();
    p["attachments"]["required"] = json!([
        {"type": "SEN_SUPPORT_PLAN", "when": "always"},
        {"type": "QUOTE", "when": "buysServices"},
        {"type": "PROFESSIONAL_REPORT", "when": "eachSpecialistReport"},
        {"type": "CONSENT_SIGNATURE", "when": "eachSignedConsent"},
        {"type": "PEP", "when": "lookedAfter"}
    ]);
    let ehcna = Profile::from_json(&p.to_string()).unwrap();
    let mut doc = with(&[
        ("/specialists/0/reportAttachmentId", Value::Null),
        ("/consents/0/signatureAttachmentId", Value::Null),
        ("/context/lookedAfter", json!(true)),
        ("/context/placingLa", json!("Stockton-on-Tees")),
        ("/parentViews/attachmentId", json!("a9")),
        ("/attachments/1/sha256", json!("ABC")),
        ("/attachments/2/sizeBytes", json!(0)),
        ("/attachments/3/mimeType", json!("application/zip")),
        ("/attachments/4/documentDate", json!("2025-05-30")),
    ]);
    without(&mut doc, "SEN_SUPPORT_PLAN");
    let r = report(&doc, &ehcna);
    for rule in ["D-01", "V-40", "V-95"] {
        let found = issues(&r, rule);
        assert!(!found.is_empty(), "{rule}");
        assert!(
            found.iter().all(|i| i.severity == Severity::Warning),
            "{found:?}"
        );
    }
    assert_eq!(issues(&r, "D-01").len(), 3, "plan, quote, report");
    for rule in ["F-07", "D-03", "D-04", "D-07", "D-08"] {
        let found = issues(&r, rule);
        assert!(!found.is_empty(), "{rule}");
        assert!(
            found.iter().all(|i| i.severity == Severity::Error),
            "{found:?}"
        );
    }
    // The same under a panel: the council's documents are errors there (V-95 a warning).
    let panel = requiring(WNN, p["attachments"]["required"].clone());
    let r = report(&doc, &panel);
    assert!(issues(&r, "D-01")
        .iter()
        .all(|i| i.severity == Severity::Error));
    assert!(issues(&r, "V-40")
        .iter()
        .all(|i| i.severity == Severity::Error));
}

#[test]
fn an_ehcna_profile_cannot_make_a_councils_documents_errors() {
    let mut p: Value = serde_json::from_str(EHCNA).unwrap();
    for rule in ["D-01", "V-95", "V-40"] {
        p["rules"] = json!({ rule: {"severity": "error"} });
        let e = Profile::from_json(&p.to_string()).unwrap_err();
        assert_eq!(e.key, format!("rules.{rule}.severity"));
    }
    // A data error may be made anything.
    p["rules"] = json!({"D-03": {"severity": "error"}});
    assert!(Profile::from_json(&p.to_string()).is_ok());
}

#[test]
fn a_reference_of_the_wrong_type_is_a_warning_and_other_is_let_be() {
    let p = profile(STOCKTON);
    let r = report(&with(&[("/attachments/2/type", json!("QUOTE"))]), &p);
    let d02 = issues(&r, "D-02");
    assert_eq!(d02.len(), 1);
    assert_eq!(d02[0].pointer, "/specialists/0/reportAttachmentId");
    assert_eq!(d02[0].severity, Severity::Warning);
    assert_eq!(
        d02[0].message,
        "The document chosen for specialist 1's report is ep-report.pdf, which is attached as a quote. Check the type of document, or choose another."
    );
    let r = report(&with(&[("/attachments/4/type", json!("PEP"))]), &p);
    assert!(issues(&r, "D-02")
        .iter()
        .any(|i| i.pointer == "/consents/0/signatureAttachmentId"));
    let r = report(&with(&[("/attachments/2/type", json!("OTHER"))]), &p);
    assert!(issues(&r, "D-02").is_empty());
    assert!(issues(&report(&s01(), &p), "D-02").is_empty());
}

#[test]
fn every_reference_to_a_document_is_checked_in_one_place() {
    // Every field of the model that names a document (…AttachmentId) is one references_in reads.
    let mut doc = s01();
    doc["pupilVoice"]["attachmentId"] = json!("x1");
    doc["parentViews"]["attachmentId"] = json!("x2");
    let app = sen_core::wire::application_from_value(&doc).unwrap();
    let read: Vec<String> = references_in(&app, &sen_core::text::Catalogue::english())
        .iter()
        .map(|r| sen_core::rules::field_specs::pattern_of(&r.pointer))
        .collect();
    let fields: Vec<&str> = FIELDS
        .iter()
        .map(|f| f.pattern)
        .filter(|p| p.ends_with("ttachmentId"))
        .collect();
    assert_eq!(fields.len(), 4, "{fields:?}");
    for f in fields {
        assert!(read.iter().any(|r| r == f), "{f} is not checked");
    }
    // A blank reference is no reference.
    let r = report(
        &with(&[("/pupilVoice/attachmentId", json!("  "))]),
        &profile(STOCKTON),
    );
    assert!(issues(&r, "F-07").is_empty());
}

#[test]
fn metadata_at_its_edges() {
    let p = profile(STOCKTON);
    let fires =
        |sets: &[(&str, Value)], rule: &str| !issues(&report(&with(sets), &p), rule).is_empty();
    // Size: one byte and the limit are fine; nought and a byte over are not.
    let size = "/attachments/0/sizeBytes";
    assert!(!fires(&[(size, json!(1))], "D-04"));
    assert!(!fires(&[(size, json!(10 * 1024 * 1024))], "D-04"));
    assert!(fires(&[(size, json!(0))], "D-04"));
    assert!(fires(&[(size, json!(10 * 1024 * 1024 + 1))], "D-04"));
    let r = report(&with(&[(size, json!(10 * 1024 * 1024 + 1))]), &p);
    assert_eq!(
        issues(&r, "D-04")[0].message,
        "sen-support-plan.pdf must be smaller than 10MB"
    );
    // A media type is read without its parameters and its case.
    let mime = "/attachments/0/mimeType";
    assert!(!fires(
        &[(mime, json!("Application/PDF; version=1.7"))],
        "D-07"
    ));
    assert!(fires(&[(mime, json!("image/jpg"))], "D-07"));
    // A kind the council does not allow.
    let p2 = {
        let mut v: Value = serde_json::from_str(STOCKTON).unwrap();
        v["attachments"]["allowedTypes"] = json!(["DOCX", "JPEG"]);
        Profile::from_json(&v.to_string()).unwrap()
    };
    let r = report(&s01(), &p2);
    let d07 = issues(&r, "D-07");
    assert_eq!(d07.len(), 5);
    assert_eq!(
        d07[0].message,
        "sen-support-plan.pdf must be a DOCX or JPG (its file type is given as application/pdf)"
    );
    // Today is not the future.
    let date = "/attachments/0/documentDate";
    assert!(!fires(&[(date, json!("2025-04-30"))], "D-08"));
    assert!(fires(&[(date, json!("2025-05-01"))], "D-08"));
    // The checksum: 64 lower-case hexadecimal characters.
    assert!(is_sha256(&"0".repeat(64)));
    assert!(!is_sha256(&"0".repeat(63)));
    assert!(!is_sha256(&"0".repeat(65)));
    assert!(!is_sha256(&"g".repeat(64)));
    assert!(!is_sha256(&"A".repeat(64)));
    // A document without a file name is called by its place.
    let r = report(
        &with(&[("/attachments/1/filename", Value::Null), (size, json!(0))]),
        &p,
    );
    assert!(issues(&r, "D-04")[0]
        .message
        .starts_with("sen-support-plan.pdf is empty"));
    let r = report(
        &with(&[
            ("/attachments/1/filename", Value::Null),
            ("/attachments/1/sizeBytes", json!(0)),
        ]),
        &p,
    );
    assert!(issues(&r, "D-04")[0]
        .message
        .starts_with("Document 2 is empty"));
}

#[test]
fn the_number_of_files_and_the_same_file_twice() {
    let mut v: Value = serde_json::from_str(STOCKTON).unwrap();
    v["attachments"]["maxFiles"] = json!(5);
    let five = Profile::from_json(&v.to_string()).unwrap();
    assert!(issues(&report(&s01(), &five), "D-05").is_empty());
    v["attachments"]["maxFiles"] = json!(4);
    let four = Profile::from_json(&v.to_string()).unwrap();
    let r = report(&s01(), &four);
    let d05 = issues(&r, "D-05");
    assert_eq!(d05.len(), 1);
    assert_eq!(d05[0].pointer, "/attachments");
    assert!(d05[0]
        .message
        .starts_with("You can attach up to 4 files, and this application lists 5"));
    let first = s01()["attachments"][0]["sha256"].clone();
    let r = report(&with(&[("/attachments/3/sha256", first)]), &five);
    let d06 = issues(&r, "D-06");
    assert_eq!(d06.len(), 1);
    assert_eq!(d06[0].pointer, "/attachments/3/sha256");
    assert_eq!(
        d06[0].message,
        "The selected file is the same as sen-support-plan.pdf, which is already attached"
    );
    // Two checksums in the wrong form are D-03 each, not the same file.
    let r = report(
        &with(&[
            ("/attachments/0/sha256", json!("ABC")),
            ("/attachments/1/sha256", json!("ABC")),
        ]),
        &five,
    );
    assert_eq!(issues(&r, "D-03").len(), 2);
    assert!(issues(&r, "D-06").is_empty());
}

#[test]
fn each_listed_document_gives_its_checksum_and_size() {
    let p = profile(STOCKTON);
    let r = report(
        &with(&[
            ("/attachments/0/sha256", Value::Null),
            ("/attachments/0/sizeBytes", Value::Null),
        ]),
        &p,
    );
    let f01: Vec<_> = issues(&r, "F-01")
        .iter()
        .map(|i| i.pointer.as_str())
        .collect();
    assert!(f01.contains(&"/attachments/0/sha256"));
    assert!(f01.contains(&"/attachments/0/sizeBytes"));
    assert!(!r.complete);
    // A profile cannot make them optional or hide them.
    for (field, how) in [
        ("/attachments/*/sha256", "optional"),
        ("/attachments/*/sizeBytes", "hidden"),
    ] {
        let mut v: Value = serde_json::from_str(STOCKTON).unwrap();
        v["fields"][field] = json!(how);
        let e = Profile::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.key, format!("fields.{field}"));
        assert!(e.message.contains("always required"), "{}", e.message);
    }
}

#[test]
fn a_broken_required_setting_is_refused_with_its_key() {
    let refused = |required: Value| {
        let mut p: Value = serde_json::from_str(STOCKTON).unwrap();
        p["attachments"]["required"] = required;
        Profile::from_json(&p.to_string()).unwrap_err()
    };
    let e = refused(
        json!([{"type": "PEP", "when": "lookedAfter"}, {"type": "PEP", "when": "lookedAfter"}]),
    );
    assert_eq!(e.key, "attachments.required.1");
    assert!(
        e.message.contains("PEP when lookedAfter twice"),
        "{}",
        e.message
    );
    let e = refused(json!([{"type": "QUOTE", "when": "eachSpecialistReport"}]));
    assert_eq!(e.key, "attachments.required.0.type");
    assert!(
        e.message.contains("must be PROFESSIONAL_REPORT"),
        "{}",
        e.message
    );
    let e = refused(json!([{"type": "PEP", "when": "eachSignedConsent"}]));
    assert_eq!(e.key, "attachments.required.0.type");
    let e = refused(json!([{"type": "PEP", "when": "sometimes"}]));
    assert_eq!(e.key, "attachments.required.0.when");
    let e = refused(json!([{"type": "PASSPORT", "when": "always"}]));
    assert_eq!(e.key, "attachments.required.0.type");
    let e = refused(json!([{"type": "PEP"}]));
    assert!(e.key.starts_with("attachments.required.0"), "{}", e.key);
    let e = refused(json!([{"type": "PEP", "when": "always", "count": 2}]));
    assert!(e.key.starts_with("attachments.required.0"), "{}", e.key);
    // Documents asked for where no document can be attached.
    let mut p: Value = serde_json::from_str(STOCKTON).unwrap();
    let sections: Vec<Value> = p["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| *s != "attachments")
        .cloned()
        .collect();
    p["sections"] = Value::Array(sections);
    let e = Profile::from_json(&p.to_string()).unwrap_err();
    assert_eq!(e.key, "attachments.required");
}

#[test]
fn every_case_is_named_in_profiles_as_the_schema_says() {
    let schema: Value =
        serde_json::from_str(include_str!("../../../schema/profile.schema.json")).unwrap();
    let cases: Vec<&str> = schema["$defs"]["RequiredWhen"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["const"].as_str())
        .collect();
    for when in [
        RequiredWhen::Always,
        RequiredWhen::LookedAfter,
        RequiredWhen::EachSpecialistReport,
        RequiredWhen::EachSignedConsent,
        RequiredWhen::BuysServices,
    ] {
        assert!(cases.contains(&when.code()), "{}", when.code());
        let p = requiring(
            STOCKTON,
            json!([{"type": when.referenced_type().map_or("OTHER", |t| t.code()), "when": when.code()}]),
        );
        assert!(p.requires_documents_when(when));
    }
    assert_eq!(cases.len(), 5);
}
