#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Provision maps pasted from a spreadsheet or read from a CSV file (`sen_core::paste`).

use proptest::prelude::*;
use sen_core::codes::{FundingSource, ProvisionArea, ProvisionCategory, StaffRole};
use sen_core::paste::{self, Pasted};

const TSV: &str = include_str!("../../../tests/fixtures/paste/provision-map.tsv");
const CSV: &str = include_str!("../../../tests/fixtures/paste/provision-map.csv");
const EXPECTED: &str = include_str!("../../../tests/fixtures/paste/expected.json");

/// The application's outcomes, as the widget passes them: (id, text).
fn outcomes() -> Vec<(String, String)> {
    (1..=5)
        .map(|n| (format!("o{n}"), format!("Outcome number {n} of the plan")))
        .collect()
}

/// Each fixture row's cost worked out here, apart from the core: rate × minutes × sessions ×
/// weeks × adults ÷ (60 × pupils), rounded half-up to the penny; or fixed cost × quantity.
/// Sessions a week are (numerator, denominator) so that "Fortnightly" is exact.
fn independent_costs() -> Vec<i64> {
    // (rate pence, minutes, sessions num, sessions den, weeks, adults, pupils) or fixed.
    enum Row {
        Staff(i64, i64, i64, i64, i64, i64, i64),
        Fixed(i64, i64),
    }
    use Row::*;
    let rows = [
        Staff(1720, 10, 5, 1, 38, 1, 1),
        Staff(1720, 30, 3, 1, 36, 1, 4),
        Staff(1560, 15, 4, 1, 38, 1, 1),
        Staff(1560, 30, 2, 1, 30, 1, 3),
        Staff(2050, 20, 3, 1, 38, 1, 1),
        Staff(1720, 60, 1, 1, 30, 1, 3),
        Staff(1720, 15, 2, 1, 38, 1, 1),
        Staff(2050, 30, 2, 1, 38, 1, 4),
        Staff(1840, 45, 1, 1, 12, 1, 1),
        Staff(1400, 30, 5, 1, 38, 1, 2),
        Staff(1560, 15, 5, 1, 38, 1, 5),
        Staff(1560, 20, 2, 1, 20, 1, 4),
        Fixed(32500, 2),
        Fixed(42500, 2),
        Fixed(1850, 1),
        Fixed(3240, 1),
        Staff(1720, 120, 5, 1, 38, 1, 1),
        Staff(3800, 45, 1, 1, 30, 1, 6),
        Staff(4200, 30, 1, 2, 38, 1, 1),
        Staff(2050, 20, 4, 1, 38, 2, 6),
    ];
    rows.iter()
        .map(|r| match *r {
            Staff(rate, mins, sn, sd, weeks, adults, pupils) => {
                let num = rate * mins * sn * weeks * adults;
                let den = 60 * sd * pupils;
                (2 * num + den) / (2 * den)
            }
            Fixed(cost, qty) => cost * qty,
        })
        .collect()
}

fn expected_costs() -> Vec<i64> {
    let v: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    v["costsPence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_i64().unwrap())
        .collect()
}

fn check_fixture(p: &Pasted) {
    assert!(p.headings);
    assert_eq!(p.rows.len(), 20);
    assert!(p.unused.is_empty(), "{:?}", p.unused);
    assert!(p.notes.is_empty(), "{:?}", p.notes);
    let problems: Vec<_> = p.problems().collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let costs: Vec<i64> = p.rows.iter().map(|r| r.cost_pence.unwrap()).collect();
    assert_eq!(costs, independent_costs());
    assert_eq!(costs, expected_costs());
    for r in &p.rows {
        assert_eq!(r.stated_pence, r.cost_pence, "row {}", r.number);
        assert!(!r.cost_differs());
    }
    let numbers: Vec<usize> = p.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, (2..=21).collect::<Vec<_>>());
    let first = &p.rows[0].row;
    assert_eq!(
        first.intervention.as_deref(),
        Some("Precision teaching (reading)")
    );
    assert_eq!(first.area, Some(ProvisionArea::Cl));
    assert_eq!(first.category, Some(ProvisionCategory::StaffTime));
    assert_eq!(first.staff_role, Some(StaffRole::TaL3));
    assert_eq!((first.adults, first.group_size), (Some(1), Some(1)));
    assert_eq!(first.staff_ratio.as_deref(), Some("1:1"));
    assert_eq!(first.hourly_rate_pence, Some(1720));
    assert_eq!(first.funding_source, Some(FundingSource::NotionalSen));
    assert_eq!(
        first.start_date.as_ref().map(|d| d.0.as_str()),
        Some("2024-09-09")
    );
    assert_eq!(
        first.end_date.as_ref().map(|d| d.0.as_str()),
        Some("2025-07-18")
    );
    assert_eq!(first.linked_outcome_ids, Some(vec!["o1".to_owned()]));
    assert_eq!(
        first.entry_data.as_ref().and_then(|d| d.value.as_deref()),
        Some("32 cwpm\n(Year 2 text)")
    );
    let ep = &p.rows[13].row;
    assert_eq!(ep.category, Some(ProvisionCategory::SlaService));
    assert_eq!(ep.staff_role, Some(StaffRole::ExternalSla));
    assert_eq!((ep.fixed_cost_pence, ep.quantity), (Some(42500), Some(2)));
    assert_eq!(p.rows[14].row.category, Some(ProvisionCategory::Resource));
    assert_eq!(
        p.rows[16].row.funding_source,
        Some(FundingSource::TopUpRequested)
    );
    assert_eq!(
        p.rows[17].row.funding_source,
        Some(FundingSource::PupilPremium)
    );
    assert_eq!(p.rows[18].row.sessions_per_week, Some(0.5.into()));
    assert_eq!(
        p.rows[18].row.linked_outcome_ids.as_ref().map(Vec::len),
        Some(5)
    );
    // "£0.00" in the fixed-cost column of a staff-time row is not kept.
    assert_eq!(p.rows[10].row.fixed_cost_pence, None);
}

#[test]
fn twenty_rows_pasted_from_excel() {
    check_fixture(&paste::read(TSV, &outcomes()));
}

#[test]
fn twenty_rows_from_a_csv_file() {
    assert!(CSV.starts_with('\u{feff}'));
    check_fixture(&paste::read(CSV, &outcomes()));
    // The same file saved with semicolons and Unix line endings.
    let semi = CSV.replace("\r\n", "\n");
    let mut rows = Vec::new();
    let mut reader = semi.as_str();
    // Re-delimit only outside quotes: the fixture's quoted cells hold commas and line breaks.
    let mut quoted = false;
    let mut out = String::new();
    while let Some(c) = reader.chars().next() {
        reader = &reader[c.len_utf8()..];
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c)
            }
            ',' if !quoted => out.push(';'),
            _ => out.push(c),
        }
    }
    rows.push(out);
    check_fixture(&paste::read(&rows[0], &outcomes()));
}

#[test]
fn without_the_heading_row_the_template_order_is_used() {
    let body = TSV.split_once("\r\n").unwrap().1;
    let p = paste::read(body, &outcomes());
    assert!(!p.headings);
    assert_eq!(p.rows.len(), 20);
    // The fixture's columns are the template's: Delivered by is the staff role, and so on.
    let costs: Vec<i64> = p.rows.iter().map(|r| r.cost_pence.unwrap()).collect();
    assert_eq!(costs, independent_costs());
    assert_eq!(p.rows[0].number, 1);
    assert!(
        p.problems().next().is_none(),
        "{:?}",
        p.problems().collect::<Vec<_>>()
    );
}

#[test]
fn shuffled_columns_are_matched_by_their_headings() {
    // Reverse the columns of every row (the quoted cell with a line break stays whole).
    let lines: Vec<Vec<String>> = paste_rows(TSV);
    let text: String = lines
        .iter()
        .map(|r| {
            r.iter()
                .rev()
                .map(|c| {
                    if c.contains('\n') {
                        format!("\"{c}\"")
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n");
    check_fixture(&paste::read(&text, &outcomes()));
}

/// The fixture's cells, row by row (read by a plain splitter that knows its one quoted cell).
fn paste_rows(tsv: &str) -> Vec<Vec<String>> {
    let joined = tsv.replace("\"32 cwpm\n(Year 2 text)\"", "32 cwpm\u{1}(Year 2 text)");
    joined
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(|c| c.replace('\u{1}', "\n")).collect())
        .collect()
}

#[test]
fn other_heading_names_councils_use() {
    let text = "Intervention,Broad area,Staff role,Group size,Times per week,Minutes,Weeks,Cost per hour,Total cost,Who pays,Notes\n\
                Toe by Toe,Cognition and learning,HLTA,2,3,20,10,£20.50,£102.50,LA,Good progress\n";
    let p = paste::read(text, &[]);
    assert!(p.headings);
    assert_eq!(p.unused, vec!["Notes".to_owned()]);
    let r = &p.rows[0];
    assert_eq!(r.row.group_size, Some(2));
    assert_eq!(r.row.staff_role, Some(StaffRole::Hlta));
    assert_eq!(r.row.funding_source, Some(FundingSource::TopUpRequested));
    // 2050 × 20/60 × 3 × 10 ÷ 2 = 10250
    assert_eq!(r.cost_pence, Some(10250));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn a_bad_row_is_named_with_its_column() {
    let mut lines: Vec<String> = TSV.split("\r\n").map(str::to_owned).collect();
    // Row 4 of the spreadsheet (the third provision): its hourly rate is not money.
    lines[3] = lines[3].replace("£15.60", "abc");
    let p = paste::read(&lines.join("\r\n"), &outcomes());
    let problems: Vec<&String> = p.problems().collect();
    assert_eq!(
        problems,
        vec!["Row 4, 'Hourly rate': 'abc' is not an amount of money (like £17.20)"]
    );
    assert_eq!(p.rows[2].number, 4);
    assert_eq!(p.rows[2].row.hourly_rate_pence, None);
    assert_eq!(p.rows[2].cost_pence, None);
}

#[test]
fn problems_say_what_is_missing_or_unknown() {
    let text = "Provision\tStaff\tRatio\tSessions per week\tMinutes\tWeeks\tHourly rate\tFunding\tOutcomes\tStart date\n\
                \tDinner lady\t1:3\t2\t30\t38\t£14.00\tSchool\t7\t31/02/2025\n\
                Reading group\tTA\t1:3\t\t30\t38\t£14.00\tBank\t2\t01/09/2025\n";
    let p = paste::read(text, &outcomes()[..2]);
    assert_eq!(
        p.rows[0].problems,
        vec![
            "Row 2, 'Staff': 'Dinner lady' is not a staff role we know (such as TA level 2, HLTA, Teacher or SENCo)",
            "Row 2, 'Outcomes': there is no outcome 7: the application has 2 outcomes",
            "Row 2, 'Start date': '31/02/2025' is not a date (like 09/09/2024)",
            "Row 2, 'Provision': this is empty: say what the provision is",
        ]
    );
    assert_eq!(
        p.rows[1].problems,
        vec![
            "Row 3, 'Funding': 'Bank' is not a way of paying we know (use Notional SEN budget, Pupil premium, Top-up, Other grant or Free service)",
            "Row 3: the cost cannot be worked out without 'Sessions per week'",
        ]
    );
    assert_eq!(
        p.rows[1].row.linked_outcome_ids,
        Some(vec!["o2".to_owned()])
    );
}

#[test]
fn a_stated_cost_that_differs_is_kept_beside_the_worked_out_one() {
    let text =
        "Provision,Staff role,Ratio,Sessions per week,Minutes,Weeks,Hourly rate,Annual cost\n\
                Precision teaching,TA,1:1,5,10,38,£17.20,\"£544.00\"\n";
    let p = paste::read(text, &[]);
    assert_eq!(p.rows[0].stated_pence, Some(54400));
    assert_eq!(p.rows[0].cost_pence, Some(54467));
    assert!(p.rows[0].cost_differs());
}

#[test]
fn blank_rows_titles_and_totals_are_skipped() {
    let text = "Costed provision map\r\nPupil: A.B.\r\n\r\nProvision\tRatio\tSessions per week\tMinutes\tWeeks\tHourly rate\r\n\
                \r\nTalk boost\t1:4\t3\t30\t10\t£16.00\r\n\t\t\t\t\t\r\n\r\nTotal\t\t\t\t\t\r\n";
    let p = paste::read(text, &[]);
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].number, 6);
    assert_eq!(p.rows[0].cost_pence, Some(6000));
    assert_eq!(
        p.notes,
        vec![
            "Rows 1 to 2, above the headings, were not used.".to_owned(),
            "Row 9 looks like a total and was not added.".to_owned()
        ]
    );
}

#[test]
fn windows_line_endings_and_quoted_cells() {
    let text = "Provision\tEntry data\tFixed cost\r\n\"Visual timetable\tand\r\nsymbols\"\t\"He said \"\"no\"\"\"\t£12.00\r\n";
    let p = paste::read(text, &[]);
    assert_eq!(p.rows.len(), 1);
    let r = &p.rows[0].row;
    assert_eq!(
        r.intervention.as_deref(),
        Some("Visual timetable\tand\r\nsymbols")
    );
    assert_eq!(
        r.entry_data.as_ref().and_then(|d| d.value.as_deref()),
        Some("He said \"no\"")
    );
    assert_eq!(p.rows[0].cost_pence, Some(1200));
    assert_eq!(r.category, Some(ProvisionCategory::Resource));
}

#[test]
fn iso_dates_and_outcomes_by_their_text() {
    let outcomes = vec![
        ("o7".to_owned(), "Read 60 words a minute by July".to_owned()),
        (
            "o9".to_owned(),
            "Name his feelings on 4 days out of 5".to_owned(),
        ),
    ];
    let text = "Provision;Start date;End date;Outcomes;Fixed cost\nEar defenders;2024-09-09;2025-07-18 00:00:00;Name his feelings on 4 days out of 5;£20\n";
    let p = paste::read(text, &outcomes);
    let r = &p.rows[0];
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(
        r.row.start_date.as_ref().map(|d| d.0.as_str()),
        Some("2024-09-09")
    );
    assert_eq!(
        r.row.end_date.as_ref().map(|d| d.0.as_str()),
        Some("2025-07-18")
    );
    assert_eq!(r.row.linked_outcome_ids, Some(vec!["o9".to_owned()]));
}

#[test]
fn a_ten_thousand_character_cell_is_kept_and_said_to_be_too_long() {
    let long = "x".repeat(10_000);
    let text = format!("Provision\tFixed cost\n{long}\t£5.00\n");
    let p = paste::read(&text, &[]);
    assert!(
        p.rows[0].row.intervention.as_deref() == Some(long.as_str()),
        "the long text was not kept"
    );
    assert_eq!(
        p.rows[0].problems,
        vec!["Row 2, 'Provision': this is 10,000 characters long; at most 200 fit"]
    );
    // In a column read as a number, the message quotes only its start.
    let text = format!("Provision\tFixed cost\nA\t{long}\n");
    let p = paste::read(&text, &[]);
    let m = &p.rows[0].problems[0];
    assert!(m.len() < 120, "{m}");
    assert!(m.starts_with("Row 2, 'Fixed cost': 'xxxx"));
}

#[test]
fn hostile_text_is_kept_as_text() {
    let text = "Provision\tEntry data\tFixed cost\n<script>alert(1)</script>\t<img src=x onerror=alert(1)>\t£1\n";
    let p = paste::read(text, &[]);
    assert_eq!(
        p.rows[0].row.intervention.as_deref(),
        Some("<script>alert(1)</script>")
    );
    assert_eq!(
        p.rows[0]
            .row
            .entry_data
            .as_ref()
            .and_then(|d| d.value.as_deref()),
        Some("<img src=x onerror=alert(1)>")
    );
    let bad = paste::read("Provision\tFixed cost\nA\t<script>\n", &[]);
    assert_eq!(
        bad.rows[0].problems,
        vec!["Row 2, 'Fixed cost': '<script>' is not an amount of money (like £17.20)"]
    );
}

#[test]
fn extra_columns_without_headings_are_listed() {
    let text = format!("{}\textra\n", "A\t".repeat(18).trim_end());
    let p = paste::read(&text, &[]);
    assert!(!p.headings);
    assert_eq!(p.unused, vec!["Column 19".to_owned()]);
}

#[test]
fn empty_and_odd_input() {
    assert_eq!(paste::read("", &[]).rows.len(), 0);
    assert_eq!(paste::read("\r\n\r\n\t\t\n", &[]).rows.len(), 0);
    assert_eq!(paste::read("\u{feff}", &[]).rows.len(), 0);
    let p = paste::read("sep=;\nProvision;Fixed cost\nA;£1,50\n", &[]);
    assert_eq!(p.rows.len(), 1);
}

#[test]
fn only_the_first_rows_are_read() {
    let text = "Talk boost\tC&I\n".repeat(paste::MAX_ROWS + 5);
    let p = paste::read(&text, &[]);
    assert_eq!(p.rows.len(), paste::MAX_ROWS);
    assert_eq!(p.notes.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_text_panics(text in "(?s).{0,400}") {
        let _ = paste::read(&text, &outcomes());
    }

    #[test]
    fn no_spreadsheet_like_text_panics(
        cells in proptest::collection::vec(
            proptest::collection::vec("[\"\t,;\r\n£0-9a-zA-Z:./ -]{0,12}", 0..20), 0..12)
    ) {
        let text = cells.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\r\n");
        let with_heading = format!("{}\r\n{text}", paste::DEFAULT_ORDER.iter().map(|(_, id)| sen_core::text::english(id).unwrap_or(id)).collect::<Vec<_>>().join("\t"));
        let _ = paste::read(&text, &outcomes());
        let p = paste::read(&with_heading, &[]);
        for r in &p.rows {
            prop_assert!(r.number >= 2);
        }
    }

    #[test]
    fn the_fixture_cut_anywhere_does_not_panic(cut in 0usize..3000) {
        let end = TSV.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0);
        let _ = paste::read(&TSV[..end], &outcomes());
        let _ = paste::read(&CSV[..CSV.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0)], &[]);
    }
}

/// S01's provision map as the school keeps it in a spreadsheet (entry data's measure and date
/// in columns of their own) reads back as S01's rows: everything but what the form works out
/// (ids, staff ratios, annual costs).
#[test]
fn s01_spreadsheet_reads_as_s01_rows() {
    let s01: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/scenarios/S01-complete-valid.json"
    ))
    .unwrap();
    let outcomes: Vec<(String, String)> = s01["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_owned(),
                o["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let pasted = paste::read(
        include_str!("../../../tests/fixtures/paste/s01-provision-map.tsv"),
        &outcomes,
    );
    assert_eq!(
        pasted.problems().count(),
        0,
        "{:?}",
        pasted.problems().collect::<Vec<_>>()
    );
    assert!(pasted.unused.is_empty(), "{:?}", pasted.unused);
    let app = sen_core::model::Application {
        provision_map: Some(sen_core::model::ProvisionMap {
            rows: Some(pasted.rows.iter().map(|r| r.row.clone()).collect()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let read = sen_core::wire::to_value(&app);
    let expected = s01["provisionMap"]["rows"].as_array().unwrap();
    let got = read["provisionMap"]["rows"].as_array().unwrap();
    assert_eq!(got.len(), expected.len());
    // Numbers compare as JSON numbers do (5 and 5.0 are one number), as a receiver reads them.
    fn numbers_as_f64(v: &serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Number(n) => serde_json::json!(n.as_f64()),
            serde_json::Value::Object(m) => m
                .iter()
                .filter(|(k, _)| !["id", "staffRatio", "annualCostPence"].contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), numbers_as_f64(v)))
                .collect(),
            serde_json::Value::Array(a) => a.iter().map(numbers_as_f64).collect(),
            other => other.clone(),
        }
    }
    for (n, (g, e)) in got.iter().zip(expected).enumerate() {
        assert_eq!(numbers_as_f64(g), numbers_as_f64(e), "row {}", n + 1);
        assert_eq!(
            pasted.rows[n].cost_pence,
            expected[n]["annualCostPence"].as_i64()
        );
        assert!(!pasted.rows[n].cost_differs());
    }
}
