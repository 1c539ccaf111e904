//! "Attach a document", beside a question that refers to one of the documents attached (a
//! specialist's report, a consent's signature, the pupil's or the parents' views): it takes
//! the SENCo to the upload, and Continue there brings them back to this question, where the
//! new document is among the choices.

use leptos::prelude::*;

use crate::state::use_form;

#[component]
pub fn AttachHere(id: String) -> impl IntoView {
    let form = use_form();
    view! {
        <p class="govuk-body">
            <a class="govuk-link" href="#" id=format!("{id}-attach") on:click=move |ev| {
                ev.prevent_default();
                let back = (form.page.get_untracked(), id.clone());
                form.files.update(|s| s.back_to = Some(back));
                form.go(crate::route::Page::Section(sen_core::sections::section_of(crate::attach::LIST)));
            }>{form.text("widget.attach-here")}</a>
        </p>
    }
}
