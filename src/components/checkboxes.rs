//! GOV.UK checkboxes in a fieldset. The answer is a list kept in the order of the options.

use leptos::prelude::*;
use serde_json::Value;

use super::choice_items::{items, Choice};
use super::fieldset::Fieldset;
use crate::doc::{field_id, get};
use crate::state::use_form;

#[component]
pub fn Checkboxes(
    pointer: String,
    shown_label: String,
    choices: Vec<Choice>,
    #[prop(default = None)] hint: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let id = field_id(&pointer);
    let current: Vec<Value> = form.doc.with_untracked(|d| {
        get(d, &pointer)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    });
    let message = super::message_memo(form, &pointer);
    let order: Vec<Value> = choices.iter().map(|c| c.value.clone()).collect();
    let items = items(&id, choices, &|v| current.contains(v))
        .map(|item| {
            let p = pointer.clone();
            let value = item.value;
            let order = order.clone();
            view! {
                <div class="govuk-checkboxes__item">
                    <input
                        class="govuk-checkboxes__input"
                        id=item.id.clone()
                        name=id.clone()
                        type="checkbox"
                        value=item.value_text
                        prop:checked=item.chosen
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut chosen: Vec<Value> = form.doc.with_untracked(|d| {
                                get(d, &p).and_then(Value::as_array).cloned().unwrap_or_default()
                            });
                            chosen.retain(|v| *v != value);
                            if on {
                                chosen.push(value.clone());
                            }
                            chosen.sort_by_key(|v| order.iter().position(|o| o == v).unwrap_or(usize::MAX));
                            let next = (!chosen.is_empty()).then_some(Value::Array(chosen));
                            form.write_value(&p, next);
                            form.touch(&p);
                        }
                    />
                    <label class="govuk-label govuk-checkboxes__label" for=item.id>{item.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <Fieldset id=id shown_label=shown_label hint=hint message=message>
            <div class="govuk-checkboxes govuk-checkboxes--small">{items}</div>
        </Fieldset>
    }
}
