//! DOM events the host page can listen to on the `<sen-support-form>` element. They bubble and
//! cross the shadow boundary (`composed`).

use leptos::prelude::WithValue as _;

use crate::state::Form;

fn dispatch(form: Form, name: &str, detail: &wasm_bindgen::JsValue) {
    form.host.try_with_value(|host| {
        let Some(host) = host else { return };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    });
}

/// `sen-submitted`, with `detail.reference`.
pub fn submitted(form: Form, reference: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"reference".into(), &reference.into());
    dispatch(form, "sen-submitted", &detail);
}

/// `sen-error`, with `detail.message`: the page's `headers()` hook failed. (When the widget
/// cannot start at all, `mount.rs` sends it.)
pub fn error(form: Form, message: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    dispatch(form, "sen-error", &detail);
}

/// `sen-draft-saved`, after the answers were saved on this device.
pub fn draft_saved(form: Form) {
    dispatch(form, "sen-draft-saved", &js_sys::Object::new());
}
