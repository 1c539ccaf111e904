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

#[component]
pub fn SentPage(reference: String) -> impl IntoView {
    let form = use_form();
    let has_reference = !reference.is_empty();
    let (council, next) = form.profile.with_value(|p| {
        (
            p.name.clone(),
            p.next_steps
                .clone()
                .unwrap_or_else(|| form.text("widget.sent.next-steps")),
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
            form.text("widget.sent.the-child")
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
            <h1 class="govuk-panel__title" id=HEADING_ID tabindex="-1">{form.text("widget.sent.title")}</h1>
            {has_reference.then(|| view! {
                <div class="govuk-panel__body">
                    {form.text("widget.sent.reference")}<br /><strong id="reference">{reference.clone()}</strong>
                </div>
            })}
        </div>
        <p class="govuk-body" id="sent-for">{form.say("widget.sent.for", &[("child", &child), ("council", &council)])}</p>
        <h2 class="govuk-heading-m">{form.text("widget.sent.next")}</h2>
        <p class="govuk-body" id="next-steps">{next}</p>
        <p class="govuk-body">{form.text("widget.sent.keep-reference")}</p>
        </div>
        <PrintControls reference=printed />
        <div class="app-print-only">{pack}</div>
    }
}
