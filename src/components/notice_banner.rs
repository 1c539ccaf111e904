//! GOV.UK notification banner about saved answers: restored from this device, loaded from a
//! file (and, when some values in it could not be read, which, each linked to its field), a
//! new application started with the school's details remembered on this device,
//! cleared, or a file that could not be loaded. "Start again" clears everything.

use leptos::prelude::*;

use crate::doc::field_id;
use crate::focus;
use crate::loaded::Item;
use crate::state::{use_form, Form, Notice};

/// The values a loaded file held that could not be read: each named, with what the file had
/// and why, and a link that moves focus to its field where the form has one.
fn unread_list(form: Form, items: Vec<Item>) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            let name = match item.target {
                Some(target) => {
                    let href = format!("#{}", field_id(&target));
                    view! {
                        <a class="govuk-notification-banner__link" href=href on:click=move |ev| {
                            ev.prevent_default();
                            focus::field(form, &target);
                        }>{item.label}</a>
                    }
                    .into_any()
                }
                None => view! { <strong>{item.label}</strong> }.into_any(),
            };
            view! { <li>{name}{item.detail}</li> }
        })
        .collect_view();
    view! {
        <p class="govuk-body">
            "Everything else in the file has been loaded. Where the form asks for one of these answers, what the file had is shown in it, so you can put it right."
        </p>
        <ul class="govuk-list govuk-list--bullet" id="notice-unread">{rows}</ul>
    }
}

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
            Notice::ImportedPartly(unread) => (
                "Important",
                format!(
                    "We loaded your answers, but {} could not be read",
                    unread.len()
                ),
                true,
            ),
            Notice::SchoolFilledIn => (
                "Important",
                "Your school's details are filled in".to_owned(),
                false,
            ),
            Notice::FromOtherTab => (
                "Success",
                "The answers saved in the other tab have been loaded".to_owned(),
                false,
            ),
            Notice::StartedAgain => (
                "Success",
                "Your answers have been cleared".to_owned(),
                false,
            ),
            Notice::Problem(m) => ("There is a problem", m.clone(), true),
        };
        let class = if matches!(
            notice,
            Notice::Imported | Notice::StartedAgain | Notice::FromOtherTab
        ) {
            "govuk-notification-banner govuk-notification-banner--success"
        } else {
            "govuk-notification-banner"
        };
        let role = if problem
            || matches!(
                notice,
                Notice::Imported | Notice::StartedAgain | Notice::FromOtherTab
            ) {
            "alert"
        } else {
            "region"
        };
        let unread = match &notice {
            Notice::ImportedPartly(unread) => {
                Some(form.profile.with_value(|p| crate::loaded::items(unread, p)))
            }
            _ => None,
        };
        Some(view! {
            <div class=class role=role aria-labelledby="notice-title" id="notice">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="notice-title">{title}</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{heading}</p>
                    {unread.map(|items| unread_list(form, items))}
                    {(notice == Notice::SchoolFilledIn).then(|| {
                        let section = form.profile.with_value(|p| p.section_title("setting"));
                        view! {
                            <p class="govuk-body">{format!("They were remembered on this device from your last application. Check they are still right in \u{201c}{section}\u{201d}.")}</p>
                        }
                    })}
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
