//! GOV.UK notification banner saying the language's texts (`messages-url`) could not be used:
//! where from and why; the form is shown in English meanwhile. Shown on every page.

use leptos::prelude::*;

use crate::state::use_form;

#[component]
pub fn TextsProblem() -> impl IntoView {
    let form = use_form();
    let why = form.texts_problem.get_value()?;
    let title = form
        .texts
        .with_value(|t| t.get("widget.banner.problem").to_owned());
    Some(view! {
        <div class="govuk-notification-banner" role="alert" aria-labelledby="texts-problem-title" id="texts-problem">
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="texts-problem-title">{title}</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{why}</p>
            </div>
        </div>
    })
}
