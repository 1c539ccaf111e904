#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The message catalogue through the real binary: `--pseudo-locale` writes the committed
//! `messages/qps-ploc.json`, `--lang FILE` shows the report in that catalogue's words (the
//! profile's `texts` winning over it), and a bad catalogue is refused naming the text at fault.

mod common;

use common::{builtin_profile, code, repo, run, scenario, stderr, temp};

const TODAY: &str = "2025-04-30";

fn pseudo_file() -> String {
    repo()
        .join("messages/qps-ploc.json")
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_committed_pseudo_locale_is_the_one_english_makes() {
    let o = run(&["--pseudo-locale"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let committed = std::fs::read_to_string(pseudo_file()).unwrap();
    assert!(
        String::from_utf8(o.stdout).unwrap() == committed,
        "messages/qps-ploc.json is stale: run `sen-check --pseudo-locale > messages/qps-ploc.json`"
    );
    // Every English text is in it, and nothing else.
    let en: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("messages/en.json")).unwrap())
            .unwrap();
    let ps: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&en), keys(&ps));
}

/// The report of S02 (consent missing) under Stockton, with `extra` arguments.
fn s02(extra: &[&str]) -> std::process::Output {
    let file = repo().join("tests/fixtures/scenarios/S02-missing-consent.json");
    let mut args = vec!["--profile", "stockton-one-point", "--today", TODAY];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    run(&args)
}

#[test]
fn lang_shows_the_report_in_that_catalogue() {
    let english = s02(&[]);
    let pseudo = s02(&["--lang", &pseudo_file()]);
    assert_eq!(code(&english), 1);
    assert_eq!(code(&pseudo), 1, "{}", stderr(&pseudo));
    let en = String::from_utf8(english.stdout).unwrap();
    let ps = String::from_utf8(pseudo.stdout).unwrap();
    assert!(en.contains("Complete: no"), "{en}");
    assert!(en.contains("Record the parent's consent to share this application with the panel"));
    assert!(ps.contains("[Çöɱþļéţé: ñö — "), "{ps}");
    assert!(
        ps.contains("[Ŕéçöŕð ţĥé þáŕéñţ'š çöñšéñţ ţö šĥáŕé ţĥíš áþþļíçáţíöñ ŵíţĥ ţĥé þáñéļ."),
        "{ps}"
    );
    assert!(!ps.contains("Complete: no"), "{ps}");
    assert!(!ps.contains("Record the parent's consent"), "{ps}");
    // The rule ids, pointers and figures are the same.
    let ids = |s: &str| {
        s.lines()
            .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("/")))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&en), ids(&ps));
    assert!(ps.contains("£9,022.42"));
    // The JSON report carries the same words.
    let json = s02(&["--json", "--lang", &pseudo_file()]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let v30 = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ruleId"] == "V-30")
        .unwrap();
    assert!(
        v30["message"].as_str().unwrap().starts_with("[Ŕéçöŕð"),
        "{v30}"
    );
}

#[test]
fn a_language_file_falls_back_to_english_text_by_text() {
    let cy = temp(
        "cy.json",
        r#"{"cli.report.complete": "Cyflawn: ydy", "cli.report.incomplete": "Cyflawn: nac ydy ({errors} gwall)"}"#
            .as_bytes(),
    );
    let o = s02(&["--lang", cy.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Cyflawn: nac ydy (2 gwall)\n"), "{out}");
    // Texts the file does not give are English.
    assert!(
        out.contains("Record the parent's consent to share"),
        "{out}"
    );
}

#[test]
fn the_profiles_texts_win_over_the_language() {
    let mut profile = builtin_profile("stockton-one-point");
    profile["texts"] = serde_json::json!({
        "rule.V-30.panel": "Ask the One Point team for the consent form first."
    });
    let pf = temp("texts-profile.json", profile.to_string().as_bytes());
    let app = temp(
        "texts-s02.json",
        scenario("S02-missing-consent").to_string().as_bytes(),
    );
    let o = run(&[
        "--profile-file",
        pf.to_str().unwrap(),
        "--today",
        TODAY,
        "--lang",
        &pseudo_file(),
        app.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("Ask the One Point team for the consent form first."),
        "{out}"
    );
    assert!(out.contains("[Çöɱþļéţé: ñö"), "{out}");

    // A profile's text with a placeholder English does not have is refused with its key.
    profile["texts"] = serde_json::json!({ "rule.V-31.who": "Dewiswch {who}" });
    let pf = temp("texts-bad-profile.json", profile.to_string().as_bytes());
    let o = run(&[
        "--profile-file",
        pf.to_str().unwrap(),
        "--today",
        TODAY,
        app.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(e.contains("texts.rule.V-31.who"), "{e}");
    assert!(e.contains("{who}"), "{e}");
}

#[test]
fn a_bad_catalogue_is_refused_naming_the_text() {
    for (name, text, says) in [
        ("not-json.json", "{ not json", "the texts could not be read"),
        (
            "list.json",
            "[\"a\"]",
            "one JSON object of texts keyed by id",
        ),
        (
            "number.json",
            r#"{"rule.V-31.who": 3}"#,
            "the text ‘rule.V-31.who’: must be text",
        ),
        (
            "placeholder.json",
            r#"{"rule.V-31.who": "Dewiswch pwy {person}"}"#,
            "the text ‘rule.V-31.who’: the placeholder {person} is not in the English text",
        ),
        (
            "unknown.json",
            r#"{"rule.nothing": "x"}"#,
            "the text ‘rule.nothing’: there is no such text",
        ),
    ] {
        let f = temp(name, text.as_bytes());
        let o = s02(&["--lang", f.to_str().unwrap()]);
        assert_eq!(code(&o), 2, "{name}");
        let e = stderr(&o);
        assert!(e.starts_with("sen-check: "), "{e}");
        assert!(e.contains(f.to_str().unwrap()), "{e}");
        assert!(e.contains(says), "{name}: {e}");
        assert!(o.stdout.is_empty(), "{name}");
    }
    let o = s02(&["--lang", "/nonexistent/texts.json"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("cannot read /nonexistent/texts.json"),
        "{}",
        stderr(&o)
    );
}
