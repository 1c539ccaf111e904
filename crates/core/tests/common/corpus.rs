//! What the tests of the words people read run on: every built-in and test profile, and every
//! scenario fixture with sparse documents that make most messages come out.

use std::path::{Path, PathBuf};

use sen_core::api::ProfileChoice;
use sen_core::profile::{builtin, builtin_ids, Profile};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every built-in profile and every profile of `tests/fixtures/profiles`, with how to choose it.
pub fn profiles() -> Vec<(String, Profile, ProfileSource)> {
    let mut out: Vec<(String, Profile, ProfileSource)> = builtin_ids()
        .map(|id| {
            (
                id.to_owned(),
                builtin(id).unwrap(),
                ProfileSource::Builtin(id),
            )
        })
        .collect();
    let dir = repo().join("tests/fixtures/profiles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for f in files {
        let json = read(&f);
        let p = Profile::from_json(&json).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.push((p.id.clone(), p, ProfileSource::Json(json)));
    }
    out
}

pub enum ProfileSource {
    Builtin(&'static str),
    Json(String),
}

impl ProfileSource {
    pub fn choice(&self) -> ProfileChoice<'_> {
        match self {
            ProfileSource::Builtin(id) => ProfileChoice::Builtin(id),
            ProfileSource::Json(j) => ProfileChoice::Json(j),
        }
    }
}

/// Documents the rules run on: every scenario fixture, and sparse documents that leave most
/// answers out (so that the "missing answer" messages of every field come out).
pub fn documents() -> Vec<(String, String)> {
    let dir = repo().join("tests/fixtures/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name().is_some_and(|n| n != "expected.json")
        })
        .collect();
    files.sort();
    let mut out: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.file_name().unwrap().to_string_lossy().into_owned(),
                read(f),
            )
        })
        .collect();
    out.push((
        "an empty application".into(),
        r#"{"schemaVersion": "1.0"}"#.into(),
    ));
    out.push((
        "an application with one empty item in every list".into(),
        serde_json::json!({
            "schemaVersion": "1.0",
            "requestType": ["TOP_UP_FUNDING", "OUTREACH", "EP_INVOLVEMENT", "EHCNA"],
            "isReapplication": true,
            "child": {"previousSettings": [{}], "dob": "2010-01-01", "ncy": "5"},
            "sen": {"provision": "E", "diagnoses": [{}], "primaryNeedType": "NSA", "secondaryNeedType": "NSA"},
            "context": {"lookedAfter": true},
            "assessments": [{}],
            "outcomes": [{"text": "will have hours of support to improve"}, {}],
            "provisionMap": {"rows": [
                {"category": "STAFF_TIME", "staffRole": "SENCO", "hourlyRatePence": 100000, "groupSize": 1, "sessionMinutes": 600, "sessionsPerWeek": 5, "weeks": 60, "staffRatio": "2:3", "chargeFullGroupCost": true, "isOrdinarilyAvailable": true, "intervention": "general support at lunch", "startDate": "2024-01-01", "endDate": "2023-01-01", "annualCostPence": 1},
                {"category": "RESOURCE"},
                {}
            ], "totalPence": 5},
            "apdrCycles": [{"status": "COMPLETED", "outcomeIds": ["o9"]}, {"status": "IN_PROGRESS"}, {}],
            "parentMeetings": [{}],
            "specialists": [{"status": "WAITING", "latestReportDate": "2020-01-01"}],
            "parents": [{"hasParentalResponsibility": true}],
            "consents": [{"withdrawn": true, "date": "2030-01-01"}],
            "attachments": [{}],
            "declarations": {"senco": {}, "headteacher": {}},
        })
        .to_string(),
    ));
    out.push((
        "an application whose documents are wrong in every way".into(),
        serde_json::json!({
            "schemaVersion": "1.0",
            "context": {"lookedAfter": true},
            "provisionMap": {"rows": [{"category": "SLA_SERVICE"}, {"staffRole": "EXTERNAL_SLA"}]},
            "specialists": [{"reportAttached": true}, {"reportAttachmentId": "q1"}, {"reportAttachmentId": "x9"}],
            "pupilVoice": {"attachmentId": "x8"},
            "parentViews": {"attachmentId": "q1"},
            "consents": [{"method": "WET_SIGNATURE_SCANNED"}, {"method": "E_SIGNATURE", "signatureAttachmentId": "q1"}],
            "attachments": [
                {"id": "q1", "type": "QUOTE", "filename": "quote.pdf", "mimeType": "image/jpg", "sizeBytes": 0, "sha256": "ABC", "documentDate": "2030-01-01"},
                {"id": "q2", "type": "EHA", "mimeType": "application/pdf", "sizeBytes": 2_000_000_000_u64, "sha256": "ABC"},
                {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}
            ],
        })
        .to_string(),
    ));
    out
}
