//! One attempt to upload an attached file: a `PUT` of its bytes to
//! `{attachments endpoint}/{sha256}?profile={id}` with `XMLHttpRequest` (fetch reports no
//! upload progress), the CSRF token and the page's headers as applications get them
//! (`submit/transport.rs`). What to do after each attempt is the same pure policy as for
//! applications (`submit/policy.rs`); `files.rs` runs the attempts.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ProgressEvent, XmlHttpRequest};

use crate::config::RequestSettings;
use crate::submit::policy::Reply;
use crate::submit::transport::{self, NotSent};

/// How long an upload may go without any progress before it counts as unanswered.
const STALLED_MS: u32 = 60_000;

/// What one attempt got: the reply for the retry policy, the reply's text, and why the host's
/// hook failed, if it did.
pub struct Outcome {
    pub reply: Reply,
    pub text: String,
    pub hook_failed: Option<String>,
}

fn no_answer(hook_failed: Option<String>) -> Outcome {
    Outcome {
        reply: Reply::NoAnswer,
        text: String::new(),
        hook_failed,
    }
}

/// PUTs `bytes` to `url`; `progress` is told the percentage sent as it changes.
pub async fn attempt(
    url: &str,
    sha256: &str,
    bytes: &js_sys::ArrayBuffer,
    attempt: u32,
    settings: &RequestSettings,
    progress: impl Fn(u8) + 'static,
) -> Outcome {
    let info = transport::hook_info(url, ("sha256", sha256), attempt);
    let headers = match transport::page_headers(settings, &info).await {
        Ok(h) => h,
        Err(NotSent::Hook(why)) => return no_answer(Some(transport::hook_failed(&why))),
        Err(NotSent::Network) => return no_answer(None),
    };
    let Ok(xhr) = XmlHttpRequest::new() else {
        return no_answer(None);
    };
    if xhr.open("PUT", url).is_err() {
        return no_answer(None);
    }
    for entry in headers.entries() {
        let Ok(pair) = entry else { continue };
        let pair = js_sys::Array::from(&pair);
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            let _ = xhr.set_request_header(&name, &value);
        }
    }
    let _ = xhr.set_request_header("Content-Type", "application/octet-stream");
    let _ = xhr.set_request_header("Accept", "application/json");
    // A stalled upload is aborted: each progress event puts the deadline off.
    let last = Rc::new(Cell::new(crate::clock::now_ms()));
    let shown = Rc::new(Cell::new(u8::MAX));
    let on_progress = {
        let last = last.clone();
        Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            last.set(crate::clock::now_ms());
            if e.length_computable() {
                let p = crate::attach::percent(e.loaded(), e.total());
                if shown.replace(p) != p {
                    progress(p);
                }
            }
        })
    };
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&resolve));
        xhr.set_onabort(Some(&resolve));
        xhr.set_ontimeout(Some(&resolve));
    });
    if xhr.send_with_opt_buffer_source(Some(bytes)).is_err() {
        return no_answer(None);
    }
    let watch = {
        let xhr = xhr.clone();
        let last = last.clone();
        Closure::<dyn FnMut()>::new(move || {
            let quiet = crate::clock::now_ms().saturating_sub(last.get());
            if xhr.ready_state() != 4 && quiet > u64::from(STALLED_MS) {
                let _ = xhr.abort();
            }
        })
    };
    let timer = web_sys::window().and_then(|w| {
        w.set_interval_with_callback_and_timeout_and_arguments_0(
            watch.as_ref().unchecked_ref(),
            5_000,
        )
        .ok()
    });
    let event = JsFuture::from(done).await.unwrap_or(JsValue::NULL);
    if let (Some(w), Some(t)) = (web_sys::window(), timer) {
        w.clear_interval_with_handle(t);
    }
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    drop(on_progress);
    drop(watch);
    let loaded = event
        .dyn_into::<web_sys::Event>()
        .is_ok_and(|e| e.type_() == "load");
    let status = xhr.status().unwrap_or(0);
    if !loaded || status == 0 {
        return no_answer(None);
    }
    Outcome {
        reply: Reply::Status {
            code: status,
            retry_after: xhr.get_response_header("Retry-After").ok().flatten(),
        },
        text: xhr.response_text().ok().flatten().unwrap_or_default(),
        hook_failed: None,
    }
}
