//! DOM events the host page can listen to on the `<sen-support-form>` element. They bubble and
//! cross the shadow boundary (`composed`).

use leptos::prelude::WithValue as _;
use web_sys::HtmlElement;

use crate::state::Form;

fn dispatch_on(host: &HtmlElement, name: &str, detail: &wasm_bindgen::JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The form's host element, while the form is on the page.
pub fn host_of(form: Form) -> Option<HtmlElement> {
    form.host.try_with_value(Clone::clone).flatten()
}

fn dispatch(form: Form, name: &str, detail: &wasm_bindgen::JsValue) {
    if let Some(host) = host_of(form) {
        dispatch_on(&host, name, detail);
    }
}

/// `sen-submitted`, with `detail.reference`.
pub fn submitted(form: Form, reference: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"reference".into(), &reference.into());
    dispatch(form, "sen-submitted", &detail);
}

/// `sen-error`, with `detail.message`, on a host element: the form cannot start (`mount.rs`)
/// or cannot go on (`failure.rs`).
pub fn error_on(host: &HtmlElement, message: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    dispatch_on(host, "sen-error", &detail);
}

/// `sen-error`, with `detail.message`: the page's `headers()` hook failed.
pub fn error(form: Form, message: &str) {
    if let Some(host) = host_of(form) {
        error_on(&host, message);
    }
}

/// `sen-draft-saved`, after the answers were saved on this device.
pub fn draft_saved(form: Form) {
    dispatch(form, "sen-draft-saved", &js_sys::Object::new());
}
