//! Answers as people read them on the check-your-answers page: labels for codes, Yes and No,
//! pounds and pence, dates in words.

use sen_core::form::{options_for, Options};
use sen_core::rules::field_specs::Kind;
use serde_json::Value;

use crate::input::money;

/// `2016-05-14` → `14 May 2016`; anything else as it is.
pub fn date(text: &str) -> String {
    sen_core::Date::parse(text).map_or_else(|| text.to_owned(), sen_core::date::human)
}

fn code_label(pattern: &str, code: &str) -> String {
    match options_for(pattern) {
        Some(Options::Codes(codes)) => codes
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| (*l).to_owned())
            .unwrap_or_else(|| code.to_owned()),
        _ => code.to_owned(),
    }
}

/// An answer for reading.
pub fn answer(pattern: &str, kind: Kind, value: &Value) -> String {
    match (kind, value) {
        (_, Value::Bool(b)) => if *b { "Yes" } else { "No" }.to_owned(),
        (Kind::Money, Value::Number(n)) => n.as_i64().map(money).unwrap_or_default(),
        (Kind::Date, Value::String(s)) => date(s),
        (Kind::Choice | Kind::Choices, Value::String(s)) => code_label(pattern, s),
        (_, Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                Value::String(s) if matches!(kind, Kind::Choice | Kind::Choices) => {
                    code_label(pattern, s)
                }
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_answers() {
        assert_eq!(date("2016-05-14"), "14 May 2016");
        assert_eq!(answer("/child/sex", Kind::Choice, &json!("M")), "Male");
        assert_eq!(answer("/x", Kind::YesNo, &json!(true)), "Yes");
        assert_eq!(
            answer(
                "/setting/notionalSenBudgetPence",
                Kind::Money,
                &json!(600000)
            ),
            "£6,000.00"
        );
        assert_eq!(
            answer(
                "/requestType",
                Kind::Choices,
                &json!(["TOP_UP_FUNDING", "OUTREACH"])
            ),
            "Top-up funding (Element 3), Outreach support"
        );
    }
}
