//! GOV.UK notification banner about saved answers: restored from this device, loaded from a
//! file, cleared, or a file that could not be loaded. "Start again" clears everything.

use leptos::prelude::*;

use crate::state::{use_form, Notice};

#[component]
pub fn NoticeBanner() -> impl IntoView {
    let form = use_form();
    move || {
        let notice = form.notice.get()?;
        let (title, heading, problem) = match &notice {
            Notice::Restored => (
                "Important",
                "We have restored your answers".to_owned(),
                false,
            ),
            Notice::Imported => (
                "Success",
                "Your answers have been loaded from the file".to_owned(),
                false,
            ),
            Notice::StartedAgain => (
                "Success",
                "Your answers have been cleared".to_owned(),
                false,
            ),
            Notice::Problem(m) => ("There is a problem", m.clone(), true),
        };
        let class = if matches!(notice, Notice::Imported | Notice::StartedAgain) {
            "govuk-notification-banner govuk-notification-banner--success"
        } else {
            "govuk-notification-banner"
        };
        let role = if problem || matches!(notice, Notice::Imported | Notice::StartedAgain) {
            "alert"
        } else {
            "region"
        };
        Some(view! {
            <div class=class role=role aria-labelledby="notice-title" id="notice">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="notice-title">{title}</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{heading}</p>
                    {(notice == Notice::Restored).then(|| view! {
                        <p class="govuk-body">"They were saved on this device. Carry on where you left off, or start again."</p>
                        <button type="button" class="govuk-button govuk-button--warning" id="start-again"
                            on:click=move |_| form.start_again()>"Start again"</button>
                    })}
                </div>
            </div>
        })
    }
}
