//! Length limits and small format checks shared by the model's field validators. Hand-written
//! on purpose: validator's `email`/`regex` validators would add ~340 KB gzip to the widget.

use validator::ValidationError;

/// Names, references and other one-line answers.
pub const SHORT_TEXT_MAX: u64 = 200;
/// Summaries, views and other paragraphs (GOV.UK character count on a textarea).
pub const LONG_TEXT_MAX: u64 = 10_000;

fn fail(code: &'static str) -> ValidationError {
    ValidationError::new(code)
}

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn check_email(value: &str) -> Result<(), ValidationError> {
    if is_email(value) {
        Ok(())
    } else {
        Err(fail("F-03"))
    }
}

/// See [`check_email`].
pub fn is_email(value: &str) -> bool {
    let mut parts = value.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return false;
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// A UK telephone number: digits, spaces, brackets, hyphens and an optional leading +; 10 to 13
/// digits.
pub fn check_phone(value: &str) -> Result<(), ValidationError> {
    let ok_chars = value.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if ok_chars && (10..=13).contains(&digits) {
        Ok(())
    } else {
        Err(fail("F-03"))
    }
}

/// A UK postcode (any case, one optional space), e.g. `TS18 1AA` (V-96).
pub fn check_postcode(value: &str) -> Result<(), ValidationError> {
    if is_postcode(value) {
        Ok(())
    } else {
        Err(fail("V-96"))
    }
}

/// See [`check_postcode`]: outward code `A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`, then `9AA`.
pub fn is_postcode(value: &str) -> bool {
    let compact: String = value
        .trim()
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if value.trim().matches(' ').count() > 1
        || !(5..=7).contains(&compact.len())
        || !compact.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return false;
    }
    let cut = compact.len() - 3;
    let (Some(outward), Some(inward)) = (compact.get(..cut), compact.get(cut..)) else {
        return false;
    };
    let inward_ok = {
        let b = inward.as_bytes();
        matches!(b, [d, l1, l2] if d.is_ascii_digit() && l1.is_ascii_alphabetic() && l2.is_ascii_alphabetic())
    };
    let shape: String = outward
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '9'
            } else if c.is_ascii_alphabetic() {
                'A'
            } else {
                '?'
            }
        })
        .collect();
    inward_ok
        && matches!(
            shape.as_str(),
            "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
        )
}

/// Exactly `n` ASCII digits.
pub fn is_digits(value: &str, n: usize) -> bool {
    value.len() == n && value.bytes().all(|b| b.is_ascii_digit())
}

/// School URN: six digits.
pub fn check_urn(value: &str) -> Result<(), ValidationError> {
    if is_digits(value, 6) {
        Ok(())
    } else {
        Err(fail("F-04"))
    }
}

/// LA establishment number (LAESTAB): seven digits.
pub fn check_laestab(value: &str) -> Result<(), ValidationError> {
    if is_digits(value, 7) {
        Ok(())
    } else {
        Err(fail("F-04"))
    }
}

/// DfE local authority code: three digits.
pub fn check_la_code(value: &str) -> Result<(), ValidationError> {
    if is_digits(value, 3) {
        Ok(())
    } else {
        Err(fail("F-04"))
    }
}

/// An amount of money in pence: not negative.
pub fn check_pence(value: i64) -> Result<(), ValidationError> {
    if value >= 0 {
        Ok(())
    } else {
        Err(fail("F-05"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("a.senco@school.example.org"));
        assert!(is_email("x+y@a-b.co.uk"));
        assert!(!is_email("no-at-sign.example"));
        assert!(!is_email("two@@example.org"));
        assert!(!is_email("a@localhost"));
        assert!(!is_email("a b@example.org"));
        assert!(!is_email("a@-bad.org"));
        assert!(!is_email("@example.org"));
    }

    #[test]
    fn postcodes() {
        for ok in [
            "TS18 1AA", "ts181aa", "CR0 1NX", "SW1A 1AA", "M1 1AE", "B33 8TH", "W1A 0AX",
        ] {
            assert!(is_postcode(ok), "{ok}");
        }
        for bad in [
            "",
            "TS18",
            "12345",
            "TS18  1AA",
            "TS18 1A1",
            "<script>",
            "TS18-1AA",
        ] {
            assert!(!is_postcode(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert!(check_phone("01642 123456").is_ok());
        assert!(check_phone("+44 1642 123456").is_ok());
        assert!(check_phone("123").is_err());
        assert!(check_phone("01642 12345x").is_err());
    }
}

/// A date as typed: ISO `YYYY-MM-DD` when complete. Kept as text so that a draft can hold a
/// half-typed date; [`check_date`] reports one that is not a real date.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    crate::json::ToJson,
    crate::json::FromJson,
)]
#[serde(transparent)]
pub struct DateText(pub String);

impl DateText {
    /// The calendar date, if the text is a real ISO date.
    pub fn date(&self) -> Option<crate::date::Date> {
        crate::date::Date::parse(&self.0)
    }
}

impl From<&str> for DateText {
    fn from(s: &str) -> Self {
        DateText(s.to_owned())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDate".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// A real ISO calendar date.
pub fn check_date(value: &DateText) -> Result<(), ValidationError> {
    if value.date().is_some() {
        Ok(())
    } else {
        Err(fail("F-06"))
    }
}

/// A percentage from 0 to 100 (V-97).
pub fn check_percent(value: f64) -> Result<(), ValidationError> {
    if (0.0..=100.0).contains(&value) {
        Ok(())
    } else {
        Err(fail("V-97"))
    }
}

/// A short list of one-line answers: at most 20 items of at most [`SHORT_TEXT_MAX`] characters.
pub fn check_short_list(values: &[String]) -> Result<(), ValidationError> {
    let too_long = values
        .iter()
        .any(|v| v.chars().count() > usize::try_from(SHORT_TEXT_MAX).unwrap_or(usize::MAX));
    if values.len() > 20 || too_long {
        Err(fail("F-02"))
    } else {
        Ok(())
    }
}

/// Paragraphs keyed by id: at most 100 entries of at most [`LONG_TEXT_MAX`] characters.
pub fn check_text_map(
    values: &std::collections::BTreeMap<String, String>,
) -> Result<(), ValidationError> {
    let max = usize::try_from(LONG_TEXT_MAX).unwrap_or(usize::MAX);
    let too_long = values
        .iter()
        .any(|(k, v)| k.chars().count() > max || v.chars().count() > max);
    if values.len() > 100 || too_long {
        Err(fail("F-02"))
    } else {
        Ok(())
    }
}
