//! A scale from amounts to pixels, with ticks at round amounts (1, 2 or 5 times a power of ten).

/// A linear scale from `0..=max` to `left..=right` pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// The amount at the right end: a whole number of steps.
    pub max: i64,
    /// The amount between two ticks.
    pub step: i64,
    pub left: i64,
    pub right: i64,
}

/// Divides, rounding half up, for non-negative numbers; `None` for a zero divisor or a result
/// that does not fit.
fn div_round(num: i128, den: i128) -> Option<i64> {
    if den <= 0 || num < 0 {
        return None;
    }
    i64::try_from(num.checked_add(den / 2)? / den).ok()
}

/// `a ÷ b` rounded up, for a positive `b`.
fn ceil_div(a: i64, b: i64) -> i64 {
    let q = a / b.max(1);
    if a % b.max(1) > 0 {
        q.saturating_add(1)
    } else {
        q
    }
}

impl Scale {
    /// A scale whose ticks, at a round step, cover `0..=largest` in at most `most_ticks` steps
    /// (at least one). The smallest step is `unit` (a pound, for money in pence).
    pub fn new(largest: i64, most_ticks: i64, unit: i64, left: i64, right: i64) -> Scale {
        let largest = largest.max(unit).max(1);
        let most = most_ticks.max(1);
        let mut power = unit.max(1);
        let step = 'found: loop {
            for m in [1, 2, 5] {
                let step = power.saturating_mul(m);
                if ceil_div(largest, step) <= most || step == i64::MAX {
                    break 'found step;
                }
            }
            power = power.saturating_mul(10);
        };
        let steps = ceil_div(largest, step);
        Scale {
            max: steps.saturating_mul(step),
            step,
            left,
            right: right.max(left.saturating_add(1)),
        }
    }

    /// The pixel of an amount (clamped to the scale).
    pub fn x(&self, amount: i64) -> i64 {
        let amount = amount.clamp(0, self.max);
        let span = i128::from(self.right - self.left);
        let offset = div_round(i128::from(amount) * span, i128::from(self.max)).unwrap_or(0);
        self.left + offset
    }

    /// The amounts at the ticks, from 0 to `max`.
    pub fn ticks(&self) -> Vec<i64> {
        let mut out = Vec::new();
        let mut at = 0i64;
        while at <= self.max {
            out.push(at);
            match at.checked_add(self.step) {
                Some(next) => at = next,
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_and_cover_the_largest_amount() {
        // £9,022.42 in at most 6 ticks: £2,000 steps to £10,000.
        let s = Scale::new(902_242, 6, 100, 0, 600);
        assert_eq!((s.step, s.max), (200_000, 1_000_000));
        assert_eq!(s.ticks().len(), 6);
        // At most 3 ticks: £5,000 steps.
        let s = Scale::new(902_242, 3, 100, 0, 300);
        assert_eq!((s.step, s.max), (500_000, 1_000_000));
        // Exactly on a step stays there.
        let s = Scale::new(600_000, 6, 100, 0, 600);
        assert_eq!((s.step, s.max), (100_000, 600_000));
    }

    #[test]
    fn pixels_round_half_up_and_stay_inside() {
        let s = Scale::new(1_000_000, 5, 100, 24, 624);
        assert_eq!(s.x(0), 24);
        assert_eq!(s.x(1_000_000), 624);
        assert_eq!(s.x(600_000), 384);
        // 24 + 902,242 × 600 / 1,000,000 = 24 + 541.3452: 565.
        assert_eq!(s.x(902_242), 565);
        assert_eq!(s.x(-5), 24);
        assert_eq!(s.x(i64::MAX), 624);
    }

    #[test]
    fn degenerate_input_gives_a_usable_scale() {
        let s = Scale::new(0, 0, 100, 10, 10);
        assert!(s.max >= 100 && s.step > 0 && s.right > s.left);
        let s = Scale::new(i64::MAX, 5, 100, 0, 100);
        assert!(s.max >= 1 && !s.ticks().is_empty());
    }
}
