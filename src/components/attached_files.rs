//! The files attached: each with its name, size and upload state (a percentage while it is
//! sent), the core's warning if any, the questions about it (its type, offered from its name,
//! and its date), "Try again" when the council's system could not be reached, and Remove (the
//! file's name in its text for screen readers). No id, code or hash is shown.

use leptos::prelude::*;
use serde_json::Value;

use super::field::Field;
use crate::attach::LIST;
use crate::attach::{size_text, status_text, Upload};
use crate::doc::field_id;
use crate::files;
use crate::state::{use_form, Form};

/// One file of the list.
fn file_row(
    form: Form,
    index: usize,
    name: String,
    sha: String,
    size: Option<u64>,
) -> impl IntoView {
    let state = {
        let sha = sha.clone();
        Memo::new(move |_| form.files.shelf.with(|s| s.get(&sha).cloned()))
    };
    // The backend's word on this file when an application was refused for it.
    let problem = super::message_memo(form, &format!("{LIST}/{index}/sha256"));
    let question = |field: &str| {
        let pattern = format!("{LIST}/*/{field}");
        sen_core::rules::field_specs::spec_for(&pattern).map(|spec| {
            view! { <Field pointer=format!("{LIST}/{index}/{field}") spec=spec /> }
        })
    };
    let retry_name = name.clone();
    view! {
        <div class="app-file">
            <div class="app-file__title">
                <h3 class="govuk-heading-s app-file__name" id=field_id(&format!("{LIST}/{index}")) tabindex="-1">{name.clone()}</h3>
                <button type="button" class="govuk-link app-link-button" id=format!("remove-file-{index}") on:click=move |_| files::remove(form, index)>
                    {form.text("widget.remove")}<span class="govuk-visually-hidden">{format!(" {name}")}</span>
                </button>
            </div>
            // What the upload has come to, drawn again only when it changes.
            {move || {
                let (upload, warning) = state.get().map(|f| (Some(f.upload), f.warning)).unwrap_or_default();
                let refused = matches!(upload, Some(Upload::Refused(_)));
                let failed = matches!(upload, Some(Upload::Failed));
                let status = upload.as_ref().map(|u| form.texts.with_value(|t| status_text(u, t))).unwrap_or_default();
                let problem = problem.get();
                let (sha, name) = (sha.clone(), retry_name.clone());
                view! {
                    <p class="govuk-body app-file__facts">
                        {size.map(|s| format!("{}. ", size_text(s)))}
                        <span class=if refused { "app-file__refused" } else { "" } id=format!("file-status-{index}")>
                            {refused.then(|| view! { <span class="govuk-visually-hidden">{form.text("widget.error.prefix")}</span> })}
                            {status}
                        </span>
                    </p>
                    {problem.map(|m| view! {
                        <p class="govuk-error-message"><span class="govuk-visually-hidden">{form.text("widget.error.prefix")}</span>{m}</p>
                    })}
                    {failed.then(|| view! {
                        <button type="button" class="govuk-button govuk-button--secondary" id=format!("retry-file-{index}") on:click=move |_| files::start(form, sha.clone())>
                            {form.text("widget.files.try-again")}<span class="govuk-visually-hidden">{form.say("widget.files.try-again-hidden", &[("name", &name)])}</span>
                        </button>
                    })}
                    {warning.map(|w| view! {
                        <div class="govuk-warning-text">
                            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">{form.text("widget.warning.prefix")}</span>{w}</strong>
                        </div>
                    })}
                }
                .into_any()
            }}
            <div class="app-file__questions">
                {question("type")}
                {question("documentDate")}
            </div>
        </div>
    }
}

#[component]
pub fn AttachedFiles() -> impl IntoView {
    let form = use_form();
    // The list is drawn again only when a file is added or removed, not at each answer.
    let listed = Memo::new(move |_| {
        form.doc.with(|d| {
            let sizes: Vec<Option<u64>> = crate::doc::get(d, LIST)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|i| i.get("sizeBytes").and_then(Value::as_u64))
                        .collect()
                })
                .unwrap_or_default();
            files::listed(d)
                .into_iter()
                .zip(sizes)
                .map(|((n, h), s)| (n, h, s))
                .collect::<Vec<_>>()
        })
    });
    // A file that could not be kept on this device is said where the files are, not only to
    // screen readers: the person must keep the page open until it has uploaded.
    let not_kept = Memo::new(move |_| form.files.shelf.with(|s| s.keep_problem));
    let warning = move || {
        not_kept.get().map(|p| {
            view! {
                <div class="govuk-warning-text" id="files-not-kept">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">{form.text("widget.warning.prefix")}</span>{form.text(p)}</strong>
                </div>
            }
        })
    };
    let list = move || {
        let rows = listed.get();
        if rows.is_empty() {
            return view! { <p class="govuk-body" id="no-files">{form.text("widget.files.none")}</p> }
                .into_any();
        }
        let count = rows.len();
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, (name, sha, size))| file_row(form, i, name, sha, size))
            .collect_view();
        view! {
            <h2 class="govuk-heading-m">{form.say("widget.files.title", &[("n", &count)])}</h2>
            <div class="app-files">{rows}</div>
        }
        .into_any()
    };
    view! { {warning} {list} }
}
