//! The submission driver: carries out the actions of the machine (`machine.rs`): saves a new
//! key with the draft, POSTs (`transport.rs`), waits between attempts, and shows the outcome:
//! the confirmation, "not sent yet", or the backend's messages on their fields.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::clock::now_ms;
use crate::route::Page;
use crate::state::{Form, Sending};
use crate::submit::machine::{Action, Phase};
use crate::submit::transport;
use crate::{check, focus};

const NOT_REACHED: &str = "widget.send.not-reached";

/// "Accept and send": checks once more, then sends, unless a send is already under way.
pub fn press(form: Form) {
    if form.submission.with_value(|s| s.busy()) {
        return; // a double click
    }
    form.recheck();
    form.server_errors.set(Vec::new());
    let complete = form
        .report
        .with_untracked(|r| r.as_ref().is_some_and(|r| r.complete));
    if !complete {
        form.show_all.set(true);
        focus::summary(form);
        return;
    }
    // The application is sent once every file it lists is stored.
    let (waiting, problems) = crate::files::unfinished(form);
    if !problems.is_empty() {
        form.server_errors.set(problems);
        form.show_all.set(true);
        focus::summary(form);
        return;
    }
    if waiting > 0 {
        form.sending.set(Sending::WaitingForFiles(waiting));
        leptos::task::spawn_local(wait_for_files(form));
        return;
    }
    let body = form
        .doc
        .with_untracked(|d| form.profile.with_value(|p| check::document(d, p)));
    let Some(body) = body else {
        form.sending
            .set(Sending::Failed(form.text("widget.send.not-put-together")));
        return;
    };
    let mut first = Action::Stop;
    // One key is one body: the key of this very body, or a new one.
    form.submission
        .update_value(|s| first = s.press(&body, crate::crypto::new_key));
    let Action::Send { new_key, .. } = &first else {
        return;
    };
    // Saved with the draft before sending: a reload or crash mid-send reuses the key.
    let saving = new_key.then(|| form.save_draft());
    form.sending.set(Sending::InFlight);
    leptos::task::spawn_local(async move {
        if let Some(saving) = saving {
            // Stored or not (a full storage is reported by itself), the send goes ahead.
            let _ = JsFuture::from(saving).await;
        }
        run(form, first, body).await;
    });
}

/// Waits while files are uploading, then sends; a file that will not be stored without the
/// person stops the wait with its message.
async fn wait_for_files(form: Form) {
    loop {
        transport::sleep_ms(250).await;
        if form.page.try_get_untracked().is_none() {
            return; // unmounted meanwhile
        }
        let (waiting, problems) = crate::files::unfinished(form);
        if waiting == 0 || !problems.is_empty() {
            form.sending.set(Sending::Idle);
            press(form);
            return;
        }
        if form.sending.get_untracked() != Sending::WaitingForFiles(waiting) {
            form.sending.set(Sending::WaitingForFiles(waiting));
        }
    }
}

/// Carries out actions until the machine stops, then shows where it stopped.
async fn run(form: Form, mut action: Action, body: String) {
    let endpoint = form.endpoint.get_value();
    let mut last_text = String::new();
    loop {
        if form.page.try_get_untracked().is_none() {
            return; // unmounted meanwhile
        }
        action = match action {
            Action::Send { key, attempt, .. } => {
                form.sending.set(Sending::InFlight);
                let settings = form.request.get_value();
                let (reply, text, hook_failed) = transport::attempt(&transport::Outgoing {
                    endpoint: &endpoint,
                    body: &body,
                    key: &key,
                    attempt,
                    settings: &settings,
                })
                .await;
                if let Some(why) = hook_failed {
                    crate::events::error(form, &why);
                }
                last_text = text;
                let mut next = Action::Stop;
                let random = js_sys::Math::random();
                form.submission
                    .try_update_value(|s| next = s.replied(&reply, now_ms(), random));
                next
            }
            Action::Wait(ms) => {
                form.sending.set(Sending::Retrying(ms.div_ceil(1000)));
                transport::sleep_ms(ms).await;
                let mut next = Action::Stop;
                form.submission.try_update_value(|s| next = s.waited());
                next
            }
            Action::Stop => break,
        };
    }
    let Some(phase) = form.submission.try_with_value(|s| s.phase.clone()) else {
        return;
    };
    match phase {
        Phase::Sent => {
            let reference = transport::reference_of(&last_text);
            form.sending.set(Sending::Idle);
            // Sent: nothing of it stays on this device.
            form.save_here.set(false);
            let _ = form.forget_draft();
            form.notice.set(None);
            crate::events::submitted(form, &reference);
            form.go(Page::Sent(reference));
        }
        Phase::GaveUp => {
            form.sending.set(Sending::Failed(form.text(NOT_REACHED)));
            focus::id(form, "send-failed");
        }
        Phase::Refused(code) => {
            let errors = transport::report_errors(&last_text);
            if code == 422 && !errors.is_empty() {
                form.sending.set(Sending::Idle);
                form.server_errors.set(errors);
                form.show_all.set(true);
                focus::summary(form);
            } else {
                let why =
                    transport::error_message(&last_text).unwrap_or_else(|| format!("HTTP {code}"));
                form.sending.set(Sending::Failed(
                    form.say("widget.send.refused", &[("why", &why)]),
                ));
                focus::id(form, "send-failed");
            }
        }
        Phase::Ready | Phase::Sending { .. } | Phase::Waiting { .. } => {
            form.sending.set(Sending::Idle);
        }
    }
}
