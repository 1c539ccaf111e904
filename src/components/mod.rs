//! GOV.UK Design System components, one per file, rendered inside the widget's shadow root.

pub mod apdr_review;
pub mod attach_here;
pub mod attached_files;
pub mod back_link;
pub mod chart_svg;
pub mod checkboxes;
pub mod choice_items;
pub mod date_input;
pub mod draft_controls;
pub mod error_message;
pub mod error_summary;
pub mod field;
pub mod fieldset;
pub mod file_upload;
pub mod flag_group;
pub mod la_choice;
pub mod list_summary;
pub mod live_region;
pub mod notice_banner;
pub mod other_tab;
pub mod paced;
pub mod paste_rows;
pub mod print_controls;
pub mod print_heading;
pub mod provision_table;
pub mod radios;
pub mod remember_school;
pub mod select;
pub mod task_list;
pub mod text_input;
pub mod textarea;
pub mod texts_problem;
pub mod totals;

use leptos::prelude::*;

use crate::state::Form;

/// The message a field shows, as a memo (it changes only when the message does).
pub fn message_memo(form: Form, pointer: &str) -> Memo<Option<String>> {
    let p = pointer.to_owned();
    Memo::new(move |_| form.message(&p))
}

/// `govuk-form-group`, with the error modifier when a message shows.
pub fn group_class(error: bool) -> &'static str {
    if error {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    }
}

/// The ids a control is described by: its hint and, when showing, its error message.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut parts = Vec::new();
    if hint {
        parts.push(format!("{id}-hint"));
    }
    if error {
        parts.push(format!("{id}-error"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A label with "(optional)" where the answer is not required, as GOV.UK asks.
pub fn label_text(form: crate::state::Form, label: &str, required: bool) -> String {
    if required {
        label.to_owned()
    } else {
        form.say("widget.optional", &[("label", &label)])
    }
}
