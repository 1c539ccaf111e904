//! GOV.UK radios in a fieldset: a code list, the people or items of this application, or Yes/No.

use leptos::prelude::*;

use super::choice_items::{items, Choice};
use super::fieldset::Fieldset;
use crate::doc::{field_id, get};
use crate::state::use_form;

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
    let items = items(&id, choices, &|v| current.as_ref() == Some(v))
        .map(|item| {
            let p = pointer.clone();
            let value = item.value;
            view! {
                <div class="govuk-radios__item">
                    <input
                        class="govuk-radios__input"
                        id=item.id.clone()
                        name=id.clone()
                        type="radio"
                        value=item.value_text
                        prop:checked=item.chosen
                        on:change=move |_| {
                            form.write_value(&p, Some(value.clone()));
                            form.touch(&p);
                        }
                    />
                    <label class="govuk-label govuk-radios__label" for=item.id>{item.label}</label>
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
