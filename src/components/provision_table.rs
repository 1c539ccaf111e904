//! The costed provision map as councils' own templates show it: one table row per provision
//! (intervention, area of need, who pays, how its cost is worked out, the cost a year, money
//! right-aligned), each with Change and Remove, and the total under it. On a narrow screen each
//! row becomes a block with its column names, so nothing scrolls sideways.

use leptos::prelude::*;
use sen_core::form::ListDef;
use sen_core::model::ProvisionRow;
use sen_core::rules::field_specs::Kind;
use serde_json::Value;

use crate::doc::field_id;
use crate::input::money;
use crate::route::Page;
use crate::state::use_form;

/// One row as people read it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Line {
    name: String,
    area: String,
    pays: String,
    working: String,
    cost: String,
}

fn line(n: usize, item: &Value, cost: Option<i64>) -> Line {
    let form = use_form();
    let code = |key: &str, pattern: &str| {
        item.get(key)
            .map(|v| {
                form.texts
                    .with_value(|t| crate::display::Words(t).answer(pattern, Kind::Choice, v))
            })
            .unwrap_or_else(|| form.text("widget.cpm.not-given"))
    };
    let row = sen_core::json::from_value::<ProvisionRow>(item).unwrap_or_default();
    Line {
        name: form
            .texts
            .with_value(|t| crate::display::Words(t).item_name("/provisionMap/rows", n, item)),
        area: code("area", "/provisionMap/rows/*/area"),
        pays: code("fundingSource", "/provisionMap/rows/*/fundingSource"),
        working: form
            .texts
            .with_value(|t| sen_core::cost::working_in(&row, t))
            .unwrap_or_else(|| form.text("widget.cpm.no-figures")),
        cost: cost.map_or_else(|| form.text("widget.not-worked-out"), money),
    }
}

#[component]
pub fn ProvisionTable(list: &'static ListDef) -> impl IntoView {
    let form = use_form();
    // Worked out again when the rows or their costs change; only the rows whose text changed
    // are drawn again (keyed by place and text), and a long map is drawn a piece at a time.
    let lines = Memo::new(move |_| {
        let items: Vec<Value> = form.doc.with(|d| {
            d.pointer(list.pointer)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        });
        let costs = form.rows.get();
        items
            .iter()
            .enumerate()
            .map(|(n, item)| line(n, item, costs.get(n).and_then(|c| c.0)))
            .collect::<Vec<_>>()
    });
    let empty = Memo::new(move |_| form.doc.with(|d| crate::doc::len(d, list.pointer)) == 0);
    let total = move || {
        form.rows
            .with(|r| money(r.iter().filter_map(|c| c.0).fold(0i64, i64::saturating_add)))
    };
    let message = {
        let p = list.pointer;
        Memo::new(move |_| form.message(p))
    };
    let row = move |(n, l): (usize, Line)| {
        let hidden = format!(" {}", l.name);
        let hidden2 = hidden.clone();
        view! {
            <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header" data-label=form.text("widget.cpm.provision")>{l.name}</th>
                <td class="govuk-table__cell" data-label=form.text("widget.cpm.area")>{l.area}</td>
                <td class="govuk-table__cell" data-label=form.text("widget.cpm.who-pays")>{l.pays}</td>
                <td class="govuk-table__cell" data-label=form.text("widget.cpm.working")>{l.working}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-label=form.text("widget.cpm.cost")>{l.cost}</td>
                <td class="govuk-table__cell app-actions" data-label="">
                    <a class="govuk-link" href="#" on:click=move |ev| {
                        ev.prevent_default();
                        form.go(Page::Item { list, index: n, part: 0 });
                    }>{form.text("widget.change")}<span class="govuk-visually-hidden">{hidden}</span></a>
                    " "
                    <a class="govuk-link" href="#" on:click=move |ev| {
                        ev.prevent_default();
                        form.remove_item(list, n);
                        crate::focus::id(form, &field_id(list.pointer));
                    }>{form.text("widget.remove")}<span class="govuk-visually-hidden">{hidden2}</span></a>
                </td>
            </tr>
        }
    };
    let drawn = super::paced::pieces(lines);
    let body = move || {
        view! { <For each=move || drawn.get() key=|(n, l)| (*n, l.clone()) children=row /> }
    };
    view! {
        <div class=move || super::group_class(message.get().is_some())>
            <h2 class="govuk-heading-m">{form.text("widget.cpm.provision")}</h2>
            <super::error_message::ErrorMessage id=field_id(list.pointer) message=message />
            {move || if empty.get() {
                view! { <p class="govuk-body">{form.text("widget.cpm.none-yet")}</p> }.into_any()
            } else {
                view! {
                    <table class="govuk-table app-cpm">
                        <caption class="govuk-table__caption govuk-visually-hidden">{form.text("widget.cpm.caption")}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">{form.text("widget.cpm.provision")}</th>
                                <th scope="col" class="govuk-table__header">{form.text("widget.cpm.area")}</th>
                                <th scope="col" class="govuk-table__header">{form.text("widget.cpm.who-pays")}</th>
                                <th scope="col" class="govuk-table__header">{form.text("widget.cpm.working")}</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">{form.text("widget.cpm.cost")}</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">{form.text("widget.cpm.actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">{body}</tbody>
                        <tfoot>
                            <tr class="govuk-table__row">
                                <th scope="row" colspan="4" class="govuk-table__header">{form.text("widget.cpm.total")}</th>
                                <td class="govuk-table__cell govuk-table__cell--numeric app-strong" data-label="">{total}</td>
                                <td class="govuk-table__cell"></td>
                            </tr>
                        </tfoot>
                    </table>
                }.into_any()
            }}
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                id=field_id(list.pointer)
                on:click=move |_| form.add_item(list)
            >
                {move || form.text(if empty.get() { "widget.cpm.add-first" } else { "widget.cpm.add" })}
            </button>
        </div>
    }
}
