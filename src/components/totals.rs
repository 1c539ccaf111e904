//! The provision map's running totals against the notional threshold: total, school
//! contribution and top-up requested. They follow each keystroke in a row: the row's cost is
//! kept as it is typed and the totals are summed from the kept costs (`cost::summarise`).

use leptos::prelude::*;
use sen_core::cost;
use sen_core::model::{Application, ProvisionMap};

use crate::input::money;
use crate::state::use_form;

#[component]
pub fn Totals() -> impl IntoView {
    let form = use_form();
    let period = Memo::new(move |_| {
        form.doc.with(|d| {
            d.pointer("/provisionMap/periodWeeks")
                .and_then(serde_json::Value::as_i64)
        })
    });
    let totals = Memo::new(move |_| {
        let period_weeks = period.get();
        form.profile.with_value(|p| {
            let app = Application {
                provision_map: Some(ProvisionMap {
                    period_weeks,
                    ..ProvisionMap::default()
                }),
                ..Application::default()
            };
            let threshold = cost::threshold_for(&app, &p.funding);
            form.rows
                .with(|rows| cost::summarise(rows.iter().copied(), threshold, &p.funding))
        })
    });
    let row = |key: &'static str, value: Signal<String>, id: &'static str| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value" id=id>{move || value.get()}</dd>
            </div>
        }
    };
    let total = Signal::derive(move || money(totals.with(|t| t.total_pence)));
    let threshold = Signal::derive(move || money(totals.with(|t| t.threshold_pence)));
    let school = Signal::derive(move || money(totals.with(|t| t.school_contribution_pence)));
    let top_up = Signal::derive(move || money(totals.with(|t| t.requested_top_up_pence)));
    view! {
        <div class="app-totals" role="region" aria-label="Provision map totals">
            <h2 class="govuk-heading-m">"Totals"</h2>
            <dl class="govuk-summary-list">
                {row("Total cost of provision", total, "totals-total")}
                {row("Notional SEN threshold", threshold, "totals-threshold")}
                {row("School contribution (notional SEN budget)", school, "totals-school")}
                {row("Top-up requested", top_up, "totals-top-up")}
            </dl>
        </div>
    }
}
