//! Provision rows pasted from a spreadsheet or read from a CSV file (the core's `paste`): the
//! rows are read and checked, shown in a table with their costs and problems, and written into
//! the application only when the person chooses to add them (after the rows they have) or to
//! replace the rows they have. Cancel leaves everything as it was.

use leptos::prelude::*;
use sen_core::paste::{self, Pasted};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::input::money;
use crate::state::{use_form, Form};

const ROWS: &str = "/provisionMap/rows";
const TEXT_ID: &str = "paste-text";
const FILE_ID: &str = "paste-file";
const SUMMARY_ID: &str = "paste-summary";
const PREVIEW_ID: &str = "paste-preview";
const DONE_ID: &str = "paste-done";
const OPEN_ID: &str = "paste-open";

/// "1 row", "20 rows".
fn rows(form: Form, n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    form.texts.with_value(|t| t.plural(n, "widget.paste.rows"))
}

/// The application's outcomes as (id, text), in order.
fn outcomes(doc: &Value) -> Vec<(String, String)> {
    doc.pointer("/outcomes")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|o| {
                    let id = o.get("id")?.as_str()?.to_owned();
                    let text = o.get("text").and_then(Value::as_str).unwrap_or("");
                    Some((id, text.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the rows into the document, after the rows there (or in their place), with new ids.
fn write_rows(form: Form, pasted: &Pasted, replace: bool) {
    form.doc.update(|d| {
        if replace {
            crate::doc::remove(d, ROWS);
        }
        for r in &pasted.rows {
            let mut value = sen_core::json::to_value(&r.row);
            if let Value::Object(map) = &mut value {
                map.insert("id".into(), Value::from(crate::doc::next_id(d, ROWS, "r")));
                // 5.0 sessions a week is written 5, as the form writes what is typed.
                if let Some(n) = map.get("sessionsPerWeek").and_then(Value::as_f64) {
                    if n.fract() == 0.0 && n.abs() < 1.0e9 {
                        map.insert("sessionsPerWeek".into(), Value::from(n as i64));
                    }
                }
            }
            crate::doc::push(d, ROWS, value);
        }
    });
    if replace {
        // What was typed into the rows replaced goes with them.
        let outside = |k: &String| !k.starts_with("/provisionMap/rows/");
        form.unread.update(|u| {
            *u = std::mem::take(u)
                .into_iter()
                .filter(|(k, _)| outside(k))
                .collect();
        });
        form.touched.update(|t| {
            *t = std::mem::take(t).into_iter().filter(outside).collect();
        });
    }
    form.recheck();
    form.save_soon();
}

#[component]
pub fn PasteRows() -> impl IntoView {
    let form = use_form();
    let open = RwSignal::new(false);
    let text = StoredValue::new(String::new());
    let file_text = StoredValue::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<Pasted>);
    let done = RwSignal::new(None::<String>);
    let ready = RwSignal::new(None::<String>);
    let live = RwSignal::new(String::new());

    let check = move |_| {
        let typed = text.get_value();
        let source = if typed.trim().is_empty() {
            file_text.get_value().unwrap_or_default()
        } else {
            typed
        };
        if source.trim().is_empty() {
            error.set(Some(form.text("widget.paste.nothing")));
            preview.set(None);
            crate::focus::id(form, SUMMARY_ID);
            return;
        }
        let known = form.doc.with_untracked(outcomes);
        let pasted = form
            .texts
            .with_value(|t| paste::read_in(&source, &known, t));
        error.set(
            pasted
                .rows
                .is_empty()
                .then(|| form.text("widget.paste.none-read")),
        );
        let problems = pasted.problems().next().is_some() || pasted.rows.is_empty();
        preview.set(Some(pasted));
        crate::focus::id(form, if problems { SUMMARY_ID } else { PREVIEW_ID });
    };
    let close = move || {
        open.set(false);
        preview.set(None);
        error.set(None);
        text.set_value(String::new());
        file_text.set_value(None);
        ready.set(None);
    };
    let cancel = move |_| {
        close();
        crate::focus::id(form, OPEN_ID);
    };
    let confirm = move |replace: bool| {
        let before = form.doc.with_untracked(|d| crate::doc::len(d, ROWS));
        let Some(n) = preview.with_untracked(|p| {
            p.as_ref().map(|p| {
                write_rows(form, p, replace);
                p.rows.len()
            })
        }) else {
            return;
        };
        let message = if replace && before > 0 {
            form.say(
                "widget.paste.replaced",
                &[("rows", &rows(form, n)), ("before", &rows(form, before))],
            )
        } else {
            form.say("widget.paste.added", &[("rows", &rows(form, n))])
        };
        close();
        done.set(Some(message.clone()));
        live.set(message);
        crate::focus::id(form, DONE_ID);
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        file_text.set_value(None);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            ready.set(None);
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let read = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let ok = read.is_some();
            if file_text.try_set_value(read).is_some() {
                return; // unmounted meanwhile
            }
            if ok {
                ready.set(Some(
                    form.say("widget.paste.file-ready", &[("name", &name)]),
                ));
            } else {
                error.set(Some(
                    form.say("widget.paste.file-unread", &[("name", &name)]),
                ));
            }
        });
    };

    // One view for the whole component, drawn again when anything in it changes (the text
    // typed is kept, and focus is moved in code after each step).
    let body = move || {
        let is_open = open.get();
        let error = error.get();
        let finished = done.get();
        let ready = ready.get();
        preview.with(|p| {
            let mut problems: Vec<(String, String)> = Vec::new();
            if let Some(e) = &error {
                problems.push((TEXT_ID.to_owned(), e.clone()));
            }
            for r in p.iter().flat_map(|p| p.rows.iter()) {
                for m in &r.problems {
                    problems.push((format!("paste-row-{}", r.number), m.clone()));
                }
            }
            let summary = (!problems.is_empty()).then(|| {
                let list = problems
                    .into_iter()
                    .map(|(id, message)| {
                        let href = format!("#{id}");
                        view! {
                            <li><a href=href on:click=move |ev| {
                                ev.prevent_default();
                                crate::focus::id(form, &id);
                            }>{message}</a></li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="govuk-error-summary" id=SUMMARY_ID tabindex="-1">
                        <div role="alert">
                            <h2 class="govuk-error-summary__title">{form.text("widget.paste.problem")}</h2>
                            <div class="govuk-error-summary__body">
                                <ul class="govuk-list govuk-error-summary__list">{list}</ul>
                            </div>
                        </div>
                    </div>
                }
            });
            let banner = finished.map(|m| {
                view! {
                    <div class="govuk-notification-banner govuk-notification-banner--success" role="region"
                        aria-labelledby="paste-done-title" id=DONE_ID tabindex="-1">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="paste-done-title">{form.text("widget.banner.success")}</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">{m}</p>
                        </div>
                    </div>
                }
            });
            let entry = if is_open {
                let has_error = error.is_some();
                let message = error.map(|m| {
                    view! {
                        <p class="govuk-error-message" id="paste-text-error">
                            <span class="govuk-visually-hidden">{form.text("widget.error.prefix")}</span>{m}
                        </p>
                    }
                });
                view! {
                    <div class=super::group_class(has_error)>
                        <h2 class="govuk-label-wrapper">
                            <label class="govuk-label govuk-label--m" for=TEXT_ID>{form.text("widget.paste.label")}</label>
                        </h2>
                        <div class="govuk-hint" id="paste-text-hint">
                            {form.text("widget.paste.hint")}
                        </div>
                        {message}
                        <textarea
                            class=if has_error { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" }
                            id=TEXT_ID name=TEXT_ID rows="8" spellcheck="false"
                            aria-describedby=super::described_by(TEXT_ID, true, has_error)
                            prop:value=text.get_value()
                            on:input=move |ev| text.set_value(event_target_value(&ev))
                        ></textarea>
                    </div>
                    <div class="govuk-form-group">
                        <label class="govuk-label" for=FILE_ID>{form.text("widget.paste.file")}</label>
                        <div class="govuk-hint" id="paste-file-hint">{form.text("widget.paste.file-hint")}</div>
                        <input class="govuk-file-upload" id=FILE_ID name=FILE_ID type="file"
                            accept=".csv,text/csv,.tsv,.txt,text/plain" aria-describedby="paste-file-hint"
                            on:change=pick />
                        {ready.map(|m| view! { <p class="govuk-body" id="paste-file-ready">{m}</p> })}
                    </div>
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button" id="paste-check" on:click=check>{form.text("widget.paste.check")}</button>
                        <button type="button" class="govuk-button govuk-button--secondary" id="paste-cancel" on:click=cancel>{form.text("widget.cancel")}</button>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <h2 class="govuk-heading-m">{form.text("widget.paste.title")}</h2>
                    <p class="govuk-body">{form.text("widget.paste.intro")}</p>
                    <button type="button" class="govuk-button govuk-button--secondary" id=OPEN_ID on:click=move |_| {
                        open.set(true);
                        done.set(None);
                        crate::focus::id(form, TEXT_ID);
                    }>{form.text("widget.paste.label")}</button>
                }
                .into_any()
            };
            let table = p.as_ref().filter(|p| !p.rows.is_empty()).map(|p| {
                let n = p.rows.len();
                let have = form.doc.with(|d| crate::doc::len(d, ROWS));
                let trs = p
                    .rows
                    .iter()
                    .map(|r| {
                        let cost = match (r.cost_pence, r.stated_pence) {
                            (Some(c), Some(s)) if s != c => {
                                form.say("widget.paste.stated", &[("cost", &money(c)), ("stated", &money(s))])
                            }
                            (Some(c), _) => money(c),
                            (None, _) => form.text("widget.paste.no-cost"),
                        };
                        let name = r
                            .row
                            .intervention
                            .clone()
                            .unwrap_or_else(|| form.text("widget.paste.no-name"));
                        let (class, list) = if r.problems.is_empty() {
                            ("govuk-list", vec![form.text("widget.paste.no-problems")])
                        } else {
                            ("govuk-list govuk-error-message", r.problems.clone())
                        };
                        let items = list
                            .into_iter()
                            .map(|m| view! { <li>{m}</li> })
                            .collect_view();
                        view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header" id=format!("paste-row-{}", r.number) tabindex="-1"
                                    data-label=form.text("widget.paste.row")>{r.number}</th>
                                <td class="govuk-table__cell" data-label=form.text("widget.cpm.provision")>{name}</td>
                                <td class="govuk-table__cell app-row-cost" data-label=form.text("widget.paste.cost")>{cost}</td>
                                <td class="govuk-table__cell" data-label=form.text("widget.paste.problems-column")><ul class=class>{items}</ul></td>
                            </tr>
                        }
                    })
                    .collect_view();
                let total: i64 = p
                    .rows
                    .iter()
                    .filter_map(|r| r.cost_pence)
                    .fold(0i64, i64::saturating_add);
                let mut notes: Vec<String> = Vec::new();
                let count = p.problems().count();
                notes.push(if count == 0 {
                    form.say("widget.paste.read", &[("rows", &rows(form, n))])
                } else {
                    let problems = form.texts.with_value(|t| {
                        t.plural(i64::try_from(count).unwrap_or(i64::MAX), "widget.paste.problems")
                    });
                    form.say("widget.paste.read-problems", &[("rows", &rows(form, n)), ("problems", &problems)])
                });
                notes.push(if p.headings {
                    form.text("widget.paste.headings")
                } else {
                    form.text("widget.paste.no-headings")
                });
                if !p.unused.is_empty() {
                    let names: Vec<String> = p.unused.iter().map(|u| form.say("paste.quoted", &[("column", u)])).collect();
                    let names = form.texts.with_value(|t| names.join(t.get("list.separator")));
                    notes.push(form.say("widget.paste.unused", &[("columns", &names)]));
                }
                notes.extend(p.notes.iter().cloned());
                let notes = notes
                    .into_iter()
                    .map(|m| view! { <p class="govuk-body">{m}</p> })
                    .collect_view();
                let add = if n == 1 { form.text("widget.paste.add.one") } else { form.say("widget.paste.add.other", &[("n", &n)]) };
                let add = if have > 0 { form.say("widget.paste.add-after", &[("add", &add), ("have", &rows(form, have))]) } else { add };
                let replace = (have > 0).then(|| {
                    let label = if have == 1 {
                        form.text("widget.paste.replace.one")
                    } else {
                        form.say("widget.paste.replace.other", &[("n", &have)])
                    };
                    view! {
                        <button type="button" class="govuk-button govuk-button--warning" id="paste-replace"
                            on:click=move |_| confirm(true)>{label}</button>
                    }
                });
                view! {
                    <h2 class="govuk-heading-m" id=PREVIEW_ID tabindex="-1">{form.text("widget.paste.preview")}</h2>
                    {notes}
                    <div class="app-table-wrap">
                        <table class="govuk-table app-paste-table">
                            <caption class="govuk-table__caption govuk-table__caption--s">
                                {form.say("widget.paste.caption", &[("rows", &rows(form, n)), ("total", &money(total))])}
                            </caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">{form.text("widget.paste.row")}</th>
                                    <th scope="col" class="govuk-table__header">{form.text("widget.cpm.provision")}</th>
                                    <th scope="col" class="govuk-table__header">{form.text("widget.paste.cost")}</th>
                                    <th scope="col" class="govuk-table__header">{form.text("widget.paste.problems-column")}</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">{trs}</tbody>
                        </table>
                    </div>
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button" id="paste-add" on:click=move |_| confirm(false)>{add}</button>
                        {replace}
                        <button type="button" class="govuk-button govuk-button--secondary" id="paste-discard" on:click=cancel>{form.text("widget.cancel")}</button>
                    </div>
                }
            });
            view! { {banner} {summary} {entry} {table} }.into_any()
        })
    };

    view! {
        <div class="app-paste">
            {body}
            <div class="govuk-visually-hidden" role="status" aria-live="polite" id="paste-live">{move || live.get()}</div>
        </div>
    }
}
