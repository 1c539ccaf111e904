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

/// The items of a list that other answers refer to by id (outcomes, provision rows, parents,
/// documents), each with the name people know it by: "Outcome 2: By July…", the intervention,
/// "Sam Example (Mother)", the file name. Ids stay in the document.
pub fn references(doc: &Value, list: &str) -> Vec<(String, String)> {
    let Some(items) = doc.pointer(list).and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(n, item)| {
            let id = item.get("id")?.as_str()?.to_owned();
            Some((id, item_name(list, n, item)))
        })
        .collect()
}

fn text(item: &Value, key: &str) -> Option<String> {
    item.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// What people call item `n` (from 0) of a list.
pub fn item_name(list: &str, n: usize, item: &Value) -> String {
    let number = n.saturating_add(1);
    match list {
        "/outcomes" => match text(item, "text") {
            Some(t) => format!("Outcome {number}: {t}"),
            None => format!("Outcome {number}"),
        },
        "/provisionMap/rows" => {
            text(item, "intervention").unwrap_or_else(|| format!("Provision {number}"))
        }
        "/parents" => {
            let name = [text(item, "forename"), text(item, "surname")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let who = if name.is_empty() {
                format!("Parent or carer {number}")
            } else {
                name
            };
            match item.get("relationship").and_then(Value::as_str) {
                Some(r) => format!("{who} ({})", code_label("/parents/*/relationship", r)),
                None => who,
            }
        }
        "/attachments" => text(item, "filename").unwrap_or_else(|| format!("Document {number}")),
        _ => format!("Item {number}"),
    }
}

/// The list whose items an answer at this pattern refers to by id.
fn referred_list(pattern: &str) -> Option<&'static str> {
    match options_for(pattern) {
        Some(Options::Outcomes) => Some("/outcomes"),
        Some(Options::ProvisionRows) => Some("/provisionMap/rows"),
        Some(Options::Parents) => Some("/parents"),
        _ if pattern.ends_with("ttachmentId") => Some("/attachments"),
        _ => None,
    }
}

/// The name of what an id refers to, for reading; outcomes by their number only (their text is
/// shown with them).
fn referred(doc: &Value, list: &str, id: &str) -> String {
    let items = doc.pointer(list).and_then(Value::as_array);
    let found = items.and_then(|items| {
        items
            .iter()
            .enumerate()
            .find(|(_, item)| item.get("id").and_then(Value::as_str) == Some(id))
    });
    match (list, found) {
        ("/outcomes", Some((n, _))) => format!("Outcome {}", n.saturating_add(1)),
        (_, Some((n, item))) => item_name(list, n, item),
        (_, None) => "Not found: it may have been removed".to_owned(),
    }
}

/// An answer for reading, with ids shown as the names of what they refer to.
pub fn answer_in(doc: &Value, pattern: &str, kind: Kind, value: &Value) -> String {
    if let Some(list) = referred_list(pattern) {
        let ids: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !ids.is_empty() {
            return ids
                .into_iter()
                .map(|id| referred(doc, list, id))
                .collect::<Vec<_>>()
                .join(", ");
        }
    }
    answer(pattern, kind, value)
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
        let doc = json!({
            "outcomes": [{"id": "o1", "text": "Read 45 words a minute"}, {"id": "o3"}],
            "parents": [{"id": "p1", "forename": "Sam", "surname": "Example", "relationship": "MOTHER"}],
            "attachments": [{"id": "a5", "filename": "consent-signed.pdf"}]
        });
        assert_eq!(
            answer_in(
                &doc,
                "/provisionMap/rows/*/linkedOutcomeIds",
                Kind::Choices,
                &json!(["o1", "o3"])
            ),
            "Outcome 1, Outcome 2"
        );
        assert_eq!(
            answer_in(
                &doc,
                "/consents/*/givenByPersonId",
                Kind::Choice,
                &json!("p1")
            ),
            "Sam Example (Mother)"
        );
        assert_eq!(
            answer_in(
                &doc,
                "/consents/*/signatureAttachmentId",
                Kind::Text,
                &json!("a5")
            ),
            "consent-signed.pdf"
        );
        assert_eq!(
            references(&doc, "/outcomes"),
            vec![
                (
                    "o1".to_owned(),
                    "Outcome 1: Read 45 words a minute".to_owned()
                ),
                ("o3".to_owned(), "Outcome 2".to_owned())
            ]
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
