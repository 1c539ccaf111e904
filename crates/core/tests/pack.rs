#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The evidence pack: S01's sections in the profile's order with the answers check your answers
//! shows, its documents with their short checksums, the warnings with the SENCo's
//! justifications, the reference and date sent in the running header, every text escaped, a
//! document with nothing in it, the council's contact, and the summary for parents in plain
//! English, measured with the Flesch reading ease formula.

use sen_core::date::Date;
use sen_core::pack::{html, parent, Pack, Sent};
use sen_core::profile::{builtin, Profile};
use sen_core::{chart, wire};
use serde_json::{json, Value};

fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scenario(name: &str) -> Value {
    let path = repo().join(format!("tests/fixtures/scenarios/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn pack_of(doc: &Value, profile: &Profile, sent: Option<&Sent>) -> Pack {
    let app = wire::application_from_value(doc).unwrap();
    let report = sen_core::rules::check(&app, profile, Date::parse("2025-04-30").unwrap());
    Pack::new(doc, profile, &report, sent)
}

/// A profile's JSON as the built-ins ship it (the tests change some).
fn builtin_json(id: &str) -> Value {
    let path = repo().join(format!("profiles/{id}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn stockton() -> Profile {
    builtin("stockton-one-point").unwrap()
}

fn row<'a>(pack: &'a Pack, section: &str, question: &str) -> &'a str {
    let s = pack.sections.iter().find(|s| s.id == section).unwrap();
    &s.rows
        .iter()
        .find(|r| r.question == question)
        .unwrap_or_else(|| panic!("no {question:?} in {section}: {:?}", s.rows))
        .answer
}

#[test]
fn s01s_pack_has_every_section_in_the_profiles_order_with_its_answers() {
    let doc = scenario("S01-complete-valid");
    let p = stockton();
    let pack = pack_of(&doc, &p, None);
    assert!(pack.complete);
    assert_eq!(pack.council, "Stockton-on-Tees One Point Panel");
    assert_eq!(pack.initials, "A.E.");
    assert_eq!(pack.child, "Alex Example");
    let ids: Vec<&str> = pack.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        p.sections.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let request = pack.sections.iter().find(|s| s.id == "request").unwrap();
    assert_eq!(request.title, "What you are asking the One Point Panel for");

    assert_eq!(row(&pack, "child", "Child's legal first name"), "Alex");
    assert_eq!(row(&pack, "child", "Child's date of birth"), "14 May 2016");
    // The local authority by its name, not its code.
    assert_eq!(
        row(&pack, "child", "Local authority where the child lives"),
        "Stockton-on-Tees"
    );
    // A "Which of these apply?" question is one row.
    assert_eq!(
        row(&pack, "context", "Which of these apply to the child?"),
        "The school gets pupil premium for them, Gets free school meals"
    );
    // Computed values are left out of the answers.
    let provision = pack.sections.iter().find(|s| s.id == "provision").unwrap();
    assert!(provision.rows.iter().all(|r| !r.question.contains("Total")));

    // Each provision row under its intervention, its cost a year first, as check your answers.
    let rows = doc["provisionMap"]["rows"].as_array().unwrap();
    assert_eq!(provision.items.len(), rows.len());
    for (item, r) in provision.items.iter().zip(rows) {
        assert_eq!(item.name, r["intervention"].as_str().unwrap());
        let cost = sen_core::cost::money(r["annualCostPence"].as_i64().unwrap());
        assert_eq!(item.rows[0].question, "Cost a year");
        assert!(item.rows[0].answer.starts_with(&cost), "{:?}", item.rows[0]);
    }
    assert_eq!(
        provision.items[0].rows[0].answer,
        "£6,536.00 (£17.20 an hour × 120 minutes × 5 sessions a week × 38 weeks)"
    );
    let totals: Vec<(&str, &str)> = provision
        .totals
        .iter()
        .map(|r| (r.question.as_str(), r.answer.as_str()))
        .collect();
    assert_eq!(
        totals,
        vec![
            ("Total cost of provision", "£9,022.42"),
            ("Rows paid by: Notional SEN budget (Element 2)", "£2,486.42"),
            ("Rows paid by: Top-up requested (Element 3)", "£6,536.00"),
            ("Notional SEN threshold", "£6,000.00"),
            ("School contribution", "£6,000.00"),
            ("Top-up requested", "£3,022.42"),
        ]
    );
    // Outcomes by number, references by name.
    let outcomes = pack.sections.iter().find(|s| s.id == "outcomes").unwrap();
    assert_eq!(outcomes.items[1].name, "Outcome 2");
    let r2 = &provision.items[1];
    let linked = r2
        .rows
        .iter()
        .find(|r| r.question.starts_with("Outcomes"))
        .unwrap();
    assert_eq!(linked.answer, "Outcome 1, Outcome 3, Outcome 5");
    // Each review of an outcome, with its evidence.
    let apdr = pack.sections.iter().find(|s| s.id == "apdr").unwrap();
    assert!(apdr.items[0].rows.contains(&sen_core::pack::Row::new(
        "Review of Outcome 1",
        "Partially achieved: 41 cwpm on 12 December (target 45)."
    )));
    let consent = pack.sections.iter().find(|s| s.id == "consent").unwrap();
    assert_eq!(consent.items[0].name, "Consent 1");
    assert!(consent.items[0]
        .rows
        .iter()
        .any(|r| r.answer == "Sam Example (Mother)"));
    assert!(consent.items[0]
        .rows
        .iter()
        .any(|r| r.answer == "22 April 2025"));

    // The documents: name, type, date, size and the first 12 characters of the checksum.
    let files = doc["attachments"].as_array().unwrap();
    assert_eq!(pack.documents.len(), files.len());
    for (d, f) in pack.documents.iter().zip(files) {
        assert_eq!(d.name, f["filename"].as_str().unwrap());
        assert_eq!(d.short_hash, f["sha256"].as_str().unwrap()[..12]);
        assert_eq!(d.short_hash.len(), 12);
    }
    assert_eq!(pack.documents[2].kind, "Professional report");
    assert_eq!(pack.documents[2].date, "11 February 2025");
    assert_eq!(pack.documents[2].size, "629 bytes");

    // The charts are the core's.
    let app = wire::application_from_value(&doc).unwrap();
    assert_eq!(
        pack.cost_chart,
        chart::cost::of_application(&app, &p, sen_core::pack::CHART_WIDTH)
    );
    assert_eq!(
        pack.timeline,
        chart::timeline::chart(&app, sen_core::pack::CHART_WIDTH)
    );
    assert!(pack.cost_chart.is_some() && pack.timeline.is_some());
    assert!(pack.warnings.is_empty() && pack.errors.is_empty());
}

#[test]
fn warnings_carry_the_senco_s_justification_and_errors_are_listed() {
    let doc = scenario("S13-few-parent-meetings-justified");
    let pack = pack_of(&doc, &stockton(), None);
    let justified: Vec<_> = pack
        .warnings
        .iter()
        .filter(|w| w.justification.is_some())
        .collect();
    assert!(!justified.is_empty(), "{:?}", pack.warnings);
    assert!(justified[0]
        .justification
        .as_deref()
        .unwrap()
        .starts_with("Alex's mother works abroad"));
    let page = html::document(&pack);
    assert!(
        page.contains("The SENCo&#x27;s explanation") || page.contains("The SENCo's explanation")
    );
    assert!(page.contains("Alex's mother works abroad"));

    let doc = scenario("S02-missing-consent");
    let pack = pack_of(&doc, &stockton(), None);
    assert!(!pack.complete);
    assert!(!pack.errors.is_empty());
    let page = html::document(&pack);
    assert!(page.contains("This application is not complete yet"));
    for e in &pack.errors {
        assert!(page.contains(&html_text(&e.message)), "{}", e.message);
    }
}

/// Text as the pack writes it.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_reference_and_date_sent_head_every_printed_page() {
    let doc = scenario("S01-complete-valid");
    let sent = Sent {
        reference: "SSF-2025-000123".to_owned(),
        date: Date::parse("2025-04-30"),
    };
    let pack = pack_of(&doc, &stockton(), Some(&sent));
    assert_eq!(pack.reference.as_deref(), Some("SSF-2025-000123"));
    assert_eq!(pack.sent.as_deref(), Some("30 April 2025"));
    let page = html::document(&pack);
    // The running header is the head of the page's table, repeated on every printed page.
    let head_start = page.find("<thead>").unwrap();
    let head = &page[head_start..page.find("</thead>").unwrap()];
    assert!(head.contains("Child: A.E."), "{head}");
    assert!(head.contains("Reference: SSF-2025-000123"), "{head}");
    assert!(page.contains("<dt>Sent</dt><dd>30 April 2025</dd>"));
    // Not sent: no reference anywhere.
    let page = html::document(&pack_of(&doc, &stockton(), None));
    assert!(!page.contains("Reference:"));
}

#[test]
fn every_text_is_escaped() {
    let mut doc = scenario("S01-complete-valid");
    doc["child"]["legalForename"] = json!("<script>alert(1)</script>");
    doc["provisionMap"]["rows"][0]["intervention"] = json!("Reading & <b>maths</b>");
    doc["request"]["summary"] = json!("\"quoted\" <img src=x onerror=alert(2)>");
    let pack = pack_of(&doc, &stockton(), None);
    let page = html::document(&pack);
    assert!(!page.contains("<script"), "a script tag got through");
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>maths"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("Reading &amp; &lt;b&gt;maths&lt;/b&gt;"));
    let own = parent::html(&pack.parent);
    assert!(own.contains("&quot;quoted&quot; &lt;img src=x onerror=alert(2)&gt;"));
    assert!(!own.contains("<img"));
    // The initials of such a name are still a letter.
    assert_eq!(pack.initials, "<.E.");
    assert!(!page.contains("Child: <."));
}

#[test]
fn an_empty_application_makes_a_pack_that_says_what_is_missing() {
    let doc = json!({"schemaVersion": "1.0"});
    let pack = pack_of(&doc, &stockton(), None);
    assert!(!pack.complete);
    assert!(pack.sections.iter().all(|s| s.is_empty()));
    assert!(pack.cost_chart.is_none() || pack.cost_chart.is_some());
    assert!(pack.timeline.is_none());
    let page = html::document(&pack);
    assert!(page.contains("<p>Not answered.</p>"));
    assert!(page.contains("There is no timeline"));
    assert!(page.contains("The school has not listed the support yet."));
    assert!(page.contains("The application does not record your consent yet."));
    assert_eq!(pack.child, "the child");
    assert_eq!(pack.initials, "");
    assert!(!page.contains("Child: "));
}

#[test]
fn the_councils_contact_is_in_the_parents_summary() {
    let doc = scenario("S01-complete-valid");
    let mut v = builtin_json("stockton-one-point");
    v["contact"] = json!({"name": "The SEN team", "email": "sen@example.gov.uk"});
    let p = Profile::from_json(&v.to_string()).unwrap();
    let pack = pack_of(&doc, &p, None);
    let contact = pack.parent.parts.last().unwrap();
    assert_eq!(contact.heading, "Who to contact");
    assert_eq!(
        contact.paragraphs[0],
        "You can contact The SEN team at the council."
    );
    assert!(contact
        .list
        .contains(&"Email: sen@example.gov.uk".to_owned()));
    assert!(contact
        .list
        .contains(&"The SENCo's email: senco@norton-example.sch.uk".to_owned()));
    // Without one, the school.
    let pack = pack_of(&doc, &stockton(), None);
    let contact = pack.parent.parts.last().unwrap();
    assert_eq!(
        contact.paragraphs[0],
        "Ask the school's SENCo, Jo Patel. They can put you in touch with the council."
    );
    // A contact needs a name and a way to reach it.
    for (bad, key) in [
        (json!({"name": "SEN team"}), "contact"),
        (json!({"name": " ", "email": "a@b.uk"}), "contact.name"),
        (
            json!({"name": "SEN team", "email": "not an email"}),
            "contact.email",
        ),
        (
            json!({"name": "SEN team", "telephone": ""}),
            "contact.telephone",
        ),
    ] {
        let mut v = builtin_json("stockton-one-point");
        v["contact"] = bad;
        let e = Profile::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.key, key, "{e}");
    }
}

#[test]
fn the_parents_summary_says_what_they_agreed_to_and_what_happens_next() {
    let doc = scenario("S01-complete-valid");
    let p = stockton();
    let pack = pack_of(&doc, &p, None);
    let text = pack.parent.text();
    for said in [
        "Norton Example Primary School is asking the Stockton-on-Tees One Point Panel for extra money to pay for Alex's support and help from the council's outreach team.",
        "The school is asking for £3,022.42.",
        "The school pays the first £6,000.00 of Alex's support itself.",
        doc["request"]["summary"].as_str().unwrap(),
        "Precision teaching: 5 sessions a week of 10 minutes, one to one with an adult",
        "Lego-based therapy group: 1 session a week of 1 hour, in a group of 3",
        "Visual timetable and ear defenders",
        "On 22 April 2025, Sam Example (Mother) agreed that the school can:",
        "share this application with the Stockton-on-Tees One Point Panel",
        "ask the council's outreach team to work with Alex and the school",
        "the council's outreach team",
        "You can take back your consent at any time.",
        "Tell the school's SENCo, Jo Patel, or the council.",
        p.next_steps.as_deref().unwrap(),
    ] {
        assert!(text.contains(said), "{said:?} is not in:\n{text}");
    }
    // No pence tables: amounts only in sentences.
    assert!(!parent::html(&pack.parent).contains("<table class=\"pack-table\""));
    // A withdrawn consent is said as such.
    let mut doc = doc;
    doc["consents"][0]["withdrawn"] = json!(true);
    doc["consents"][0]["withdrawnDate"] = json!("2025-04-25");
    let pack = pack_of(&doc, &p, None);
    let text = pack.parent.text();
    assert!(text.contains("Sam Example (Mother) took back their consent on 25 April 2025."));
    assert!(text.contains("The application does not record your consent yet."));
}

// Readability: the Flesch reading ease score,
//   206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words).
// 60 to 70 is "plain English" (read easily by 13 to 15 year olds); higher is easier.
//
// Sentences: each line of the summary (its title, a heading, a paragraph, a list item) is at
// least one, and a line holds one more for each ". ", "! " or "? " inside it.
// Words: what stands between spaces, with its letters kept; a token with no letter (an amount,
// a date's day or year, "1:1") is left out of both counts, as a reader says it without
// working at it.
// Syllables, by the usual heuristic: each run of vowels (a, e, i, o, u, y) is one; a final
// silent "e" is not ("share", but "table" keeps its "le"); a final "es" or "ed" after a
// consonant is not, except "ed" after "t" or "d" and "es" after a hissing sound ("shared" is
// one, "needed" and "boxes" two); every word has at least one.

fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    let n = w.len();
    let ends = |s: &str| w.iter().collect::<String>().ends_with(s);
    if n > 2 && ends("e") && !ends("le") && !ends("ee") && !ends("ye") {
        count -= 1;
    } else if n > 3 && (ends("es") || ends("ed")) {
        let before = w[n - 3];
        let sounded = matches!(before, 't' | 'd')
            || (ends("es") && matches!(before, 's' | 'x' | 'z' | 'h' | 'c' | 'g'));
        if !vowel(before) && !sounded {
            count -= 1;
        }
    }
    count.max(1)
}

fn flesch(text: &str) -> (f64, usize, usize, usize) {
    let mut sentences = 0;
    let mut words = 0;
    let mut syl = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        sentences += 1
            + line.matches(". ").count()
            + line.matches("? ").count()
            + line.matches("! ").count();
        for token in line.split_whitespace() {
            if token.chars().any(|c| c.is_ascii_alphabetic()) {
                words += 1;
                syl += syllables(token);
            }
        }
    }
    let score =
        206.835 - 1.015 * (words as f64 / sentences as f64) - 84.6 * (syl as f64 / words as f64);
    (score, words, sentences, syl)
}

#[test]
fn the_syllable_counter_counts_as_people_say_words() {
    for (word, n) in [
        ("the", 1),
        ("school", 1),
        ("share", 1),
        ("shared", 1),
        ("needed", 2),
        ("table", 2),
        ("council", 2),
        ("application", 4),
        ("educational", 5),
        ("psychologist", 4),
        ("agreed", 2),
        ("boxes", 2),
        ("takes", 1),
        ("Alex's", 2),
        ("consent", 2),
        ("every", 3),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
    let (easy, ..) = flesch("The cat sat on the mat.");
    let (hard, ..) = flesch("Notwithstanding considerable institutional deliberation, authorisation remains unconfirmed.");
    assert!(easy > 100.0 && hard < 0.0, "{easy} {hard}");
}

#[test]
fn s01s_summary_for_parents_is_plain_english() {
    let doc = scenario("S01-complete-valid");
    let pack = pack_of(&doc, &stockton(), None);
    let (score, words, sentences, syl) = flesch(&pack.parent.text());
    println!(
        "Flesch reading ease of S01's summary for parents: {score:.1} ({words} words, {sentences} sentences, {syl} syllables)"
    );
    assert!(score >= 60.0, "Flesch reading ease {score:.1} is below 60");
}

#[test]
fn the_parents_summary_is_a_page_of_its_own() {
    let doc = scenario("S01-complete-valid");
    let pack = pack_of(&doc, &stockton(), None);
    let own = parent::html(&pack.parent);
    assert!(own.starts_with("<!DOCTYPE html>"));
    assert!(own.contains("<h1 id=\"parent-summary\">About the application for Alex: a summary for parents and carers</h1>"));
    assert!(own.contains("<h2>What you have agreed to</h2>"));
    assert!(!own.contains("<script") && !own.contains("src=") && !own.contains("href="));
    // And part of the pack.
    let page = html::document(&pack);
    assert!(page.contains("<h2 id=\"parent-summary\">About the application for Alex"));
    assert!(page.contains("<h3>What you have agreed to</h3>"));
}
