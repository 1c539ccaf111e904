//! The review of one APDR cycle records a status and the evidence for each outcome the cycle
//! worked on (the golden thread from outcomes to review).

use leptos::prelude::*;
use serde_json::Value;

use super::choice_items::Choice;
use super::radios::Radios;
use super::textarea::Textarea;
use crate::input::Conversion;
use crate::state::use_form;

#[component]
pub fn ApdrReview(index: usize) -> impl IntoView {
    let form = use_form();
    let base = format!("/apdrCycles/{index}");
    // The outcomes this cycle worked on, by id, with the name people know each by.
    let outcomes = {
        let base = base.clone();
        move || {
            form.doc.with(|d| {
                let names = form
                    .texts
                    .with_value(|t| crate::display::Words(t).references(d, "/outcomes"));
                d.pointer(&format!("{base}/outcomeIds"))
                    .and_then(Value::as_array)
                    .map(|ids| {
                        ids.iter()
                            .filter_map(Value::as_str)
                            .map(|id| {
                                let name = names.iter().find(|(i, _)| i == id).map_or_else(
                                    || form.text("widget.apdr.removed-outcome"),
                                    |(_, n)| n.clone(),
                                );
                                (id.to_owned(), name)
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }
    };
    let statuses: Vec<Choice> = sen_core::codes::ReviewStatus::ALL
        .iter()
        .map(|s| Choice {
            value: Value::from(s.code()),
            label: form.texts.with_value(|t| s.label_in(t).to_owned()),
        })
        .collect();
    let evidence_label = form.label("/apdrCycles/0/review/outcomeEvidence");
    let ids = Memo::new(move |_| outcomes());
    view! {
        <h2 class="govuk-heading-m">{form.text("widget.apdr.review-title")}</h2>
        {move || {
            let ids = ids.get();
            if ids.is_empty() {
                return view! {
                    <p class="govuk-body">{form.text("widget.apdr.choose-outcomes")}</p>
                }
                .into_any();
            }
            ids.into_iter()
                .map(|(id, name)| {
                    let number = name.split(':').next().unwrap_or_default().to_ascii_lowercase();
                    let status_ptr = format!("{base}/review/outcomeStatus/{id}");
                    let evidence_ptr = format!("{base}/review/outcomeEvidence/{id}");
                    view! {
                        <h3 class="govuk-heading-s">{name}</h3>
                        <Radios
                            pointer=status_ptr
                            shown_label=form.say("widget.apdr.how-far", &[("outcome", &number)])
                            choices=statuses.clone()
                        />
                        <Textarea
                            pointer=evidence_ptr
                            label=evidence_label.clone()
                            shown_label=form.say("widget.apdr.evidence", &[("outcome", &number)])
                            conversion=Conversion::Text
                        />
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}
