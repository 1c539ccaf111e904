//! GOV.UK select, for code lists too long for radios.

use leptos::prelude::*;
use serde_json::Value;

use super::choice_items::{items, value_text, Choice};
use super::error_message::ErrorMessage;
use super::{described_by, group_class};
use crate::doc::{field_id, get};
use crate::state::use_form;

#[component]
pub fn Select(
    pointer: String,
    shown_label: String,
    choices: Vec<Choice>,
    #[prop(default = None)] hint: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let id = field_id(&pointer);
    let current = form.doc.with_untracked(|d| get(d, &pointer).cloned());
    let message = super::message_memo(form, &pointer);
    let has_hint = hint.is_some();
    let values: Vec<Value> = choices.iter().map(|c| c.value.clone()).collect();
    let options = items(&id, choices, &|v| current.as_ref() == Some(v))
        .map(|item| view! { <option value=item.value_text selected=item.chosen>{item.label}</option> })
        .collect_view();
    let p = pointer;
    view! {
        <div class=move || group_class(message.get().is_some())>
            <label class="govuk-label" for=id.clone()>{shown_label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
            <ErrorMessage id=id.clone() message=message />
            <select
                class=move || {
                    if message.get().is_some() { "govuk-select govuk-select--error" } else { "govuk-select" }
                }
                id=id.clone()
                name=id.clone()
                aria-describedby={
                    let id = id.clone();
                    move || described_by(&id, has_hint, message.get().is_some())
                }
                on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    let chosen = values.iter().find(|v| value_text(v) == picked).cloned();
                    form.write_value(&p, chosen);
                    form.touch(&p);
                }
            >
                <option value="" selected=current.is_none()>{form.text("widget.select.choose")}</option>
                {options}
            </select>
        </div>
    }
}
