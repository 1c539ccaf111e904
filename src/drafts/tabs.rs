//! Two tabs (or windows) on one form share one draft. When one saves or deletes it, it tells
//! the others on a `BroadcastChannel` named after the draft's key; a tab that is told stops
//! saving its own answers (they would overwrite the newer ones, or keep on the device answers
//! that were sent or cleared) and offers the person a choice (`components/other_tab.rs`): load
//! the newer answers, or keep the ones in this tab, which are then saved (and the other tab is
//! told in turn; both choices are the drafts driver's, `driver.rs`).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

use crate::state::{Form, Told};

fn channel_name(draft_key: &str) -> String {
    format!("sen-support-form:{draft_key}")
}

/// Listens for other tabs' saves while the form is mounted (called by `App`).
pub fn listen(form: Form) {
    // A tab's own draft (sessionStorage) is no other tab's business.
    if form.place.get_value() != crate::drafts::store::Where::Local {
        return;
    }
    let Ok(channel) = BroadcastChannel::new(&channel_name(&form.draft_key.get_value())) else {
        return;
    };
    let heard = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // A time sent by another tab of this browser (milliseconds since 1970), or null.
        let told = match event.data().as_f64() {
            Some(at) => Told::Saved(at as u64),
            None => Told::Deleted,
        };
        let _ = form.newer.try_set(Some(told));
    });
    channel.set_onmessage(Some(heard.as_ref().unchecked_ref()));
    form.channel.set_value(Some(channel));
    let kept = StoredValue::new_local(Some(heard));
    on_cleanup(move || {
        form.channel.try_update_value(|c| {
            if let Some(c) = c.take() {
                c.set_onmessage(None);
                c.close();
            }
        });
        kept.try_update_value(|h| drop(h.take()));
    });
}

/// Tells the other tabs on this form that its answers were saved at `at`, or deleted.
pub fn tell_others(form: Form, what: Told) {
    let message = match what {
        Told::Saved(at) => JsValue::from_f64(at as f64),
        Told::Deleted => JsValue::NULL,
    };
    form.channel.try_with_value(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&message);
        }
    });
}
