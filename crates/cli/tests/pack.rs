#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `sen-check --pack FILE` through the real binary: one self-contained HTML document holding
//! S01's answers, documents and consent, the two charts byte for byte as the core draws them,
//! the summary for parents, text typed as markup kept as text; the exit code is the report's
//! whatever the pack; `--pack -` writes it to standard output; a FILE that cannot be written
//! is a clear error.

mod common;
use common::*;

use sen_core::chart::svg::to_svg;
use sen_core::pack::{CHART_WIDTH, COST_CHART_ID, TIMELINE_ID};
use sen_core::{chart, profile, wire};

fn pack_of(file: &std::path::Path, name: &str) -> (std::process::Output, String) {
    let out_file =
        std::env::temp_dir().join(format!("sen-check-test-{}-{name}.html", std::process::id()));
    let o = run(&[
        "--today",
        "2025-04-30",
        "--pack",
        out_file.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&out_file).unwrap_or_default();
    let _ = std::fs::remove_file(&out_file);
    (o, html)
}

/// Text as HTML writes it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_pack_of_s01_is_one_self_contained_document_with_every_answer() {
    let (o, html) = pack_of(&s01(), "s01");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The report still goes to standard output.
    assert!(String::from_utf8_lossy(&o.stdout).contains("Complete: yes"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("</html>").count(), 1);
    // Nothing outside itself: no source, link, script or stylesheet to fetch.
    for asked in ["src=", "href=", "<script", "<link", "<iframe", "@import"] {
        assert!(!html.contains(asked), "the pack has {asked}");
    }
    // The charts' patterns are the only url(), each to a part of the document itself.
    assert!(html.contains("url(#"));
    assert_eq!(html.matches("url(").count(), html.matches("url(#").count());

    let doc = scenario("S01-complete-valid");
    assert!(html.contains("Application for SEN support for Alex Example"));
    assert!(html.contains("<dt>Child's legal first name</dt><dd>Alex</dd>"));
    for row in doc["provisionMap"]["rows"].as_array().unwrap() {
        let name = escaped(row["intervention"].as_str().unwrap());
        assert!(html.contains(&format!("<dt>{name}</dt>")), "{name}");
        let cost = sen_core::cost::money(row["annualCostPence"].as_i64().unwrap());
        assert!(
            html.contains(&format!("Cost a year: </span>{cost}")),
            "{name}: {cost}"
        );
    }
    for a in doc["attachments"].as_array().unwrap() {
        let file = a["filename"].as_str().unwrap();
        let short = &a["sha256"].as_str().unwrap()[..12];
        assert!(
            html.contains(&format!("<th scope=\"row\">{file}</th>")),
            "{file}"
        );
        assert!(html.contains(&format!("<td class=\"pack-hash\">{short}</td>")));
    }
    // The consent, its date and who gave it.
    assert!(html.contains("Date consent was given: </span>22 April 2025"));
    assert!(html.contains("Sam Example (Mother)"));
    assert!(html.contains(&escaped(doc["request"]["summary"].as_str().unwrap())));
    // The summary for parents.
    assert!(html.contains("About the application for Alex: a summary for parents and carers"));
    assert!(html.contains("You can take back your consent at any time."));

    // The two charts, byte for byte as the core draws them.
    let app = wire::application_from_value(&doc).unwrap();
    let p = profile::builtin("stockton-one-point").unwrap();
    let cost = chart::cost::of_application(&app, &p, CHART_WIDTH).unwrap();
    let timeline = chart::timeline::chart(&app, CHART_WIDTH).unwrap();
    for svg in [to_svg(&cost, COST_CHART_ID), to_svg(&timeline, TIMELINE_ID)] {
        assert_eq!(
            html.matches(&svg).count(),
            1,
            "a chart is not as the core draws it"
        );
    }
    assert_eq!(html.matches("<svg").count(), 2);
}

#[test]
fn the_exit_code_stays_the_reports_and_an_incomplete_application_has_a_pack() {
    let file = repo().join("tests/fixtures/scenarios/S02-missing-consent.json");
    let (o, html) = pack_of(&file, "s02");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(html.contains("This application is not complete yet"));
    // An application with almost nothing in it still has a pack.
    let empty = temp(
        "empty.json",
        br#"{"schemaVersion": "1.0", "profile": "stockton-one-point"}"#,
    );
    let (o, html) = pack_of(&empty, "empty");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(html.contains("<p>Not answered.</p>"));
}

#[test]
fn markup_typed_in_an_answer_stays_text() {
    let mut doc = scenario("S01-complete-valid");
    doc["child"]["legalForename"] = serde_json::json!("<script>alert('x')</script>");
    doc["sen"]["needsSummary"] = serde_json::json!("</dd></dl><img src=x onerror=alert(1)>");
    let file = temp("markup.json", doc.to_string().as_bytes());
    let (o, html) = pack_of(&file, "markup");
    assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(html.contains("&lt;/dd&gt;&lt;/dl&gt;&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn pack_dash_writes_it_to_standard_output_and_the_report_to_standard_error() {
    let o = run(&[
        "--today",
        "2025-04-30",
        "--pack",
        "-",
        s01().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        out.starts_with("<!DOCTYPE html>"),
        "{}",
        &out[..80.min(out.len())]
    );
    assert!(out.trim_end().ends_with("</html>"));
    assert!(stderr(&o).contains("Complete: yes"));
    // With --json, the report is JSON on standard error.
    let o = run(&[
        "--today",
        "2025-04-30",
        "--json",
        "--pack",
        "-",
        s01().to_str().unwrap(),
    ]);
    let report: serde_json::Value = serde_json::from_str(&stderr(&o)).unwrap();
    assert_eq!(report["complete"], true);
}

#[test]
fn a_pack_that_cannot_be_written_is_a_clear_error() {
    let target = std::env::temp_dir()
        .join(format!("sen-check-no-such-dir-{}", std::process::id()))
        .join("pack.html");
    let o = run(&[
        "--today",
        "2025-04-30",
        "--pack",
        target.to_str().unwrap(),
        s01().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(
        e.starts_with(&format!(
            "sen-check: cannot write the pack to {}: ",
            target.display()
        )),
        "{e}"
    );
    let o = run(&["--pack"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--pack needs a value"));
}
