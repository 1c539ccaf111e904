#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! sen-check on provision maps it must not call complete: rows it cannot cost, amounts above the
//! bound, impossible periods, free services with a cost; and rounded frequencies it must accept.
//! Each case is S01 (complete under Stockton) with its third row (r3: £17.20 an hour × 60
//! minutes × 1 session a week × 30 weeks ÷ 3 pupils = £172.00, notional SEN) changed, and the
//! stated totals moved by what the change should do to them.

mod common;

use std::process::Output;

use common::{builtin_profile, run, temp, S01};
use sen_core::report::Report;
use serde_json::{json, Value};

const R3: &str = "/provisionMap/rows/2";

fn s01() -> Value {
    serde_json::from_str(S01).unwrap()
}

/// Runs sen-check on a document's text: exit code, human report, JSON report (if any).
fn check_text(name: &str, text: &str, extra: &[&str]) -> (i32, String, Option<Report>) {
    let f = temp(name, text.as_bytes());
    let run = |json: bool| -> Output {
        let mut args = vec!["--today", "2025-04-30"];
        if !extra.iter().any(|a| a.starts_with("--profile")) {
            args.extend(["--profile", "stockton-one-point"]);
        }
        args.extend(extra);
        if json {
            args.push("--json");
        }
        args.push(f.to_str().unwrap());
        run(&args)
    };
    let human = run(false);
    let machine = run(true);
    let text = String::from_utf8_lossy(&human.stdout).into_owned()
        + &String::from_utf8_lossy(&human.stderr);
    (
        human.status.code().unwrap_or(-1),
        text,
        serde_json::from_slice(&machine.stdout).ok(),
    )
}

fn check(name: &str, doc: &Value) -> (i32, String, Option<Report>) {
    check_text(name, &doc.to_string(), &[])
}

/// Moves every stated figure S01's third row feeds (it is notional SEN and S01's spending is
/// over the threshold, so the top-up moves with it) by `delta` pence.
fn move_totals(doc: &mut Value, delta: i64) {
    for p in [
        "/provisionMap/totalPence",
        "/provisionMap/subtotals/notionalSenPence",
        "/provisionMap/requestedTopUpPence",
        "/request/amountRequestedPence",
    ] {
        let v = doc.pointer_mut(p).unwrap();
        *v = json!(v.as_i64().unwrap() + delta);
    }
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent).unwrap()[key] = value;
}

fn issue<'a>(r: &'a Report, rule: &str, at: &str) -> Option<&'a sen_core::report::Issue> {
    r.issues
        .iter()
        .find(|i| i.rule_id == rule && i.pointer == at)
}

/// S01's third row as the old core left it out: the stated totals without it.
fn left_out(field: &str, value: Value) -> Value {
    let mut doc = s01();
    set(&mut doc, &format!("{R3}/{field}"), value);
    set(&mut doc, &format!("{R3}/annualCostPence"), Value::Null);
    move_totals(&mut doc, -17_200);
    doc
}

fn assert_uncostable(name: &str, doc: &Value, at: &str, why: &str) {
    let (code, text, report) = check(name, doc);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("Complete: no"), "{text}");
    assert!(text.contains("totals not worked out"), "{text}");
    let r = report.unwrap();
    assert!(!r.complete);
    let i = issue(&r, "V-62", at).unwrap_or_else(|| panic!("{name}: {text}"));
    assert!(i.message.contains("cannot be costed"), "{}", i.message);
    assert!(i.message.contains(why), "{}", i.message);
    // Totals left without the row are not compared with it missing.
    assert!(r.issues.iter().all(|i| i.rule_id != "V-63"), "{text}");
    assert!(r.totals.not_worked_out.contains(&at.to_owned()));
}

#[test]
fn sessions_a_week_above_the_cap_are_an_error_not_a_row_left_out() {
    for (name, spw) in [("1001", json!(1001)), ("1e308", json!(1e308))] {
        let doc = left_out("sessionsPerWeek", spw);
        assert_uncostable(
            name,
            &doc,
            &format!("{R3}/sessionsPerWeek"),
            "more than 1,000",
        );
    }
}

#[test]
fn a_fixed_cost_whose_product_overflows_is_an_error() {
    let mut doc = left_out("category", json!("RESOURCE"));
    let row = doc.pointer_mut(R3).unwrap().as_object_mut().unwrap();
    for k in [
        "hourlyRatePence",
        "sessionMinutes",
        "sessionsPerWeek",
        "weeks",
        "staffRole",
    ] {
        row.remove(k);
    }
    row.insert("fixedCostPence".into(), json!(900_000_000));
    row.insert("quantity".into(), json!(i64::MAX / 1000));
    assert_uncostable(
        "overflow",
        &doc,
        &format!("{R3}/fixedCostPence"),
        "more than £10,000,000.00",
    );
}

#[test]
fn a_row_of_type_other_with_staff_time_figures_is_costed_as_staff_time() {
    // The old core left it out and the totals without it were "complete".
    let doc = left_out("category", json!("OTHER"));
    let (code, text, report) = check("other", &doc);
    assert_eq!(code, 1, "{text}");
    let r = report.unwrap();
    assert_eq!(r.totals.row_costs_pence[2], Some(17_200));
    assert!(
        issue(&r, "V-63", "/provisionMap/totalPence").is_some(),
        "{text}"
    );
    // With its cost and the totals as S01 states them, it is complete.
    let mut whole = s01();
    set(&mut whole, &format!("{R3}/category"), json!("OTHER"));
    let (code, text, _) = check("other-whole", &whole);
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_row_with_both_an_hourly_rate_and_a_fixed_cost_is_refused_with_a_reason() {
    let mut doc = left_out("category", json!("SLA_SERVICE"));
    set(&mut doc, &format!("{R3}/fixedCostPence"), json!(17_200));
    assert_uncostable(
        "both",
        &doc,
        &format!("{R3}/fixedCostPence"),
        "both an hourly rate and a fixed cost",
    );
}

#[test]
fn amounts_above_the_bound_are_refused_never_saturated() {
    // Two rows of 2^62 pence: the old total was one penny short of the true sum, "complete".
    let mut doc = s01();
    let big = 1_i64 << 62;
    let rows = doc.pointer_mut("/provisionMap/rows").unwrap();
    let mut first = rows[0].clone();
    first["hourlyRatePence"] = Value::Null;
    first["category"] = json!("RESOURCE");
    for k in [
        "sessionMinutes",
        "sessionsPerWeek",
        "weeks",
        "groupSize",
        "staffRole",
    ] {
        first.as_object_mut().unwrap().remove(k);
    }
    first["fixedCostPence"] = json!(big);
    first["annualCostPence"] = json!(big);
    let mut second = first.clone();
    first["id"] = json!("r8");
    second["id"] = json!("r9");
    rows.as_array_mut().unwrap().extend([first, second]);
    set(&mut doc, "/provisionMap/totalPence", json!(i64::MAX));
    let (code, text, report) = check("big", &doc);
    assert_eq!(code, 1, "{text}");
    let r = report.unwrap();
    assert!(!r.complete);
    let f05 = issue(&r, "F-05", "/provisionMap/totalPence").expect("total over the bound");
    assert!(
        f05.message.contains("more than £10,000,000.00"),
        "{}",
        f05.message
    );
    assert!(issue(&r, "F-05", "/provisionMap/rows/7/fixedCostPence").is_some());
    assert!(issue(&r, "V-62", "/provisionMap/rows/7/fixedCostPence").is_some());
    assert!(
        r.totals.total_pence <= 1_000_000_000,
        "{}",
        r.totals.total_pence
    );
}

#[test]
fn a_profile_sets_the_bound_on_amounts() {
    let mut profile = builtin_profile("stockton-one-point");
    profile["funding"]["maxAmountPence"] = json!(500_000);
    let p = temp("bound-profile.json", profile.to_string().as_bytes());
    let (code, text, report) = check_text("bound", S01, &["--profile-file", p.to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    let r = report.unwrap();
    // r1 costs £6,536.00: above a £5,000 bound.
    assert!(
        issue(&r, "V-62", "/provisionMap/rows/0/hourlyRatePence").is_some(),
        "{text}"
    );
    assert!(
        issue(&r, "F-05", "/provisionMap/rows/0/annualCostPence").is_some(),
        "{text}"
    );
    profile["funding"]["maxAmountPence"] = json!(0);
    let p = temp("bound-profile-0.json", profile.to_string().as_bytes());
    let (code, text, _) = check_text("bound0", S01, &["--profile-file", p.to_str().unwrap()]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("funding.maxAmountPence"), "{text}");
}

#[test]
fn a_period_outside_the_school_year_is_an_error() {
    for weeks in [0, -3, 39] {
        let mut doc = s01();
        set(&mut doc, "/provisionMap/periodWeeks", json!(weeks));
        let (code, text, report) = check(&format!("period{weeks}"), &doc);
        assert_eq!(code, 1, "{weeks}: {text}");
        let r = report.unwrap();
        let i = issue(&r, "V-68", "/provisionMap/periodWeeks").unwrap_or_else(|| panic!("{text}"));
        assert!(
            i.message.contains("between 1 and 38 weeks"),
            "{}",
            i.message
        );
        assert!(!r.complete);
    }
    let mut doc = s01();
    set(&mut doc, "/provisionMap/periodWeeks", json!(38));
    assert_eq!(check("period38", &doc).0, 0);
}

/// S01 with its third row at 1 hour a week for 38 weeks, one pupil, `spw` sessions a week and
/// a stated cost of `stated`.
fn third_row(spw: Value, stated: i64) -> Value {
    let mut doc = s01();
    set(&mut doc, &format!("{R3}/weeks"), json!(38));
    set(&mut doc, &format!("{R3}/groupSize"), json!(1));
    set(&mut doc, &format!("{R3}/staffRatio"), json!("1:1"));
    set(&mut doc, &format!("{R3}/sessionsPerWeek"), spw);
    set(&mut doc, &format!("{R3}/annualCostPence"), json!(stated));
    move_totals(&mut doc, stated - 17_200);
    doc
}

#[test]
fn typed_decimals_are_costed_exactly_as_typed() {
    // £17.20 × 38 × 0.3333 = £217.84 (the old core used 0.333: £217.65).
    let (code, text, _) = check("exact", &third_row(json!(0.3333), 21_784));
    assert_eq!(code, 0, "{text}");
    let (code, text, report) = check("exact-wrong", &third_row(json!(0.3333), 21_765));
    assert_eq!(code, 1, "{text}");
    let r = report.unwrap();
    let i = issue(&r, "V-62", &format!("{R3}/annualCostPence")).unwrap();
    assert!(
        i.message.contains("0.3333 sessions a week"),
        "{}",
        i.message
    );
    assert!(i.message.contains("£217.84"), "{}", i.message);
}

#[test]
fn a_rounded_decimal_is_accepted_for_the_fraction_it_stands_for() {
    // A third of a session a week: £17.20 × 38 ÷ 3 = £217.87; typed 0.333 it is £217.65.
    for spw in [json!(0.333), json!(0.3333), json!(0.33)] {
        let (code, text, _) = check("third", &third_row(spw.clone(), 21_787));
        assert_eq!(code, 0, "{spw}: {text}");
    }
    let (code, _, _) = check("third-typed", &third_row(json!(0.333), 21_765));
    assert_eq!(code, 0);
    // One in thirteen (termly): £17.20 × 38 ÷ 13 = £50.28.
    let (code, text, _) = check("thirteenth", &third_row(json!(0.077), 5_028));
    assert_eq!(code, 0, "{text}");
    // Neither: the message shows both workings.
    let (code, text, report) = check("third-wrong", &third_row(json!(0.333), 21_700));
    assert_eq!(code, 1, "{text}");
    let i = issue(&report.unwrap(), "V-62", &format!("{R3}/annualCostPence"))
        .unwrap()
        .clone();
    assert!(i.message.contains("0.333 sessions a week"), "{}", i.message);
    assert!(i.message.contains("£217.87"), "{}", i.message);
    assert!(
        i.message.contains("1 session every 3 weeks"),
        "{}",
        i.message
    );
    // A decimal with one place is taken as it is: 0.5 is not "a third".
    let (code, _, _) = check("half", &third_row(json!(0.3), 21_787));
    assert_eq!(code, 1);
}

#[test]
fn a_free_service_with_a_cost_is_a_warning_and_does_not_count_toward_the_threshold() {
    let mut doc = s01();
    set(
        &mut doc,
        &format!("{R3}/fundingSource"),
        json!("FREE_SERVICE"),
    );
    move_totals(&mut doc, -17_200);
    // The total still counts every row.
    let total = doc
        .pointer("/provisionMap/totalPence")
        .unwrap()
        .as_i64()
        .unwrap();
    set(&mut doc, "/provisionMap/totalPence", json!(total + 17_200));
    set(
        &mut doc,
        "/provisionMap/subtotals/freeServicePence",
        json!(17_200),
    );
    let (_, text, report) = check("free", &doc);
    let r = report.unwrap();
    let w = issue(&r, "V-76", &format!("{R3}/fundingSource")).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(w.severity, sen_core::report::Severity::Warning);
    assert!(w.message.contains("costs £172.00"), "{}", w.message);
    assert!(r.issues.iter().all(|i| i.rule_id != "V-66"), "{text}");
    assert_eq!(r.totals.threshold_basis_pence, 902_242 - 17_200);
}

#[test]
fn a_frequency_can_be_given_as_a_fraction() {
    // One session every three weeks, exactly: £17.20 × 38 ÷ 3 = £217.87.
    let (code, text, report) = check("fraction", &third_row(json!("1/3"), 21_787));
    assert_eq!(code, 0, "{text}");
    assert_eq!(report.unwrap().totals.row_costs_pence[2], Some(21_787));
    // The working says it in words.
    let (code, text, report) = check("fraction-wrong", &third_row(json!("1/3"), 21_700));
    assert_eq!(code, 1, "{text}");
    let i = issue(&report.unwrap(), "V-62", &format!("{R3}/annualCostPence"))
        .unwrap()
        .clone();
    assert!(
        i.message.contains("× 1 session every 3 weeks ×"),
        "{}",
        i.message
    );
    // A fraction that is not one is refused where it is.
    for bad in ["1/0", "one in three", "1.5/3"] {
        let (code, text, _) = check("fraction-bad", &third_row(json!(bad), 21_787));
        assert_eq!(code, 2, "{bad}: {text}");
        assert!(
            text.contains("/provisionMap/rows/2/sessionsPerWeek"),
            "{text}"
        );
        assert!(text.contains("like \"1/3\""), "{text}");
    }
}
