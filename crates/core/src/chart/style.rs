//! How the charts look: GOV.UK colours, and for each series a pattern as well as a colour, so
//! the parts of a bar stay apart in greyscale, in print and for people who do not see colour.

/// A fill: one of the chart's series, or the page's background for a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// A series by its place in [`SERIES`].
    Series(usize),
    /// A mark on a lane: a review held, a report, consent given (GOV.UK's text colour).
    Mark,
}

/// The fill of a mark on a lane.
pub const MARK: Fill = Fill::Mark;
/// The line of a planned date.
pub const PLANNED: Stroke = Stroke::Planned;

/// A line's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// An axis or a tick: thin, dark grey.
    Axis,
    /// The notional threshold: thick, black, dashed.
    Threshold,
    /// A bracket marking part of a bar: black.
    Bracket,
    /// A date planned: thin, black, dashed.
    Planned,
}

/// One series: its colour, and a pattern of white over it (none for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    pub colour: &'static str,
    pub pattern: Pattern,
}

/// White marks over a series' colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Solid,
    /// Diagonal stripes.
    Stripes,
    /// Dots.
    Dots,
    /// Crossed lines.
    Cross,
    /// Horizontal lines.
    Lines,
    /// An outline only: white inside a black border.
    Outline,
}

/// The series in the order the charts use them (GOV.UK Frontend's colours).
pub const SERIES: [Series; 6] = [
    Series {
        colour: "#1d70b8",
        pattern: Pattern::Solid,
    },
    Series {
        colour: "#00703c",
        pattern: Pattern::Stripes,
    },
    Series {
        colour: "#d4351c",
        pattern: Pattern::Dots,
    },
    Series {
        colour: "#4c2c92",
        pattern: Pattern::Cross,
    },
    Series {
        colour: "#505a5f",
        pattern: Pattern::Lines,
    },
    Series {
        colour: "#ffffff",
        pattern: Pattern::Outline,
    },
];

/// GOV.UK's text colour, for text, axes, brackets and the threshold.
pub const TEXT: &str = "#0b0c0c";

impl Fill {
    /// The SVG `fill` of this fill: a colour, or the pattern defined by [`pattern_id`].
    pub fn svg(self) -> String {
        let i = match self {
            Fill::Series(i) => i,
            Fill::Mark => return TEXT.to_owned(),
        };
        let s = SERIES.get(i).copied().unwrap_or(SERIES[0]);
        match s.pattern {
            Pattern::Solid => s.colour.to_owned(),
            _ => format!("url(#{})", pattern_id(i)),
        }
    }
}

/// The id of a series' pattern (defined once per chart).
pub fn pattern_id(series: usize) -> String {
    format!("sen-chart-p{series}")
}

impl Stroke {
    /// (colour, width, dash array) for SVG.
    pub fn svg(self) -> (&'static str, i64, Option<&'static str>) {
        match self {
            Stroke::Axis => ("#505a5f", 1, None),
            Stroke::Threshold => (TEXT, 3, Some("8 4")),
            Stroke::Bracket => (TEXT, 2, None),
            Stroke::Planned => (TEXT, 2, Some("3 3")),
        }
    }
}
