//! Confirmation: the application was accepted, with the backend's reference, the child it is
//! for, and what happens next in the council's words (the profile's `nextSteps`); a copy to
//! print or download. Printed, it is the evidence pack with the reference and the date sent
//! (every answer and chart, as check your answers shows them), not this page.

use leptos::prelude::*;
use serde_json::Value;

use crate::components::print_controls::PrintControls;
use crate::components::print_heading::PrintHeading;
use crate::focus::HEADING_ID;
use crate::state::use_form;

/// What happens next when the council's profile does not say.
const NEXT_STEPS: &str = "The council will check the application and tell you when it will be considered, and what was decided.";

#[component]
pub fn SentPage(reference: String) -> impl IntoView {
    let form = use_form();
    let has_reference = !reference.is_empty();
    let (council, next) = form.profile.with_value(|p| {
        (
            p.name.clone(),
            p.next_steps
                .clone()
                .unwrap_or_else(|| NEXT_STEPS.to_owned()),
        )
    });
    let child = form.doc.with_untracked(|d| {
        let part = |k: &str| {
            d.pointer(&format!("/child/{k}"))
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        let name = format!("{} {}", part("legalForename"), part("legalSurname"));
        let name = name.trim().to_owned();
        if name.is_empty() {
            "the child".to_owned()
        } else {
            name
        }
    });
    let printed = reference.clone();
    let pack = super::answers::all_sections(form);
    view! {
        <PrintHeading reference=printed.clone() />
        <div class="app-no-print">
        <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title" id=HEADING_ID tabindex="-1">"Application sent"</h1>
            {has_reference.then(|| view! {
                <div class="govuk-panel__body">
                    "Your reference number"<br /><strong id="reference">{reference.clone()}</strong>
                </div>
            })}
        </div>
        <p class="govuk-body" id="sent-for">{format!("Your application for {child} has been sent to {council}.")}</p>
        <h2 class="govuk-heading-m">"What happens next"</h2>
        <p class="govuk-body" id="next-steps">{next}</p>
        <p class="govuk-body">"Keep the reference number: you will need it if you contact the council about this application."</p>
        </div>
        <PrintControls reference=printed />
        <div class="app-print-only">{pack}</div>
    }
}
