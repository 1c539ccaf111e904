//! GOV.UK "add another": the items of a list with Change and Remove, and a button to add one.

use leptos::prelude::*;
use sen_core::form::ListDef;
use serde_json::Value;

use crate::doc::field_id;
use crate::input::money;
use crate::route::Page;
use crate::state::use_form;

#[component]
pub fn ListSummary(list: &'static ListDef) -> impl IntoView {
    let form = use_form();
    let title = form
        .profile
        .with_value(|p| p.label(list.pointer).map(str::to_owned))
        .unwrap_or_else(|| {
            form.text(&format!(
                "display.list-title.{}",
                crate::route::list_key(list)
            ))
        });
    let is_rows = list.pointer == "/provisionMap/rows";
    let items = move || {
        let values: Vec<Value> = form.doc.with(|d| {
            d.pointer(list.pointer)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        });
        let costs = form.rows.get();
        values
            .into_iter()
            .enumerate()
            .map(|(n, item)| {
                let name = format!("{} {}", sen_core::rules::capital(list.item), n + 1);
                let mut line = form.doc.with(|d| form.texts.with_value(|t| crate::display::Words(t).item_summary(d, list.pointer, &item)));
                if is_rows {
                    if let Some(Some(c)) = costs.get(n).map(|c| c.0) {
                        line = format!("{line}: {}", money(c));
                    }
                }
                view! {
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">{name.clone()}</dt>
                        <dd class="govuk-summary-list__value">{line}</dd>
                        <dd class="govuk-summary-list__actions">
                            <ul class="govuk-summary-list__actions-list">
                                <li class="govuk-summary-list__actions-list-item">
                                    <a class="govuk-link" href="#" on:click=move |ev| {
                                        ev.prevent_default();
                                        form.go(Page::Item { list, index: n, part: 0 });
                                    }>
                                        {form.text("widget.change")}<span class="govuk-visually-hidden">{format!(" {}", name.to_ascii_lowercase())}</span>
                                    </a>
                                </li>
                                <li class="govuk-summary-list__actions-list-item">
                                    <a class="govuk-link" href="#" on:click=move |ev| {
                                        ev.prevent_default();
                                        form.remove_item(list, n);
                                        crate::focus::id(form, &field_id(list.pointer));
                                    }>
                                        {form.text("widget.remove")}<span class="govuk-visually-hidden">{format!(" {}", name.to_ascii_lowercase())}</span>
                                    </a>
                                </li>
                            </ul>
                        </dd>
                    </div>
                }
            })
            .collect_view()
    };
    let count = move || form.doc.with(|d| crate::doc::len(d, list.pointer));
    let message = {
        let p = list.pointer;
        Memo::new(move |_| form.message(p))
    };
    view! {
        <div class=move || super::group_class(message.get().is_some())>
            <h2 class="govuk-heading-m">{title}</h2>
            <super::error_message::ErrorMessage id=field_id(list.pointer) message=message />
            {move || if count() == 0 {
                view! { <p class="govuk-body">{form.text("widget.list.none-yet")}</p> }.into_any()
            } else {
                view! { <dl class="govuk-summary-list">{items}</dl> }.into_any()
            }}
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                id=field_id(list.pointer)
                on:click=move |_| form.add_item(list)
            >
                {move || form.text(&format!("widget.list.{}.{}", crate::route::list_key(list), if count() == 0 { "add-first" } else { "add" }))}
            </button>
        </div>
    }
}
