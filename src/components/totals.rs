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
fn by_source(t: &Figures, texts: &sen_core::text::Catalogue) -> Vec<(String, String)> {
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
    .map(|(source, pence)| {
        let who = source.label_in(texts);
        (
            texts.format("widget.totals.paid-by", &[("who", &who)]),
            money(pence),
        )
    })
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
    let row = move |key: String, value: Signal<String>, id: &'static str, note: Signal<String>| {
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
        form.texts.with_value(|x| totals.with(|t| by_source(t, x))).into_iter().map(|(who, amount)| {
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
    let total_note = Signal::derive(move || form.text("widget.totals.total-note"));
    let threshold_note = Signal::derive(move || form.text("widget.totals.threshold-note"));
    let school_note = Signal::derive(move || {
        totals.with(|t| {
            if t.threshold_basis_pence <= t.threshold_pence {
                form.text("widget.totals.school-all")
            } else {
                form.say(
                    "widget.totals.school-first",
                    &[("cost", &money(t.threshold_pence))],
                )
            }
        })
    });
    let top_up_note = Signal::derive(move || {
        totals.with(|t| {
            let grants = if t.other_funding_pence > 0 {
                form.say(
                    "widget.totals.other-grants",
                    &[("cost", &money(t.other_funding_pence))],
                )
            } else {
                String::new()
            };
            let premium = if t.threshold_basis_pence != t.total_pence {
                form.text("widget.totals.pupil-premium")
            } else {
                String::new()
            };
            form.say(
                "widget.totals.top-up-working",
                &[
                    ("basis", &money(t.threshold_basis_pence)),
                    ("school", &money(t.school_contribution_pence)),
                    ("grants", &grants),
                    ("premium", &premium),
                ],
            )
        })
    });
    view! {
        <div class="app-totals" role="region" aria-label=form.text("widget.totals.region")>
            <h2 class="govuk-heading-m">{form.text("widget.totals.title")}</h2>
            <dl class="govuk-summary-list">
                {row(form.text("widget.totals.total"), total, "totals-total", total_note)}
                {(!compact).then(|| view! {
                    {sources}
                    {row(form.text("widget.totals.threshold"), threshold, "totals-threshold", threshold_note)}
                })}
                {row(form.text("widget.totals.school"), school, "totals-school", school_note)}
                {row(form.text("widget.totals.top-up"), top_up, "totals-top-up", top_up_note)}
            </dl>
        </div>
    }
}
