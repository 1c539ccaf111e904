//! GOV.UK error summary. Its links move focus to the field in code: fragment links do not cross
//! the shadow root's boundary.

use leptos::prelude::*;

use crate::doc::field_id;
use crate::focus::{self, SUMMARY_ID};
use crate::state::use_form;

#[component]
pub fn ErrorSummary(
    errors: Signal<Vec<(String, String)>>,
    /// Errors shown at once, without waiting for Continue (files just refused).
    #[prop(optional)]
    now: Option<Signal<Vec<(String, String)>>>,
) -> impl IntoView {
    let form = use_form();
    move || {
        let mut shown = now.map(|n| n.get()).unwrap_or_default();
        if form.show_all.get() {
            shown.extend(errors.get());
        }
        (!shown.is_empty()).then(|| {
            let items = shown
                .into_iter()
                .map(|(pointer, message)| {
                    let href = format!("#{}", field_id(&pointer));
                    view! {
                        <li>
                            <a href=href on:click=move |ev| {
                                ev.prevent_default();
                                focus::field(form, &pointer);
                            }>{message}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="govuk-error-summary" id=SUMMARY_ID tabindex="-1">
                    <div role="alert">
                        <h2 class="govuk-error-summary__title">{form.text("widget.error-summary.title")}</h2>
                        <div class="govuk-error-summary__body">
                            <ul class="govuk-list govuk-error-summary__list">{items}</ul>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
