//! The heading of the printed pack (shown only in print): the council, the child's initials,
//! the school and, once sent, the reference and the date sent.

use leptos::prelude::*;

use crate::state::use_form;

/// `reference`: on the confirmation (sent today).
#[component]
pub fn PrintHeading(#[prop(optional)] reference: Option<String>) -> impl IntoView {
    let form = use_form();
    let council = form.profile.with_value(|p| p.name.clone());
    let (initials, school) = form.doc.with_untracked(|d| {
        (
            sen_core::pack::initials(d),
            sen_core::display::text_at(d, "/setting/name").unwrap_or_default(),
        )
    });
    let sent = reference.map(|r| {
        let date = sen_core::date::Date::parse(&form.today.get_value())
            .map(|d| form.texts.with_value(|t| sen_core::date::human_in(d, t)))
            .unwrap_or_default();
        (r, date)
    });
    let fact = |key: String, value: String| {
        (!value.is_empty()).then(|| {
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{key}</dt>
                    <dd class="govuk-summary-list__value">{value}</dd>
                </div>
            }
        })
    };
    let (reference, date) = sent.unzip();
    view! {
        <div class="app-print-only app-print-heading">
            <p class="govuk-caption-l">{council}</p>
            <p class="govuk-heading-l">{form.text("widget.print.title")}</p>
            <dl class="govuk-summary-list">
                {fact(form.text("widget.print.child"), initials)}
                {fact(form.text("pack.fact.school"), school)}
                {fact(form.text("pack.fact.reference"), reference.unwrap_or_default())}
                {fact(form.text("pack.fact.sent"), date.unwrap_or_default())}
            </dl>
        </div>
    }
}
