#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The words people read, checked: every text of the message catalogue (`messages/en.json`,
//! read from the file), every field label (and the form it takes in a message),
//! question and hint, section and list title, code-list label, the rule catalogue's titles and
//! sources, the profiles' names and relabels, every message the rules give on the scenario
//! fixtures and on sparse documents under every built-in and test profile, and the evidence
//! pack's summary for parents of each of them.
//!
//! Each word must be in a British English dictionary (Debian's `wbritish` package,
//! `/usr/share/dict/british-english`, installed by `scripts/setup.sh`) or in the short list
//! of the domain's words (`tests/fixtures/words.txt`). Words the applicant typed (names,
//! interventions) that a message repeats are theirs, not ours, and are not checked. Also
//! refused: a word starting with a lower-case letter followed by capitals ("sENCo"), "(s)"
//! plurals, a word written twice ("the the"), and messages whose ending breaks the project's
//! rule: a message of one sentence has no full stop (GOV.UK error messages), a message of
//! more than one sentence ends with one.

use std::collections::{BTreeSet, HashSet};

mod common;

use common::corpus::{documents, profiles, read, repo};
use sen_core::api;
use sen_core::codes;
use sen_core::form::{options_for, Options, LISTS};
use sen_core::questions;
use sen_core::rules::catalogue::RULES;
use sen_core::rules::field_specs::{label_in_sentence, missing_message, FIELDS};
use sen_core::sections::SECTIONS;
use sen_core::text::Catalogue;
use serde_json::Value;

const DICTIONARY: &str = "/usr/share/dict/british-english";

/// The dictionary and the domain's words.
struct Words {
    known: HashSet<String>,
}

impl Words {
    fn load() -> Words {
        let dict = std::fs::read_to_string(DICTIONARY).unwrap_or_else(|e| {
            panic!(
                "{DICTIONARY} cannot be read ({e}): the spelling test needs Debian's British \
                 English word list. Install it with `apt-get install wbritish` (scripts/setup.sh \
                 does this)."
            )
        });
        let domain = read(&repo().join("tests/fixtures/words.txt"));
        let known = dict
            .lines()
            .chain(
                domain
                    .lines()
                    .map(|l| l.split('#').next().unwrap_or("").trim()),
            )
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            // The short names of the kinds of file ("PDF", "DOCX", "JPG") are the names people
            // know them by, as the GOV.UK file upload pattern says them.
            .chain(
                sen_core::codes::FileKind::ALL
                    .iter()
                    .map(|k| k.label().to_owned()),
            )
            .collect();
        Words { known }
    }

    /// A word as written, or with a capital first letter lowered (the start of a sentence or
    /// a title), is known. "english" is not: the dictionary has only "English".
    fn knows(&self, word: &str) -> bool {
        if self.known.contains(word) {
            return true;
        }
        let mut c = word.chars();
        let lowered = c
            .next()
            .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
            .unwrap_or_default();
        if word.chars().skip(1).all(|c| !c.is_ascii_uppercase()) && self.known.contains(&lowered) {
            return true;
        }
        // A possessive or a plural possessive: "child's", "parents'".
        if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')) {
            return !stem.is_empty() && self.knows(stem);
        }
        // A compound: "Stockton-on-Tees", "pupil-premium-funded".
        if word.contains('-') {
            return word.split('-').all(|p| p.is_empty() || self.knows(p));
        }
        false
    }
}

/// The words of a text: runs of letters, apostrophes and hyphens, with quotes and
/// punctuation around them taken off. Anything with a digit, `@`, `/`, `_` or `.` inside
/// (amounts, dates, UPNs, ratios, email addresses, file names) is not a word to spell.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '“' | '”' | '‘' | '?' | '!' | ':')
    })
    .map(|t| t.trim_matches(|c: char| matches!(c, '.' | '"' | '’' | '…' | '–')))
    .map(|t| t.strip_prefix('\'').unwrap_or(t))
    .filter(|t| t.chars().any(char::is_alphabetic))
    .filter(|t| {
        !t.chars().any(|c| {
            c.is_ascii_digit() || matches!(c, '@' | '/' | '_' | '.' | '£' | '×' | '÷' | '=')
        })
    })
    .map(|t| t.replace('’', "'"))
    .collect()
}

/// Sentences in a message: a full stop followed by a space and a capital letter (or an
/// opening quote) ends one.
fn sentences(message: &str) -> usize {
    let b: Vec<char> = message.chars().collect();
    1 + b
        .windows(3)
        .filter(|w| w[0] == '.' && w[1] == ' ' && (w[2].is_ascii_uppercase() || w[2] == '“'))
        .count()
}

/// What is wrong with a text, if anything. `echoed`: words the applicant typed.
fn problems(text: &str, words_ok: &Words, echoed: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for w in words(text) {
        if echoed.contains(&w) {
            continue;
        }
        let mut c = w.chars();
        if c.next().is_some_and(|f| f.is_ascii_lowercase()) && c.any(|x| x.is_ascii_uppercase()) {
            out.push(format!(
                "{w:?} starts with a lower-case letter before capitals"
            ));
        } else if !words_ok.knows(&w) {
            out.push(format!(
                "{w:?} is not in the dictionary or tests/fixtures/words.txt"
            ));
        }
    }
    if text.contains("(s)") {
        out.push("\"(s)\": write the singular or the plural".to_owned());
    }
    let ws: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    for pair in ws.windows(2) {
        if !pair[0].is_empty() && pair[0] == pair[1] && pair[0].chars().all(char::is_alphabetic) {
            out.push(format!("{:?} twice", pair[0]));
        }
    }
    if text != text.trim() || text.contains("  ") {
        out.push("extra spaces".to_owned());
    }
    out
}

/// A message's ending: one sentence, no full stop; more than one, a full stop.
fn ending_problem(message: &str) -> Option<String> {
    let n = sentences(message);
    let stop = message.ends_with('.');
    match (n, stop) {
        (1, true) => {
            Some("one sentence ends with a full stop (GOV.UK error messages have none)".into())
        }
        (n, false) if n > 1 => Some(format!("{n} sentences but no full stop at the end")),
        _ => None,
    }
}

/// Every string in a JSON value, split into words: what the applicant typed.
fn typed_words(v: &Value, out: &mut HashSet<String>) {
    match v {
        Value::String(s) => out.extend(words(s)),
        Value::Array(a) => a.iter().for_each(|x| typed_words(x, out)),
        Value::Object(o) => o.values().for_each(|x| typed_words(x, out)),
        _ => {}
    }
}

/// (where, text) of every fixed text: labels, questions, hints, titles, code labels, the
/// catalogue, the profiles' wording.
fn fixed_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |place: String, text: &str| out.push((place, text.to_owned()));
    for f in FIELDS {
        add(format!("label {}", f.pattern), f.label());
    }
    for (p, q, h) in questions::all() {
        add(format!("question {p}"), q);
        if let Some(h) = h {
            add(format!("hint {p}"), h);
        }
    }
    for s in SECTIONS {
        add(format!("section {}", s.id), s.title());
        for part in sen_core::form::section_parts(s.id) {
            add(format!("section {} page", s.id), part);
        }
    }
    for g in sen_core::flags::GROUPS {
        add(format!("question {}", g.question), g.question);
        add(format!("answer {}", g.none), g.none);
        for (p, words) in g.members {
            add(format!("checkbox {p}"), words);
        }
    }
    for l in LISTS {
        for part in sen_core::form::item_parts(l.pointer) {
            add(format!("list {} page", l.pointer), part);
        }
        add(format!("list {}", l.pointer), l.title);
        add(format!("list item {}", l.pointer), l.item);
    }
    let mut seen = BTreeSet::new();
    for f in FIELDS {
        if let Some(Options::Codes(list)) = options_for(f.pattern) {
            for (code, label) in list {
                if seen.insert((*code, *label)) {
                    add(format!("code {code} ({})", f.pattern), label);
                }
            }
        }
    }
    // Code lists no field offers are still labels people may read.
    for (code, label) in codes::AttachmentType::options()
        .iter()
        .chain(codes::SenType::options())
    {
        if seen.insert((*code, *label)) {
            add(format!("code {code}"), label);
        }
    }
    // The message catalogue itself, read from its file, its placeholders taken out.
    // The command line's usage and severity tags are its own notation (FILE, WARN*), and a
    // date's form is written as one (YYYY-MM-DD), and so are a size's units (KB).
    const NOTATION: &[&str] = &[
        "rule.F-06.date",
        "display.kilobytes",
        "cli.usage",
        "cli.help",
        "cli.args.no-file",
        "cli.args.one-file",
        "cli.report.error",
        "cli.report.info",
        "cli.report.warning",
        "cli.report.justified",
        "cli.report.justified-key",
        // The widget names an attribute (profile-url), a format (JSON) and keys (Ctrl+C).
        "widget.config.no-profile",
        "widget.draft.file-not-object",
        "widget.draft.not-object",
        "widget.paste.hint",
        // The reader names the format (JSON) a file is not, or is not whole.
        "read.cut-off",
        "read.not-an-object",
        "read.syntax",
        "read.too-deep",
    ];
    let catalogue: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("messages/en.json")).unwrap())
            .unwrap();
    for (id, text) in catalogue.as_object().unwrap() {
        if NOTATION.contains(&id.as_str()) {
            continue;
        }
        let text = text.as_str().unwrap();
        let words = sen_core::text::placeholders(text)
            .iter()
            .fold(text.to_owned(), |t, p| {
                t.replace(&format!("{{{p}}}"), " \u{b7} ")
            });
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        add(format!("catalogue {id}"), &words);
    }
    for r in RULES {
        add(format!("rule {} title", r.id), r.title);
        add(format!("rule {} source", r.id), r.source);
    }
    for (id, p, _) in profiles() {
        add(format!("profile {id} name"), &p.name);
        if let Some(next) = &p.next_steps {
            add(format!("profile {id} next steps"), next);
        }
        for (k, v) in &p.labels {
            add(format!("profile {id} label {k}"), v);
        }
        for b in &p.funding.bands {
            add(format!("profile {id} band {}", b.id), &b.label);
        }
        for s in SECTIONS {
            add(
                format!("profile {id} section {}", s.id),
                &p.section_title(s.id),
            );
        }
        // Each label as it stands in a message ("Enter the SENCo's name").
        for f in FIELDS {
            let pointer = f.pattern.replace('*', "0");
            add(
                format!("profile {id} F-01 {}", f.pattern),
                &missing_message(
                    &Catalogue::english(),
                    f.kind,
                    &label_in_sentence(&pointer, &p),
                ),
            );
        }
    }
    out
}

#[test]
fn every_word_people_read_is_spelt_right() {
    let words_ok = Words::load();
    let none = HashSet::new();
    let mut failures = Vec::new();
    for (place, text) in fixed_texts() {
        for p in problems(&text, &words_ok, &none) {
            failures.push(format!("{place}: {text:?}: {p}"));
        }
    }
    let today = "2025-04-30";
    let mut messages = 0;
    for (name, doc) in documents() {
        let mut echoed = HashSet::new();
        typed_words(&serde_json::from_str(&doc).unwrap(), &mut echoed);
        let value: Value = serde_json::from_str(&doc).unwrap();
        for (id, profile, source) in profiles() {
            let report = api::check(&doc, source.choice(), today)
                .unwrap_or_else(|e| panic!("{name} under {id}: {e}"));
            // The evidence pack's own words: the summary for parents and what the panel is told.
            let pack = sen_core::pack::Pack::new(&value, &profile, &report, None);
            for line in pack.parent.text().lines() {
                for p in problems(line, &words_ok, &echoed) {
                    failures.push(format!(
                        "{name} under {id}, the summary for parents: {line:?}: {p}"
                    ));
                }
            }
            for i in &report.issues {
                messages += 1;
                let place = format!("{name} under {id}, {} {}", i.rule_id, i.pointer);
                for p in problems(&i.message, &words_ok, &echoed) {
                    failures.push(format!("{place}: {:?}: {p}", i.message));
                }
                if let Some(p) = ending_problem(&i.message) {
                    failures.push(format!("{place}: {:?}: {p}", i.message));
                }
            }
        }
    }
    assert!(messages > 500, "only {messages} messages were checked");
    failures.sort();
    failures.dedup();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_checks_find_the_mistakes_they_are_for() {
    let words_ok = Words::load();
    let none = HashSet::new();
    let found = |text: &str| problems(text, &words_ok, &none);
    assert!(found("Enter the child's date of birth").is_empty());
    assert!(
        found("Enter the SENCo's name").is_empty(),
        "{:?}",
        found("Enter the SENCo's name")
    );
    assert_eq!(found("Enter sENCo's name").len(), 1);
    assert_eq!(found("Select sEN provision").len(), 1);
    assert_eq!(found("does not match 1 adult(s)").len(), 1);
    assert_eq!(found("Enter the the name").len(), 1);
    assert_eq!(found("Recieve the funding").len(), 1);
    assert_eq!(found("Enter english").len(), 1);
    assert_eq!(
        ending_problem("Enter the name."),
        Some("one sentence ends with a full stop (GOV.UK error messages have none)".into())
    );
    assert!(ending_problem("Cycle 2 lasts 16 weeks. Check the dates").is_some());
    assert!(ending_problem("Cycle 2 lasts 16 weeks. Check the dates.").is_none());
    assert!(ending_problem("Enter the name").is_none());
    assert_eq!(
        sentences("Consent 1 is dated 2 May 2025, in the future. Enter the date."),
        2
    );
    assert_eq!(sentences("(SEND Code of Practice 6.65); this shows 1"), 1);
}

#[test]
fn the_domain_words_are_not_in_the_dictionary_already() {
    // Keeps tests/fixtures/words.txt short: a word the dictionary has does not belong there.
    let dict = std::fs::read_to_string(DICTIONARY).unwrap_or_default();
    let dict: HashSet<&str> = dict.lines().collect();
    if dict.is_empty() {
        return; // the spelling test above says what is missing
    }
    let domain = read(&repo().join("tests/fixtures/words.txt"));
    let listed: Vec<&str> = domain
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty())
        .collect();
    let already: Vec<&&str> = listed.iter().filter(|w| dict.contains(**w)).collect();
    assert!(already.is_empty(), "already in the dictionary: {already:?}");
    let mut sorted = listed.clone();
    sorted.sort_by_key(|w| w.to_ascii_lowercase());
    sorted.dedup();
    assert_eq!(
        listed, sorted,
        "keep tests/fixtures/words.txt sorted, each word once"
    );
}
