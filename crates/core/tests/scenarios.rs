#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The scenarios of domain.md §8 (tests/fixtures/scenarios), each checked against the outcome
//! the specification gives it (tests/fixtures/scenarios/expected.json) and against a snapshot of
//! its whole report (tests/snapshots). Set UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a
//! deliberate change, then review the diff.

use std::path::{Path, PathBuf};

use sen_core::api::{self, ProfileChoice};
use sen_core::report::{Report, Severity};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

struct Run {
    label: String,
    report: Report,
}

fn run(spec: &Value, today: &str) -> Run {
    let dir = repo().join("tests/fixtures");
    let file = spec["file"].as_str().expect("file");
    let doc = read(&dir.join("scenarios").join(file));
    let (report, profile_label) = if let Some(id) = spec.get("profile").and_then(Value::as_str) {
        (
            api::check(&doc, ProfileChoice::Builtin(id), today),
            id.to_owned(),
        )
    } else {
        let pf = spec["profileFile"]
            .as_str()
            .expect("profile or profileFile");
        let json = read(&dir.join("profiles").join(pf));
        (
            api::check(&doc, ProfileChoice::Json(&json), today),
            pf.trim_end_matches(".json").to_owned(),
        )
    };
    let report = report.unwrap_or_else(|e| panic!("{file}: {e}"));
    Run {
        label: format!("{} under {profile_label}", file.trim_end_matches(".json")),
        report,
    }
}

fn describe(r: &Report) -> String {
    r.issues
        .iter()
        .map(|i| {
            format!(
                "  {:?} {} {} {}",
                i.severity, i.rule_id, i.pointer, i.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn expected() -> Value {
    serde_json::from_str(&read(
        &repo().join("tests/fixtures/scenarios/expected.json"),
    ))
    .expect("expected.json")
}

#[test]
fn every_scenario_has_the_outcome_domain_md_gives_it() {
    let expected = expected();
    let today = expected["today"].as_str().expect("today");
    let runs = expected["runs"].as_array().expect("runs");
    assert!(runs.len() >= 20, "every scenario S01-S20 has a run");
    let mut failures = Vec::new();
    for spec in runs {
        let Run { label, report } = run(spec, today);
        let mut problems = Vec::new();
        let want_complete = spec["complete"].as_bool().expect("complete");
        if report.complete != want_complete {
            problems.push(format!(
                "complete is {}, expected {want_complete}",
                report.complete
            ));
        }
        for (key, sev) in [
            ("errors", Severity::Error),
            ("warnings", Severity::Warning),
            ("infos", Severity::Info),
        ] {
            let have = report.rule_ids(sev);
            for id in strings(spec, key) {
                if !have.contains(&id) {
                    problems.push(format!("expected {sev:?} {id}"));
                }
            }
        }
        if spec.get("noErrors").and_then(Value::as_bool) == Some(true) && report.counts.errors > 0 {
            problems.push("expected no errors".into());
        }
        if spec.get("noWarnings").and_then(Value::as_bool) == Some(true)
            && report.counts.warnings > 0
        {
            problems.push("expected no warnings".into());
        }
        for text in strings(spec, "messageContains") {
            if !report.issues.iter().any(|i| i.message.contains(&text)) {
                problems.push(format!("expected a message containing {text:?}"));
            }
        }
        if let Some(t) = spec.get("totals").and_then(Value::as_array) {
            let got = [
                report.totals.total_pence,
                report.totals.school_contribution_pence,
                report.totals.requested_top_up_pence,
            ];
            let want: Vec<i64> = t.iter().filter_map(Value::as_i64).collect();
            if got.as_slice() != want.as_slice() {
                problems.push(format!("totals {got:?}, expected {want:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{label}: {}\n{}",
                problems.join("; "),
                describe(&report)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn reports_match_their_snapshots() {
    let expected = expected();
    let today = expected["today"].as_str().expect("today");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for spec in expected["runs"].as_array().expect("runs") {
        let Run { label, report } = run(spec, today);
        let name = label.replace(" under ", ".") + ".json";
        let path = repo().join("tests/snapshots").join(&name);
        let json = api::report_json(&report);
        if update {
            std::fs::write(&path, &json).expect("write snapshot");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "reports differ from tests/snapshots (review, then rerun with UPDATE_SNAPSHOTS=1): {stale:?}"
    );
}
