//! The costed provision map as a picture: a bar for each area of need and one for the total,
//! each divided by who pays, a dashed line at the notional threshold, and brackets under the
//! total for what the school pays and the top-up requested.

use super::layout::{extent, fits, push_lines, LINE, PAD};
use super::scale::Scale;
use super::style::{Fill, Stroke};
use super::{Anchor, Chart, Shape, Table, TextKind};
use crate::codes::{FundingSource, ProvisionArea};
use crate::cost::{money, Totals};
use crate::model::Application;
use crate::profile::Profile;
use crate::text::Catalogue;

const BAR: i64 = 24;
/// Below a bar, before the next label.
const GAP: i64 = 16;
/// A pixel per this many pence at most: the scale's smallest step is a pound.
const UNIT: i64 = 100;
/// A tick at most every this many pixels.
const TICK_SPACING: i64 = 110;

/// One row of the map as the chart needs it: its area, who pays, and its cost if worked out.
pub type Costed = (Option<ProvisionArea>, Option<FundingSource>, Option<i64>);

/// The place of a funding source among the series (the order of `FundingSource::ALL`, then
/// rows that do not say who pays).
fn series(source: Option<FundingSource>) -> usize {
    source
        .and_then(|s| FundingSource::ALL.iter().position(|&f| f == s))
        .unwrap_or(FundingSource::ALL.len())
}

fn source_label(series: usize, texts: &Catalogue) -> String {
    FundingSource::ALL.get(series).map_or_else(
        || texts.format("chart.cost.no-source", &[]),
        |s| s.label_in(texts).to_owned(),
    )
}

/// A bar: its label and its cost in each series.
struct Bar {
    label: String,
    by_series: [i64; 6],
}

impl Bar {
    fn total(&self) -> i64 {
        self.by_series
            .iter()
            .fold(0i64, |a, &b| a.saturating_add(b))
    }
}

/// The bars: each area with a cost, in the code list's order, then rows with no area, then the
/// total.
fn bars(rows: &[Costed], texts: &Catalogue) -> Vec<Bar> {
    let mut groups: Vec<(Option<ProvisionArea>, [i64; 6])> = ProvisionArea::ALL
        .iter()
        .map(|&a| (Some(a), [0; 6]))
        .chain(std::iter::once((None, [0; 6])))
        .collect();
    let mut total = [0i64; 6];
    for &(area, source, cost) in rows {
        let Some(cost) = cost.filter(|&c| c > 0) else {
            continue;
        };
        let s = series(source);
        if let Some((_, sums)) = groups.iter_mut().find(|(a, _)| *a == area) {
            if let Some(v) = sums.get_mut(s) {
                *v = v.saturating_add(cost);
            }
        }
        if let Some(v) = total.get_mut(s) {
            *v = v.saturating_add(cost);
        }
    }
    let mut out: Vec<Bar> = groups
        .into_iter()
        .filter(|(_, sums)| sums.iter().any(|&v| v > 0))
        .map(|(area, by_series)| Bar {
            label: area.map_or_else(
                || texts.format("chart.cost.no-area", &[]),
                |a| a.label_in(texts).to_owned(),
            ),
            by_series,
        })
        .collect();
    out.push(Bar {
        label: texts.format("chart.cost.total", &[]),
        by_series: total,
    });
    out
}

fn text(x: i64, y: i64, anchor: Anchor, kind: TextKind, text: String) -> Shape {
    Shape::Text {
        x,
        y,
        anchor,
        kind,
        text,
    }
}

fn line(x1: i64, y1: i64, x2: i64, y2: i64, stroke: Stroke) -> Shape {
    Shape::Line {
        x1,
        y1,
        x2,
        y2,
        stroke,
    }
}

/// A text at `x` that stays inside the chart: anchored at its end right of the middle.
fn label_at(x: i64, y: i64, width: i64, kind: TextKind, words: String) -> Shape {
    let anchor = if x > width / 2 {
        Anchor::End
    } else {
        Anchor::Start
    };
    text(x, y, anchor, kind, words)
}

/// A bracket under a bar from `from` to `to` pixels at height `y`, with its label below: under
/// the bracket's end on the right half of the chart, its start on the left. Where the label
/// would then run off the chart (a narrow screen) it starts at the bracket's start, or at the
/// chart's edge in lines that fit. Returns how far below `y` the label reaches.
fn bracket(out: &mut Vec<Shape>, from: i64, to: i64, y: i64, width: i64, words: String) -> i64 {
    out.push(line(from, y - 6, from, y, Stroke::Bracket));
    out.push(line(from, y, to, y, Stroke::Bracket));
    out.push(line(to, y - 6, to, y, Stroke::Bracket));
    let x = if to > width / 2 { to } else { from };
    let label = label_at(x, y + 18, width, TextKind::Label, words);
    let Shape::Text {
        x, anchor, text, ..
    } = &label
    else {
        return 18;
    };
    let (first, last) = extent(*x, *anchor, TextKind::Label, text);
    if first >= 0 && last <= width {
        out.push(label);
        return 18;
    }
    let w = last - first;
    if from >= 0 && from + w <= width {
        out.push(self::text(
            from,
            y + 18,
            Anchor::Start,
            TextKind::Label,
            text.clone(),
        ));
        return 18;
    }
    let mut below = y;
    push_lines(
        out,
        text,
        fits(width),
        PAD,
        &mut below,
        LINE,
        2,
        TextKind::Label,
    );
    below - y
}

/// The chart of a provision map at `width` pixels, from each row's area, funding source and
/// cost, and the map's totals. `None` while a figure cannot be worked out (`not_worked_out`):
/// a chart must never show totals without every row.
pub fn chart(rows: &[Costed], totals: &Totals, width: i64) -> Option<Chart> {
    chart_in(rows, totals, width, &Catalogue::english())
}

/// [`chart`] in the words of `texts`.
pub fn chart_in(rows: &[Costed], totals: &Totals, width: i64, texts: &Catalogue) -> Option<Chart> {
    if !totals.not_worked_out.is_empty() {
        return None;
    }
    let width = width.max(4 * PAD + 80);
    let bars = bars(rows, texts);
    let largest = bars
        .iter()
        .map(Bar::total)
        .max()
        .unwrap_or(0)
        .max(totals.threshold_pence)
        .max(totals.school_contribution_pence + totals.requested_top_up_pence);
    let most_ticks = ((width - 2 * PAD) / TICK_SPACING).max(1);
    let scale = Scale::new(largest, most_ticks, UNIT, PAD, width - PAD);
    let mut shapes = Vec::new();
    let threshold_x = scale.x(totals.threshold_pence);
    let fits = fits(width);
    let mut y = 8;
    let mut present = [false; 6];
    let total = texts.format("chart.cost.total", &[]);
    for bar in &bars {
        let kind = if bar.label == total {
            TextKind::Strong
        } else {
            TextKind::Label
        };
        let label = texts.format(
            "chart.cost.bar",
            &[("label", &bar.label), ("cost", &money(bar.total()))],
        );
        push_lines(&mut shapes, &label, fits, PAD, &mut y, LINE, 4, kind);
        y += 4;
        let mut sum = 0i64;
        for (s, &v) in bar.by_series.iter().enumerate() {
            if v <= 0 {
                continue;
            }
            if let Some(p) = present.get_mut(s) {
                *p = true;
            }
            let (x0, x1) = (scale.x(sum), scale.x(sum.saturating_add(v)));
            sum = sum.saturating_add(v);
            if x1 > x0 {
                shapes.push(Shape::Rect {
                    x: x0,
                    y,
                    width: x1 - x0,
                    height: BAR,
                    fill: Fill::Series(s),
                });
            }
        }
        // The threshold across each bar, not over the labels.
        shapes.push(line(
            threshold_x,
            y - 4,
            threshold_x,
            y + BAR + 4,
            Stroke::Threshold,
        ));
        y += BAR + GAP;
    }
    let school = totals.school_contribution_pence;
    let top_up = totals.requested_top_up_pence;
    let mut below = y - GAP + 14;
    below += 22
        + bracket(
            &mut shapes,
            scale.x(0),
            scale.x(school),
            below,
            width,
            texts.format("chart.cost.school-pays", &[("cost", &money(school))]),
        );
    if top_up > 0 {
        below += 22
            + bracket(
                &mut shapes,
                scale.x(school),
                scale.x(school.saturating_add(top_up)),
                below,
                width,
                texts.format("chart.cost.top-up", &[("cost", &money(top_up))]),
            );
    }
    let axis = below;
    shapes.push(line(PAD, axis, width - PAD, axis, Stroke::Axis));
    let ticks = scale.ticks();
    let last = ticks.len().saturating_sub(1);
    for (i, t) in ticks.iter().enumerate() {
        let x = scale.x(*t);
        shapes.push(line(x, axis, x, axis + 6, Stroke::Axis));
        let anchor = match i {
            0 => Anchor::Start,
            i if i == last => Anchor::End,
            _ => Anchor::Middle,
        };
        let pounds = money(*t);
        let words = pounds.strip_suffix(".00").unwrap_or(&pounds).to_owned();
        shapes.push(text(x, axis + 22, anchor, TextKind::Tick, words));
    }
    // The key: the threshold's dashes, then each funding source drawn.
    let mut key = axis + 36;
    let threshold = texts.format(
        "chart.cost.threshold",
        &[("cost", &money(totals.threshold_pence))],
    );
    push_lines(
        &mut shapes,
        &threshold,
        fits - 4,
        PAD + 24,
        &mut key,
        LINE,
        4,
        TextKind::Label,
    );
    shapes.push(line(PAD + 8, key - 28, PAD + 8, key - 4, Stroke::Threshold));
    for (s, _) in present.iter().enumerate().filter(|(_, &p)| p) {
        shapes.push(Shape::Rect {
            x: PAD,
            y: key + 6,
            width: 16,
            height: 16,
            fill: Fill::Series(s),
        });
        push_lines(
            &mut shapes,
            &source_label(s, texts),
            fits - 4,
            PAD + 24,
            &mut key,
            LINE + 4,
            0,
            TextKind::Label,
        );
    }
    key += 8;
    let table = table(&bars, &present, totals, texts);
    Some(Chart {
        title: texts.format(
            "chart.cost.title",
            &[
                ("total", &money(bars.last().map_or(0, Bar::total))),
                ("threshold", &money(totals.threshold_pence)),
            ],
        ),
        width,
        height: key,
        shapes,
        table,
    })
}

/// The same figures as a table: a row per bar, a column per funding source present.
fn table(bars: &[Bar], present: &[bool; 6], totals: &Totals, texts: &Catalogue) -> Table {
    let columns: Vec<usize> = (0..6)
        .filter(|&s| present.get(s).copied().unwrap_or(false))
        .collect();
    let mut head = vec![texts.format("chart.cost.table.area", &[])];
    head.extend(columns.iter().map(|&s| source_label(s, texts)));
    head.push(texts.format("chart.cost.table.cost", &[]));
    let blank = || vec![String::new(); columns.len()];
    let mut rows: Vec<Vec<String>> = bars
        .iter()
        .map(|b| {
            let mut row = vec![b.label.clone()];
            row.extend(
                columns
                    .iter()
                    .map(|&s| money(b.by_series.get(s).copied().unwrap_or(0))),
            );
            row.push(money(b.total()));
            row
        })
        .collect();
    for (name, amount) in [
        ("chart.cost.table.threshold", totals.threshold_pence),
        (
            "chart.cost.table.school-pays",
            totals.school_contribution_pence,
        ),
        ("chart.cost.table.top-up", totals.requested_top_up_pence),
    ] {
        let mut row = vec![texts.format(name, &[])];
        row.extend(blank());
        row.push(money(amount));
        rows.push(row);
    }
    Table {
        caption: texts.format("chart.cost.table.caption", &[]),
        head,
        rows,
    }
}

/// The chart of an application's provision map under a profile.
pub fn of_application(app: &Application, profile: &Profile, width: i64) -> Option<Chart> {
    of_application_in(app, profile, width, &Catalogue::english())
}

/// [`of_application`] in the words of `texts`.
pub fn of_application_in(
    app: &Application,
    profile: &Profile,
    width: i64,
    texts: &Catalogue,
) -> Option<Chart> {
    let totals = crate::cost::totals(app, &profile.funding);
    let rows: Vec<Costed> = app
        .provision_map
        .as_ref()
        .and_then(|m| m.rows.as_ref())
        .map(|rows| {
            rows.iter()
                .zip(&totals.row_costs_pence)
                .map(|(r, c)| (r.area, r.funding_source, *c))
                .collect()
        })
        .unwrap_or_default();
    chart_in(&rows, &totals, width, texts)
}
