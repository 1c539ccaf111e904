//! GOV.UK file upload, for the documents an application carries: a labelled
//! `<input type="file" multiple>` (reached with the Tab key, named for voice control), a hint
//! with the kinds and size the council allows, each refused file's message, and a drop zone
//! around it where files can be dragged. What is chosen or dropped goes to `files::choose`;
//! what came of it is said in the live region.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::group_class;
use crate::files::{self, UPLOAD_ID};
use crate::state::use_form;

#[component]
pub fn FileUpload() -> impl IntoView {
    let form = use_form();
    let (hint, accept) = form.profile.with_value(|p| {
        (
            form.texts
                .with_value(|t| crate::attach::hint(&p.attachments, t)),
            crate::attach::accept(&p.attachments.allowed_types),
        )
    });
    // The core's message about the whole list (a document the council needs), then each file
    // just refused.
    let list_message = super::message_memo(form, crate::attach::LIST);
    let messages = Memo::new(move |_| {
        let mut all: Vec<String> = list_message.get().into_iter().collect();
        form.files
            .shelf
            .with(|s| all.extend(s.refused.iter().cloned()));
        all
    });
    let dragging = RwSignal::new(false);
    let error_ids = move || {
        (0..messages.with(Vec::len))
            .map(|n| format!(" {UPLOAD_ID}-error-{n}"))
            .collect::<String>()
    };
    let drag = move |ev: web_sys::DragEvent, over: bool| {
        ev.prevent_default();
        dragging.set(over);
    };
    let reading = move || {
        let n = form.files.shelf.with(|s| s.reading);
        (n > 0).then(|| {
            view! {
                <p class="govuk-body" id="file-reading">
                    {form.texts.with_value(|t| t.plural(i64::try_from(n).unwrap_or(i64::MAX), "widget.files.checking"))}
                </p>
            }
        })
    };
    view! {
        <div class=move || group_class(!messages.with(Vec::is_empty))>
            <div
                class=move || if dragging.get() { "govuk-drop-zone app-drop-zone app-drop-zone--dragging" } else { "govuk-drop-zone app-drop-zone" }
                on:dragenter=move |ev| drag(ev, true)
                on:dragover=move |ev| drag(ev, true)
                on:dragleave=move |ev| drag(ev, false)
                on:drop=move |ev: web_sys::DragEvent| {
                    drag(ev.clone(), false);
                    if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
                        files::choose(form, &list);
                    }
                }
            >
                <label class="govuk-label govuk-label--m" for=UPLOAD_ID>{form.text("widget.files.attach")}</label>
                <div class="govuk-hint" id=format!("{UPLOAD_ID}-hint")>{hint}</div>
                {move || messages.get().into_iter().enumerate().map(|(n, m)| view! {
                    <p class="govuk-error-message" id=format!("{UPLOAD_ID}-error-{n}")>
                        <span class="govuk-visually-hidden">{form.text("widget.error.prefix")}</span>{m}
                    </p>
                }).collect_view()}
                <input
                    class=move || if messages.with(Vec::is_empty) { "govuk-file-upload" } else { "govuk-file-upload govuk-file-upload--error" }
                    id=UPLOAD_ID
                    name=UPLOAD_ID
                    type="file"
                    multiple
                    accept=accept
                    aria-describedby=move || format!("{UPLOAD_ID}-hint{}", error_ids())
                    on:change=move |ev| {
                        let Some(input) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        else {
                            return;
                        };
                        if let Some(list) = input.files() {
                            files::choose(form, &list);
                        }
                        // The same file chosen again is a new choice.
                        input.set_value("");
                    }
                />
                <p class="govuk-body app-drop-zone__text" aria-hidden="true">{form.text("widget.files.drop")}</p>
            </div>
            {reading}
        </div>
    }
}
