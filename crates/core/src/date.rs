//! ISO calendar dates without a clock: parsing, day arithmetic and the school-year helpers the
//! rules need (domain.md §5.10, §5.11). "Today" is always passed in.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists on the calendar (years 1000–9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        Date::new(year, num(5..7)?, num(8..10)?)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Date::new(
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// This date plus `days` (clamped to the supported range by returning `None`).
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// The same day `months` months later (or earlier), clamped to the month's last day.
    pub fn add_months(self, months: i32) -> Option<Date> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u32::try_from(total.rem_euclid(12) + 1).ok()?;
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        u32::try_from((self.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// The calendar year in which the school year containing this date starts (September).
    pub fn academic_year_start(self) -> i32 {
        if self.month >= 9 {
            self.year
        } else {
            self.year - 1
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date for people: "14 May 2016".
pub fn human(d: Date) -> String {
    human_in(d, &crate::text::Catalogue::english())
}

/// [`human`] in the words of `texts` (`date.human`, the months `date.month.1`…`12`).
pub fn human_in(d: Date, texts: &crate::text::Catalogue) -> String {
    let month = texts.get(&format!("date.month.{}", d.month)).to_owned();
    texts.format(
        "date.human",
        &[("day", &d.day), ("month", &month), ("year", &d.year)],
    )
}

/// National curriculum year number (Reception = 0) for a child born on `dob`, in the school year
/// that contains `on` (domain.md §5.10: chronological year, September cohort).
pub fn ncy_number(dob: Date, on: Date) -> i32 {
    let cohort = if dob.month >= 9 {
        dob.year
    } else {
        dob.year - 1
    };
    on.academic_year_start() - cohort - 5
}

/// The last Friday of June in `year`.
pub fn last_friday_of_june(year: i32) -> Option<Date> {
    let end = Date::new(year, 6, 30)?;
    let back = (i64::from(end.weekday()) + 7 - 4) % 7;
    end.add_days(-back)
}

/// The day a child stops being of compulsory school age: the last Friday of June of the school
/// year in which they turn 16 (domain.md §5.11). They are a young person after that day.
pub fn compulsory_school_age_ends(dob: Date) -> Option<Date> {
    let sixteenth = dob.add_months(16 * 12)?;
    last_friday_of_june(sixteenth.academic_year_start() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert!(Date::parse("2025-04-30").is_some());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-4-30").is_none());
        assert!(Date::parse("2025-04-31").is_none());
        assert!(Date::parse("+025-04-30").is_none());
        assert!(Date::parse("").is_none());
        assert!(Date::parse("2025-04-30T00:00").is_none());
        assert!(Date::parse("٢٠٢٥-04-30").is_none());
    }

    #[test]
    fn epoch_days_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2025-04-30",
            "1999-12-31",
            "2100-03-01",
        ] {
            let x = d(s);
            assert_eq!(Date::from_days_since_epoch(x.days_since_epoch()), Some(x));
        }
        assert_eq!(d("1970-01-02").days_since_epoch(), 1);
        assert_eq!(d("2024-09-09").days_until(d("2024-12-13")), 95);
    }

    #[test]
    fn month_arithmetic_clamps() {
        assert_eq!(d("2025-01-31").add_months(1), Some(d("2025-02-28")));
        assert_eq!(d("2025-04-30").add_months(-12), Some(d("2024-04-30")));
        assert_eq!(d("2025-04-30").add_months(-4), Some(d("2024-12-30")));
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("2025-04-30").weekday(), 2); // Wednesday
        assert_eq!(d("2024-06-28").weekday(), 4); // Friday
    }

    #[test]
    fn ncy_from_dob() {
        // domain.md §5.10: DOB 2016-05-14 in 2024/25 is Year 4.
        assert_eq!(ncy_number(d("2016-05-14"), d("2025-04-30")), 4);
        // A September birthday is the oldest in its year.
        assert_eq!(ncy_number(d("2016-09-01"), d("2025-04-30")), 3);
        assert_eq!(ncy_number(d("2008-02-10"), d("2025-04-30")), 12);
    }

    #[test]
    fn compulsory_school_age() {
        // Turns 16 on 2024-02-10, in school year 2023/24: ends on the last Friday of June 2024.
        assert_eq!(
            compulsory_school_age_ends(d("2008-02-10")),
            Some(d("2024-06-28"))
        );
        assert_eq!(last_friday_of_june(2025), Some(d("2025-06-27")));
    }

    #[test]
    fn human_dates() {
        assert_eq!(human(d("2016-05-14")), "14 May 2016");
    }
}
