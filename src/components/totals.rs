//! The provision map's running totals against the notional threshold, worked out on screen so
//! that they reconcile: what the rows cost by who pays, the threshold, the school's
//! contribution (the first part of the cost, whoever the rows say pays) and the top-up requested
//! (the rest). They follow each keystroke in a row: the row's cost is kept as it is typed and
//! the totals are summed from the kept costs (`cost::summarise`).

use leptos::prelude::*;
use sen_core::codes::FundingSource;
use sen_core::cost::{self, Totals as Figures};
use sen_core::model::{Application, ProvisionMap};

use crate::input::money;
use crate::state::use_form;

/// The subtotals by who pays, with the words a SENCo knows them by (only those in use).
fn by_source(t: &Figures) -> Vec<(String, String)> {
    let s = &t.subtotals;
    [
        (FundingSource::NotionalSen, s.notional_sen_pence),
        (FundingSource::TopUpRequested, s.top_up_requested_pence),
        (FundingSource::PupilPremium, s.pupil_premium_pence),
        (FundingSource::OtherGrant, s.other_grant_pence),
        (FundingSource::FreeService, s.free_service_pence),
    ]
    .into_iter()
    .filter(|(_, pence)| *pence != 0)
    .map(|(source, pence)| (format!("Rows paid by: {}", source.label()), money(pence)))
    .collect()
}

/// `compact`: the total, the school's contribution and the top-up only, without the working
/// (beside a row being costed); the provision map's own page shows everything.
#[component]
pub fn Totals(#[prop(optional)] compact: bool) -> impl IntoView {
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
    let row =
        move |key: &'static str, value: Signal<String>, id: &'static str, note: Signal<String>| {
            let note = move || (!compact).then(|| note.get());
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{key}</dt>
                    <dd class="govuk-summary-list__value">
                        <span class="app-money" id=id>{move || value.get()}</span>
                        <span class="govuk-hint app-working">{note}</span>
                    </dd>
                </div>
            }
        };
    let sources = move || {
        totals.with(by_source).into_iter().map(|(who, amount)| {
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key govuk-!-font-weight-regular">{who}</dt>
                    <dd class="govuk-summary-list__value"><span class="app-money">{amount}</span></dd>
                </div>
            }
        }).collect_view()
    };
    let total = Signal::derive(move || money(totals.with(|t| t.total_pence)));
    let threshold = Signal::derive(move || money(totals.with(|t| t.threshold_pence)));
    let school = Signal::derive(move || money(totals.with(|t| t.school_contribution_pence)));
    let top_up = Signal::derive(move || money(totals.with(|t| t.requested_top_up_pence)));
    let total_note = Signal::derive(move || "The cost of every row above, a year".to_owned());
    let threshold_note = Signal::derive(move || {
        "What the council expects the school to pay from its notional SEN budget".to_owned()
    });
    let school_note = Signal::derive(move || {
        totals.with(|t| {
            if t.threshold_basis_pence <= t.threshold_pence {
                "The school pays for all of it: the cost is not above the threshold".to_owned()
            } else {
                format!(
                    "The school pays the first {} of the cost, whichever rows it pays for",
                    money(t.threshold_pence)
                )
            }
        })
    });
    let top_up_note = Signal::derive(move || {
        totals.with(|t| {
            let mut w = format!(
                "{} − {}",
                money(t.threshold_basis_pence),
                money(t.school_contribution_pence)
            );
            if t.other_funding_pence > 0 {
                w.push_str(&format!(
                    " − {} from other grants",
                    money(t.other_funding_pence)
                ));
            }
            if t.threshold_basis_pence != t.total_pence {
                w.push_str(" (pupil premium does not count toward the threshold)");
            }
            w
        })
    });
    view! {
        <div class="app-totals" role="region" aria-label="Provision map totals">
            <h2 class="govuk-heading-m">"Totals"</h2>
            <dl class="govuk-summary-list">
                {row("Total cost of provision", total, "totals-total", total_note)}
                {(!compact).then(|| view! {
                    {sources}
                    {row("Notional SEN threshold", threshold, "totals-threshold", threshold_note)}
                })}
                {row("School contribution", school, "totals-school", school_note)}
                {row("Top-up requested", top_up, "totals-top-up", top_up_note)}
            </dl>
        </div>
    }
}
