//! The widget's root component: one page at a time, chosen by the journey's route.

use leptos::prelude::*;

use crate::components::live_region::LiveRegion;
use crate::components::other_tab::OtherTab;
use crate::components::texts_problem::TextsProblem;
use crate::pages::answers::AnswersPage;
use crate::pages::item::ItemPage;
use crate::pages::section::SectionPage;
use crate::pages::sent::SentPage;
use crate::pages::tasks::TasksPage;
use crate::route::Page;
use crate::state::Form;

#[component]
pub fn App(form: Form) -> impl IntoView {
    provide_context(form);
    // Autosave: each change to the answers saves the draft once typing pauses…
    Effect::new(move |previous: Option<()>| {
        form.doc.track();
        let loaded = form.quiet.try_update_value(std::mem::take) == Some(true);
        if previous.is_some() && !loaded {
            form.save_soon();
        }
    });
    // Attached files restored with the draft are read back and uploaded unless stored, and
    // uploads that could not reach the council's system are tried again when back online.
    crate::files::resume(form);
    let online = window_event_listener_untyped("online", move |_| crate::files::on_online(form));
    on_cleanup(move || online.remove());
    // Other tabs on this form say when they save (`drafts/tabs.rs`).
    crate::drafts::tabs::listen(form);
    // …and at once when the page is hidden or left (a closed tab, a switched app).
    for event in ["visibilitychange", "pagehide"] {
        let handle = window_event_listener_untyped(event, move |_| form.flush());
        on_cleanup(move || handle.remove());
    }
    let page = move || match form.page.get() {
        Page::Tasks => view! { <TasksPage /> }.into_any(),
        Page::Section(id) => view! { <SectionPage id=id part=0 /> }.into_any(),
        Page::SectionPart(id, part) => view! { <SectionPage id=id part=part /> }.into_any(),
        Page::Item { list, index, part } => {
            view! { <ItemPage list=list index=index part=part /> }.into_any()
        }
        Page::Answers => view! { <AnswersPage /> }.into_any(),
        Page::Sent(reference) => view! { <SentPage reference=reference /> }.into_any(),
    };
    view! { <div class="app-root govuk-frontend-supported"><TextsProblem /><OtherTab />{page}<LiveRegion /></div> }
}

/// What shows when the widget cannot start (a broken profile, say): the reason, and the
/// element's own content (the council's other way to apply) through a slot.
#[component]
pub fn Unavailable(message: String) -> impl IntoView {
    view! {
        <div class="app-root govuk-frontend-supported">
            <div class="govuk-error-summary" role="alert">
                <h2 class="govuk-error-summary__title">{sen_core::text::say("widget.unavailable", &[])}</h2>
                <div class="govuk-error-summary__body"><p class="govuk-body">{message}</p></div>
            </div>
            <slot></slot>
        </div>
    }
}
