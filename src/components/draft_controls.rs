//! Keeping the answers: whether they are saved on this device, what happened to the last save,
//! and a copy to download or load (to move between computers, or to keep).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::drafts::store::Where;
use crate::state::use_form;

#[component]
pub fn DraftControls() -> impl IntoView {
    let form = use_form();
    let possible = form.place.get_value() != Where::Nowhere;
    let status = move || match form.save_problem.get() {
        Some(problem) => form.text(problem),
        None if form.newer.get().is_some() => form.text("widget.draft.other-tab"),
        None if form.save_here.get() => match form.saved_at.get() {
            Some(ms) => form.say(
                "widget.draft.saved-at",
                &[("time", &super::live_region::clock(ms))],
            ),
            None => form.text("widget.draft.saved"),
        },
        None => form.text("widget.draft.not-saved"),
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            match text {
                Some(t) => form.import(&t),
                None => form.import(""),
            }
        });
    };
    view! {
        <h2 class="govuk-heading-m">{form.text("widget.draft.title")}</h2>
        <p class=move || if form.save_problem.get().is_some() { "govuk-error-message" } else { "govuk-body" }
           id="save-status">{status}</p>
        {possible.then(|| view! {
            <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id="save-here" name="save-here" type="checkbox"
                            prop:checked=form.save_here.get_untracked()
                            on:change=move |ev| form.choose_saving(event_target_checked(&ev)) />
                        <label class="govuk-label govuk-checkboxes__label" for="save-here">
                            {form.text("widget.draft.save-here")}
                        </label>
                    </div>
                </div>
            </div>
        })}
        <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" id="download"
                on:click=move |_| form.export()>{form.text("widget.draft.download")}</button>
        </div>
        <div class="govuk-form-group">
            <label class="govuk-label" for="load-file">{form.text("widget.draft.load")}</label>
            <input class="govuk-file-upload" id="load-file" name="load-file" type="file" accept="application/json,.json"
                on:change=pick />
        </div>
    }
}
