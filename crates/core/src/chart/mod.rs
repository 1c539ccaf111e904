//! Charts worked out once, here, and drawn by whoever shows them: the widget as SVG through its
//! views, `sen-check` and the receiver as SVG text ([`svg`]). A chart is a list of shapes in
//! whole pixels, in the order they are drawn, with a table of the same figures for people who
//! cannot see it ([`Table`]). Nothing here measures text or reads a clock; every number is
//! worked out from the application and the profile alone, so the same input gives the same
//! chart to the pixel everywhere.
//!
//! - [`cost`]: the costed provision map, its annual cost by area of need and by who pays,
//!   against the notional threshold, with the school's contribution and the top-up marked.
//! - [`timeline`]: the graduated approach over time, cycles, reviews, specialists and consent
//!   on a date axis.

pub mod cost;
pub mod layout;
pub mod scale;
pub mod style;
pub mod svg;
pub mod timeline;

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// How a text is set: a label beside a bar, a number on an axis, a heading over a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Label,
    Tick,
    Strong,
}

/// One thing drawn, in whole pixels from the chart's top left corner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A filled box: a bar, a part of one, a key's swatch.
    Rect {
        x: i64,
        y: i64,
        width: i64,
        height: i64,
        fill: style::Fill,
    },
    /// A line: an axis, a tick, the threshold, a bracket.
    Line {
        x1: i64,
        y1: i64,
        x2: i64,
        y2: i64,
        stroke: style::Stroke,
    },
    /// A line of text; `y` is its baseline.
    Text {
        x: i64,
        y: i64,
        anchor: Anchor,
        kind: TextKind,
        text: String,
    },
}

/// The chart's figures as a table, for a screen reader and for print: the same numbers as the
/// shapes, in words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// What the chart shows, in one sentence (its accessible name).
    pub title: String,
    pub width: i64,
    pub height: i64,
    pub shapes: Vec<Shape>,
    pub table: Table,
}
