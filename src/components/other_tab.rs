//! GOV.UK notification banner shown when another tab on this form saved its answers, or
//! deleted them (`tabs.rs`): this tab's answers are not being saved, and the person chooses to
//! load the newer ones or keep these (which are then saved). Shown on whatever page is open;
//! focus is left where it is (the live region says it).

use leptos::prelude::*;

use crate::components::live_region::clock;
use crate::state::use_form;
use crate::tabs::Told;

#[component]
pub fn OtherTab() -> impl IntoView {
    let form = use_form();
    move || {
        let told = form.newer.get()?;
        let (heading, body) = match told {
            Told::Saved(at) => ("Newer answers were saved in another tab", format!(
                "This form is open in another tab or window too, and its answers were saved there at {}. Your answers in this tab are not being saved, so that they do not overwrite those.",
                clock(at)
            )),
            Told::Deleted => ("Your answers were deleted in another tab", "This form is open in another tab or window too, and its answers were sent or cleared there, so they are no longer kept on this device. Your answers in this tab are not being saved, so that they are not kept again unless you choose.".to_owned()),
        };
        Some(view! {
            <div class="govuk-notification-banner" role="region" aria-labelledby="other-tab-title" id="other-tab">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="other-tab-title">"Important"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{heading}</p>
                    <p class="govuk-body">{body}</p>
                    <div class="govuk-button-group">
                        {matches!(told, Told::Saved(_)).then(|| view! {
                            <button type="button" class="govuk-button" id="other-tab-load"
                                on:click=move |_| form.load_newer()>"Load the newer answers"</button>
                        })}
                        <button type="button" class="govuk-button govuk-button--secondary" id="other-tab-keep"
                            on:click=move |_| form.keep_mine()>"Keep the answers in this tab"</button>
                    </div>
                </div>
            </div>
        })
    }
}
