//! A polite live region, present on every page, that tells screen reader users what happens
//! out of sight: the answers being saved (at most once a minute, as the time changes), a save
//! that failed, and the application being sent or waiting to be sent again. "Not sent" is an
//! alert of its own and "Application sent" is a new page, so neither is repeated here.

use leptos::prelude::*;

use sen_core::text::Catalogue;

use crate::state::{use_form, Sending};

/// `HH:MM` in the browser's time zone.
pub fn clock(ms: u64) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", at.get_hours(), at.get_minutes())
}

/// What the region says now.
pub fn announcement(
    texts: &Catalogue,
    sending: &Sending,
    problem: Option<&str>,
    saved_at: Option<u64>,
) -> String {
    match sending {
        Sending::InFlight => texts.get("widget.live.sending").to_owned(),
        Sending::Retrying(s) => {
            let s = i64::try_from(*s).unwrap_or(i64::MAX);
            texts.plural(s, "widget.live.retrying")
        }
        Sending::WaitingForFiles(n) => crate::attach::waiting_text(texts, *n),
        _ => match (problem, saved_at) {
            (Some(p), _) => texts.get(p).to_owned(),
            (None, Some(ms)) => texts.format("widget.live.saved-at", &[("time", &clock(ms))]),
            (None, None) => String::new(),
        },
    }
}

#[component]
pub fn LiveRegion() -> impl IntoView {
    let form = use_form();
    let text = Memo::new(move |_| {
        match form.newer.get() {
            Some(crate::state::Told::Saved(_)) => return form.text("widget.live.other-tab-saved"),
            Some(crate::state::Told::Deleted) => return form.text("widget.live.other-tab-deleted"),
            None => {}
        }
        let (files, at, kept) = form
            .files
            .shelf
            .with(|s| (s.said.clone(), s.said_at, s.keep_problem));
        // What happened last: something about the files, or a save of the answers.
        let later = at >= form.saved_at.get().unwrap_or(0);
        if !files.is_empty() && later && form.sending.get() == Sending::Idle {
            return files;
        }
        if let Some(p) = kept {
            return form.text(p);
        }
        let (sending, problem, saved_at) = (
            form.sending.get(),
            form.save_problem.get(),
            form.saved_at.get(),
        );
        form.texts
            .with_value(|t| announcement(t, &sending, problem, saved_at))
    });
    view! {
        <div class="govuk-visually-hidden" role="status" aria-live="polite" id="live">{text}</div>
    }
}
