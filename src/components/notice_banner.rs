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
            {form.text("widget.notice.unread-rest")}
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
                form.text("widget.banner.important"),
                form.text("widget.notice.restored"),
                false,
            ),
            Notice::Imported => (
                form.text("widget.banner.success"),
                form.text("widget.notice.imported"),
                false,
            ),
            Notice::ImportedPartly(unread) => (
                form.text("widget.banner.important"),
                form.texts.with_value(|t| {
                    t.plural(
                        i64::try_from(unread.len()).unwrap_or(i64::MAX),
                        "widget.notice.imported-partly",
                    )
                }),
                true,
            ),
            Notice::SchoolFilledIn => (
                form.text("widget.banner.important"),
                form.text("widget.notice.school"),
                false,
            ),
            Notice::FromOtherTab => (
                form.text("widget.banner.success"),
                form.text("widget.notice.from-other-tab"),
                false,
            ),
            Notice::StartedAgain => (
                form.text("widget.banner.success"),
                form.text("widget.notice.cleared"),
                false,
            ),
            Notice::Problem(m) => (form.text("widget.banner.problem"), m.clone(), true),
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
            Notice::ImportedPartly(unread) => Some(form.profile.with_value(|p| {
                form.texts
                    .with_value(|t| crate::loaded::items(unread, p, t))
            })),
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
                        let section = form
                            .profile
                            .with_value(|p| form.texts.with_value(|t| p.section_title_in("setting", t)));
                        view! {
                            <p class="govuk-body">{form.say("widget.notice.school-hint", &[("section", &section)])}</p>
                        }
                    })}
                    {(notice == Notice::Restored).then(|| view! {
                        <p class="govuk-body">{form.text("widget.notice.restored-hint")}</p>
                        <button type="button" class="govuk-button govuk-button--warning" id="start-again"
                            on:click=move |_| form.start_again()>{form.text("widget.notice.start-again")}</button>
                    })}
                </div>
            </div>
        })
    }
}
