//! GOV.UK notification banner shown when another tab on this form saved its answers, or
//! deleted them (`drafts/tabs.rs`): this tab's answers are not being saved, and the person chooses to
//! load the newer ones or keep these (which are then saved). Shown on whatever page is open;
//! focus is left where it is (the live region says it). Its region is named by its title and its
//! heading together, so that beside the notice banner (titled "Important" too) each landmark's name
//! is its own.

use leptos::prelude::*;

use crate::components::live_region::clock;
use crate::state::{use_form, Told};

#[component]
pub fn OtherTab() -> impl IntoView {
    let form = use_form();
    move || {
        let told = form.newer.get()?;
        let (heading, body) = match told {
            Told::Saved(at) => (
                form.text("widget.other-tab.saved"),
                form.say("widget.other-tab.saved-body", &[("time", &clock(at))]),
            ),
            Told::Deleted => (
                form.text("widget.other-tab.deleted"),
                form.text("widget.other-tab.deleted-body"),
            ),
        };
        Some(view! {
            <div class="govuk-notification-banner" role="region" aria-labelledby="other-tab-title other-tab-heading" id="other-tab">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="other-tab-title">{form.text("widget.banner.important")}</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading" id="other-tab-heading">{heading}</p>
                    <p class="govuk-body">{body}</p>
                    <div class="govuk-button-group">
                        {matches!(told, Told::Saved(_)).then(|| view! {
                            <button type="button" class="govuk-button" id="other-tab-load"
                                on:click=move |_| form.load_newer()>{form.text("widget.other-tab.load")}</button>
                        })}
                        <button type="button" class="govuk-button govuk-button--secondary" id="other-tab-keep"
                            on:click=move |_| form.keep_mine()>{form.text("widget.other-tab.keep")}</button>
                    </div>
                </div>
            </div>
        })
    }
}
