#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The rules on documents through the real `sen-check`: each one, and a reference to a document
//! that is not listed, under a council panel (an error stops the application: exit 1) and under
//! a request for an EHC needs assessment (the council's documents are warnings there: exit 0;
//! a reference or a file's details that are wrong stay errors), with the words it prints.

mod common;

use common::{builtin_profile, code, json_file, run, stderr, temp, S01};
use sen_core::report::{Report, Severity};
use serde_json::{json, Value};

const TODAY: &str = "2025-04-30";
const WNN: &str = "tests/fixtures/profiles/west-northamptonshire-inclusion.json";

/// Where the profile comes from for a run.
enum Via {
    Builtin(&'static str),
    File(Value),
}

/// The West Northamptonshire-like panel's documents asked for, on the EHCNA profile.
fn ehcna_asking_for_documents() -> Value {
    let mut p = builtin_profile("ehcna-request");
    p["attachments"] = json_file(WNN)["attachments"].clone();
    p
}

/// S01 with (pointer, value) written; `null` removes.
fn s01_with(sets: &[(&str, Value)]) -> Value {
    let mut doc: Value = serde_json::from_str(S01).unwrap();
    for (pointer, value) in sets {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = doc.pointer_mut(parent).unwrap();
        match (target, value) {
            (Value::Object(m), Value::Null) => {
                m.remove(key);
            }
            (Value::Object(m), v) => {
                m.insert(key.to_owned(), v.clone());
            }
            (Value::Array(a), v) => a[key.parse::<usize>().unwrap()] = v.clone(),
            _ => panic!("{pointer}"),
        }
    }
    doc
}

/// Runs sen-check on a document: (exit code, the JSON report, the text report).
fn check(name: &str, doc: &Value, via: &Via) -> (i32, Report, String) {
    let file = temp(&format!("{name}.json"), doc.to_string().as_bytes());
    let profile_file;
    let mut args: Vec<String> = vec!["--today".into(), TODAY.into()];
    match via {
        Via::Builtin(id) => args.extend(["--profile".into(), (*id).into()]),
        Via::File(p) => {
            profile_file = temp(&format!("{name}-profile.json"), p.to_string().as_bytes());
            args.extend([
                "--profile-file".into(),
                profile_file.to_str().unwrap().into(),
            ]);
        }
    }
    args.push(file.to_str().unwrap().into());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let text = run(&argv);
    let mut json_args = argv.clone();
    json_args.insert(0, "--json");
    let json = run(&json_args);
    assert_eq!(code(&text), code(&json), "{}", stderr(&text));
    let report: Report = serde_json::from_slice(&json.stdout)
        .unwrap_or_else(|e| panic!("{name}: {e}: {}", stderr(&json)));
    (
        code(&text),
        report,
        String::from_utf8_lossy(&text.stdout).into_owned(),
    )
}

struct Case {
    rule: &'static str,
    sets: Vec<(&'static str, Value)>,
    pointer: &'static str,
    words: &'static str,
    panel: (Via, Severity),
    ehcna: (Via, Severity),
}

fn cases() -> Vec<Case> {
    use Severity::{Error as E, Warning as W};
    let wnn = || Via::File(json_file(WNN));
    let ehcna = || Via::Builtin("ehcna-request");
    let few = |mut p: Value| {
        p["attachments"]["maxFiles"] = json!(4);
        Via::File(p)
    };
    vec![
        Case {
            rule: "D-01",
            sets: vec![],
            pointer: "/attachments",
            words: "Attach a quote for the services bought in at row 6 of the provision map: the council asks for it when a request buys services",
            panel: (wnn(), E),
            ehcna: (Via::File(ehcna_asking_for_documents()), W),
        },
        Case {
            rule: "D-01",
            sets: vec![("/specialists/0/reportAttachmentId", Value::Null)],
            pointer: "/specialists/0/reportAttachmentId",
            words: "Attach specialist 1's report and choose it here, or say that it is not attached",
            panel: (wnn(), E),
            ehcna: (Via::File(ehcna_asking_for_documents()), W),
        },
        Case {
            rule: "V-95",
            sets: vec![
                ("/context/lookedAfter", json!(true)),
                ("/context/placingLa", json!("Stockton-on-Tees")),
            ],
            pointer: "/attachments",
            words: "Attach the child's personal education plan (PEP), as the child is looked after",
            panel: (Via::Builtin("stockton-one-point"), W),
            ehcna: (ehcna(), W),
        },
        Case {
            rule: "V-40",
            sets: vec![("/consents/0/signatureAttachmentId", Value::Null)],
            pointer: "/consents/0/signatureAttachmentId",
            words: "Attach the signed consent form for consent 1",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (Via::File(ehcna_with_signed_consent_forms()), W),
        },
        Case {
            rule: "F-07",
            sets: vec![("/specialists/0/reportAttachmentId", json!("a9"))],
            pointer: "/specialists/0/reportAttachmentId",
            words: "No supporting document has the reference a9. Attach it, or correct the reference.",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "F-07",
            sets: vec![("/consents/0/signatureAttachmentId", json!("a9"))],
            pointer: "/consents/0/signatureAttachmentId",
            words: "No supporting document has the reference a9",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "F-07",
            sets: vec![("/parentViews/attachmentId", json!("a9"))],
            pointer: "/parentViews/attachmentId",
            words: "No supporting document has the reference a9",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "D-02",
            sets: vec![("/attachments/2/type", json!("QUOTE"))],
            pointer: "/specialists/0/reportAttachmentId",
            words: "The document chosen for specialist 1's report is ep-report.pdf, which is attached as a quote",
            panel: (Via::Builtin("stockton-one-point"), W),
            ehcna: (ehcna(), W),
        },
        Case {
            rule: "D-03",
            sets: vec![("/attachments/0/sha256", json!("2803ced8"))],
            pointer: "/attachments/0/sha256",
            words: "The checksum of sen-support-plan.pdf must be 64 characters",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "D-04",
            sets: vec![("/attachments/2/sizeBytes", json!(0))],
            pointer: "/attachments/2/sizeBytes",
            words: "ep-report.pdf is empty",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "D-04",
            sets: vec![("/attachments/2/sizeBytes", json!(12_000_000))],
            pointer: "/attachments/2/sizeBytes",
            words: "ep-report.pdf must be smaller than 10MB",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "D-05",
            sets: vec![],
            pointer: "/attachments",
            words: "You can attach up to 4 files, and this application lists 5",
            panel: (few(builtin_profile("stockton-one-point")), E),
            ehcna: (few(builtin_profile("ehcna-request")), E),
        },
        Case {
            rule: "D-06",
            sets: vec![(
                "/attachments/4/sha256",
                json!("4cdc3bb8dcab68e9691f8a54d076cf2766ba129437e0112c17ee029f9b54762b"),
            )],
            pointer: "/attachments/4/sha256",
            words: "The selected file is the same as ep-report.pdf, which is already attached",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "D-07",
            sets: vec![("/attachments/1/mimeType", json!("application/x-msdownload"))],
            pointer: "/attachments/1/mimeType",
            words: "costed-provision-map.pdf must be a PDF, DOCX, XLSX, JPG or PNG",
            panel: (wnn(), E),
            ehcna: (Via::File(ehcna_asking_for_documents()), E),
        },
        Case {
            rule: "D-08",
            sets: vec![("/attachments/3/documentDate", json!("2025-06-30"))],
            pointer: "/attachments/3/documentDate",
            words: "apdr-records.pdf is dated 30 June 2025, in the future. Enter the date of the document.",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
        Case {
            rule: "F-01",
            sets: vec![("/attachments/0/sha256", Value::Null)],
            pointer: "/attachments/0/sha256",
            words: "Enter the file checksum",
            panel: (Via::Builtin("stockton-one-point"), E),
            ehcna: (ehcna(), E),
        },
    ]
}

/// The EHCNA profile asking for the signed form of each signed consent.
fn ehcna_with_signed_consent_forms() -> Value {
    let mut p = builtin_profile("ehcna-request");
    p["attachments"]["required"] =
        json!([{"type": "CONSENT_SIGNATURE", "when": "eachSignedConsent"}]);
    p
}

#[test]
fn each_document_rule_through_sen_check_under_a_panel_and_under_ehcna() {
    let mut failures = Vec::new();
    for (n, c) in cases().iter().enumerate() {
        let doc = s01_with(&c.sets);
        for (mode, (via, want)) in [("panel", &c.panel), ("ehcna", &c.ehcna)] {
            let name = format!("{}-{n}-{mode}", c.rule);
            let (exit, report, text) = check(&name, &doc, via);
            let hit = report
                .issues
                .iter()
                .find(|i| i.rule_id == c.rule && i.pointer == c.pointer);
            let Some(issue) = hit else {
                failures.push(format!(
                    "{name}: no {} at {}: {:?}",
                    c.rule,
                    c.pointer,
                    report
                        .issues
                        .iter()
                        .map(|i| format!("{} {}", i.rule_id, i.pointer))
                        .collect::<Vec<_>>()
                ));
                continue;
            };
            if issue.severity != *want {
                failures.push(format!("{name}: {:?}, expected {want:?}", issue.severity));
            }
            if !issue.message.contains(c.words) || !text.contains(c.words) {
                failures.push(format!("{name}: {:?} lacks {:?}", issue.message, c.words));
            }
            let label = match want {
                Severity::Error => "ERROR",
                Severity::Warning => "WARN",
                Severity::Info => "INFO",
            };
            if !text.contains(&format!("{label:<6}{:<6}{}", c.rule, c.pointer)) {
                failures.push(format!("{name}: the text report does not show it:\n{text}"));
            }
            // An error stops the application; a warning does where it needs a justification.
            let expected_exit = i32::from(!report.complete);
            if exit != expected_exit || (*want == Severity::Error && exit != 1) {
                failures.push(format!("{name}: exit {exit}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_councils_documents_never_stop_an_ehcna_request_but_stop_a_panel_application() {
    let doc = s01_with(&[("/specialists/0/reportAttachmentId", Value::Null)]);
    let (exit, report, _) = check("wnn-panel", &doc, &Via::File(json_file(WNN)));
    assert_eq!(exit, 1);
    assert!(!report.complete);
    let (exit, report, text) = check("wnn-ehcna", &doc, &Via::File(ehcna_asking_for_documents()));
    assert_eq!(exit, 0, "{text}");
    assert!(report.complete);
    assert_eq!(report.counts.errors, 0);
    assert!(report.counts.warnings >= 2, "{text}");
}

#[test]
fn the_scenarios_documents_are_complete_where_the_domain_says() {
    for (file, profile) in [
        ("S01-complete-valid", "stockton-one-point"),
        ("S01-complete-valid", "ehcna-request"),
        ("S21-looked-after-with-pep", "stockton-one-point"),
        ("S21-looked-after-with-pep", "ehcna-request"),
    ] {
        let doc = common::scenario(file);
        let (exit, report, text) =
            check(&format!("{file}-{profile}"), &doc, &Via::Builtin(profile));
        assert_eq!(exit, 0, "{file} under {profile}:\n{text}");
        assert!(report.complete);
    }
    // The looked-after child without the PEP: a warning a panel needs a justification for.
    let mut doc = common::scenario("S21-looked-after-with-pep");
    doc["attachments"].as_array_mut().unwrap().pop();
    let (exit, report, text) = check("S21-no-pep", &doc, &Via::Builtin("stockton-one-point"));
    assert_eq!(exit, 1, "{text}");
    assert_eq!(report.rule_ids(Severity::Warning), vec!["V-95".to_owned()]);
}

#[test]
fn a_broken_documents_setting_is_refused_naming_the_key() {
    let doc = temp("broken-profile-doc.json", S01.as_bytes());
    for (required, key, words) in [
        (
            json!([{"type": "QUOTE", "when": "eachSpecialistReport"}]),
            "attachments.required.0.type",
            "must be PROFESSIONAL_REPORT",
        ),
        (
            json!([{"type": "PEP", "when": "whenAsked"}]),
            "attachments.required.0.when",
            "",
        ),
        (
            json!([{"type": "PEP", "when": "lookedAfter"}, {"type": "PEP", "when": "lookedAfter"}]),
            "attachments.required.1",
            "lists PEP when lookedAfter twice",
        ),
    ] {
        let mut p = builtin_profile("stockton-one-point");
        p["attachments"]["required"] = required;
        let pf = temp("broken-profile.json", p.to_string().as_bytes());
        let o = run(&[
            "--profile-file",
            pf.to_str().unwrap(),
            "--today",
            TODAY,
            doc.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 2);
        let err = stderr(&o);
        assert!(err.contains(&format!("key `{key}`")), "{err}");
        assert!(err.contains(words), "{err}");
    }
}
