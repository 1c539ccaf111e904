//! GOV.UK date input: day, month and year in a fieldset. The three parts are joined into an ISO
//! date as they are typed; the message shows once focus leaves the whole date.

use leptos::html::Div;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::error_message::ErrorMessage;
use super::{described_by, group_class};
use crate::doc::{field_id, get};
use crate::input::{date_parts, join_date};
use crate::state::use_form;

#[component]
pub fn DateInput(
    pointer: String,
    shown_label: String,
    #[prop(default = None)] hint: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let id = field_id(&pointer);
    let [d0, m0, y0] = form.doc.with_untracked(|d| date_parts(get(d, &pointer)));
    let (day, month, year) = (RwSignal::new(d0), RwSignal::new(m0), RwSignal::new(y0));
    let message = super::message_memo(form, &pointer);
    let hint_text = hint.unwrap_or_else(|| form.text("widget.date.hint"));
    let group = NodeRef::<Div>::new();
    let p_write = pointer.clone();
    let write = move || {
        let joined = join_date(
            &day.get_untracked(),
            &month.get_untracked(),
            &year.get_untracked(),
        );
        form.write_value(&p_write, joined.map(Value::String));
    };
    let p_leave = pointer;
    let leave = move |ev: web_sys::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(group.get_untracked())
            .is_some_and(|(to, g)| g.contains(Some(&to)));
        if !inside {
            form.touch(&p_leave);
        }
    };
    let part = move |suffix: &'static str,
                     name: String,
                     width: &'static str,
                     sig: RwSignal<String>,
                     id: String| {
        let input_id = if suffix.is_empty() {
            id.clone()
        } else {
            format!("{id}-{suffix}")
        };
        let write = write.clone();
        view! {
            <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for=input_id.clone()>{name}</label>
                    <input
                        class=move || {
                            if message.get().is_some() {
                                format!("govuk-input govuk-date-input__input govuk-input--width-{width} govuk-input--error")
                            } else {
                                format!("govuk-input govuk-date-input__input govuk-input--width-{width}")
                            }
                        }
                        id=input_id.clone()
                        name=input_id
                        type="text"
                        inputmode="numeric"
                        prop:value=sig.get_untracked()
                        on:input=move |ev| {
                            sig.set(event_target_value(&ev));
                            write();
                        }
                    />
                </div>
            </div>
        }
    };
    view! {
        <div class=move || group_class(message.get().is_some())>
            <fieldset
                class="govuk-fieldset"
                role="group"
                aria-describedby={
                    let id = id.clone();
                    move || described_by(&id, true, message.get().is_some())
                }
            >
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{shown_label}</legend>
                <div class="govuk-hint" id=format!("{id}-hint")>{hint_text}</div>
                <ErrorMessage id=id.clone() message=message />
                <div class="govuk-date-input" node_ref=group on:focusout=leave>
                    {part("", form.text("widget.date.day"), "2", day, id.clone())}
                    {part("month", form.text("widget.date.month"), "2", month, id.clone())}
                    {part("year", form.text("widget.date.year"), "4", year, id.clone())}
                </div>
            </fieldset>
        </div>
    }
}
