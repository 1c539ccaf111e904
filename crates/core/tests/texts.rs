#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! No text escapes the catalogue: every scenario and sparse document under every profile is
//! checked with the pseudo-locale (`messages/qps-ploc.json`) laid over English, and every
//! message, section title and field label that comes out must be pseudo-localised, apart from
//! what is not the product's words: the person's answers, the council's own wording from its
//! profile, numbers, amounts, codes and pointers. A literal left in code has plain ASCII
//! letters where the pseudo-locale has none, and fails here. Also: the catalogue file has no
//! id twice, and every id the code names is in it.

mod common;

use std::collections::BTreeSet;

use common::corpus::{documents, profiles, read, repo};
use sen_core::rules::field_specs::{label_for_in, FIELDS};
use sen_core::text::{self, Catalogue};
use sen_core::{paste, wire, Date, Profile};
use serde_json::Value;

/// The pseudo-locale as `sen-check --pseudo-locale` writes it (the CLI's tests keep the
/// committed `messages/qps-ploc.json` the same).
fn pseudo() -> Catalogue {
    Catalogue::english()
        .with_json(&text::pseudo_catalogue_json())
        .unwrap()
}

/// Every string in a JSON value, longest first: what was typed, or the council's wording.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The council's own words in a profile: its name, relabels, bands, areas and the like.
fn profile_words(p: &Profile) -> Vec<String> {
    let mut out = vec![p.name.clone()];
    out.extend(p.labels.values().cloned());
    // A relabel as it stands inside a sentence: "Enter why the child may need…".
    out.extend(p.labels.values().map(|l| sen_core::rules::lower_first(l)));
    out.extend(p.funding.bands.iter().map(|b| b.label.clone()));
    out.extend(p.consent.privacy_notice_version.iter().cloned());
    for code in ["808", "306", "928", "305", "884", "919", "353"] {
        out.extend(p.local_authority_name(code).map(str::to_owned));
    }
    out
}

/// What is left of a text once the data in it is taken out: ASCII letters left are words that
/// did not come from the catalogue.
fn leftover(text: &str, data: &[String]) -> String {
    let mut t = text.to_owned();
    for d in data {
        if d.chars().any(|c| c.is_ascii_alphabetic()) {
            t = replace_words(&t, d);
        }
    }
    t.split(|c: char| c.is_whitespace() || "()[],.:;“”‘’\"'`".contains(c))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        // Codes, pointers, rule ids, file types and figures: no lower-case word among them.
        .filter(|w| !is_code(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with each whole-word occurrence of `d` taken out (an answer "M" is not the M of
/// "May").
fn replace_words(text: &str, d: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(d) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + d.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if word(before) || word(after) {
            let step = i + d.chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..step]);
            rest = &rest[step..];
        } else {
            out.push_str(&rest[..i]);
            out.push(' ');
            rest = &rest[i + d.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// A code, pointer, rule id or figure: `/child/ncy`, `V-12`, `SEMH`, `TS18`, `1:1`, `6MB`.
fn is_code(w: &str) -> bool {
    w.starts_with('/')
        || w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-_/:£".contains(c))
        || (w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
        || w.contains('/')
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || "/.+-".contains(c))
}

#[test]
fn every_text_shown_comes_from_the_catalogue() {
    let pseudo = pseudo();
    let today = Date::parse("2025-04-30").unwrap();
    let mut failures = BTreeSet::new();
    let mut messages = 0;
    for (name, doc) in documents() {
        let value: Value = serde_json::from_str(&doc).unwrap();
        let app = wire::parse_application(&doc).unwrap();
        for (id, profile, _) in profiles() {
            let mut data = Vec::new();
            strings(&value, &mut data);
            data.extend(profile_words(&profile));
            data.sort_by_key(|d| std::cmp::Reverse(d.len()));
            let texts = profile.catalogue(pseudo.clone());
            let report = sen_core::rules::check_in(&app, &profile, today, &texts);
            for s in &report.sections {
                let left = leftover(&s.title, &data);
                if !left.is_empty() {
                    failures.insert(format!("{id}: section {} {:?}: {left}", s.id, s.title));
                }
            }
            for i in &report.issues {
                messages += 1;
                let left = leftover(&i.message, &data);
                if !left.is_empty() {
                    failures.insert(format!(
                        "{name} under {id}, {} {}: {:?}: {left}",
                        i.rule_id, i.pointer, i.message
                    ));
                }
            }
            for f in FIELDS {
                let label = label_for_in(&f.pattern.replace('*', "0"), &profile, &texts);
                let left = leftover(&label, &data);
                if !left.is_empty() {
                    failures.insert(format!("{id}: label {} {label:?}: {left}", f.pattern));
                }
            }
        }
    }
    assert!(messages > 500, "only {messages} messages were checked");
    assert!(
        failures.is_empty(),
        "texts not from the catalogue:\n{}",
        failures.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_test_finds_a_literal_left_in_code() {
    let data = vec!["Sam".to_owned()];
    assert_eq!(
        leftover("[Šéļéçţ 2 ··] Sam 14 [Ṁáý ·] 2016 V-31 /consents/0", &data),
        ""
    );
    assert_eq!(leftover("[Šéļéçţ ··] 14 May 2016", &data), "May");
    assert_eq!(leftover("[Šéļéçţ {n} ··]", &data), "{n}");
    assert_eq!(leftover("[Šéļéçţ ··] Samuel", &data), "Samuel");
    assert_eq!(leftover("[Ŝéļéçţ ··] the panel", &data), "the panel");
    assert_eq!(
        leftover("Select who gave consent 2", &data),
        "Select who gave consent"
    );
}

#[test]
fn the_catalogue_file_names_each_text_once() {
    let json = read(&repo().join("messages/en.json"));
    // The core's own reader refuses a key given twice (serde_json keeps the last silently).
    let value = sen_core::json::text::parse(&json).unwrap();
    let ids: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(ids.len(), text::english_texts().count());
    for id in &ids {
        assert!(text::english(id).is_some(), "{id}");
        assert!(
            id.split('.').next().is_some_and(|family| [
                "chart", "cli", "code", "cost", "date", "display", "file", "flag", "grammar",
                "group", "hint", "label", "list", "pack", "parent", "paste", "question", "read",
                "rule", "section", "widget", "word",
            ]
            .contains(&family)),
            "{id}: not one of the id families README lists"
        );
    }
}

/// Every id written out whole in the core's and the CLI's code (a string literal that starts
/// with one of the families and has no `{`) is in the catalogue.
#[test]
fn every_id_the_code_names_is_in_the_catalogue() {
    let mut files = Vec::new();
    for dir in ["crates/core/src", "crates/cli/src"] {
        walk(&repo().join(dir), &mut files);
    }
    let mut named = 0;
    let mut missing = Vec::new();
    for f in files {
        let src = read(&f);
        for piece in src.split('"').skip(1).step_by(2) {
            let family = piece.split('.').next().unwrap_or_default();
            let is_id = piece.contains('.')
                && !piece.contains(['{', ' ', '/'])
                && [
                    "chart", "cli", "cost", "display", "file", "grammar", "list", "pack", "paste",
                    "read", "rule", "word",
                ]
                .contains(&family)
                && !piece.ends_with('.');
            if is_id {
                named += 1;
                let plural = text::english(&format!("{piece}.one")).is_some();
                if text::english(piece).is_none() && !plural && !is_prefix(piece) {
                    missing.push(format!("{}: {piece}", f.display()));
                }
            }
        }
    }
    assert!(named > 200, "only {named} ids found in the code");
    assert!(
        missing.is_empty(),
        "ids not in messages/en.json:\n{}",
        missing.join("\n")
    );
}

/// An id the code completes (`rule.F-07.repeated.` + a kind): some text starts with it.
fn is_prefix(piece: &str) -> bool {
    text::english_texts().any(|(id, _)| id.starts_with(&format!("{piece}.")))
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The cells of pasted text: what the spreadsheet says is data, quoted back in problems.
fn cells(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(['\t', '\n', ','])
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.len()));
    out
}

/// Pastes with a problem of every kind: each cell a column cannot read, rows the cost cannot be
/// worked out for, rows above the headings, a total, columns not used, rows past the limit, and
/// rows with no heading row (the template's own column names).
fn bad_pastes() -> Vec<String> {
    let headed = "Provision map for A.B.\n\
        Provision\tArea of need\tType of cost\tStaff role\tStaff:pupil ratio\tSessions per week\t\
        Session length\tMinutes per week\tHours per week\tWeeks\tHourly rate\tFixed cost\tQuantity\t\
        Group size\tFunded by\tStart date\tOutcomes\tEntry data\tImpact\tNotes\n\
        \tHumming\tWishes\tDinner lady\tlots\tsometimes\tages\tmany\tfew\tall year\tcheap\tdear\tsome\t\
        big\tBank\t31/02/2025\t7\tok\tHuge\tkept\n\
        Reading group\t\t\tTA\t\t\t30\t\t\t38\t£14.00\t\t\t\t\t\tnine, ten\n\
        Phonics\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tOutcome 3\n\
        Pens\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"
        .to_owned()
        + &"x".repeat(300)
        + "\nTotal\t\t\t\t\t\t\t\t\t\t\t\t\n";
    let bare =
        "Talk boost\tSEMH\tStaff time\tTA\t1:4\t3\t\t10\t£16.00\t\t\t\t\t\t\t\t\t\t\tspare\n";
    let many = "Provision\tFixed cost\n".to_owned() + &"Pens\t£1.00\n".repeat(501);
    let one_above = "A title\nProvision\tFixed cost\nPens\t£1.00\n".to_owned();
    vec![headed, bare.to_owned(), many, one_above]
}

/// Texts checked for English the catalogue did not give, and those that had some.
#[derive(Default)]
struct Seen {
    checked: usize,
    failures: Vec<String>,
}

impl Seen {
    /// Checks one text shown, `data` being what it may quote.
    fn check(&mut self, what: &str, text: &str, data: &[String]) {
        self.checked += 1;
        let left = leftover(text, data);
        if !left.is_empty() {
            self.failures.push(format!("{what}: {text:?}: {left}"));
        }
    }

    /// Fails unless at least `least` texts were checked and none had English left.
    fn done(self, least: usize, texts: &str) {
        assert!(
            self.checked >= least,
            "only {} {texts} were checked",
            self.checked
        );
        assert!(
            self.failures.is_empty(),
            "{texts} not from the catalogue:\n{}",
            self.failures.join("\n")
        );
    }
}

#[test]
fn paste_problems_and_notes_come_from_the_catalogue() {
    let pseudo = pseudo();
    let outcomes = [("o1".to_owned(), "Reads a short text aloud".to_owned())];
    let mut seen = Seen::default();
    for text in bad_pastes() {
        let data = cells(&text);
        for known in [&outcomes[..], &[]] {
            let pasted = paste::read_in(&text, known, &pseudo);
            let english = paste::read_in(&text, known, &Catalogue::english());
            assert_eq!(english, paste::read(&text, known));
            assert_eq!(pasted.rows.len(), english.rows.len());
            let shown = pasted
                .problems()
                .chain(&pasted.notes)
                .chain(&pasted.unused)
                .filter(|t| !text.contains(t.as_str()));
            for t in shown {
                seen.check("pasted", t, &data);
            }
        }
    }
    seen.done(40, "paste problems and notes");
}

/// Damaged applications: each kind of value the reader refuses, an unknown key, a code not in
/// its list, and more problems than are named one by one.
fn damaged() -> Vec<Value> {
    let mut many = serde_json::json!({"child": {"legalForename": "Alex"}});
    many["assessments"] = Value::Array((0..520).map(|i| serde_json::json!({"value": i})).collect());
    for i in 0..3 {
        many[format!("extra{i}")] = serde_json::json!(i);
    }
    vec![
        serde_json::json!({
            "child": {"attendancePct12m": "ninety", "favouriteColour": "blue", "upn": 7,
                      "dateOfBirth": null},
            "parents": [{"relationship": "AUNT", "hasParentalResponsibility": "yes"}, 3],
            "provisionMap": {"rows": [{"weeks": 1.5, "sessionsPerWeek": "often",
                                        "groupSize": 1e30, "adults": [1]},
                                       {"sessionsPerWeek": true}]},
            "requestType": "TOP_UP_FUNDING",
            "isReapplication": "no",
        }),
        many,
    ]
}

#[test]
fn what_a_file_could_not_give_comes_from_the_catalogue() {
    let pseudo = pseudo();
    let mut seen = Seen::default();
    for doc in damaged() {
        let lenient = wire::read_leniently(&doc).unwrap();
        for u in &lenient.unread {
            assert_eq!(u.problem.english(), u.message, "{}", u.pointer);
            let mut data: Vec<String> = u.pointer.split('/').map(str::to_owned).collect();
            data.push(u.text.clone());
            data.sort_by_key(|d| std::cmp::Reverse(d.len()));
            seen.check(&u.pointer, &u.problem.words(&pseudo), &data);
        }
    }
    // The document refused whole, and JSON text that is not JSON.
    let refused = [
        wire::read_leniently(&serde_json::json!(["child"])).unwrap_err(),
        wire::read_leniently(&serde_json::json!({"schemaVersion": "9.9"})).unwrap_err(),
    ];
    let syntax = [
        "{\"a\" 1}",
        "{\"a\": 1,",
        "[1 2]",
        "{\"a\": 1} x",
        "{\"a\": 1, \"a\": 2}",
        "{1: 2}",
    ]
    .iter()
    .map(|t| wire::parse_application(t).unwrap_err());
    let quoted = ["9.9", "/schemaVersion", "a"].map(str::to_owned);
    for e in refused.into_iter().chain(syntax) {
        assert_eq!(e.text().english(), e.to_string());
        seen.check(&e.to_string(), &e.text().words(&pseudo), &quoted);
    }
    seen.done(500, "reasons a file could not be read");
}
