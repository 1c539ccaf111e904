//! Small helpers the rule families share: pointers, dates, money and text.

use crate::date::{self, Date};
use crate::model::DateText;

pub use crate::json::pointer::{escape, ptr};

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

/// A label with its first letter in lower case, to stand inside a sentence: "Child's date of
/// birth" → "child's date of birth". A first word that is an abbreviation or a name keeps its
/// capitals: "SENCo's name", "SEN provision", "NHS number", "GP", "English…" stay as they are.
/// A word is kept when a later letter of it is upper case ("SENCo", "EHC"), or it is one of
/// [`PROPER_WORDS`], or it is one of the words of `names` (a council's name, for labels a
/// profile wrote: "Croydon locality" under "Croydon Locality SEND Support").
pub fn lower_first_keeping(label: &str, names: &str) -> String {
    let word = label
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    let keep = word.chars().skip(1).any(|c| c.is_ascii_uppercase())
        || PROPER_WORDS.contains(&word)
        || (!word.is_empty()
            && names
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .any(|n| n == word));
    if keep {
        return label.to_owned();
    }
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// [`lower_first_keeping`] with no names: for the core's own labels and code-list labels.
pub fn lower_first(label: &str) -> String {
    lower_first_keeping(label, "")
}

/// Words that keep their capital letter inside a sentence: languages, nationalities and the
/// names of things, as a label may start with them.
pub const PROPER_WORDS: &[&str] = &["English", "British", "Welsh", "Ofsted", "Element"];

/// "a", "a or b", "a, b or c", in English ([`crate::text::Catalogue::or_list`] in another
/// catalogue's words).
pub fn or_list(items: &[String]) -> String {
    crate::text::Catalogue::english().or_list(items)
}

/// "a", "a and b", "a, b and c", in English ([`crate::text::Catalogue::and_list`]).
pub fn and_list(items: &[String]) -> String {
    crate::text::Catalogue::english().and_list(items)
}

/// "a" or "an" before a word, by its first letter: "a teacher", "an external provider".
pub fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
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
    fn lower_first_keeps_abbreviations_and_names() {
        assert_eq!(
            lower_first("Child's date of birth"),
            "child's date of birth"
        );
        assert_eq!(lower_first("SENCo's name"), "SENCo's name");
        assert_eq!(lower_first("SEN provision"), "SEN provision");
        assert_eq!(
            lower_first("Unique pupil number (UPN)"),
            "unique pupil number (UPN)"
        );
        assert_eq!(lower_first("NHS number"), "NHS number");
        assert_eq!(lower_first("GP"), "GP");
        assert_eq!(lower_first("EHC plan"), "EHC plan");
        assert_eq!(lower_first("School URN"), "school URN");
        assert_eq!(
            lower_first("Top-up requested (Element 3)"),
            "top-up requested (Element 3)"
        );
        assert_eq!(
            lower_first("A number of times a week"),
            "a number of times a week"
        );
        assert_eq!(lower_first(""), "");
        assert_eq!(
            lower_first_keeping("Croydon locality", "Croydon Locality SEND Support"),
            "Croydon locality"
        );
        assert_eq!(lower_first("Panel date"), "panel date");
    }

    #[test]
    fn articles() {
        assert_eq!(article("teacher"), "a");
        assert_eq!(article("External provider"), "an");
        assert_eq!(article("SENCo"), "a");
        assert_eq!(article(""), "a");
    }
}
