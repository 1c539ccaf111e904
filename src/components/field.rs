//! One question of the form, rendered by the kind of answer it takes (the core's field table
//! says which): text, long text, date, radios, checkboxes, select, amount or number.

use leptos::prelude::*;
use sen_core::form::{allows_decimals, options_for, Options};
use sen_core::questions::{hint_in, shown_for_in};
use sen_core::rules::field_specs::{is_hidden, pattern_of, FieldSpec, Kind};
use serde_json::Value;

use super::attach_here::AttachHere;
use super::checkboxes::Checkboxes;
use super::choice_items::{choices_for, yes_no};
use super::date_input::DateInput;
use super::flag_group::FlagGroup;
use super::la_choice::LaChoice;
use super::label_text;
use super::radios::Radios;
use super::select::Select;
use super::text_input::{InputLook, TextInput};
use super::textarea::Textarea;
use crate::input::Conversion;
use crate::state::{use_form, Form};

/// Radios up to this many options; a select beyond.
const MAX_RADIOS: usize = 8;

/// A text answer filled in from one asked on the same page follows it as it is typed, while
/// the person has not changed this one themselves.
fn follow_same_page_source(
    form: Form,
    pointer: String,
    filled: impl Fn(&Value, &str) -> Option<Value> + 'static,
) {
    let id = crate::doc::field_id(&pointer);
    Effect::new(move |last: Option<Option<Value>>| {
        let now = form.doc.with(|d| filled(d, &pointer));
        let Some(last) = last else {
            return now;
        };
        let current = form
            .doc
            .with_untracked(|d| crate::doc::get(d, &pointer).cloned());
        let mine = form.touched.with_untracked(|t| t.contains(&pointer));
        if now != last && !mine && (current.is_none() || current == last) {
            form.write_value(&pointer, now.clone());
            let text = now.as_ref().and_then(Value::as_str).unwrap_or_default();
            if let Some(input) = crate::focus::element(form, &id)
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
            {
                input.set_value(text);
            }
        }
        now
    });
}

#[component]
pub fn Field(pointer: String, spec: &'static FieldSpec) -> impl IntoView {
    let form = use_form();
    // Answers given earlier fill this one in, for the person to confirm or change.
    if sen_core::prefill::is_prefilled(spec.pattern) {
        let filled = move |d: &Value, p: &str| {
            form.profile
                .with_value(|pr| sen_core::prefill::prefill(d, p, pr))
        };
        form.doc.update_untracked(|d| {
            if crate::doc::get(d, &pointer).is_none() {
                if let Some(v) = filled(d, &pointer) {
                    crate::doc::set(d, &pointer, v);
                }
            }
        });
        if spec.kind == Kind::Text {
            follow_same_page_source(form, pointer.clone(), filled);
        }
    }
    if form
        .profile
        .with_value(|p| sen_core::derive::is_from_profile(spec.pattern, p))
    {
        return ().into_any();
    }
    // A yes/no answer asked with others: the first shown of them draws the question.
    if let Some(group) = sen_core::flags::group_of(spec.pattern) {
        let members: Vec<(String, String)> = group
            .fields_beside(&pointer)
            .into_iter()
            .filter(|(p, _)| !form.profile.with_value(|pr| is_hidden(&pattern_of(p), pr)))
            .map(|(p, _)| {
                let words = form.texts.with_value(|t| group.words_in(&p, t));
                (p, words)
            })
            .collect();
        if members.first().map(|(p, _)| p) != Some(&pointer) {
            return ().into_any();
        }
        let required = members.iter().any(|(p, _)| form.required(p));
        let question = form.texts.with_value(|t| group.question_in(t));
        let shown = label_text(form, &question, required);
        return view! { <FlagGroup members=members shown_label=shown none=form.texts.with_value(|t| group.none_in(t)) /> }
            .into_any();
    }
    let label = form.label(&pointer);
    let required = form.required(&pointer);
    let listed = form.profile.with_value(|p| !p.local_authorities.is_empty());
    if spec.pattern == "/child/residentLaCode" && listed {
        let shown = label_text(
            form,
            &form
                .profile
                .with_value(|p| form.texts.with_value(|t| shown_for_in(&pointer, p, t))),
            required,
        );
        return view! { <LaChoice pointer=pointer label=label shown_label=shown /> }.into_any();
    }
    // People see a question (a profile's own label wins); messages use the label.
    let shown = label_text(
        form,
        &form
            .profile
            .with_value(|p| form.texts.with_value(|t| shown_for_in(&pointer, p, t))),
        required,
    );
    let table_hint = form.texts.with_value(|t| hint_in(spec.pattern, t));
    let text = |conversion: Conversion, look: InputLook, hint: Option<String>| {
        view! {
            <TextInput
                pointer=pointer.clone()
                label=label.clone()
                shown_label=shown.clone()
                conversion=conversion
                hint=hint.or_else(|| table_hint.clone())
                look=look
            />
        }
        .into_any()
    };
    let look = InputLook::default();
    match spec.kind {
        Kind::Text => text(Conversion::Text, look, None),
        Kind::Email => text(
            Conversion::Text,
            InputLook { input_type: Some("email"), autocomplete: Some("email"), spellcheck: Some(false), ..look },
            None,
        ),
        Kind::Phone => text(
            Conversion::Text,
            InputLook { input_type: Some("tel"), autocomplete: Some("tel"), width: Some("20"), ..look },
            None,
        ),
        Kind::Postcode => text(
            Conversion::Text,
            InputLook { autocomplete: Some("postal-code"), width: Some("10"), ..look },
            None,
        ),
        Kind::Digits(_) => text(
            Conversion::Text,
            InputLook { inputmode: Some("numeric"), width: Some("10"), spellcheck: Some(false), ..look },
            None,
        ),
        Kind::Money => text(
            Conversion::Money,
            InputLook { prefix: Some("£"), inputmode: Some("decimal"), width: Some("10"), spellcheck: Some(false), ..look },
            None,
        ),
        Kind::Number => {
            let decimals = allows_decimals(spec.pattern);
            let (conversion, mode) = if decimals {
                (Conversion::Decimal, "decimal")
            } else {
                (Conversion::Whole, "numeric")
            };
            let suffix = sen_core::form::unit_of(spec.pattern);
            text(conversion, InputLook { inputmode: Some(mode), width: Some("5"), spellcheck: Some(false), suffix, ..look }, None)
        }
        Kind::LongText => view! {
            <Textarea pointer=pointer.clone() label=label.clone() shown_label=shown.clone() conversion=Conversion::Text hint=table_hint.clone() />
        }
        .into_any(),
        Kind::List => view! {
            <Textarea
                pointer=pointer.clone()
                label=label.clone()
                shown_label=shown.clone()
                conversion=Conversion::Lines
                hint=Some(table_hint.clone().unwrap_or_else(|| form.text("widget.hint.lines")))
            />
        }
        .into_any(),
        Kind::Date => view! { <DateInput pointer=pointer.clone() shown_label=shown.clone() hint=table_hint.clone() /> }.into_any(),
        Kind::YesNo => view! {
            <Radios pointer=pointer.clone() shown_label=shown.clone() choices=yes_no(form) inline=true hint=table_hint.clone() />
        }
        .into_any(),
        Kind::Choice if options_for(spec.pattern) == Some(Options::Attachments) => {
            // One of the documents attached, or attach one now and come back.
            let choices = choices_for(form, spec.pattern);
            let hint = choices.is_empty().then(|| form.text("widget.hint.no-documents")).or_else(|| table_hint.clone());
            let id = crate::doc::field_id(&pointer);
            let control = if choices.len() > MAX_RADIOS {
                view! { <Select pointer=pointer.clone() shown_label=shown.clone() choices=choices hint=hint /> }.into_any()
            } else {
                view! { <Radios pointer=pointer.clone() shown_label=shown.clone() choices=choices hint=hint /> }.into_any()
            };
            view! { {control}<AttachHere id=id /> }.into_any()
        }
        Kind::Choice => {
            let choices = choices_for(form, spec.pattern);
            if choices.len() > MAX_RADIOS {
                view! { <Select pointer=pointer.clone() shown_label=shown.clone() choices=choices hint=table_hint.clone() /> }.into_any()
            } else {
                let hint = choices.is_empty().then(|| form.text("widget.hint.nothing-to-choose")).or_else(|| table_hint.clone());
                view! {
                    <Radios pointer=pointer.clone() shown_label=shown.clone() choices=choices hint=hint />
                }
                .into_any()
            }
        }
        Kind::Choices => {
            let choices = choices_for(form, spec.pattern);
            let hint = if choices.is_empty() {
                form.text("widget.hint.nothing-to-choose")
            } else {
                table_hint.clone().unwrap_or_else(|| form.text("widget.hint.all-that-apply"))
            };
            view! { <Checkboxes pointer=pointer.clone() shown_label=shown.clone() choices=choices hint=Some(hint) /> }.into_any()
        }
    }
}
