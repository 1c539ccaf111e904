//! One item of an "add another" list: an outcome, a provision row (with its cost as it is
//! typed and the running totals), an APDR cycle (with a review per outcome), a parent, …

use leptos::prelude::*;
use sen_core::form::{item_fields, ListDef};
use sen_core::rules::field_specs::is_hidden;
use sen_core::sections;

use super::heading;
use crate::components::apdr_review::ApdrReview;
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::Field;
use crate::components::totals::Totals;
use crate::focus;
use crate::input::money;
use crate::route::{drawn_elsewhere, Page};
use crate::state::use_form;

#[component]
pub fn ItemPage(list: &'static ListDef, index: usize) -> impl IntoView {
    let form = use_form();
    let section = sections::section_of(list.pointer);
    let prefix = format!("{}/{index}", list.pointer);
    let (name, title) = form
        .profile
        .with_value(|p| (p.name.clone(), p.section_title(section)));
    let item_name = {
        let mut c = list.item.chars();
        let cap: String = c
            .next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default();
        format!("{cap} {}", index + 1)
    };
    let fields = item_fields(list)
        .filter(|f| !drawn_elsewhere(f.pattern))
        .filter(|f| !form.profile.with_value(|p| is_hidden(f.pattern, p)))
        .map(|spec| {
            let pointer = spec.pattern.replacen('*', &index.to_string(), 1);
            view! { <Field pointer=pointer spec=spec /> }
        })
        .collect_view();
    let is_row = list.pointer == "/provisionMap/rows";
    let row_cost = move || {
        form.rows.with(|r| match r.get(index).and_then(|c| c.0) {
            Some(c) => money(c),
            None => "Not worked out yet: enter the rate and time, or the fixed cost".to_owned(),
        })
    };
    let within = {
        let prefix = prefix.clone();
        move |p: &str| p == prefix || p.starts_with(&format!("{prefix}/"))
    };
    let errors = {
        let within = within.clone();
        Signal::derive(move || form.page_errors(&within))
    };
    let on_continue = move |_| {
        form.recheck();
        if !form.blocks(&within) {
            form.go(Page::Section(section));
        } else {
            form.show_all.set(true);
            focus::summary(form);
        }
    };
    view! {
        <BackLink to=Page::Section(section) />
        <ErrorSummary errors=errors />
        {heading(format!("{name}: {title}"), item_name)}
        {fields}
        {(list.pointer == "/apdrCycles").then(|| view! { <ApdrReview index=index /> })}
        {is_row.then(|| view! {
            <div class="govuk-inset-text" aria-live="polite">
                "Cost of this provision: " <span class="app-row-cost" id="row-cost">{row_cost}</span>
            </div>
            <Totals />
        })}
        <button type="button" class="govuk-button" id="continue" on:click=on_continue>"Continue"</button>
    }
}
