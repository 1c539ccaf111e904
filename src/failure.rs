//! When the widget cannot go on: an error escaped its WebAssembly. That is a trap, which is how
//! a panic ends (a browser API that fails, as when the page replaced `document.createElement`,
//! is unwrapped by Leptos into one), or a JavaScript exception that went through it (a browser
//! API the page replaced that throws where none is expected). Every form on the page then says
//! so, keeps its answers saved, shows the element's own content (the council's other way to
//! apply) and fires `sen-error`. The loader (`pkg/sen-support-form.js`) calls [`stopped`] when
//! such an error reaches the page (not for a page's own listener that throws: the WebAssembly
//! that called it is still running). Once an error has gone through the WebAssembly, nothing of
//! the widget can be trusted to run, so this does as little as it can: plain DOM calls first,
//! the save last.

use std::cell::{Cell, RefCell};

use leptos::prelude::{GetUntracked as _, WithValue as _};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};

use crate::state::Form;

thread_local! {
    /// The forms started on the page (one that has left it has its state disposed, and is
    /// passed over).
    static FORMS: RefCell<Vec<Form>> = const { RefCell::new(Vec::new()) };
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// A form has started (`mount.rs`).
pub fn register(form: Form) {
    FORMS.with(|f| f.borrow_mut().push(form));
}

/// Whether the widget has stopped on this page: a form mounted later does not start.
pub fn has_stopped() -> bool {
    STOPPED.with(Cell::get)
}

/// What the message says of the answers: saved, or not kept.
pub const SAVED: &str = "widget.stopped.saved";
pub const NOT_KEPT: &str = "widget.stopped.not-kept";

/// Shows that the form has stopped, then its own content (a `<slot>`), in its shadow root, and
/// moves focus there unless the person had moved it elsewhere on the page.
pub fn show(root: &ShadowRoot, answers: &str, texts: &sen_core::text::Catalogue) {
    let elsewhere = root.active_element().is_none()
        && web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| e.tag_name() != "BODY");
    let title = escape(texts.get("widget.stopped.title"));
    let body = escape(&texts.format("widget.stopped.body", &[("answers", &texts.get(answers))]));
    root.set_inner_html(&format!(
        "<div class=\"app-root govuk-frontend-supported\"><div class=\"govuk-error-summary\" role=\"alert\" tabindex=\"-1\" id=\"stopped\"><h2 class=\"govuk-error-summary__title\">{title}</h2><div class=\"govuk-error-summary__body\"><p class=\"govuk-body\">{body}</p></div></div><slot></slot></div>"
    ));
    if !elsewhere {
        if let Some(e) = root.get_element_by_id("stopped") {
            let _ = e.unchecked_into::<HtmlElement>().focus();
        }
    }
}

/// Text made safe to stand in HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What `sen-error` says for a form that would have started after the widget failed.
pub const EARLIER: &str = "widget.stopped.earlier";

/// The widget cannot go on, for `reason`: every form on the page says so, shows its own
/// content, fires `sen-error` and saves its answers. Only the first call does anything.
#[wasm_bindgen]
pub fn stopped(reason: &str) {
    if STOPPED.with(|s| s.replace(true)) {
        return;
    }
    let forms = FORMS.with(RefCell::take);
    let message = sen_core::text::say("widget.stopped.event", &[("reason", &reason)]);
    for form in &forms {
        // A form that has left the page is passed over.
        let Some(host) = crate::events::host_of(*form) else {
            continue;
        };
        let Some(root) = host.shadow_root() else {
            continue;
        };
        let saving = form.save_here.try_get_untracked() == Some(true);
        let texts = form.texts.try_with_value(Clone::clone).unwrap_or_default();
        show(&root, if saving { SAVED } else { NOT_KEPT }, &texts);
        crate::events::error_on(&host, &message);
    }
    for form in forms {
        let _ = form.save_draft();
    }
}
