//! One item of an "add another" list: an outcome, a provision row (with its cost as it is
//! typed and the running totals), an APDR cycle (with a review per outcome), a parent, …

use leptos::prelude::*;
use sen_core::form::{asked_for_row, depends_on_row, item_fields, item_parts, part_of, ListDef};
use sen_core::model::ProvisionRow;
use sen_core::rules::field_specs::is_hidden;
use sen_core::rules::field_specs::pattern_of;
use sen_core::rules::lower_first;
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
pub fn ItemPage(list: &'static ListDef, index: usize, part: usize) -> impl IntoView {
    let form = use_form();
    let section = sections::section_of(list.pointer);
    let prefix = format!("{}/{index}", list.pointer);
    let (name, title) = form.profile.with_value(|p| {
        (
            p.name.clone(),
            form.texts.with_value(|t| p.section_title_in(section, t)),
        )
    });
    let item_name = {
        let name = form.say(
            &format!("display.list.{}", crate::route::list_key(list)),
            &[("n", &(index + 1))],
        );
        let parts = item_parts(list.pointer);
        match parts.get(part).filter(|_| parts.len() > 1) {
            Some(_) => {
                let key = list.pointer.rsplit('/').next().unwrap_or_default();
                let topic = form.text(&format!("widget.part.{key}.{part}"));
                form.say(
                    "widget.item.part",
                    &[("item", &name), ("part", &lower_first(&topic))],
                )
            }
            None => name,
        }
    };
    let parts = item_parts(list.pointer).len();
    let field_view = move |spec: &'static sen_core::rules::field_specs::FieldSpec| {
        let pointer = spec.pattern.replacen('*', &index.to_string(), 1);
        view! { <Field pointer=pointer spec=spec /> }
    };
    let specs: Vec<_> = item_fields(list)
        .filter(|f| part_of(f.pattern) == part)
        .filter(|f| !drawn_elsewhere(f.pattern))
        .filter(|f| !form.profile.with_value(|p| is_hidden(f.pattern, p)))
        .collect();
    // A provision row asks only what its kind of cost needs: those questions appear, in their
    // place, once the type of cost is chosen (GOV.UK's conditional reveal), and change with it.
    let dependent: Vec<_> = specs
        .iter()
        .copied()
        .filter(|f| depends_on_row(f.pattern))
        .collect();
    // The row as answered, on a provision row's first page only (its cost questions and how its
    // cost is worked out); other item pages do not read the document on each keystroke for it.
    let costs_here = list.pointer == "/provisionMap/rows" && part == 0;
    let row_now = Memo::new(move |_| {
        if !costs_here {
            return ProvisionRow::default();
        }
        form.doc.with(|d| {
            d.pointer(&format!("/provisionMap/rows/{index}"))
                .and_then(|r| sen_core::json::from_value::<ProvisionRow>(r).ok())
                .unwrap_or_default()
        })
    });
    let asked = Memo::new(move |_| {
        let row = row_now.get();
        dependent
            .iter()
            .copied()
            .filter(|f| asked_for_row(f.pattern, &row))
            .collect::<Vec<_>>()
    });
    // The page was checked when it opened; check again only when the type of cost changes.
    let opened = StoredValue::new(true);
    let mut placed = false;
    let fields = specs
        .into_iter()
        .filter_map(|spec| {
            if !depends_on_row(spec.pattern) {
                return Some(field_view(spec).into_any());
            }
            if std::mem::replace(&mut placed, true) {
                return None;
            }
            Some(
                view! {
                    <div class="govuk-radios__conditional app-cost-questions">
                        {move || {
                            // Which answers are required depends on the kind of cost.
                            if !opened.get_value() {
                                form.recheck();
                            }
                            opened.set_value(false);
                            let shown = asked.get();
                            if shown.is_empty() {
                                view! { <p class="govuk-body">{form.text("widget.item.choose-cost")}</p> }.into_any()
                            } else {
                                shown.into_iter().map(field_view).collect_view().into_any()
                            }
                        }}
                    </div>
                }
                .into_any(),
            )
        })
        .collect_view();
    let is_row = costs_here;
    let row_cost = move || {
        form.rows.with(|r| match r.get(index).and_then(|c| c.0) {
            Some(c) => money(c),
            None => form.text("widget.item.no-cost"),
        })
    };
    let within = {
        let prefix = prefix.clone();
        move |p: &str| {
            (p == prefix && part == 0)
                || (p.starts_with(&format!("{prefix}/")) && part_of(&pattern_of(p)) == part)
        }
    };
    let errors = {
        let within = within.clone();
        Signal::derive(move || form.page_errors(&within))
    };
    let on_continue = move |_| {
        form.recheck();
        if !form.blocks(&within) {
            if part + 1 < parts {
                form.go(Page::Item {
                    list,
                    index,
                    part: part + 1,
                });
            } else {
                form.go(crate::route::section_page(section, list.pointer));
            }
        } else {
            form.show_all.set(true);
            focus::summary(form);
        }
    };
    view! {
        <BackLink to=if part == 0 { crate::route::section_page(section, list.pointer) } else { Page::Item { list, index, part: part - 1 } } />
        <ErrorSummary errors=errors />
        {heading(format!("{name}: {title}"), item_name)}
        {fields}
        {(list.pointer == "/apdrCycles" && part == 1).then(|| view! { <ApdrReview index=index /> })}
        {is_row.then(|| view! {
            <div class="govuk-inset-text" aria-live="polite">
                {form.text("widget.item.cost")}" "<span class="app-row-cost" id="row-cost">{row_cost}</span>
                {move || form.texts.with_value(|t| sen_core::cost::working_in(&row_now.get(), t)).map(|w| view! {
                    <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" id="row-working">
                        {form.text("widget.item.working")}" "{w}
                    </p>
                })}
            </div>
            <Totals compact=true />
        })}
        <button type="button" class="govuk-button" id="continue" on:click=on_continue>{form.text("widget.continue")}</button>
    }
}
