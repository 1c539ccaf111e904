//! One file per page of the journey.

pub mod answers;
pub mod item;
pub mod section;
pub mod sent;
pub mod tasks;

use leptos::prelude::*;

use crate::focus::HEADING_ID;

/// A page's main heading with a caption, focusable so that focus can start there.
pub fn heading(caption: String, title: String) -> impl IntoView {
    view! {
        <span class="govuk-caption-l">{caption}</span>
        <h1 class="govuk-heading-l" id=HEADING_ID tabindex="-1">{title}</h1>
    }
}
