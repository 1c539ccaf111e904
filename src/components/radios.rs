//! GOV.UK radios in a fieldset: a code list, the people or items of this application, or Yes/No.

use leptos::prelude::*;
use serde_json::Value;

use super::fieldset::Fieldset;
use crate::doc::{field_id, get};
use crate::state::use_form;

/// One choice: the JSON value it writes and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: Value,
    pub label: String,
}

/// Yes and No, writing `true` and `false`.
pub fn yes_no(form: crate::state::Form) -> Vec<Choice> {
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

#[component]
pub fn Radios(
    pointer: String,
    shown_label: String,
    choices: Vec<Choice>,
    #[prop(default = None)] hint: Option<String>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let form = use_form();
    let id = field_id(&pointer);
    let current = form.doc.with_untracked(|d| get(d, &pointer).cloned());
    let message = super::message_memo(form, &pointer);
    let class = if inline {
        "govuk-radios govuk-radios--inline"
    } else {
        "govuk-radios"
    };
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(n, c)| {
            let item_id = if n == 0 {
                id.clone()
            } else {
                format!("{id}-{n}")
            };
            let checked = current.as_ref() == Some(&c.value);
            let p = pointer.clone();
            let value = c.value.clone();
            view! {
                <div class="govuk-radios__item">
                    <input
                        class="govuk-radios__input"
                        id=item_id.clone()
                        name=id.clone()
                        type="radio"
                        value=super::value_text(&c.value)
                        prop:checked=checked
                        on:change=move |_| {
                            form.write_value(&p, Some(value.clone()));
                            form.touch(&p);
                        }
                    />
                    <label class="govuk-label govuk-radios__label" for=item_id>{c.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <Fieldset id=id shown_label=shown_label hint=hint message=message>
            <div class=class>{items}</div>
        </Fieldset>
    }
}
