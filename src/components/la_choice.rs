//! Where the child lives: GOV.UK radios of the local authorities the council's profile lists,
//! by name, and "Another local authority", which reveals a box for its three-digit DfE code.
//! The answer is the code either way.

use leptos::prelude::*;
use serde_json::Value;

use super::choice_items::{extra, items, Choice};
use super::fieldset::Fieldset;
use super::text_input::{InputLook, TextInput};
use crate::doc::{field_id, get};
use crate::input::Conversion;
use crate::state::use_form;

#[component]
pub fn LaChoice(pointer: String, label: String, shown_label: String) -> impl IntoView {
    let form = use_form();
    let id = field_id(&pointer);
    let listed = form.profile.with_value(|p| p.local_authorities.clone());
    let answer = {
        let p = pointer.clone();
        move || {
            form.doc
                .with(|d| get(d, &p).and_then(Value::as_str).map(str::to_owned))
        }
    };
    let codes: Vec<String> = listed.iter().map(|la| la.code.clone()).collect();
    let other = RwSignal::new(
        form.doc
            .with_untracked(|d| get(d, &pointer).and_then(Value::as_str).map(str::to_owned))
            .is_some_and(|c| !codes.contains(&c)),
    );
    // The message shows at the box once it is open.
    let message = {
        let p = pointer.clone();
        Memo::new(move |_| if other.get() { None } else { form.message(&p) })
    };
    let choices = listed
        .into_iter()
        .map(|la| Choice {
            value: Value::String(la.code),
            label: la.name,
        })
        .collect();
    // Whether each is chosen follows the answer and the box (below), not the page's opening.
    let items = items(&id, choices, &|_: &Value| false)
        .map(|item| {
            let p = pointer.clone();
            let code = item.value_text.clone();
            let answer = answer.clone();
            let value = item.value;
            view! {
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=item.id.clone() name=id.clone() type="radio" value=item.value_text
                        prop:checked=move || !other.get() && answer().as_deref() == Some(code.as_str())
                        on:change=move |_| {
                            other.set(false);
                            form.write_value(&p, Some(value.clone()));
                            form.touch(&p);
                        } />
                    <label class="govuk-label govuk-radios__label" for=item.id>{item.label}</label>
                </div>
            }
        })
        .collect_view();
    let box_id = format!("{id}-code");
    let another = extra(
        &id,
        "other",
        form.text("widget.la.other"),
        Some(format!("{box_id}-reveal")),
    );
    let reveal_id = another.reveals.clone().unwrap_or_default();
    let p = pointer.clone();
    view! {
        <Fieldset id=id.clone() shown_label=shown_label hint=None message=message>
            <div class="govuk-radios">
                {items}
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=another.id.clone() name=id type="radio" value=another.value_text
                        aria-controls=reveal_id.clone()
                        prop:checked=move || other.get()
                        on:change=move |_| {
                            // A code chosen by name is cleared for the one typed.
                            if form.doc.with_untracked(|d| get(d, &p).is_some()) {
                                form.write_value(&p, None);
                            }
                            other.set(true);
                        } />
                    <label class="govuk-label govuk-radios__label" for=another.id>{another.label}</label>
                </div>
                <div class="govuk-radios__conditional" id=reveal_id
                    class:govuk-radios__conditional--hidden=move || !other.get()>
                    <TextInput pointer=pointer label=label shown_label=form.text("widget.la.code")
                        conversion=Conversion::Text id=box_id
                        hint=Some(form.text("widget.la.code-hint"))
                        look=InputLook { inputmode: Some("numeric"), width: Some("4"), spellcheck: Some(false), ..InputLook::default() } />
                </div>
            </div>
        </Fieldset>
    }
}
