//! The task list: where a SENCo sees every section and what is left to do.

use leptos::prelude::*;

use super::heading;
use crate::components::draft_controls::DraftControls;
use crate::components::notice_banner::NoticeBanner;
use crate::components::task_list::TaskList;
use crate::route::Page;
use crate::state::use_form;

#[component]
pub fn TasksPage() -> impl IntoView {
    let form = use_form();
    let name = form.profile.with_value(|p| p.name.clone());
    let progress = move || {
        let ids: Option<Vec<String>> = form.report.with(|r| {
            r.as_ref()
                .map(|r| r.sections.iter().map(|s| s.id.clone()).collect())
        });
        match ids {
            Some(ids) => {
                let done = ids
                    .iter()
                    .filter(|id| {
                        form.section_status(id) == Some(sen_core::report::SectionStatus::Complete)
                    })
                    .count();
                form.say(
                    "widget.tasks.progress",
                    &[("done", &done), ("sections", &ids.len())],
                )
            }
            None => String::new(),
        }
    };
    view! {
        <NoticeBanner />
        {heading(name, form.text("widget.tasks.title"))}
        <p class="govuk-body" id="progress">{progress}</p>
        <TaskList />
        <button type="button" class="govuk-button" id="to-answers" on:click=move |_| form.go(Page::Answers)>
            {form.text("widget.tasks.to-answers")}
        </button>
        <DraftControls />
    }
}
