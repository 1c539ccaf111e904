//! Several yes/no answers asked as one question (`sen_core::flags`): a checkbox for each and an
//! exclusive "None of these" after GOV.UK's "or" divider. Ticking a box says Yes to it and No to
//! every box left clear; "None of these" says No to all; clearing every box unanswers them.
//! Each box has its field's id, so an error summary's link lands on it.

use leptos::prelude::*;
use serde_json::Value;

use super::choice_items::{extra, items_of_fields};
use super::fieldset::Fieldset;
use crate::doc::{field_id, get};
use crate::state::use_form;

#[component]
pub fn FlagGroup(
    /// The fields' pointers and the words on their boxes, as the profile shows them.
    members: Vec<(String, String)>,
    shown_label: String,
    none: String,
) -> impl IntoView {
    let form = use_form();
    let Some(first) = members.first().map(|(p, _)| p.clone()) else {
        return ().into_any();
    };
    let id = field_id(&first);
    let pointers: Vec<String> = members.iter().map(|(p, _)| p.clone()).collect();
    // The first message of any of the fields.
    let message = {
        let pointers = pointers.clone();
        Memo::new(move |_| pointers.iter().find_map(|p| form.message(p)))
    };
    let answer = move |p: &str| form.doc.with(|d| get(d, p).and_then(Value::as_bool));
    // Writes every field: `yes` are ticked, the rest say No (or are unanswered if none is).
    let write = {
        let pointers = pointers.clone();
        move |yes: Vec<String>, answered: bool| {
            for p in &pointers {
                let value = answered.then(|| Value::Bool(yes.contains(p)));
                form.write_value(p, value);
                form.touch(p);
            }
        }
    };
    // Whether each is ticked follows the answers (below), not the page's opening.
    let boxes = items_of_fields(&members, &|_: &str| false)
        .zip(pointers.clone())
        .map(|(item, pointer)| {
            let p = pointer.clone();
            let pointers = pointers.clone();
            let write = write.clone();
            view! {
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=item.id.clone() name=id.clone() type="checkbox" value=item.value_text
                        prop:checked=move || answer(&pointer) == Some(true)
                        on:change=move |ev| {
                            let mut yes: Vec<String> =
                                pointers.iter().filter(|q| answer(q) == Some(true)).cloned().collect();
                            yes.retain(|q| *q != p);
                            if event_target_checked(&ev) {
                                yes.push(p.clone());
                            }
                            let answered = !yes.is_empty();
                            write(yes, answered);
                        } />
                    <label class="govuk-label govuk-checkboxes__label" for=item.id>{item.label}</label>
                </div>
            }
        })
        .collect_view();
    let none_of_these = extra(&id, "none", none, None);
    let all_no = {
        let pointers = pointers.clone();
        move || pointers.iter().all(|p| answer(p) == Some(false))
    };
    view! {
        <Fieldset id=id.clone() shown_label=shown_label hint=Some(form.text("widget.hint.all-that-apply")) message=message>
            <div class="govuk-checkboxes govuk-checkboxes--small">
                {boxes}
                <div class="govuk-checkboxes__divider">{form.text("widget.or")}</div>
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=none_of_these.id.clone() name=id type="checkbox" value=none_of_these.value_text
                        prop:checked=all_no
                        on:change=move |ev| write(Vec::new(), event_target_checked(&ev)) />
                    <label class="govuk-label govuk-checkboxes__label" for=none_of_these.id>{none_of_these.label}</label>
                </div>
            </div>
        </Fieldset>
    }
    .into_any()
}
