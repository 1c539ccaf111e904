//! Confirmation: the application was accepted, with the backend's reference.

use leptos::prelude::*;

use crate::focus::HEADING_ID;

#[component]
pub fn SentPage(reference: String) -> impl IntoView {
    let has_reference = !reference.is_empty();
    view! {
        <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title" id=HEADING_ID tabindex="-1">"Application sent"</h1>
            {has_reference.then(|| view! {
                <div class="govuk-panel__body">
                    "Your reference number"<br /><strong id="reference">{reference.clone()}</strong>
                </div>
            })}
        </div>
        <h2 class="govuk-heading-m">"What happens next"</h2>
        <p class="govuk-body">"The council will check the application and tell you when it will go to the panel. Keep the reference number: you will need it if you contact the council about this application."</p>
    }
}
