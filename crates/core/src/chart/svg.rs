//! A chart as SVG text, for `sen-check` and the receiver (the widget draws the same shapes
//! through its views). Presentation attributes only, no `style`: the text passes a strict
//! Content Security Policy as it is.

use std::fmt::Write;

use super::style::{pattern_id, Fill, Pattern, SERIES, TEXT};
use super::{Chart, Shape, TextKind};

/// Text as it may stand inside an element or an attribute (of SVG or HTML).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The font size and weight of a kind of text.
pub fn font(kind: TextKind) -> (i64, &'static str) {
    match kind {
        TextKind::Label => (16, "normal"),
        TextKind::Tick => (14, "normal"),
        TextKind::Strong => (16, "bold"),
    }
}

/// The marks of a pattern, as SVG inside a 8×8 tile: white over the series' colour.
pub fn pattern_marks(pattern: Pattern) -> &'static str {
    match pattern {
        Pattern::Solid | Pattern::Outline => "",
        Pattern::Stripes => {
            r##"<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="#ffffff" stroke-width="2"/>"##
        }
        Pattern::Dots => r##"<circle cx="4" cy="4" r="1.5" fill="#ffffff"/>"##,
        Pattern::Cross => r##"<path d="M0 0l8 8M8 0l-8 8" stroke="#ffffff" stroke-width="1.5"/>"##,
        Pattern::Lines => r##"<path d="M0 4h8" stroke="#ffffff" stroke-width="2"/>"##,
    }
}

/// The series a chart fills with, each once, in order.
fn used_series(chart: &Chart) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for s in &chart.shapes {
        if let Shape::Rect {
            fill: Fill::Series(i),
            ..
        } = s
        {
            if !out.contains(i) {
                out.push(*i);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The chart as one `<svg>` element. `id` names its title for `aria-labelledby`.
pub fn to_svg(chart: &Chart, id: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title" font-family="Arial, sans-serif" fill="{TEXT}"><title id="{id}-title">{title}</title>"#,
        w = chart.width,
        h = chart.height,
        id = escape(id),
        title = escape(&chart.title),
    );
    let used = used_series(chart);
    out.push_str("<defs>");
    for i in &used {
        let Some(s) = SERIES.get(*i) else { continue };
        if matches!(s.pattern, Pattern::Solid) {
            continue;
        }
        let _ = write!(
            out,
            r#"<pattern id="{}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/>{}</pattern>"#,
            pattern_id(*i),
            s.colour,
            pattern_marks(s.pattern)
        );
    }
    out.push_str("</defs>");
    for shape in &chart.shapes {
        match shape {
            Shape::Rect {
                x,
                y,
                width,
                height,
                fill,
            } => {
                let _ = write!(
                    out,
                    r#"<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{}" stroke="{TEXT}" stroke-width="1"/>"#,
                    fill.svg()
                );
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
            } => {
                let (colour, w, dash) = stroke.svg();
                let _ = write!(
                    out,
                    r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="{w}""#
                );
                if let Some(d) = dash {
                    let _ = write!(out, r#" stroke-dasharray="{d}""#);
                }
                out.push_str("/>");
            }
            Shape::Text {
                x,
                y,
                anchor,
                kind,
                text,
            } => {
                let (size, weight) = font(*kind);
                let _ = write!(
                    out,
                    r#"<text x="{x}" y="{y}" text-anchor="{}" font-size="{size}" font-weight="{weight}">{}</text>"#,
                    anchor.svg(),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}
