//! Check your answers: every answer by section with Change links, the provision map's costs
//! and the support over time as charts, a justification for each warning the profile says
//! needs one, a copy to print or download, then send. Printed, it is the evidence pack: the
//! heading of `print_heading.rs`, the answers and charts, the justifications as typed, and
//! none of the form's controls.

use leptos::prelude::*;
use sen_core::chart::{self, Chart};
use sen_core::form::{fields_under, is_computed, item_fields, ListDef, LISTS};
use sen_core::{sections, Severity};
use serde_json::{Map, Value};

use super::heading;
use crate::components::back_link::BackLink;
use crate::components::chart_svg::ChartSvg;
use crate::components::error_summary::ErrorSummary;
use crate::components::print_controls::PrintControls;
use crate::components::print_heading::PrintHeading;
use crate::components::totals::Totals;
use crate::focus;
use crate::input::money;
use crate::route::Page;
use crate::state::{use_form, Form, Sending};

/// The answered fields among `pointers`: (label, answer as people read it, pointer), as the
/// evidence pack has them (`sen_core::pack::answers`): a "Which of these apply?" question is
/// one row.
fn answered(form: Form, pointers: Vec<String>) -> Vec<(String, String, String)> {
    form.doc.with_untracked(|d| {
        form.profile.with_value(|p| {
            form.texts
                .with_value(|t| sen_core::pack::answers::answered_at(d, p, pointers, t))
                .into_iter()
                .map(|(row, pointer)| (row.question, row.answer, pointer))
                .collect()
        })
    })
}

/// One list item as one summary-list row: its name, then each answer as "label: answer" on a
/// line of its own, and one Change link to the item's first page.
fn item_row(
    form: Form,
    name: String,
    fields: Vec<(String, String, String)>,
    page: Page,
) -> impl IntoView {
    let hidden = format!(" {}", sen_core::rules::lower_first(&name));
    let lines = fields
        .into_iter()
        .map(|(label, value, _)| {
            // "Label: answer", or "Question? Answer".
            let sep = if label.ends_with('?') { " " } else { ": " };
            view! { <li><span class="app-answer-label">{label}{sep}</span>{value}</li> }
        })
        .collect_view();
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{name}</dt>
            <dd class="govuk-summary-list__value"><ul class="govuk-list app-item-answers">{lines}</ul></dd>
            <dd class="govuk-summary-list__actions">
                <a class="govuk-link" href="#" on:click=move |ev| {
                    ev.prevent_default();
                    form.go(page.clone());
                }>{form.text("widget.change")}<span class="govuk-visually-hidden">{hidden}</span></a>
            </dd>
        </div>
    }
}

/// Summary-list rows for answered fields, each with its Change link.
fn rows(form: Form, items: Vec<(String, String, String)>) -> impl IntoView {
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
                        }>{form.text("widget.change")}<span class="govuk-visually-hidden">{hidden}</span></a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="govuk-summary-list">{rows}</dl> }
}

/// An answer as check your answers shows it: (label, answer as people read it, pointer).
type Answer = (String, String, String);

/// The answers of one list item: its name, each answer (a provision row's cost and how it is
/// worked out first) and the page to change it on. `None` when the item is gone.
fn item_answers(
    form: Form,
    list: &'static ListDef,
    i: usize,
) -> Option<(String, Vec<Answer>, Page)> {
    let item = form.doc.with_untracked(|d| {
        d.pointer(list.pointer)
            .and_then(Value::as_array)
            .and_then(|items| items.get(i))
            .cloned()
    })?;
    let ptrs: Vec<String> = item_fields(list)
        .filter(|f| !f.pattern.contains("/review/outcome"))
        .filter(|f| !crate::route::from_the_file(f.pattern))
        .map(|f| f.pattern.replacen('*', &i.to_string(), 1))
        .collect();
    let mut fields = answered(form, ptrs);
    // An attached file: its size as people read it (its name is the item's name).
    if let Some(size) = item.get("sizeBytes").and_then(Value::as_u64) {
        let at = format!("{}/{i}/type", list.pointer);
        fields.push((
            form.text("widget.answers.size"),
            crate::attach::size_text(size),
            at,
        ));
    }
    if list.pointer == "/provisionMap/rows" {
        let row =
            sen_core::json::from_value::<sen_core::model::ProvisionRow>(&item).unwrap_or_default();
        let cost = form
            .rows
            .with_untracked(|costs| costs.get(i).and_then(|c| c.0))
            .map_or_else(|| form.text("widget.not-worked-out"), money);
        let working = form
            .texts
            .with_value(|t| sen_core::cost::working_in(&row, t))
            .map(|w| form.say("widget.answers.working", &[("working", &w)]))
            .unwrap_or_default();
        fields.insert(
            0,
            (
                form.text("widget.cpm.cost"),
                format!("{cost}{working}"),
                format!("{}/{i}/category", list.pointer),
            ),
        );
    }
    // An outcome's text is one of its answers: its number is enough as its name here.
    let name = if list.pointer == "/outcomes" {
        form.say("display.outcome", &[("n", &(i + 1))])
    } else {
        form.texts
            .with_value(|t| crate::display::Words(t).item_name(list.pointer, i, &item))
    };
    Some((name, fields, crate::route::item_page(list, i)))
}

/// The list items of a section's lists, as (place in `LISTS`, place in its list), in order.
fn section_items(form: Form, keys: &[&str]) -> Vec<(usize, usize)> {
    LISTS
        .iter()
        .enumerate()
        .filter(|(_, l)| keys.contains(&sections::top_key(l.pointer)))
        .flat_map(|(at, l)| {
            let n = form.doc.with_untracked(|d| {
                d.pointer(l.pointer)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len)
            });
            (0..n).map(move |i| (at, i))
        })
        .collect()
}

/// A section's list items as summary-list rows, drawn a piece at a time (`paced.rs`): a map
/// of 500 provision rows is not one long task, and each piece goes after the ones before it.
fn item_rows(form: Form, items: Vec<(usize, usize)>) -> impl IntoView {
    let all = Memo::new(move |_| items.clone());
    let drawn = crate::components::paced::pieces(all);
    let row = move |(_, (at, i)): (usize, (usize, usize))| {
        LISTS
            .get(at)
            .and_then(|list| item_answers(form, list, i))
            .map(|(name, fields, page)| item_row(form, name, fields, page))
    };
    view! {
        <dl class="govuk-summary-list">
            <For each=move || drawn.get() key=|(n, _)| *n children=row />
        </dl>
    }
}

/// The answers of one section, as a GOV.UK summary card: only what was answered, each list
/// item under its name, each provision row with its cost and how it is worked out.
fn section_answers(form: Form, id: &'static str) -> impl IntoView {
    let keys: &'static [&'static str] = sections::by_id(id).map(|s| s.keys).unwrap_or(&[]);
    let title = form
        .profile
        .with_value(|p| form.texts.with_value(|t| p.section_title_in(id, t)));
    let direct = answered(
        form,
        keys.iter()
            .flat_map(|k| {
                fields_under(&format!("/{k}"))
                    .map(|f| f.pattern.to_owned())
                    .collect::<Vec<_>>()
            })
            .collect(),
    );
    let items = section_items(form, keys);
    let empty = direct.is_empty() && items.is_empty();
    let change = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        form.go(Page::Section(id));
    };
    let hidden = format!(" {}", sen_core::rules::lower_first(&title));
    view! {
        <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
                <h2 class="govuk-summary-card__title">{title}</h2>
                <ul class="govuk-summary-card__actions">
                    <li class="govuk-summary-card__action">
                        <a class="govuk-link" href="#" on:click=change>
                            {form.text(if empty { "widget.answer" } else { "widget.change" })}
                            <span class="govuk-visually-hidden">{hidden}</span>
                        </a>
                    </li>
                </ul>
            </div>
            <div class="govuk-summary-card__content">
                {empty.then(|| view! { <p class="govuk-body">{form.text("widget.answers.not-answered")}</p> })}
                {(!direct.is_empty()).then(|| rows(form, direct))}
                {(!items.is_empty()).then(|| item_rows(form, items))}
                {(id == "provision").then(|| view! { <Totals /> })}
                {charts(form, id)}
            </div>
        </div>
    }
}

/// The chart a section shows after its answers: the provision map's costs, and the graduated
/// approach over time.
fn charts(form: Form, id: &'static str) -> Option<AnyView> {
    let app = move |f: &dyn Fn(&sen_core::Application, &sen_core::Profile) -> Option<Chart>| {
        form.app.with_value(|a| {
            a.as_ref()
                .and_then(|a| form.profile.with_value(|p| f(a, p)))
        })
    };
    match id {
        "provision" => Some(
            view! {
                <ChartSvg
                    heading=form.text("widget.chart.cost.heading")
                    make=move |w| form.texts.with_value(|t| app(&|a, p| chart::cost::of_application_in(a, p, w, t)))
                    missing=form.text("widget.chart.cost.missing")
                />
            }
            .into_any(),
        ),
        "apdr" => Some(
            view! {
                <ChartSvg
                    heading=form.text("widget.chart.timeline.heading")
                    make=move |w| form.texts.with_value(|t| app(&|a, _| chart::timeline::chart_in(a, w, t)))
                    missing=form.text("widget.chart.timeline.missing")
                />
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// Every section's answers as summary cards, in the profile's order (check your answers, and
/// the printed pack on the confirmation).
pub fn all_sections(form: Form) -> impl IntoView {
    let ids: Vec<&'static str> = form.profile.with_value(|p| {
        p.sections
            .iter()
            .filter_map(|id| sections::by_id(id))
            .map(|s| s.id)
            .collect()
    });
    ids.into_iter()
        .map(|id| section_answers(form, id))
        .collect_view()
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
            let said = {
                let (rule, pointer) = (rule.clone(), pointer.clone());
                move || form.doc.with(|d| {
                    find_ack(d, &rule, &pointer)
                        .and_then(|i| d.pointer(&format!("/validation/warningsAcknowledged/{i}/justification")))
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned()
                })
            };
            let initial = untrack(said.clone());
            // Printed, the explanation as typed instead of the box.
            let typed = move || {
                let text = said();
                if text.trim().is_empty() { form.text("widget.answers.no-explanation") } else { text }
            };
            view! {
                <div class="govuk-form-group">
                    <label class="govuk-label" for=id.clone()>{message}</label>
                    <div class="govuk-hint app-no-print" id=format!("{id}-hint")>{form.text("widget.answers.explain")}</div>
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
                    <p class="govuk-body app-print-only">{typed}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m">{form.text("widget.answers.panel-asks")}</h2>
        <p class="govuk-body app-no-print">{form.text("widget.answers.panel-asks-hint")}</p>
        {boxes}
    }
    .into_any()
}

/// The acknowledgement that covers a warning as the rules count it: of its rule, at its
/// pointer or at none (`Acknowledgement::covers`).
fn find_ack(d: &Value, rule: &str, pointer: &str) -> Option<usize> {
    d.pointer("/validation/warningsAcknowledged")
        .and_then(Value::as_array)?
        .iter()
        .position(|a| {
            a.get("ruleId").and_then(Value::as_str) == Some(rule)
                && a.get("pointer")
                    .and_then(Value::as_str)
                    .is_none_or(|p| p == pointer)
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
                    .filter(|(_, i)| {
                        sen_core::rules::blocks_sending(
                            i.severity,
                            i.needs_justification,
                            i.justified,
                        )
                    })
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
    let errors = Signal::derive(move || blocking(form));
    let sections = all_sections(form);
    let failed = move || match form.sending.get() {
        Sending::Failed(message) => Some(view! {
            <div class="govuk-notification-banner" role="alert" aria-labelledby="send-failed-title" id="send-failed" tabindex="-1">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="send-failed-title">{form.text("widget.send.not-sent")}</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{message}</p>
                </div>
            </div>
        }),
        _ => None,
    };
    let in_flight = move || {
        matches!(
            form.sending.get(),
            Sending::InFlight | Sending::Retrying(_) | Sending::WaitingForFiles(_)
        )
    };
    let progress = move || match form.sending.get() {
        Sending::InFlight => form.text("widget.send.sending"),
        Sending::Retrying(s) => form
            .texts
            .with_value(|t| t.plural(i64::try_from(s).unwrap_or(i64::MAX), "widget.send.retrying")),
        Sending::WaitingForFiles(n) => form.say(
            "widget.send.waiting",
            &[(
                "files",
                &form.texts.with_value(|t| crate::attach::waiting_text(t, n)),
            )],
        ),
        _ => String::new(),
    };
    view! {
        <BackLink to=Page::Tasks />
        <ErrorSummary errors=errors />
        {failed}
        <PrintHeading />
        <div class="app-no-print">{heading(name, form.text("widget.answers.title"))}</div>
        {sections}
        {justifications(form)}
        <PrintControls />
        <div class="app-no-print">
        <h2 class="govuk-heading-m">{form.text("widget.send.title")}</h2>
        <p class="govuk-body" id="send-status">{progress}</p>
        <p class="govuk-body">{form.text("widget.send.declaration")}</p>
        <button
            type="button"
            class="govuk-button"
            id="send"
            aria-disabled=move || in_flight().then_some("true")
            on:click=move |_| {
                if !in_flight() {
                    crate::submit::driver::press(form);
                }
            }
        >
            {move || form.text(if in_flight() { "widget.send.button-sending" } else { "widget.send.button" })}
        </button>
        </div>
    }
}
