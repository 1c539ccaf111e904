//! GOV.UK back link, moving to a page of the journey.

use leptos::prelude::*;

use crate::route::Page;
use crate::state::use_form;

#[component]
pub fn BackLink(to: Page) -> impl IntoView {
    let form = use_form();
    view! {
        <a href="#" class="govuk-back-link" on:click=move |ev| {
            ev.prevent_default();
            form.go(to.clone());
        }>{form.text("widget.back")}</a>
    }
}
