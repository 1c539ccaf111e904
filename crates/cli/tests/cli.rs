#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! sen-check as users call it: the real binary, real files, exit codes and messages.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{code, repo, run, s01, stderr, temp, BIN};
use sen_core::report::Report;

/// `sen-check` on a file under stockton-one-point, on the scenarios' day.
fn under_stockton(file: &std::path::Path) -> std::process::Output {
    run(&[
        "--profile",
        "stockton-one-point",
        "--today",
        "2025-04-30",
        file.to_str().unwrap(),
    ])
}

#[test]
fn s01_is_complete_under_stockton() {
    let o = run(&[
        "--profile",
        "stockton-one-point",
        "--today",
        "2025-04-30",
        s01().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Complete: yes"));
    assert!(out.contains("£9,022.42"));
}

#[test]
fn json_report_parses_and_ends_with_a_newline() {
    let o = run(&["--json", "--today", "2025-04-30", s01().to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.ends_with("}\n"));
    let r: Report = serde_json::from_str(&text).unwrap();
    assert!(r.complete);
    assert_eq!(r.totals.requested_top_up_pence, 302_242);
}

#[test]
fn an_empty_draft_is_incomplete_with_missing_answers() {
    let f = temp("empty.json", b"{}");
    let o = run(&[
        "--profile",
        "stockton-one-point",
        "--json",
        "--today",
        "2025-04-30",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    let r: Report = serde_json::from_slice(&o.stdout).unwrap();
    assert!(r
        .issues
        .iter()
        .any(|i| i.rule_id == "F-01" && i.pointer == "/child/dob"));
}

#[test]
fn malformed_json_gives_line_and_column() {
    let f = temp("bad.json", b"{\"a\" 1}");
    let o = run(&["--profile", "stockton-one-point", f.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("line 1, column"), "{}", stderr(&o));
}

#[test]
fn truncated_json_is_cut_off() {
    let full = std::fs::read(s01()).unwrap();
    let f = temp("truncated.json", &full[..full.len() / 2]);
    let o = run(&["--today", "2025-04-30", f.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cut off"), "{}", stderr(&o));
}

#[test]
fn ten_thousand_nested_arrays_exit_2() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let f = temp("deep.json", deep.as_bytes());
    let o = run(&["--profile", "stockton-one-point", f.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("nested too deeply"), "{}", stderr(&o));
}

#[test]
fn unknown_fields_are_named() {
    let f = temp("unknown.json", br#"{"child": {"shoeSize": 3}}"#);
    let o = run(&["--profile", "stockton-one-point", f.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("shoeSize"), "{}", stderr(&o));
}

#[test]
fn a_key_named_twice_is_refused_with_its_line() {
    let f = temp(
        "twice.json",
        b"{\"profile\": \"stockton-one-point\",\n \"consents\": [{}],\n \"consents\": []}",
    );
    let o = run(&["--today", "2025-04-30", f.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("the key `consents` appears twice"), "{err}");
}

#[test]
fn a_10_mb_text_field_is_a_length_error() {
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s01()).unwrap()).unwrap();
    doc["sen"]["needsSummary"] = serde_json::Value::String("a".repeat(10 * 1024 * 1024));
    let f = temp("huge.json", &serde_json::to_vec(&doc).unwrap());
    let started = std::time::Instant::now();
    let o = run(&["--json", "--today", "2025-04-30", f.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let r: Report = serde_json::from_slice(&o.stdout).unwrap();
    assert!(r
        .issues
        .iter()
        .any(|i| i.rule_id == "F-02" && i.pointer == "/sen/needsSummary"));
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn profile_errors_exit_2_and_name_the_key() {
    let o = run(&["--profile", "nowhere", s01().to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("stockton-one-point"),
        "lists the built-ins: {}",
        stderr(&o)
    );
    let broken = std::fs::read_to_string(repo().join("profiles/stockton-one-point.json"))
        .unwrap()
        .replace("\"rules\": {", "\"rules\": {\"V-99x\": {},");
    let f = temp("broken-profile.json", broken.as_bytes());
    let o = run(&[
        "--profile-file",
        f.to_str().unwrap(),
        s01().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("rules.V-99x"), "{}", stderr(&o));
    let wrong_type = std::fs::read_to_string(repo().join("profiles/stockton-one-point.json"))
        .unwrap()
        .replace(
            "\"minCompletedCycles\": 2",
            "\"minCompletedCycles\": \"two\"",
        );
    let f = temp("typed-profile.json", wrong_type.as_bytes());
    let o = run(&[
        "--profile-file",
        f.to_str().unwrap(),
        s01().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("apdr.minCompletedCycles"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        code(&run(&["--profile", "a", "--profile-file", "b", "x.json"])),
        2
    );
    assert_eq!(code(&run(&[])), 2);
    assert_eq!(
        code(&run(&["--today", "30/04/2025", s01().to_str().unwrap()])),
        2
    );
    assert_eq!(code(&run(&["/no/such/file.json"])), 2);
    let f = temp("latin1.json", b"{\"child\": {\"legalSurname\": \"\xe9\"}}");
    let o = run(&[f.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("UTF-8"));
}

#[test]
fn reads_standard_input() {
    let mut child = Command::new(BIN)
        .args(["--json", "--today", "2025-04-30", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(s01()).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0);
}

#[test]
fn lists_profiles_and_prints_help_and_schema() {
    let o = run(&["--list-profiles"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for id in [
        "stockton-one-point",
        "croydon-lss",
        "tees-sen-support-plan",
        "ehcna-request",
    ] {
        assert!(text.contains(id));
    }
    assert!(String::from_utf8_lossy(&run(&["--help"]).stdout).contains("usage: sen-check"));
    let schema: serde_json::Value =
        serde_json::from_slice(&run(&["--print-schema"]).stdout).unwrap();
    assert!(schema["properties"]["provisionMap"].is_object());
}

#[test]
fn human_output_follows_section_order() {
    let f = temp("draft.json", br#"{"child": {"legalForename": "A"}}"#);
    let o = under_stockton(&f);
    assert_eq!(code(&o), 1);
    let text = String::from_utf8_lossy(&o.stdout);
    let a = text.find("About this application").unwrap();
    let c = text.find("The child or young person").unwrap();
    let d = text.find("Declarations").unwrap();
    assert!(a < c && c < d);
}

#[test]
fn every_scenario_exits_as_domain_md_says() {
    let dir = repo().join("tests/fixtures");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("scenarios/expected.json")).unwrap(),
    )
    .unwrap();
    let today = expected["today"].as_str().unwrap();
    for spec in expected["runs"].as_array().unwrap() {
        let file = dir.join("scenarios").join(spec["file"].as_str().unwrap());
        let profile_file;
        let profile: [&str; 2] = match spec["profile"].as_str() {
            Some(id) => ["--profile", id],
            None => {
                profile_file = dir
                    .join("profiles")
                    .join(spec["profileFile"].as_str().unwrap());
                ["--profile-file", profile_file.to_str().unwrap()]
            }
        };
        let o = run(&[
            profile[0],
            profile[1],
            "--today",
            today,
            "--json",
            file.to_str().unwrap(),
        ]);
        let want = if spec["complete"].as_bool().unwrap() {
            0
        } else {
            1
        };
        assert_eq!(code(&o), want, "{file:?} {profile:?}: {}", stderr(&o));
        let report: Report = serde_json::from_slice(&o.stdout).unwrap();
        for key in ["errors", "warnings", "infos"] {
            for id in spec[key].as_array().into_iter().flatten() {
                let id = id.as_str().unwrap();
                assert!(
                    report.issues.iter().any(|i| i.rule_id == id),
                    "{file:?} {profile:?}: expected {id}"
                );
            }
        }
    }
}

/// V-05 names a neighbouring council the profile lists, and gives any other by its code.
#[test]
fn another_councils_child_is_named_where_the_profile_knows_the_council() {
    let text = std::fs::read_to_string(s01()).unwrap();
    for (code, said) in [
        (
            "806",
            "The child lives in Middlesbrough, another council's area.",
        ),
        (
            "841",
            "The child lives in another council's area (LA code 841).",
        ),
    ] {
        let f = temp(
            &format!("la-{code}.json"),
            text.replace(
                "\"residentLaCode\": \"808\"",
                &format!("\"residentLaCode\": \"{code}\""),
            )
            .as_bytes(),
        );
        let o = under_stockton(&f);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(said), "{out}");
    }
}

/// A profile's local authorities (a code that is not three digits, or one listed twice) and
/// documents (no size, no kinds, a kind twice or one unknown): a profile error naming the key.
#[test]
fn a_profile_lists_local_authorities_and_document_kinds_sensibly() {
    let profile = std::fs::read_to_string(repo().join("profiles/stockton-one-point.json")).unwrap();
    for (from, to, key) in [
        (
            "{\"code\": \"806\"",
            "{\"code\": \"86\"",
            "localAuthorities.1.code",
        ),
        (
            "{\"code\": \"806\"",
            "{\"code\": \"808\"",
            "localAuthorities.1.code",
        ),
        (
            "\"name\": \"Middlesbrough\"",
            "\"name\": \" \"",
            "localAuthorities.1.name",
        ),
    ] {
        let f = temp("la-profile.json", profile.replace(from, to).as_bytes());
        let o = run(&[
            "--profile-file",
            f.to_str().unwrap(),
            s01().to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 2, "{to}");
        assert!(stderr(&o).contains(key), "{to}: {}", stderr(&o));
    }
}
