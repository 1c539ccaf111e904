//! What a person types, turned into the document's JSON and back: amounts in pounds to integer
//! pence, whole and decimal numbers, day/month/year to an ISO date, one-per-line lists. Text the
//! widget cannot turn into a value is kept as typed and gets a message saying what to type; it
//! never reaches the document, so the core only ever sees values of the right type.

use serde_json::Value;

/// How a field's text becomes JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    Text,
    Money,
    Whole,
    Decimal,
    Lines,
}

/// Text typed into a field, as a JSON value: `Ok(None)` when blank, `Err(message)` when it
/// cannot be read.
pub fn parse(
    conversion: Conversion,
    text: &str,
    label: &str,
    texts: &sen_core::text::Catalogue,
) -> Result<Option<Value>, String> {
    let refuse = |id: &str| texts.format(id, &[("label", &label)]);
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match conversion {
        Conversion::Text => Ok(Some(Value::String(text.to_owned()))),
        Conversion::Money => pence(t)
            .map(|p| Some(Value::from(p)))
            .ok_or_else(|| refuse("widget.input.money")),
        Conversion::Whole => whole(t)
            .map(|n| Some(Value::from(n)))
            .ok_or_else(|| refuse("widget.input.whole")),
        Conversion::Decimal => decimal(t)
            .map(|n| Some(number_value(n)))
            .ok_or_else(|| refuse("widget.input.decimal")),
        Conversion::Lines => {
            let items: Vec<Value> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_owned()))
                .collect();
            Ok((!items.is_empty()).then_some(Value::Array(items)))
        }
    }
}

/// A JSON value shown in a field.
pub fn show(conversion: Conversion, value: Option<&Value>) -> String {
    match (conversion, value) {
        (_, None | Some(Value::Null)) => String::new(),
        (Conversion::Money, Some(Value::Number(n))) => n.as_i64().map(pounds).unwrap_or_default(),
        (Conversion::Lines, Some(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(Value::Number(n))) => n.to_string(),
        (_, Some(other)) => other.to_string(),
    }
}

/// A whole number as a JSON number, a fraction as a float.
fn number_value(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        // Whole and in range: the cast is exact.
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

fn whole(t: &str) -> Option<i64> {
    t.replace(',', "").parse::<i64>().ok()
}

fn decimal(t: &str) -> Option<f64> {
    t.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// "£1,234.56" → 123456. At most two decimal places; no sign.
pub fn pence(t: &str) -> Option<i64> {
    let t = t.trim().trim_start_matches('£').replace(',', "");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) || frac.len() > 2 || whole.len() > 12 {
        return None;
    }
    let pounds: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let pennies: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()?.checked_mul(10)?,
        _ => frac.parse().ok()?,
    };
    pounds.checked_mul(100)?.checked_add(pennies)
}

/// 123456 → "1234.56".
pub fn pounds(p: i64) -> String {
    let sign = if p < 0 { "-" } else { "" };
    let a = p.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// 1234567 → "1,234,567", and 123456 → "£1,234.56", for reading: the core's wording, so the
/// form and its messages agree.
pub use sen_core::cost::{grouped, money};

/// The day, month and year of an ISO date text (as typed parts).
pub fn date_parts(value: Option<&Value>) -> [String; 3] {
    let text = value.and_then(Value::as_str).unwrap_or("");
    let mut parts = text.splitn(3, '-');
    let y = parts.next().unwrap_or("").to_owned();
    let m = parts.next().unwrap_or("").to_owned();
    let d = parts.next().unwrap_or("").to_owned();
    let strip = |s: String| {
        let t = s.trim_start_matches('0');
        if t.is_empty() && !s.is_empty() {
            "0".to_owned()
        } else {
            t.to_owned()
        }
    };
    [strip(d), strip(m), y]
}

/// Day, month and year as an ISO date text (`None` when all are blank). Parts are padded
/// but not judged: the core says whether the result is a real date.
pub fn join_date(day: &str, month: &str, year: &str) -> Option<String> {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return None;
    }
    Some(format!("{y}-{m:0>2}-{d:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> sen_core::text::Catalogue {
        sen_core::text::Catalogue::english()
    }
    use serde_json::json;

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(2000), "2,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(money(-123_456), "-£1,234.56");
        assert_eq!(money(5), "£0.05");
    }

    #[test]
    fn money_round_trips() {
        assert_eq!(pence("17.20"), Some(1720));
        assert_eq!(pence("£1,234.5"), Some(123_450));
        assert_eq!(pence("6000"), Some(600_000));
        assert_eq!(pence(".5"), Some(50));
        assert_eq!(pence("12.345"), None);
        assert_eq!(pence("-3"), None);
        assert_eq!(pence("abc"), None);
        assert_eq!(pence("99999999999999999"), None);
        assert_eq!(pounds(1720), "17.20");
        assert_eq!(money(902_242), "£9,022.42");
        assert_eq!(money(5), "£0.05");
    }

    #[test]
    fn parses_by_conversion() {
        assert_eq!(
            parse(Conversion::Whole, " 38 ", "Weeks", &en()),
            Ok(Some(json!(38)))
        );
        assert!(parse(Conversion::Whole, "3.5", "Weeks", &en()).is_err());
        assert_eq!(
            parse(Conversion::Decimal, "93.4", "A", &en()),
            Ok(Some(json!(93.4)))
        );
        assert_eq!(
            parse(Conversion::Decimal, "32", "A", &en()),
            Ok(Some(json!(32)))
        );
        assert_eq!(parse(Conversion::Text, "  ", "A", &en()), Ok(None));
        assert_eq!(
            parse(Conversion::Lines, "English\n\n Polish \n", "A", &en()),
            Ok(Some(json!(["English", "Polish"])))
        );
        assert_eq!(show(Conversion::Lines, Some(&json!(["a", "b"]))), "a\nb");
        assert_eq!(show(Conversion::Money, Some(&json!(1720))), "17.20");
        assert!(parse(Conversion::Money, "£12.3.4", "Rate", &en())
            .err()
            .is_some_and(|m| m.starts_with("Rate must be")));
    }

    #[test]
    fn dates() {
        assert_eq!(join_date("3", "9", "2020").as_deref(), Some("2020-09-03"));
        assert_eq!(join_date(" ", "", ""), None);
        assert_eq!(date_parts(Some(&json!("2020-09-03"))), ["3", "9", "2020"]);
        assert_eq!(date_parts(None), ["", "", ""]);
    }
}
