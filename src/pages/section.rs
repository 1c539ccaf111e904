//! One section of the application: its questions, and its "add another" lists.

use leptos::prelude::*;
use sen_core::form::{fields_under, section_part_of, section_parts, LISTS};
use sen_core::rules::field_specs::{is_hidden, pattern_of};
use sen_core::sections;

use super::heading;
use crate::components::attached_files::AttachedFiles;
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::Field;
use crate::components::file_upload::FileUpload;
use crate::components::list_summary::ListSummary;
use crate::components::paste_rows::PasteRows;
use crate::components::provision_table::ProvisionTable;
use crate::components::remember_school::RememberSchool;
use crate::components::totals::Totals;
use crate::focus;
use crate::route::Page;
use crate::state::use_form;

#[component]
pub fn SectionPage(id: &'static str, part: usize) -> impl IntoView {
    let form = use_form();
    let keys: &'static [&'static str] = sections::by_id(id).map(|s| s.keys).unwrap_or(&[]);
    let (name, title) = form.profile.with_value(|p| {
        (
            p.name.clone(),
            form.texts.with_value(|t| p.section_title_in(id, t)),
        )
    });
    let parts = section_parts(id);
    let title = match parts.get(part).filter(|_| parts.len() > 1) {
        Some(_) => {
            let topic = form.text(&format!("widget.part.{id}.{part}"));
            form.say(
                "widget.section.part",
                &[
                    ("title", &title),
                    ("part", &sen_core::rules::lower_first(&topic)),
                ],
            )
        }
        None => title,
    };
    let parts = parts.len();
    let fields = keys
        .iter()
        .flat_map(|k| fields_under(&format!("/{k}")).collect::<Vec<_>>())
        .filter(|f| section_part_of(f.pattern) == part)
        .filter(|f| !form.profile.with_value(|p| is_hidden(f.pattern, p)))
        .map(|spec| view! { <Field pointer=spec.pattern.to_owned() spec=spec /> })
        .collect_view();
    let lists = LISTS
        .iter()
        .filter(|l| keys.contains(&sections::top_key(l.pointer)))
        .filter(|l| section_part_of(l.pointer) == part)
        .map(|list| {
            if list.pointer == "/provisionMap/rows" {
                view! { <ProvisionTable list=list /> }.into_any()
            } else if list.pointer == crate::attach::LIST {
                view! { <FileUpload /><AttachedFiles /> }.into_any()
            } else {
                view! { <ListSummary list=list /> }.into_any()
            }
        })
        .collect_view();
    let within =
        move |p: &str| sections::section_of(p) == id && section_part_of(&pattern_of(p)) == part;
    let errors = Signal::derive(move || form.page_errors(&within));
    // Files just refused are said at once, before Continue.
    let refused = Signal::derive(move || {
        form.files.shelf.with(|s| {
            s.refused
                .iter()
                .map(|m| (crate::attach::LIST.to_owned(), m.clone()))
                .collect()
        })
    });
    let on_continue = move |_| {
        form.recheck();
        if id == sections::section_of(crate::attach::LIST) {
            // Back to the question the person came from to attach a document.
            if let Some((page, field)) = form.files.shelf.try_update(|s| s.back_to.take()).flatten()
            {
                form.go(page);
                crate::focus::id(form, &field);
                return;
            }
        }
        if !form.blocks(&within) {
            form.go(if part + 1 < parts {
                Page::SectionPart(id, part + 1)
            } else {
                Page::Tasks
            });
        } else {
            form.show_all.set(true);
            focus::summary(form);
        }
    };
    view! {
        <BackLink to=match part {
            0 => Page::Tasks,
            1 => Page::Section(id),
            n => Page::SectionPart(id, n - 1),
        } />
        <ErrorSummary errors=errors now=refused />
        {heading(name, title)}
        {fields}
        {lists}
        {(id == "setting" && part + 1 == parts).then(|| view! { <RememberSchool /> })}
        {(id == "provision").then(|| view! { <PasteRows /> })}
        {(id == "provision").then(|| view! { <Totals /> })}
        {(id == "request").then(|| view! {
            <p class="govuk-body">{form.text("widget.section.request-worked-out")}</p>
            <Totals />
        })}
        <div class="govuk-button-group">
            <button type="button" class="govuk-button" id="continue" on:click=on_continue>{form.text("widget.continue")}</button>
            <a href="#" class="govuk-link" on:click=move |ev| {
                ev.prevent_default();
                form.go(Page::Tasks);
            }>{form.text("widget.to-tasks")}</a>
        </div>
    }
}
