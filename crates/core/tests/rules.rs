#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! One test case per rule: the complete application S01 with one answer changed gives that
//! rule's issue at that field, and S01 itself gives none of them.

mod common;

use sen_core::api::{self, ProfileChoice};
use sen_core::report::{Report, Severity};
use serde_json::{json, Value};

const S01: &str = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");

fn check(doc: &Value, profile: &str) -> Report {
    api::check(
        &doc.to_string(),
        ProfileChoice::Builtin(profile),
        "2025-04-30",
    )
    .unwrap()
}

/// S01 with `value` written at `pointer` (`null` removes the field).
fn changed(pointer: &str, value: Value) -> Value {
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    common::write_at(&mut doc, pointer, value);
    doc
}

struct Case {
    set: &'static str,
    value: Value,
    rule: &'static str,
    at: &'static str,
    severity: Severity,
}

fn case(
    set: &'static str,
    value: Value,
    rule: &'static str,
    at: &'static str,
    severity: Severity,
) -> Case {
    Case {
        set,
        value,
        rule,
        at,
        severity,
    }
}

#[test]
fn s01_is_clean() {
    let r = check(&serde_json::from_str(S01).unwrap(), "stockton-one-point");
    assert!(r.complete);
    assert!(r.issues.is_empty(), "{:?}", r.issues);
}

#[test]
fn each_rule_fires_on_its_field() {
    use Severity::{Error as E, Info as I, Warning as W};
    let cases = vec![
        case(
            "/sen/ehcnaUnderWay",
            json!(true),
            "V-02",
            "/sen/ehcnaUnderWay",
            E,
        ),
        case("/sen/provision", json!("N"), "V-03", "/sen/provision", E),
        case(
            "/setting/type",
            json!("SPECIAL"),
            "V-04",
            "/setting/type",
            E,
        ),
        case(
            "/child/residentLaCode",
            json!("306"),
            "V-05",
            "/child/residentLaCode",
            W,
        ),
        case(
            "/requestType",
            json!(["TOP_UP_FUNDING", "EHCNA"]),
            "V-08",
            "/requestType/1",
            E,
        ),
        case(
            "/request/endDate",
            json!("2026-09-01"),
            "V-07",
            "/request/endDate",
            E,
        ),
        case(
            "/apdrCycles/0/startDate",
            json!("2024-12-01"),
            "V-11",
            "/apdrCycles/0/startDate",
            E,
        ),
        case(
            "/apdrCycles/1/actualReviewDate",
            json!("2025-01-20"),
            "V-14",
            "/apdrCycles/1/actualReviewDate",
            W,
        ),
        case(
            "/assessments/0/date",
            json!("2026-01-01"),
            "V-15",
            "/assessments/0/date",
            E,
        ),
        case(
            "/apdrCycles/1/review/nextSteps",
            Value::Null,
            "V-17",
            "/apdrCycles/1/review/nextSteps",
            E,
        ),
        case(
            "/apdrCycles/2/outcomeIds",
            json!(["o3", "o4"]),
            "V-18",
            "/apdrCycles/2",
            W,
        ),
        case(
            "/apdrCycles/1/status",
            json!("IN_PROGRESS"),
            "V-19",
            "/apdrCycles/1/status",
            E,
        ),
        case(
            "/apdrCycles/0/review/parentAttended",
            json!(false),
            "V-21",
            "/apdrCycles/0/review/parentAttended",
            W,
        ),
        case("/parentViews", Value::Null, "V-22", "/parentViews/text", E),
        case("/pupilVoice", Value::Null, "V-23", "/pupilVoice/text", E),
        case(
            "/consents/0/withdrawn",
            json!(true),
            "V-38",
            "/consents/0/withdrawn",
            E,
        ),
        case(
            "/consents/0/privacyNoticeVersion",
            json!("old"),
            "V-39",
            "/consents/0/privacyNoticeVersion",
            E,
        ),
        case(
            "/consents/0/signatureAttachmentId",
            Value::Null,
            "V-40",
            "/consents/0/signatureAttachmentId",
            E,
        ),
        case(
            "/consents/0/scopes",
            json!(["SHARE_WITH_PANEL"]),
            "V-37",
            "/consents",
            E,
        ),
        case(
            "/apdrCycles/2/outcomeIds",
            json!([]),
            "V-50",
            "/apdrCycles/2/outcomeIds",
            W,
        ),
        case(
            "/outcomes/0/agreedWithParent",
            json!(false),
            "V-56",
            "/outcomes/0/agreedWithParent",
            W,
        ),
        case(
            "/provisionMap/rows",
            json!([]),
            "V-60",
            "/provisionMap/rows",
            E,
        ),
        case(
            "/provisionMap/rows/0/hourlyRatePence",
            Value::Null,
            "V-61",
            "/provisionMap/rows/0/hourlyRatePence",
            E,
        ),
        case(
            "/provisionMap/schoolContributionPence",
            json!(500000),
            "V-65",
            "/provisionMap/schoolContributionPence",
            E,
        ),
        case(
            "/provisionMap/requestedTopUpPence",
            json!(1),
            "V-66",
            "/provisionMap/requestedTopUpPence",
            E,
        ),
        case(
            "/provisionMap/rows/0/hourlyRatePence",
            json!(4000),
            "V-67",
            "/provisionMap/rows/0/hourlyRatePence",
            W,
        ),
        case(
            "/provisionMap/rows/1/weeks",
            json!(45),
            "V-68",
            "/provisionMap/rows/1/weeks",
            E,
        ),
        case(
            "/provisionMap/rows/2/staffRatio",
            json!("1:4"),
            "V-69",
            "/provisionMap/rows/2/staffRatio",
            E,
        ),
        case(
            "/provisionMap/rows/4/intervention",
            json!("Lunch cover"),
            "V-70",
            "/provisionMap/rows/4/intervention",
            W,
        ),
        case(
            "/provisionMap/rows/6/isOrdinarilyAvailable",
            json!(true),
            "V-71",
            "/provisionMap/rows/6/isOrdinarilyAvailable",
            E,
        ),
        case(
            "/provisionMap/rows/1/entryData",
            Value::Null,
            "V-72",
            "/provisionMap/rows/1/entryData",
            W,
        ),
        case(
            "/provisionMap/rows/1/endDate",
            json!("2024-01-01"),
            "V-73",
            "/provisionMap/rows/1/endDate",
            E,
        ),
        case(
            "/provisionMap/rows/0/sessionMinutes",
            json!(200),
            "V-75",
            "/provisionMap/rows",
            I,
        ),
        case(
            "/specialists/0/adviceImplemented",
            json!(false),
            "V-82",
            "/specialists/0/adviceImplemented",
            W,
        ),
        case(
            "/specialists/0/status",
            json!("WAITING"),
            "V-83",
            "/specialists/0/status",
            I,
        ),
        case(
            "/child/upn",
            json!("P123123400101"),
            "V-91",
            "/child/upn",
            W,
        ),
        case("/child/ncy", json!("6"), "V-92", "/child/ncy", W),
        case(
            "/sen/primaryNeedType",
            json!("ASD"),
            "V-94",
            "/sen/primaryNeedType",
            E,
        ),
        case(
            "/context/lookedAfter",
            json!(true),
            "V-95",
            "/context/placingLa",
            W,
        ),
        case(
            "/child/postcode",
            json!("<script>alert(1)</script>"),
            "V-96",
            "/child/postcode",
            E,
        ),
        case(
            "/child/attendancePct12m",
            json!(140),
            "V-97",
            "/child/attendancePct12m",
            E,
        ),
        case(
            "/declarations/headteacher/signed",
            json!(false),
            "V-98",
            "/declarations/headteacher/signed",
            E,
        ),
        case(
            "/attachments/2/documentDate",
            json!("2025-02-12"),
            "V-99",
            "/specialists/0/latestReportDate",
            W,
        ),
        case(
            "/specialists/0/reportAttachmentId",
            json!("a9"),
            "F-07",
            "/specialists/0/reportAttachmentId",
            E,
        ),
        case(
            "/consents/0/signatureAttachmentId",
            json!("a9"),
            "F-07",
            "/consents/0/signatureAttachmentId",
            E,
        ),
        case(
            "/pupilVoice/attachmentId",
            json!("a9"),
            "F-07",
            "/pupilVoice/attachmentId",
            E,
        ),
        case(
            "/parentViews/attachmentId",
            json!("a9"),
            "F-07",
            "/parentViews/attachmentId",
            E,
        ),
        case(
            "/context/lookedAfter",
            json!(true),
            "V-95",
            "/attachments",
            W,
        ),
        case(
            "/attachments/2/type",
            json!("QUOTE"),
            "D-02",
            "/specialists/0/reportAttachmentId",
            W,
        ),
        case(
            "/attachments/0/sha256",
            json!("2803CED87FFD091D5F6C43035254C690B13A9C72C4BDE273B1C65AD2770E0EF1"),
            "D-03",
            "/attachments/0/sha256",
            E,
        ),
        case(
            "/attachments/0/sizeBytes",
            json!(0),
            "D-04",
            "/attachments/0/sizeBytes",
            E,
        ),
        case(
            "/attachments/0/sizeBytes",
            json!(10 * 1024 * 1024 + 1),
            "D-04",
            "/attachments/0/sizeBytes",
            E,
        ),
        case(
            "/attachments/1/sha256",
            json!("2803ced87ffd091d5f6c43035254c690b13a9c72c4bde273b1c65ad2770e0ef1"),
            "D-06",
            "/attachments/1/sha256",
            E,
        ),
        case(
            "/attachments/0/mimeType",
            json!("application/x-msdownload"),
            "D-07",
            "/attachments/0/mimeType",
            E,
        ),
        case(
            "/attachments/0/documentDate",
            json!("2025-05-01"),
            "D-08",
            "/attachments/0/documentDate",
            E,
        ),
        case(
            "/attachments/0/documentDate",
            json!("2025-02-30"),
            "F-06",
            "/attachments/0/documentDate",
            E,
        ),
        case(
            "/attachments/0/sha256",
            Value::Null,
            "F-01",
            "/attachments/0/sha256",
            E,
        ),
        case(
            "/attachments/3/sizeBytes",
            Value::Null,
            "F-01",
            "/attachments/3/sizeBytes",
            E,
        ),
        case(
            "/apdrCycles/0/outcomeIds",
            json!(["o1", "o9"]),
            "F-07",
            "/apdrCycles/0/outcomeIds/1",
            E,
        ),
        case(
            "/setting/senco/email",
            json!("not an email"),
            "F-03",
            "/setting/senco/email",
            E,
        ),
        case("/setting/urn", json!("12345"), "F-04", "/setting/urn", E),
        case("/child/dob", json!("2016-02-30"), "F-06", "/child/dob", E),
        case(
            "/child/legalSurname",
            Value::Null,
            "F-01",
            "/child/legalSurname",
            E,
        ),
    ];
    let mut failures = Vec::new();
    for c in &cases {
        let r = check(&changed(c.set, c.value.clone()), "stockton-one-point");
        let hit = r
            .issues
            .iter()
            .find(|i| i.rule_id == c.rule && i.pointer == c.at);
        match hit {
            Some(i) if i.severity == c.severity => {
                assert!(!i.message.is_empty() && !i.source.is_empty());
            }
            Some(i) => failures.push(format!(
                "{} at {}: severity {:?}, expected {:?}",
                c.rule, c.at, i.severity, c.severity
            )),
            None => failures.push(format!(
                "setting {} to {} should give {} at {}; got {:?}",
                c.set,
                c.value,
                c.rule,
                c.at,
                r.issues
                    .iter()
                    .map(|i| format!("{} {}", i.rule_id, i.pointer))
                    .collect::<Vec<_>>()
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ehcna_mode_never_makes_an_evidence_criterion_an_error() {
    let doc = changed("/apdrCycles", json!([]));
    let r = check(&doc, "ehcna-request");
    assert!(r
        .issues
        .iter()
        .any(|i| i.rule_id == "V-10" && i.severity == Severity::Warning));
    assert!(r
        .issues
        .iter()
        .all(|i| !(i.rule_id == "V-10" && i.severity == Severity::Error)));
}

#[test]
fn script_in_a_text_field_is_kept_as_text() {
    let doc = changed("/sen/needsSummary", json!("<script>alert('x')</script>"));
    let r = check(&doc, "stockton-one-point");
    assert!(r.complete, "{:?}", r.issues);
}
