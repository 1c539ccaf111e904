//! GOV.UK task list: the profile's sections with their status from the core's report.

use leptos::prelude::*;
use sen_core::report::SectionStatus;

use crate::route::Page;
use crate::state::{use_form, Form};

fn status_view(form: Form, status: Option<SectionStatus>) -> AnyView {
    let (class, id) = match status {
        Some(SectionStatus::Complete) => {
            return form.text("widget.task.completed").into_any();
        }
        Some(SectionStatus::InProgress) => {
            ("govuk-tag govuk-tag--light-blue", "widget.task.in-progress")
        }
        Some(SectionStatus::HasErrors) => ("govuk-tag govuk-tag--red", "widget.task.problem"),
        _ => ("govuk-tag govuk-tag--blue", "widget.task.not-started"),
    };
    view! { <strong class=class>{form.text(id)}</strong> }.into_any()
}

#[component]
pub fn TaskList() -> impl IntoView {
    let form = use_form();
    let sections: Vec<(&'static str, String)> = form.profile.with_value(|p| {
        form.texts.with_value(|t| {
            p.sections
                .iter()
                .filter_map(|id| sen_core::sections::by_id(id))
                .map(|s| (s.id, p.section_title_in(s.id, t)))
                .collect()
        })
    });
    // The profile's sections under the task list's group headings, in the groups' order.
    let mut groups: Vec<(String, Vec<(&'static str, String)>)> = Vec::new();
    for (group, _) in sen_core::sections::GROUPS {
        let mine: Vec<_> = sections
            .iter()
            .filter(|(id, _)| sen_core::sections::group_of(id) == *group)
            .cloned()
            .collect();
        if !mine.is_empty() {
            groups.push((form.text(&format!("group.{group}.title")), mine));
        }
    }
    let item = move |(id, title): (&'static str, String)| {
        let status = move || form.section_status(id);
        let status_id = format!("task-{id}-status");
        view! {
            <li class="govuk-task-list__item govuk-task-list__item--with-link">
                <div class="govuk-task-list__name-and-hint">
                    <a
                        class="govuk-link govuk-task-list__link"
                        href="#"
                        id=format!("task-{id}")
                        aria-describedby=status_id.clone()
                        on:click=move |ev| {
                            ev.prevent_default();
                            form.go(Page::Section(id));
                        }
                    >
                        {title}
                    </a>
                </div>
                <div class="govuk-task-list__status" id=status_id>
                    {move || status_view(form, status())}
                </div>
            </li>
        }
    };
    groups
        .into_iter()
        .map(|(group, items)| {
            view! {
                <h2 class="govuk-heading-m govuk-!-margin-top-6">{group}</h2>
                <ul class="govuk-task-list">{items.into_iter().map(item).collect_view()}</ul>
            }
        })
        .collect_view()
}
