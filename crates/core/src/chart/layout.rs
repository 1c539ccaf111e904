//! What the charts share of their layout: the space around them, a line of text, and labels
//! wrapped to the width without measuring text.

/// Space around the plot, in pixels.
pub const PAD: i64 = 16;
/// A line of text.
pub const LINE: i64 = 20;
/// The widest a character of a label is taken to be (Arial at 16 pixels averages about 8.5).
const CHAR: i64 = 9;

use super::{Anchor, Shape, TextKind};

/// Pushes `words` as wrapped lines of text starting at `x`: for each line `y` moves down by
/// `step`, and the line's baseline is `lift` above it. `y` ends below the last line.
#[allow(clippy::too_many_arguments)]
pub fn push_lines(
    shapes: &mut Vec<Shape>,
    words: &str,
    fits: i64,
    x: i64,
    y: &mut i64,
    step: i64,
    lift: i64,
    kind: TextKind,
) {
    for line in wrap(words, fits) {
        *y += step;
        shapes.push(Shape::Text {
            x,
            y: *y - lift,
            anchor: Anchor::Start,
            kind,
            text: line,
        });
    }
}

/// The widest a character of a number on an axis is taken to be (Arial at 14 pixels).
const TICK_CHAR: i64 = 8;

/// How far a line of text is taken to reach, from its first pixel to its last, when it is set
/// at `x` with `anchor`: an estimate on the wide side, since nothing here measures text.
pub fn extent(x: i64, anchor: Anchor, kind: TextKind, text: &str) -> (i64, i64) {
    let per = match kind {
        TextKind::Tick => TICK_CHAR,
        TextKind::Label | TextKind::Strong => CHAR,
    };
    let w = i64::try_from(text.chars().count())
        .unwrap_or(i64::MAX / 16)
        .saturating_mul(per);
    match anchor {
        Anchor::Start => (x, x.saturating_add(w)),
        Anchor::Middle => (x.saturating_sub(w / 2), x.saturating_add(w - w / 2)),
        Anchor::End => (x.saturating_sub(w), x),
    }
}

/// How many characters of a label fit on a line of a chart `width` pixels wide.
pub fn fits(width: i64) -> i64 {
    ((width - 2 * PAD) / CHAR).max(8)
}

/// Words in lines of at most `fits` characters (a longer word on a line of its own).
pub fn wrap(words: &str, fits: i64) -> Vec<String> {
    let fits = usize::try_from(fits.max(1)).unwrap_or(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words.split(' ') {
        let wanted = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && wanted > fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}
