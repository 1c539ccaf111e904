//! GOV.UK textarea with a character count (the count is worked out here, not by
//! govuk-frontend's JavaScript, which a shadow root does not run).

use leptos::prelude::*;

use super::error_message::ErrorMessage;
use super::{described_by, group_class};
use crate::doc::field_id;
use crate::input::Conversion;
use crate::state::use_form;

/// The core's limit for long answers.
const LIMIT: usize = 10_000;

#[component]
pub fn Textarea(
    pointer: String,
    label: String,
    shown_label: String,
    conversion: Conversion,
    #[prop(default = None)] hint: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let id = field_id(&pointer);
    let initial = form.initial(&pointer, conversion);
    let count = RwSignal::new(initial.chars().count());
    let message = super::message_memo(form, &pointer);
    let has_hint = hint.is_some();
    let (p_in, p_change) = (pointer.clone(), pointer);
    let describe = {
        let id = id.clone();
        move || {
            let base = described_by(&id, has_hint, message.get().is_some());
            Some(match base {
                Some(b) => format!("{id}-info {b}"),
                None => format!("{id}-info"),
            })
        }
    };
    let remaining = move || {
        let n = count.get();
        let (how, by) = if n > LIMIT {
            ("over", n - LIMIT)
        } else {
            ("left", LIMIT - n)
        };
        let form_of = if by == 1 { "one" } else { "other" };
        let id = format!("widget.count.{how}.{form_of}");
        form.say(&id, &[("n", &crate::input::grouped(by as u64))])
    };
    let over = move || count.get() > LIMIT;
    view! {
        <div class=move || {
            format!("{} govuk-character-count", group_class(message.get().is_some()))
        }>
            <label class="govuk-label" for=id.clone()>{shown_label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
            <ErrorMessage id=id.clone() message=message />
            <textarea
                class=move || {
                    if message.get().is_some() || over() {
                        "govuk-textarea govuk-textarea--error"
                    } else {
                        "govuk-textarea"
                    }
                }
                id=id.clone()
                name=id.clone()
                rows="5"
                prop:value=initial
                aria-describedby=describe
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    count.set(text.chars().count());
                    form.write(&p_in, conversion, &text, &label);
                }
                on:change=move |_| form.touch(&p_change)
            ></textarea>
            <div
                id=format!("{id}-info")
                class=move || {
                    if over() {
                        "govuk-error-message govuk-character-count__message"
                    } else {
                        "govuk-hint govuk-character-count__message"
                    }
                }
            >
                {remaining}
            </div>
        </div>
    }
}
