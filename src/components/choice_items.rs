//! The items of a choice question, built in one place for radios, checkboxes, a select's
//! options, where the child lives and "Which of these apply?": each item's control id, the
//! value it writes and its `value` attribute, its label, whether it is chosen when the page
//! opens, and the box it reveals, if any. The components draw these items as GOV.UK marks
//! them up.

use leptos::prelude::{WithUntracked as _, WithValue as _};
use serde_json::Value;

use crate::doc::field_id;
use crate::state::Form;

/// One choice: the JSON value it writes and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: Value,
    pub label: String,
}

/// One item of a choice question as its control is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The control's id: the field's own for the first item (so an error summary's link lands
    /// on it), then `{id}-{n}`.
    pub id: String,
    /// What choosing it writes.
    pub value: Value,
    /// The control's `value` attribute: the code, or `true`/`false`.
    pub value_text: String,
    pub label: String,
    /// Chosen in the answers when the page opens.
    pub chosen: bool,
    /// The id of the conditional box it reveals (`aria-controls`).
    pub reveals: Option<String>,
}

/// A choice's value as the control's `value` attribute: the code, or `true`/`false`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The items of the question whose first control has the id `id`, one for each choice, in
/// order; `chosen` says which values the answers hold.
pub fn items<'a>(
    id: &'a str,
    choices: Vec<Choice>,
    chosen: &'a dyn Fn(&Value) -> bool,
) -> impl Iterator<Item = Item> + 'a {
    choices.into_iter().enumerate().map(move |(n, c)| Item {
        id: if n == 0 {
            id.to_owned()
        } else {
            format!("{id}-{n}")
        },
        chosen: chosen(&c.value),
        value_text: value_text(&c.value),
        value: c.value,
        label: c.label,
        reveals: None,
    })
}

/// The items of yes/no fields asked as one question, each box its field's (its id the field's,
/// ticked for Yes): `members` are the fields' pointers and the words on their boxes.
pub fn items_of_fields<'a>(
    members: &'a [(String, String)],
    chosen: &'a dyn Fn(&str) -> bool,
) -> impl Iterator<Item = Item> + 'a {
    members.iter().map(move |(pointer, words)| Item {
        id: field_id(pointer),
        value: Value::Bool(true),
        value_text: value_text(&Value::Bool(true)),
        label: words.clone(),
        chosen: chosen(pointer),
        reveals: None,
    })
}

/// An item after the question's choices that is none of them ("None of these", "Another local
/// authority"): its id is `{id}-{value}`.
pub fn extra(id: &str, value: &str, label: String, reveals: Option<String>) -> Item {
    Item {
        id: format!("{id}-{value}"),
        value: Value::from(value),
        value_text: value.to_owned(),
        label,
        chosen: false,
        reveals,
    }
}

/// Yes and No, writing `true` and `false`.
pub fn yes_no(form: Form) -> Vec<Choice> {
    vec![
        Choice {
            value: Value::Bool(true),
            label: form.text("widget.yes"),
        },
        Choice {
            value: Value::Bool(false),
            label: form.text("widget.no"),
        },
    ]
}

/// The choices a field offers now: a code list (the profile may narrow request types), or the
/// outcomes, provision or parents recorded so far.
pub fn choices_for(form: Form, pattern: &str) -> Vec<Choice> {
    use sen_core::form::{options_for, Options};
    let Some(options) = options_for(pattern) else {
        return Vec::new();
    };
    let from_list = |list: &str| -> Vec<Choice> {
        form.doc.with_untracked(|d| {
            form.texts
                .with_value(|t| crate::display::Words(t).references(d, list))
                .into_iter()
                .map(|(id, name)| Choice {
                    label: name,
                    value: Value::String(id),
                })
                .collect()
        })
    };
    match options {
        Options::Codes(codes) => {
            let allowed: Vec<String> = if pattern == "/requestType" {
                form.profile.with_value(|p| {
                    p.request_types
                        .iter()
                        .map(|r| r.code().to_owned())
                        .collect()
                })
            } else {
                Vec::new()
            };
            codes
                .iter()
                .filter(|(code, _)| allowed.is_empty() || allowed.iter().any(|a| a == code))
                .map(|(code, _)| Choice {
                    value: Value::from(*code),
                    label: form
                        .texts
                        .with_value(|t| crate::display::Words(t).code_label(pattern, code)),
                })
                .collect()
        }
        Options::Outcomes => from_list("/outcomes"),
        Options::ProvisionRows => from_list("/provisionMap/rows"),
        Options::Parents => from_list("/parents"),
        Options::Attachments => from_list("/attachments"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(value: Value, label: &str) -> Choice {
        Choice {
            value,
            label: label.to_owned(),
        }
    }

    #[test]
    fn the_first_item_has_the_fields_id() {
        let choices = vec![
            choice(Value::from("K"), "SEN support"),
            choice(Value::from("E"), "EHC plan"),
            choice(Value::Bool(true), "Yes"),
        ];
        let got: Vec<Item> = items("f-sen-status", choices, &|v| v.as_str() == Some("E")).collect();
        let ids: Vec<&str> = got.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["f-sen-status", "f-sen-status-1", "f-sen-status-2"]);
        let values: Vec<&str> = got.iter().map(|i| i.value_text.as_str()).collect();
        assert_eq!(values, ["K", "E", "true"]);
        let chosen: Vec<bool> = got.iter().map(|i| i.chosen).collect();
        assert_eq!(chosen, [false, true, false]);
        assert_eq!(got[1].label, "EHC plan");
        assert!(got.iter().all(|i| i.reveals.is_none()));
    }

    #[test]
    fn fields_asked_together_keep_their_ids() {
        let members = vec![
            ("/child/lookedAfter".to_owned(), "Looked after".to_owned()),
            ("/child/eal".to_owned(), "EAL".to_owned()),
        ];
        let got: Vec<Item> = items_of_fields(&members, &|p| p == "/child/eal").collect();
        assert_eq!(got[0].id, field_id("/child/lookedAfter"));
        assert_eq!(got[1].id, field_id("/child/eal"));
        assert!(got.iter().all(|i| i.value_text == "true"));
        assert_eq!((got[0].chosen, got[1].chosen), (false, true));
        let other = extra("f-x", "other", "Another".to_owned(), Some("r".to_owned()));
        assert_eq!(
            (other.id.as_str(), other.value_text.as_str()),
            ("f-x-other", "other")
        );
        assert_eq!(other.reveals.as_deref(), Some("r"));
    }
}
