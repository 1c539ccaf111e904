//! GOV.UK text input, with an optional prefix (£) or suffix (%) and width. The value is written on every
//! keystroke; the message shows once the field is left after a change, or after Continue.

use leptos::prelude::*;

use super::error_message::ErrorMessage;
use super::{described_by, group_class};
use crate::doc::field_id;
use crate::input::Conversion;
use crate::state::use_form;

/// How a text input looks and behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct InputLook {
    pub prefix: Option<&'static str>,
    /// A unit after the box (`%`).
    pub suffix: Option<&'static str>,
    pub width: Option<&'static str>,
    pub input_type: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    pub spellcheck: Option<bool>,
}

#[component]
pub fn TextInput(
    pointer: String,
    label: String,
    shown_label: String,
    conversion: Conversion,
    #[prop(default = None)] hint: Option<String>,
    #[prop(optional)] look: InputLook,
    /// The input's id where it is not the field's own (a box revealed inside radios).
    #[prop(optional)]
    id: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let id = id.unwrap_or_else(|| field_id(&pointer));
    let initial = form.initial(&pointer, conversion);
    let message = super::message_memo(form, &pointer);
    let has_hint = hint.is_some();
    let class = match look.width {
        Some(w) => format!("govuk-input govuk-input--width-{w}"),
        None => "govuk-input".to_owned(),
    };
    let input_class = move || {
        if message.get().is_some() {
            format!("{class} govuk-input--error")
        } else {
            class.clone()
        }
    };
    let (p_in, p_change) = (pointer.clone(), pointer);
    let describe = {
        let id = id.clone();
        move || described_by(&id, has_hint, message.get().is_some())
    };
    let input = view! {
        <input
            class=input_class
            id=id.clone()
            name=id.clone()
            type=look.input_type.unwrap_or("text")
            inputmode=look.inputmode
            autocomplete=look.autocomplete
            spellcheck=look.spellcheck.map(|s| if s { "true" } else { "false" })
            prop:value=initial
            aria-describedby=describe
            on:input=move |ev| form.write(&p_in, conversion, &event_target_value(&ev), &label)
            on:change=move |_| form.touch(&p_change)
        />
    };
    let control = if look.prefix.is_none() && look.suffix.is_none() {
        input.into_any()
    } else {
        view! {
            <div class="govuk-input__wrapper">
                {look.prefix.map(|p| view! { <div class="govuk-input__prefix" aria-hidden="true">{p}</div> })}
                {input}
                {look.suffix.map(|s| view! { <div class="govuk-input__suffix" aria-hidden="true">{s}</div> })}
            </div>
        }
        .into_any()
    };
    view! {
        <div class=move || group_class(message.get().is_some())>
            <label class="govuk-label" for=id.clone()>{shown_label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
            <ErrorMessage id=id.clone() message=message />
            {control}
        </div>
    }
}
