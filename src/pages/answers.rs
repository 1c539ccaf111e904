//! Check your answers: every answer by section with Change links, a justification for each
//! warning the profile says needs one, then send. It is also the printable evidence pack.

use leptos::prelude::*;
use sen_core::form::{fields_under, is_computed, item_fields, LISTS};
use sen_core::rules::field_specs::{label_for, spec_for};
use sen_core::{sections, Severity};
use serde_json::{Map, Value};

use super::heading;
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::totals::Totals;
use crate::display::answer_in;
use crate::focus;
use crate::route::Page;
use crate::state::{use_form, Form, Sending};

/// Summary-list rows for the answered fields among `pointers`.
fn rows(form: Form, pointers: Vec<String>) -> impl IntoView {
    let items: Vec<(String, String, String)> = form.doc.with_untracked(|d| {
        form.profile.with_value(|p| {
            pointers
                .into_iter()
                .filter_map(|ptr| {
                    let spec = spec_for(&ptr)?;
                    let v = d.pointer(&ptr)?;
                    Some((
                        label_for(&ptr, p),
                        answer_in(d, spec.pattern, spec.kind, v),
                        ptr,
                    ))
                })
                .collect()
        })
    });
    let rows = items
        .into_iter()
        .map(|(label, value, ptr)| {
            let hidden = format!(" {}", sen_core::rules::lower_first(&label));
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{label}</dt>
                    <dd class="govuk-summary-list__value">{value}</dd>
                    <dd class="govuk-summary-list__actions">
                        <a class="govuk-link" href="#" on:click=move |ev| {
                            ev.prevent_default();
                            form.show_all.set(false);
                            focus::field(form, &ptr);
                        }>"Change"<span class="govuk-visually-hidden">{hidden}</span></a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="govuk-summary-list govuk-!-margin-bottom-6">{rows}</dl> }
}

/// The answers of one section.
fn section_answers(form: Form, id: &'static str) -> impl IntoView {
    let keys: &'static [&'static str] = sections::by_id(id).map(|s| s.keys).unwrap_or(&[]);
    let title = form.profile.with_value(|p| p.section_title(id));
    let direct: Vec<String> = keys
        .iter()
        .flat_map(|k| {
            fields_under(&format!("/{k}"))
                .map(|f| f.pattern.to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let lists = LISTS
        .iter()
        .filter(|l| keys.contains(&sections::top_key(l.pointer)))
        .map(|list| {
            let n = form
                .doc
                .with_untracked(|d| crate::doc::len(d, list.pointer));
            (0..n)
                .map(|i| {
                    let mut ptrs: Vec<String> = item_fields(list)
                        .map(|f| f.pattern.replacen('*', &i.to_string(), 1))
                        .collect();
                    if list.pointer == "/apdrCycles" {
                        let statuses: Vec<String> = form.doc.with_untracked(|d| {
                            d.pointer(&format!("/apdrCycles/{i}/review/outcomeStatus"))
                                .and_then(Value::as_object)
                                .map(|m| m.keys().cloned().collect())
                                .unwrap_or_default()
                        });
                        ptrs.retain(|p| !p.contains("/review/outcome"));
                        for id in statuses {
                            ptrs.push(format!("/apdrCycles/{i}/review/outcomeStatus/{id}"));
                        }
                    }
                    let name = format!("{} {}", list.item, i + 1);
                    let mut c = name.chars();
                    let name: String = c
                        .next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default();
                    view! {
                        <h3 class="govuk-heading-s">{name}</h3>
                        {rows(form, ptrs)}
                    }
                })
                .collect_view()
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m">{title}</h2>
        {rows(form, direct)}
        {lists}
        {(id == "provision").then(|| view! { <Totals /> })}
    }
}

/// The justification boxes for warnings the profile says need one.
fn justifications(form: Form) -> impl IntoView {
    let wanted: Vec<(String, String, String)> = form.report.with_untracked(|r| {
        r.as_ref()
            .map(|r| {
                r.issues
                    .iter()
                    .filter(|i| i.severity == Severity::Warning && i.needs_justification)
                    .map(|i| (i.rule_id.clone(), i.pointer.clone(), i.message.clone()))
                    .collect()
            })
            .unwrap_or_default()
    });
    if wanted.is_empty() {
        return ().into_any();
    }
    let boxes = wanted
        .into_iter()
        .enumerate()
        .map(|(n, (rule, pointer, message))| {
            let id = format!("justify-{n}");
            let initial = form.doc.with_untracked(|d| {
                find_ack(d, &rule, &pointer)
                    .and_then(|i| d.pointer(&format!("/validation/warningsAcknowledged/{i}/justification")))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned()
            });
            view! {
                <div class="govuk-form-group">
                    <label class="govuk-label" for=id.clone()>{message}</label>
                    <div class="govuk-hint" id=format!("{id}-hint")>"Explain to the panel why this is so."</div>
                    <textarea
                        class="govuk-textarea"
                        id=id.clone()
                        name=id.clone()
                        rows="3"
                        aria-describedby=format!("{id}-hint")
                        prop:value=initial
                        on:input=move |ev| justify(form, &rule, &pointer, &event_target_value(&ev))
                        on:change=move |_| form.recheck()
                    ></textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m">"Things the panel will ask about"</h2>
        <p class="govuk-body">"The council asks you to explain each of these before you send."</p>
        {boxes}
    }
    .into_any()
}

fn find_ack(d: &Value, rule: &str, pointer: &str) -> Option<usize> {
    d.pointer("/validation/warningsAcknowledged")
        .and_then(Value::as_array)?
        .iter()
        .position(|a| {
            a.get("ruleId").and_then(Value::as_str) == Some(rule)
                && a.get("pointer").and_then(Value::as_str).unwrap_or("") == pointer
        })
}

fn justify(form: Form, rule: &str, pointer: &str, text: &str) {
    form.doc.update(|d| {
        let list = "/validation/warningsAcknowledged";
        match find_ack(d, rule, pointer) {
            Some(i) if text.trim().is_empty() => crate::doc::remove_item(d, list, i),
            Some(i) => crate::doc::set(d, &format!("{list}/{i}/justification"), Value::from(text)),
            None if text.trim().is_empty() => {}
            None => {
                let mut ack = Map::new();
                ack.insert("ruleId".into(), Value::from(rule));
                ack.insert("pointer".into(), Value::from(pointer));
                ack.insert("justification".into(), Value::from(text));
                crate::doc::push(d, list, Value::Object(ack));
            }
        }
    });
}

/// Every error, and every warning still needing a justification, for the summary.
fn blocking(form: Form) -> Vec<(String, String)> {
    let mut out = form.page_errors(&|p: &str| !is_computed(p));
    let wanted: Vec<(String, String)> = form.report.with(|r| {
        r.as_ref()
            .map(|r| {
                r.issues
                    .iter()
                    .filter(|i| i.severity == Severity::Warning && i.needs_justification)
                    .enumerate()
                    .filter(|(_, i)| !i.justified)
                    .map(|(n, i)| (format!("#justify-{n}"), i.message.clone()))
                    .collect()
            })
            .unwrap_or_default()
    });
    out.extend(wanted);
    for e in form.server_errors.get() {
        if !out.iter().any(|(p, _)| *p == e.0) {
            out.push(e);
        }
    }
    out
}

#[component]
pub fn AnswersPage() -> impl IntoView {
    let form = use_form();
    let name = form.profile.with_value(|p| p.name.clone());
    let ids: Vec<&'static str> = form.profile.with_value(|p| {
        p.sections
            .iter()
            .filter_map(|id| sections::by_id(id))
            .map(|s| s.id)
            .collect()
    });
    let errors = Signal::derive(move || blocking(form));
    let sections = ids
        .into_iter()
        .map(|id| section_answers(form, id))
        .collect_view();
    let failed = move || match form.sending.get() {
        Sending::Failed(message) => Some(view! {
            <div class="govuk-notification-banner" role="alert" aria-labelledby="send-failed-title" id="send-failed" tabindex="-1">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="send-failed-title">"Not sent"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{message}</p>
                </div>
            </div>
        }),
        _ => None,
    };
    let in_flight = move || matches!(form.sending.get(), Sending::InFlight | Sending::Retrying(_));
    let progress = move || match form.sending.get() {
        Sending::InFlight => "Sending your application…".to_owned(),
        Sending::Retrying(s) => format!(
            "Not sent yet: trying again in {s} second{}…",
            if s == 1 { "" } else { "s" }
        ),
        _ => String::new(),
    };
    view! {
        <BackLink to=Page::Tasks />
        <ErrorSummary errors=errors />
        {failed}
        {heading(name, "Check your answers before sending your application".to_owned())}
        {sections}
        {justifications(form)}
        <h2 class="govuk-heading-m">"Now send your application"</h2>
        <p class="govuk-body" id="send-status">{progress}</p>
        <p class="govuk-body">"By sending this application you confirm that, to the best of your knowledge, the details you are providing are correct, and that the parents and carers named have given the consent recorded."</p>
        <button
            type="button"
            class="govuk-button"
            id="send"
            aria-disabled=move || in_flight().then_some("true")
            on:click=move |_| {
                if !in_flight() {
                    crate::send::press(form);
                }
            }
        >
            {move || if in_flight() { "Sending…" } else { "Accept and send" }}
        </button>
    }
}
