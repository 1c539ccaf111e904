#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The charts' geometry, to the pixel: S01's provision map, an empty map, a map that cannot be
//! worked out, 500 rows, and the text alternative carrying the chart's numbers.

use sen_core::chart::cost::{chart, of_application, Costed};
use sen_core::chart::style::{Fill, Stroke};
use sen_core::chart::svg::to_svg;
use sen_core::chart::{Chart, Shape};
use sen_core::codes::{FundingSource, ProvisionArea};
use sen_core::cost::Totals;
use sen_core::{profile, wire};

mod common;
use proptest::prelude::*;

fn s01() -> sen_core::model::Application {
    let text =
        std::fs::read_to_string("../../tests/fixtures/scenarios/S01-complete-valid.json").unwrap();
    wire::parse_application(&text).unwrap()
}

fn rects(c: &Chart) -> Vec<(i64, i64, i64, i64, usize)> {
    c.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                x,
                y,
                width,
                height,
                fill: Fill::Series(i),
            } => Some((*x, *y, *width, *height, *i)),
            _ => None,
        })
        .collect()
}

fn threshold_xs(c: &Chart) -> Vec<i64> {
    c.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line {
                x1,
                x2,
                stroke: Stroke::Threshold,
                ..
            } if x1 == x2 => Some(*x1),
            _ => None,
        })
        .collect()
}

fn texts(c: &Chart) -> Vec<String> {
    c.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn s01_bars_and_threshold_to_the_pixel() {
    let p = profile::builtin("stockton-one-point").unwrap();
    let c = of_application(&s01(), &p, 640).unwrap();
    // The scale: £0 to £10,000 in £2,000 steps over pixels 16 to 624 (608 pixels for
    // 1,000,000 pence). £6,000 is at 16 + 364.8, rounded: 381.
    // A dash across each of the five bars at the threshold, then the key's at 16 + 8.
    assert_eq!(threshold_xs(&c), vec![381, 381, 381, 381, 381, 24]);
    // Each part is from x(sum before) to x(sum after), x(p) = 16 + p × 608 ÷ 1,000,000 rounded;
    // a label line is 20 pixels, then 4, the bar (24), and 16 before the next label.
    let bars: Vec<_> = rects(&c).into_iter().filter(|r| r.3 == 24).collect();
    assert_eq!(
        bars,
        vec![
            // Communication and interaction: £172.00 notional, 10.46 px.
            (16, 32, 10, 24, 0),
            // Cognition and learning: £1,394.67 notional (84.80 px), then £6,536.00 top-up to
            // £7,930.67 (482.18 px): 16 + 85 = 101 to 16 + 482 = 498.
            (16, 96, 85, 24, 0),
            (101, 96, 397, 24, 2),
            // Social, emotional and mental health: £859.75, 52.27 px.
            (16, 160, 52, 24, 0),
            // Sensory and/or physical: £60.00, 3.65 px.
            (16, 224, 4, 24, 0),
            // Total: £2,486.42 notional (151.17 px), then £6,536.00 top-up to £9,022.42
            // (548.56 px): 167 to 565.
            (16, 288, 151, 24, 0),
            (167, 288, 398, 24, 2),
        ]
    );
    let t = texts(&c);
    for words in [
        "Communication and interaction: £172.00",
        "Cognition and learning: £7,930.67",
        "Social, emotional and mental health: £859.75",
        "Sensory and/or physical: £60.00",
        "Total: £9,022.42",
        "School pays £6,000.00",
        "Top-up requested £3,022.42",
        "Notional threshold £6,000.00",
        "£0",
        "£2,000",
        "£10,000",
        "Notional SEN budget (Element 2)",
        "Top-up requested (Element 3)",
    ] {
        assert!(t.iter().any(|x| x == words), "{words} not in {t:?}");
    }
}

fn totals(total: i64, threshold: i64, school: i64, top_up: i64) -> Totals {
    Totals {
        total_pence: total,
        threshold_pence: threshold,
        threshold_basis_pence: total,
        school_contribution_pence: school,
        requested_top_up_pence: top_up,
        ..Totals::default()
    }
}

#[test]
fn an_empty_map_shows_the_threshold_and_a_total_of_nothing() {
    let c = chart(&[], &totals(0, 600_000, 0, 0), 640).unwrap();
    assert!(
        rects(&c).is_empty(),
        "no bar and no funding source in the key"
    );
    let t = texts(&c);
    assert!(t.contains(&"Total: £0.00".to_owned()), "{t:?}");
    assert!(t.contains(&"School pays £0.00".to_owned()));
    assert!(!t.iter().any(|x| x.starts_with("Top-up requested £")));
    // The scale still reaches the threshold: £6,000 in £2,000 steps, at the right end.
    assert_eq!(threshold_xs(&c).first(), Some(&624));
    assert!(t.contains(&"£6,000".to_owned()));
}

#[test]
fn no_chart_while_a_figure_cannot_be_worked_out() {
    let mut t = totals(100, 600_000, 100, 0);
    t.not_worked_out = vec!["/provisionMap/rows/0/sessionsPerWeek".to_owned()];
    assert!(chart(&[(None, None, Some(100))], &t, 640).is_none());
}

#[test]
fn five_hundred_rows_make_one_bar_an_area_and_stay_inside_the_chart() {
    let areas = ProvisionArea::ALL;
    let sources = FundingSource::ALL;
    let rows: Vec<Costed> = (0..500usize)
        .map(|i| {
            (
                areas.get(i % areas.len()).copied(),
                sources.get(i % sources.len()).copied(),
                Some(10_000 + i64::try_from(i).unwrap()),
            )
        })
        .collect();
    let sum: i64 = rows.iter().filter_map(|r| r.2).sum();
    let c = chart(&rows, &totals(sum, 600_000, 600_000, sum - 600_000), 640).unwrap();
    let t = texts(&c);
    assert!(
        t.contains(&format!("Total: {}", sen_core::cost::money(sum))),
        "{t:?}"
    );
    let bar_rows: std::collections::BTreeSet<i64> = rects(&c)
        .iter()
        .filter(|r| r.3 == 24)
        .map(|r| r.1)
        .collect();
    assert_eq!(
        bar_rows.len(),
        areas.len() + 1,
        "one bar per area and the total"
    );
    for s in &c.shapes {
        if let Shape::Rect { x, width, .. } = s {
            assert!(*x >= 0 && x + width <= c.width);
        }
    }
}

#[test]
fn at_320_pixels_labels_are_wrapped_to_fit() {
    let p = profile::builtin("stockton-one-point").unwrap();
    let c = of_application(&s01(), &p, 320).unwrap();
    let t = texts(&c);
    // (320 − 32) ÷ 9 = 32 characters a line.
    assert!(t.iter().all(|x| x.chars().count() <= 32), "{t:?}");
    assert!(t.contains(&"Social, emotional and mental".to_owned()));
    assert!(t.contains(&"health: £859.75".to_owned()));
}

#[test]
fn the_table_carries_the_charts_numbers() {
    let p = profile::builtin("stockton-one-point").unwrap();
    let c = of_application(&s01(), &p, 640).unwrap();
    let words = texts(&c).join(" ");
    for row in &c.table.rows {
        let last = row.last().unwrap();
        assert!(
            words.contains(last.as_str()),
            "{last} of {row:?} is not in the chart"
        );
    }
    assert_eq!(
        c.table.head,
        vec![
            "Area of need",
            "Notional SEN budget (Element 2)",
            "Top-up requested (Element 3)",
            "Cost a year"
        ]
    );
    assert_eq!(
        c.table.rows.get(1).unwrap(),
        &vec![
            "Cognition and learning",
            "£1,394.67",
            "£6,536.00",
            "£7,930.67"
        ]
    );
}

#[test]
fn svg_text_has_a_title_no_style_and_escaped_words() {
    let mut t = totals(0, 600_000, 0, 0);
    t.threshold_pence = 600_000;
    let c = chart(&[], &t, 640).unwrap();
    let svg = to_svg(&c, "a\"<b>");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains(r#"aria-labelledby="a&quot;&lt;b&gt;-title""#));
    assert!(!svg.contains("style"));
    assert_eq!(svg.matches("<text ").count(), texts(&c).len());
}

fn scenario(name: &str) -> sen_core::model::Application {
    let text =
        std::fs::read_to_string(format!("../../tests/fixtures/scenarios/{name}.json")).unwrap();
    wire::parse_application(&text).unwrap()
}

/// The bars of a timeline (height 16), as (x, y, width).
fn lane_bars(c: &Chart) -> Vec<(i64, i64, i64)> {
    rects(c)
        .into_iter()
        .filter(|r| r.3 == 16)
        .map(|r| (r.0, r.1, r.2))
        .collect()
}

#[test]
fn s01_timeline_to_the_pixel() {
    let c = sen_core::chart::timeline::chart(&s01(), 640).unwrap();
    // The axis runs from 1 September 2024 to 1 August 2025: 334 days over pixels 16 to 624.
    // x(d) = 16 + days × 608 ÷ 334, rounded.
    assert_eq!(
        lane_bars(&c),
        vec![
            // Cycle 1, 9 September (8 days: 14.56 → 15, at 31) to its review on 13 December
            // (103 days: 187.50 → 187, at 203).
            (31, 32, 203 - 31),
            // Cycle 2, 6 January (127 days: 231.19 → 231) to 28 March (208: 378.63 → 379).
            (247, 106, 395 - 247),
            // Cycle 3 in progress, 22 April (233 days: 424.14 → 424) to its planned review on
            // 11 July (313: 569.77 → 570).
            (440, 180, 586 - 440),
            // The educational psychologist, 20 January (141 days: 256.67 → 257) to the report
            // on 11 February (163: 296.72 → 297).
            (273, 254, 313 - 273),
        ]
    );
    let t = texts(&c);
    for words in [
        "Cycle 1: from 9 Sep 2024, reviewed 13 Dec 2024",
        "At review: outcome 1 partially achieved, outcome 2 achieved",
        "Cycle 3: from 22 Apr 2025, review planned for 11 Jul 2025",
        "Consent given 22 Apr 2025",
        "Sep 2024",
        "Jan 2025",
    ] {
        assert!(t.iter().any(|x| x == words), "{words} not in {t:?}");
    }
    // The table has a row per lane with the same dates.
    assert_eq!(c.table.rows.len(), 5);
    assert_eq!(
        c.table.rows.first().unwrap(),
        &vec![
            "Cycle 1",
            "9 Sep 2024",
            "13 Dec 2024",
            "13 Dec 2024",
            "outcome 1 partially achieved, outcome 2 achieved"
        ]
    );
}

#[test]
fn overlapping_cycles_are_drawn_overlapping_in_lanes_of_their_own() {
    let c = sen_core::chart::timeline::chart(&scenario("S07-cycles-overlap"), 640).unwrap();
    let bars = lane_bars(&c);
    let (one, two) = (bars[0], bars[1]);
    assert!(
        two.0 < one.0 + one.2,
        "cycle 2 starts before cycle 1 ends: {bars:?}"
    );
    assert!(two.1 > one.1, "in a lane below, not over it");
    assert!(one.2 > 0 && two.2 > 0);
}

#[test]
fn a_year_boundary_is_named_at_every_width() {
    for width in [320, 480, 640, 1200] {
        let c = sen_core::chart::timeline::chart(&s01(), width).unwrap();
        let t = texts(&c);
        assert!(t.contains(&"Jan 2025".to_owned()), "{width}: {t:?}");
        for s in &c.shapes {
            if let Shape::Text { x, .. } | Shape::Rect { x, .. } = s {
                assert!(*x >= 0 && *x <= width, "{width}: {s:?}");
            }
        }
    }
}

/// Every text of a chart, as far as it is taken to reach, inside the chart; and no two texts on
/// one line (an axis's labels) running into each other.
fn texts_fit(c: &Chart) -> Result<(), String> {
    use sen_core::chart::layout::extent;
    let mut spans: Vec<(i64, i64, i64, &str)> = Vec::new();
    for s in &c.shapes {
        if let Shape::Text {
            x,
            y,
            anchor,
            kind,
            text,
        } = s
        {
            let (first, last) = extent(*x, *anchor, *kind, text);
            if first < 0 || last > c.width {
                return Err(format!("{text:?} reaches {first}..{last} of {}", c.width));
            }
            spans.push((*y, first, last, text));
        }
    }
    for (i, a) in spans.iter().enumerate() {
        for b in spans.iter().skip(i + 1) {
            if a.0 == b.0 && a.1 < b.2 && b.1 < a.2 {
                return Err(format!(
                    "{:?} and {:?} overlap at {} wide",
                    a.3, b.3, c.width
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn labels_stay_inside_and_apart_at_every_width() {
    let p = profile::builtin("stockton-one-point").unwrap();
    for name in [
        "S01-complete-valid",
        "S07-cycles-overlap",
        "S21-looked-after-with-pep",
    ] {
        let app = scenario(name);
        for width in 200..=1400 {
            for c in [
                of_application(&app, &p, width),
                sen_core::chart::timeline::chart(&app, width),
            ]
            .into_iter()
            .flatten()
            {
                if let Err(e) = texts_fit(&c) {
                    panic!("{name}: {e}");
                }
            }
        }
    }
}

#[test]
fn nothing_to_draw_and_dates_far_apart() {
    let empty = wire::parse_application(r#"{"schemaVersion": "1.0"}"#).unwrap();
    assert!(sen_core::chart::timeline::chart(&empty, 640).is_none());
    let far = wire::parse_application(
        r#"{"schemaVersion": "1.0", "apdrCycles": [{"startDate": "0001-01-01", "actualReviewDate": "9999-12-31", "status": "COMPLETED"}]}"#,
    )
    .unwrap();
    let c = sen_core::chart::timeline::chart(&far, 640).unwrap();
    assert!(c.shapes.len() < 400, "{} shapes", c.shapes.len());
}

/// Every shape of a chart lies inside it.
fn inside(c: &Chart) -> bool {
    c.shapes.iter().all(|s| match s {
        Shape::Rect {
            x,
            y,
            width,
            height,
            ..
        } => *x >= 0 && *y >= 0 && x + width <= c.width && y + height <= c.height,
        Shape::Line { x1, x2, y1, y2, .. } => {
            [x1, x2].iter().all(|x| (0..=c.width).contains(*x))
                && [y1, y2].iter().all(|y| (0..=c.height).contains(*y))
        }
        Shape::Text { x, y, .. } => (0..=c.width).contains(x) && (0..=c.height).contains(y),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    /// Random applications at random widths: never a panic, every shape inside the chart.
    #[test]
    fn random_applications_draw_inside_their_charts(
        doc in common::typed_application(),
        width in 0i64..2000,
    ) {
        let Ok(app) = wire::application_from_value(&doc) else { return Ok(()) };
        let p = profile::builtin("stockton-one-point").unwrap();
        for c in [of_application(&app, &p, width), sen_core::chart::timeline::chart(&app, width)]
            .into_iter()
            .flatten()
        {
            prop_assert!(inside(&c), "a shape outside a chart {} wide: {:?}", c.width, c.shapes);
            prop_assert!(!to_svg(&c, "c").contains("style"));
        }
    }
}
