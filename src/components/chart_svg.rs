//! Any chart of the core (`sen_core::chart::Chart`: the provision map's costs, the timeline)
//! drawn as SVG elements through views, at the width its place on the page has, and followed by
//! its table of figures (its text alternative, on screen under "Show the figures" and in print).
//! Fills and strokes are presentation attributes, never `style`, so the host's strict CSP holds;
//! each series' pattern is an SVG `<pattern>` whose id is this drawing's own, so two forms on
//! one page never share one.

use std::cell::Cell;

use leptos::prelude::*;
use sen_core::chart::style::{Fill, Pattern, SERIES, TEXT};
use sen_core::chart::svg::font;
use sen_core::chart::{Chart, Shape, Table};

use crate::state::use_form;

thread_local! {
    static DRAWN: Cell<u32> = const { Cell::new(0) };
}

/// An id no other chart on the page has: `sen-chart-{n}`.
fn new_id() -> String {
    let n = DRAWN.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    });
    format!("sen-chart-{n}")
}

/// The pack's width, the text of an A4 page: a chart's before its place is measured, and in
/// print.
const PACK_WIDTH: i64 = sen_core::pack::CHART_WIDTH;

/// The SVG `fill` of `fill`, a pattern named under `id`.
fn fill_of(fill: Fill, id: &str) -> String {
    match fill {
        Fill::Mark => TEXT.to_owned(),
        Fill::Series(i) => match SERIES.get(i) {
            Some(s) if s.pattern != Pattern::Solid => format!("url(#{id}-p{i})"),
            Some(s) => s.colour.to_owned(),
            None => TEXT.to_owned(),
        },
    }
}

/// The white marks of a pattern over its colour, in an 8×8 tile (those of `chart::svg`).
fn marks(pattern: Pattern) -> Option<AnyView> {
    let (d, width) = match pattern {
        Pattern::Solid | Pattern::Outline => return None,
        Pattern::Dots => {
            return Some(view! { <circle cx="4" cy="4" r="1.5" fill="#ffffff" /> }.into_any())
        }
        Pattern::Stripes => ("M-2 2l4-4M0 8l8-8M6 10l4-4", "2"),
        Pattern::Cross => ("M0 0l8 8M8 0l-8 8", "1.5"),
        Pattern::Lines => ("M0 4h8", "2"),
    };
    Some(view! { <path d=d stroke="#ffffff" stroke-width=width /> }.into_any())
}

/// The patterns of the series the chart fills with.
fn patterns(chart: &Chart, id: &str) -> Vec<AnyView> {
    let mut used: Vec<usize> = chart
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                fill: Fill::Series(i),
                ..
            } => Some(*i),
            _ => None,
        })
        .collect();
    used.sort_unstable();
    used.dedup();
    used.into_iter()
        .filter_map(|i| SERIES.get(i).map(|s| (i, *s)))
        .filter(|(_, s)| s.pattern != Pattern::Solid)
        .map(|(i, s)| {
            view! {
                <pattern id=format!("{id}-p{i}") width="8" height="8" patternUnits="userSpaceOnUse">
                    <rect width="8" height="8" fill=s.colour />
                    {marks(s.pattern)}
                </pattern>
            }
            .into_any()
        })
        .collect()
}

fn shape(s: Shape, id: &str) -> AnyView {
    match s {
        Shape::Rect {
            x,
            y,
            width,
            height,
            fill,
        } => view! {
            <rect x=x y=y width=width height=height fill=fill_of(fill, id) stroke=TEXT stroke-width="1" />
        }
        .into_any(),
        Shape::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
        } => {
            let (colour, w, dash) = stroke.svg();
            view! {
                <line x1=x1 y1=y1 x2=x2 y2=y2 stroke=colour stroke-width=w stroke-dasharray=dash />
            }
            .into_any()
        }
        Shape::Text {
            x,
            y,
            anchor,
            kind,
            text,
        } => {
            let (size, weight) = font(kind);
            view! {
                <text x=x y=y text-anchor=anchor.svg() font-size=size font-weight=weight>{text}</text>
            }
            .into_any()
        }
    }
}

/// The chart's figures as a GOV.UK table: the first cell of each row names it.
fn table(t: Table) -> impl IntoView {
    let head = t
        .head
        .into_iter()
        .map(|h| view! { <th scope="col" class="govuk-table__header">{h}</th> })
        .collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(n, cell)| {
                    if n == 0 {
                        view! { <th scope="row" class="govuk-table__header">{cell}</th> }.into_any()
                    } else {
                        view! { <td class="govuk-table__cell">{cell}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr class="govuk-table__row">{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="govuk-table app-chart-table">
            <caption class="govuk-table__caption govuk-table__caption--s">{t.caption}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">{head}</tr></thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}

fn drawing(chart: Chart, id: String) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let defs = patterns(&chart, &id);
    let Chart {
        title,
        width,
        height,
        shapes,
        table: figures,
    } = chart;
    let shapes = shapes
        .into_iter()
        .map(|s| shape(s, &id))
        .collect::<Vec<_>>();
    view! {
        <svg
            class="app-chart__svg"
            viewBox=format!("0 0 {width} {height}")
            width=width
            height=height
            role="img"
            aria-labelledby=labelled_by
            font-family="Arial, sans-serif"
            fill=TEXT
        >
            <title id=title_id>{title}</title>
            <defs>{defs}</defs>
            {shapes}
        </svg>
        <details class="govuk-details app-chart__figures">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{use_form().text("widget.chart.figures")}</span>
            </summary>
            <div class="govuk-details__text">{table(figures)}</div>
        </details>
    }
}

/// A chart drawn by `make` at the width its place has: measured when the page shows and
/// again when the window is resized, and drawn again by the core at that width. `missing`
/// says why there is none when `make` gives none.
#[component]
pub fn ChartSvg(
    heading: String,
    make: impl Fn(i64) -> Option<Chart> + Send + Sync + 'static,
    missing: String,
) -> impl IntoView {
    let id = new_id();
    let place = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(PACK_WIDTH);
    let measure = move || {
        if let Some(el) = place.get_untracked() {
            let w = i64::from(el.client_width());
            if w > 0 && w != width.get_untracked() {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if place.get().is_some() {
            measure();
        }
    });
    let resized = window_event_listener(leptos::ev::resize, move |_| measure());
    // Printed, at the width of an A4 page's text (the pack's), whatever the screen's; drawn
    // before the page is laid out for print, then measured again.
    let printing = window_event_listener_untyped("beforeprint", move |_| width.set(PACK_WIDTH));
    let printed = window_event_listener_untyped("afterprint", move |_| measure());
    on_cleanup(move || {
        resized.remove();
        printing.remove();
        printed.remove();
    });
    let chart = Memo::new(move |_| make(width.get()));
    view! {
        <div class="app-chart" node_ref=place>
            <h3 class="govuk-heading-s">{heading}</h3>
            {move || match chart.get() {
                Some(c) => drawing(c, id.clone()).into_any(),
                None => view! { <p class="govuk-body">{missing.clone()}</p> }.into_any(),
            }}
        </div>
    }
}
