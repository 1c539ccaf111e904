//! GOV.UK error message: shown next to a field, with a hidden "Error:" prefix for screen readers.

use leptos::prelude::*;

#[component]
pub fn ErrorMessage(id: String, message: Memo<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="govuk-error-message" id=format!("{id}-error")>
                    <span class="govuk-visually-hidden">{crate::state::use_form().text("widget.error.prefix")}</span>
                    {m}
                </p>
            }
        })
    }
}
