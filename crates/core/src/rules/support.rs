//! Small helpers the rule families share: pointers, dates, money and text.

use crate::date::{self, Date};
use crate::model::DateText;

/// Escapes one JSON Pointer reference token (RFC 6901).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Builds a JSON Pointer from a base and one more token.
pub fn ptr(base: &str, token: impl std::fmt::Display) -> String {
    format!("{base}/{}", escape(&token.to_string()))
}

/// The calendar date of an optional date field, if it is a real date.
pub fn date(d: Option<&DateText>) -> Option<Date> {
    d.and_then(DateText::date)
}

/// A date for messages: "14 May 2016".
pub fn human(d: Date) -> String {
    date::human(d)
}

/// Pence as pounds for messages: `902242` → `£9,022.42`.
pub fn money(pence: i64) -> String {
    crate::cost::money(pence)
}

/// The text with its first letter in upper case: "provision row 2" → "Provision row 2".
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// Whether optional text has something other than whitespace in it.
pub fn has_text(s: Option<&String>) -> bool {
    s.is_some_and(|t| !t.trim().is_empty())
}

/// Whole weeks between two dates, rounded down.
pub fn weeks_between(from: Date, to: Date) -> i64 {
    from.days_until(to).div_euclid(7)
}

/// "1 cycle", "2 cycles".
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// An optional slice as a slice.
pub fn list<T>(v: Option<&Vec<T>>) -> &[T] {
    v.map(Vec::as_slice).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(902_242), "£9,022.42");
        assert_eq!(money(600_000), "£6,000.00");
        assert_eq!(money(5), "£0.05");
        assert_eq!(money(123_456_789), "£1,234,567.89");
        assert_eq!(money(-100), "-£1.00");
        assert_eq!(money(i64::MIN), "-£92,233,720,368,547,758.08");
    }

    #[test]
    fn pointers_escape() {
        assert_eq!(
            ptr("/review/outcomeStatus", "a/b~c"),
            "/review/outcomeStatus/a~1b~0c"
        );
        assert_eq!(ptr("/rows", 3), "/rows/3");
    }
}
