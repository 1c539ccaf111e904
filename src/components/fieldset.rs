//! GOV.UK fieldset with a legend, hint and error message, around radios or checkboxes.

use leptos::prelude::*;

use super::error_message::ErrorMessage;
use super::{described_by, group_class};

#[component]
pub fn Fieldset(
    id: String,
    shown_label: String,
    hint: Option<String>,
    message: Memo<Option<String>>,
    children: Children,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let describe = {
        let id = id.clone();
        move || described_by(&id, has_hint, message.get().is_some())
    };
    view! {
        <div class=move || group_class(message.get().is_some())>
            <fieldset class="govuk-fieldset" aria-describedby=describe>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{shown_label}</legend>
                {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
                <ErrorMessage id=id.clone() message=message />
                {children()}
            </fieldset>
        </div>
    }
}
