//! The graduated approach over time: each assess-plan-do-review cycle in a lane of its own on a
//! date axis (so cycles that overlap are drawn overlapping, neither hidden), to its review or,
//! while in progress, to its planned review; the planned review dashed and the review held
//! marked; what each review found for each outcome; each specialist's involvement to their
//! report; and the date consent was given.

use super::layout::{extent, fits, push_lines, LINE, PAD};
use super::style::{Fill, Stroke, MARK, PLANNED};
use super::{Anchor, Chart, Shape, Table, TextKind};
use crate::codes::CycleStatus;
use crate::date::Date;
use crate::model::Application;
use crate::text::Catalogue;

const BAR: i64 = 16;
const GAP: i64 = 14;
/// Month labels at least this far apart, in pixels.
const LABEL_SPACING: i64 = 64;
/// The least space between two month labels.
const LABEL_GAP: i64 = 8;

/// A month's short name (`chart.month.1`…`12`: "Jan").
fn month_name(d: Date, texts: &Catalogue) -> String {
    texts.format(&format!("chart.month.{}", d.month()), &[])
}

/// "9 Sep 2024".
fn short(d: Date, texts: &Catalogue) -> String {
    texts.format(
        "chart.date",
        &[
            ("day", &d.day()),
            ("month", &month_name(d, texts)),
            ("year", &d.year()),
        ],
    )
}

/// The first day of `d`'s month.
fn month_start(d: Date) -> Date {
    Date::new(d.year(), d.month(), 1).unwrap_or(d)
}

/// A lane: its label, a bar from one date to another, and the marks on it.
struct Lane {
    label: String,
    bar: Option<(Date, Date, Fill)>,
    planned: Option<Date>,
    marks: Vec<Date>,
    notes: Vec<String>,
    row: Vec<String>,
}

fn date_of(t: Option<&crate::model::DateText>) -> Option<Date> {
    t.and_then(|t| t.date())
}

fn lanes(app: &Application, texts: &Catalogue) -> Vec<Lane> {
    let outcomes = app.outcomes.as_deref().unwrap_or_default();
    let outcome_number = |id: &str| {
        outcomes
            .iter()
            .position(|o| o.id.as_deref() == Some(id))
            .map_or_else(
                || texts.format("chart.timeline.unlisted-outcome", &[]),
                |i| texts.format("chart.timeline.outcome", &[("n", &(i + 1))]),
            )
    };
    let mut out = Vec::new();
    for (i, c) in app
        .apdr_cycles
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let n = c.cycle_no.unwrap_or(i64::try_from(i).unwrap_or(0) + 1);
        let start = date_of(c.start_date.as_ref());
        let planned = date_of(c.planned_review_date.as_ref());
        let actual = date_of(c.actual_review_date.as_ref());
        let done = c.status == Some(CycleStatus::Completed) || actual.is_some();
        let end = if done { actual.or(planned) } else { planned };
        let fill = if done {
            Fill::Series(0)
        } else {
            Fill::Series(5)
        };
        let findings: Vec<String> = c
            .review
            .as_ref()
            .and_then(|r| r.outcome_status.as_ref())
            .map(|m| {
                m.iter()
                    .map(|(id, s)| {
                        texts.format(
                            "chart.timeline.finding",
                            &[
                                ("outcome", &outcome_number(id)),
                                ("result", &crate::rules::lower_first(s.label_in(texts))),
                            ],
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let when = match (done, actual, planned) {
            (true, Some(a), _) => {
                texts.format("chart.timeline.reviewed", &[("date", &short(a, texts))])
            }
            (_, _, Some(p)) => {
                texts.format("chart.timeline.planned", &[("date", &short(p, texts))])
            }
            _ => texts.format("chart.timeline.no-review", &[]),
        };
        let label = match start {
            Some(s) => texts.format(
                "chart.timeline.cycle-from",
                &[("n", &n), ("date", &short(s, texts)), ("review", &when)],
            ),
            None => texts.format(
                "chart.timeline.cycle-no-start",
                &[("n", &n), ("review", &when)],
            ),
        };
        let separator = texts.format("list.separator", &[]);
        let mut notes = Vec::new();
        if !findings.is_empty() {
            notes.push(texts.format(
                "chart.timeline.at-review",
                &[("findings", &findings.join(&separator))],
            ));
        }
        out.push(Lane {
            label: label.clone(),
            bar: start
                .zip(end)
                .filter(|(s, e)| e >= s)
                .map(|(s, e)| (s, e, fill)),
            planned,
            marks: actual.into_iter().collect(),
            row: vec![
                texts.format("chart.timeline.cycle", &[("n", &n)]),
                start.map(|d| short(d, texts)).unwrap_or_default(),
                actual.map(|d| short(d, texts)).unwrap_or_default(),
                planned.map(|d| short(d, texts)).unwrap_or_default(),
                findings.join(&separator),
            ],
            notes,
        });
    }
    for s in app.specialists.as_deref().unwrap_or_default() {
        let who = s.service_type.map_or_else(
            || texts.format("chart.timeline.specialist", &[]),
            |t| t.label_in(texts).to_owned(),
        );
        let from = date_of(s.first_involved_date.as_ref());
        let report = date_of(s.latest_report_date.as_ref());
        let label = match (from, report) {
            (Some(f), Some(r)) => texts.format(
                "chart.timeline.involved-report",
                &[
                    ("who", &who),
                    ("from", &short(f, texts)),
                    ("report", &short(r, texts)),
                ],
            ),
            (Some(f), None) => texts.format(
                "chart.timeline.involved",
                &[("who", &who), ("from", &short(f, texts))],
            ),
            (None, Some(r)) => texts.format(
                "chart.timeline.report",
                &[("who", &who), ("report", &short(r, texts))],
            ),
            (None, None) => continue,
        };
        out.push(Lane {
            label,
            bar: from
                .zip(report)
                .filter(|(f, r)| r >= f)
                .map(|(f, r)| (f, r, Fill::Series(3))),
            planned: None,
            marks: report.into_iter().collect(),
            notes: Vec::new(),
            row: vec![
                who,
                from.map(|d| short(d, texts)).unwrap_or_default(),
                report.map(|d| short(d, texts)).unwrap_or_default(),
                String::new(),
                String::new(),
            ],
        });
    }
    for c in app.consents.as_deref().unwrap_or_default() {
        let Some(d) = date_of(c.date.as_ref()) else {
            continue;
        };
        out.push(Lane {
            label: texts.format("chart.timeline.consent-on", &[("date", &short(d, texts))]),
            bar: None,
            planned: None,
            marks: vec![d],
            notes: Vec::new(),
            row: vec![
                texts.format("chart.timeline.consent", &[]),
                short(d, texts),
                String::new(),
                String::new(),
                String::new(),
            ],
        });
    }
    out
}

/// The dates a lane draws.
fn dates(l: &Lane) -> impl Iterator<Item = Date> + '_ {
    l.bar
        .iter()
        .flat_map(|(a, b, _)| [*a, *b])
        .chain(l.planned)
        .chain(l.marks.iter().copied())
}

/// The timeline of an application at `width` pixels; `None` when it has no dated cycle,
/// specialist or consent to draw.
pub fn chart(app: &Application, width: i64) -> Option<Chart> {
    chart_in(app, width, &Catalogue::english())
}

/// [`chart`] in the words of `texts`.
pub fn chart_in(app: &Application, width: i64, texts: &Catalogue) -> Option<Chart> {
    let width = width.max(4 * PAD + 80);
    let lanes = lanes(app, texts);
    let first = lanes.iter().flat_map(dates).min()?;
    let last = lanes.iter().flat_map(dates).max()?;
    let d0 = month_start(first);
    let d1 = month_start(last).add_months(1).unwrap_or(last);
    let (day0, day1) = (
        d0.days_since_epoch(),
        d1.days_since_epoch().max(d0.days_since_epoch() + 1),
    );
    let (left, right) = (PAD, width - PAD);
    let x = |d: Date| {
        let span = i128::from(right - left);
        let off = i128::from((d.days_since_epoch() - day0).clamp(0, day1 - day0));
        let den = i128::from(day1 - day0);
        left + i64::try_from((off * span + den / 2) / den).unwrap_or(0)
    };
    let fits = fits(width);
    let mut shapes = Vec::new();
    let mut y = 8;
    for lane in &lanes {
        push_lines(
            &mut shapes,
            &lane.label,
            fits,
            PAD,
            &mut y,
            LINE,
            4,
            TextKind::Label,
        );
        y += 4;
        if let Some((a, b, fill)) = lane.bar {
            let (xa, xb) = (x(a), x(b));
            shapes.push(Shape::Rect {
                x: xa,
                y,
                width: (xb - xa).max(2),
                height: BAR,
                fill,
            });
        }
        if let Some(p) = lane.planned {
            let xp = x(p);
            shapes.push(Shape::Line {
                x1: xp,
                y1: y - 4,
                x2: xp,
                y2: y + BAR + 4,
                stroke: PLANNED,
            });
        }
        for m in &lane.marks {
            let xm = x(*m);
            shapes.push(Shape::Rect {
                x: xm - 5,
                y: y + 3,
                width: 10,
                height: 10,
                fill: MARK,
            });
        }
        y += BAR;
        for note in &lane.notes {
            push_lines(
                &mut shapes,
                note,
                fits,
                PAD,
                &mut y,
                LINE,
                2,
                TextKind::Tick,
            );
        }
        y += GAP;
    }
    // The date axis: a tick at each month, a label every few months and at each January.
    let axis = y + 4;
    shapes.push(Shape::Line {
        x1: left,
        y1: axis,
        x2: right,
        y2: axis,
        stroke: Stroke::Axis,
    });
    // Over a long span (a date typed as 2204, say) ticks go by whole years, so the axis
    // never has more than about 120 of them.
    let span_months =
        i64::from(d1.year() - d0.year()) * 12 + i64::from(d1.month()) - i64::from(d0.month());
    let stride: i32 = if span_months <= 120 {
        1
    } else {
        i32::try_from(span_months / (12 * 120) + 1)
            .unwrap_or(1000)
            .saturating_mul(12)
    };
    let mut months = Vec::new();
    let mut m = if stride == 1 {
        d0
    } else {
        Date::new(d0.year(), 1, 1).unwrap_or(d0)
    };
    while m <= d1 {
        if m >= d0 {
            months.push(m);
        }
        match m.add_months(stride) {
            Some(next) if next > m => m = next,
            _ => break,
        }
    }
    let count = i64::try_from(months.len()).unwrap_or(1).max(1);
    let every = [1, 2, 3, 4, 6, 12]
        .into_iter()
        .find(|k| (right - left) * k / count >= LABEL_SPACING)
        .unwrap_or(12);
    // The last month label: where its text ends, and its place among the shapes.
    let mut last_label: Option<(i64, usize)> = None;
    for (i, m) in months.iter().enumerate() {
        let xm = x(*m);
        let january = m.month() == 1;
        shapes.push(Shape::Line {
            x1: xm,
            y1: axis,
            x2: xm,
            y2: axis + if january { 12 } else { 6 },
            stroke: Stroke::Axis,
        });
        let k = i64::try_from(i).unwrap_or(0);
        let due = k % every == 0 || january;
        if !due {
            continue;
        }
        let words = if january || i == 0 {
            texts.format(
                "chart.month-year",
                &[("month", &month_name(*m, texts)), ("year", &m.year())],
            )
        } else {
            month_name(*m, texts)
        };
        let anchor = if i == 0 {
            Anchor::Start
        } else {
            Anchor::Middle
        };
        let (first, last) = extent(xm, anchor, TextKind::Tick, &words);
        let room = |l: &Option<(i64, usize)>| l.is_none_or(|(end, _)| first >= end + LABEL_GAP);
        // A January is always named, with its year: the label before it gives way.
        if january && !room(&last_label) {
            if let Some((_, at)) = last_label.take() {
                shapes.remove(at);
            }
        }
        if room(&last_label) && last <= width {
            last_label = Some((last, shapes.len()));
            shapes.push(Shape::Text {
                x: xm,
                y: axis + 24,
                anchor,
                kind: TextKind::Tick,
                text: words,
            });
        }
    }
    // The key.
    let mut key = axis + 40;
    let present = |f: Fill| lanes.iter().any(|l| l.bar.is_some_and(|(_, _, g)| g == f));
    let mut entries: Vec<(Option<Fill>, &str)> = Vec::new();
    if present(Fill::Series(0)) {
        entries.push((Some(Fill::Series(0)), "chart.timeline.key.completed"));
    }
    if present(Fill::Series(5)) {
        entries.push((Some(Fill::Series(5)), "chart.timeline.key.in-progress"));
    }
    if present(Fill::Series(3)) {
        entries.push((Some(Fill::Series(3)), "chart.timeline.key.specialist"));
    }
    entries.push((Some(MARK), "chart.timeline.key.mark"));
    if lanes.iter().any(|l| l.planned.is_some()) {
        entries.push((None, "chart.timeline.key.planned"));
    }
    for (fill, id) in entries {
        let words = texts.format(id, &[]);
        match fill {
            Some(f) => shapes.push(Shape::Rect {
                x: PAD + 3,
                y: key + 5,
                width: 10,
                height: 10,
                fill: f,
            }),
            None => shapes.push(Shape::Line {
                x1: PAD + 8,
                y1: key + 2,
                x2: PAD + 8,
                y2: key + 18,
                stroke: PLANNED,
            }),
        }
        push_lines(
            &mut shapes,
            &words,
            fits - 4,
            PAD + 24,
            &mut key,
            LINE + 4,
            6,
            TextKind::Label,
        );
    }
    key += 8;
    Some(Chart {
        title: texts.format(
            "chart.timeline.title",
            &[("from", &short(first, texts)), ("to", &short(last, texts))],
        ),
        width,
        height: key,
        shapes,
        table: Table {
            caption: texts.format("chart.timeline.table.caption", &[]),
            head: ["what", "from", "reviewed", "planned", "progress"]
                .map(|h| texts.format(&format!("chart.timeline.table.{h}"), &[]))
                .to_vec(),
            rows: lanes.into_iter().map(|l| l.row).collect(),
        },
    })
}
