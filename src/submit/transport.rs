//! The transport: one POST of the JSON document to the council's endpoint with an
//! `Idempotency-Key`, the page's headers for it (also an upload's, `upload.rs`), the waiting
//! between attempts, and reading the replies. What to do after each attempt is the policy's
//! (`policy.rs`); the driver (`driver.rs`) runs the attempts.

use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

use crate::config::RequestSettings;
use crate::submit::policy::Reply;

/// The reference in a backend's JSON reply: `reference`, else `id`.
pub fn reference_of(body: &str) -> String {
    let v: Value = sen_core::json::text::parse(body).unwrap_or(Value::Null);
    v.get("reference")
        .or_else(|| v.get("id"))
        .map(|r| match r {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_default()
}

/// The `content` of the host page's `<meta name="…">`, read when sending (a token the page
/// refreshes is picked up by the next attempt).
fn meta_content(name: &str) -> Option<String> {
    let metas = web_sys::window()?.document()?.get_elements_by_name(name);
    (0..metas.length())
        .filter_map(|i| metas.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|e| e.tag_name().eq_ignore_ascii_case("meta"))?
        .get_attribute("content")
}

/// Headers the widget sets itself: a host cannot replace them.
const OWN_HEADERS: [&str; 3] = ["content-type", "accept", "idempotency-key"];

/// The hook's argument: `{ endpoint, idempotencyKey, attempt }` for an application,
/// `{ endpoint, sha256, attempt }` for an attached file.
pub fn hook_info(endpoint: &str, key: (&str, &str), attempt: u32) -> js_sys::Object {
    let info = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&info, &"endpoint".into(), &endpoint.into());
    let _ = js_sys::Reflect::set(&info, &key.0.into(), &key.1.into());
    let _ = js_sys::Reflect::set(&info, &"attempt".into(), &attempt.into());
    info
}

/// The host's hook, called with `info`; its object (or the object its promise resolves to)
/// is added to the request's headers.
async fn host_headers(
    hook: &js_sys::Function,
    headers: &Headers,
    info: &js_sys::Object,
) -> Result<(), JsValue> {
    let returned = hook.call1(&JsValue::NULL, info)?;
    let value = JsFuture::from(js_sys::Promise::resolve(&returned)).await?;
    if value.is_null() || value.is_undefined() {
        return Ok(());
    }
    let object = value.dyn_into::<js_sys::Object>().map_err(|_| {
        JsValue::from_str("headers() must return an object of header names and values")
    })?;
    for entry in js_sys::Object::entries(&object).iter() {
        let pair = js_sys::Array::from(&entry);
        let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            return Err(JsValue::from_str(
                "headers() must give each header a text value",
            ));
        };
        if !OWN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            headers.set(&name, &value)?;
        }
    }
    Ok(())
}

/// The headers the page adds to a request: the CSRF token from its `<meta>` (read now) and
/// what its `headers` hook returns for `info`.
pub async fn page_headers(
    settings: &RequestSettings,
    info: &js_sys::Object,
) -> Result<Headers, NotSent> {
    let net = |_| NotSent::Network;
    let headers = Headers::new().map_err(net)?;
    if let Some(name) = &settings.csrf_meta {
        if let Some(token) = meta_content(name) {
            headers.set(&settings.csrf_header, &token).map_err(net)?;
        }
    }
    if let Some(hook) = &settings.headers {
        host_headers(hook, &headers, info).await.map_err(|e| {
            NotSent::Hook(
                e.as_string()
                    .or_else(|| {
                        js_sys::Reflect::get(&e, &"message".into())
                            .ok()
                            .and_then(|m| m.as_string())
                    })
                    .unwrap_or_else(|| "it failed".to_owned()),
            )
        })?;
    }
    Ok(headers)
}

/// Says on the console that the host's hook failed; the message for `sen-error`.
pub fn hook_failed(why: &str) -> String {
    let message = format!("sen-support-form: the page's headers() hook failed: {why}");
    web_sys::console::error_1(&message.as_str().into());
    message
}

#[wasm_bindgen]
extern "C" {
    /// The page's `fetch`, looked up at each call. One that throws, or is not a function (a
    /// page or an extension replaced it), is an error here, as a network failure is, not an
    /// exception through the WebAssembly that would leave the send unfinished.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn page_fetch(request: &Request) -> Result<JsValue, JsValue>;
}

/// How long one attempt may take, from the request to the end of the reply, before it counts as
/// unanswered (and is aborted): a backend, a proxy or a page's `fetch` that never answers must
/// not leave the form sending for ever.
pub const ATTEMPT_MS: i32 = 60_000;

/// One attempt's time limit: a promise rejected when it passes, and the request's abort.
struct Deadline {
    passed: js_sys::Promise,
    abort: Option<web_sys::AbortController>,
}

impl Deadline {
    fn new(ms: i32) -> Deadline {
        let passed = js_sys::Promise::new(&mut |_, reject| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, ms);
            }
        });
        Deadline {
            passed,
            abort: web_sys::AbortController::new().ok(),
        }
    }

    /// What `promise` gives, unless the deadline passes first (then the request is aborted).
    async fn before(&self, promise: &JsValue) -> Result<JsValue, JsValue> {
        let first = js_sys::Array::of2(&js_sys::Promise::resolve(promise), &self.passed);
        let got = JsFuture::from(js_sys::Promise::race(&first)).await;
        if got.is_err() {
            if let Some(a) = &self.abort {
                a.abort();
            }
        }
        got
    }
}

/// What a send needs besides the document.
pub struct Outgoing<'a> {
    pub endpoint: &'a str,
    pub body: &'a str,
    pub key: &'a str,
    pub attempt: u32,
    pub settings: &'a RequestSettings,
}

/// Why a request was not made.
pub enum NotSent {
    /// The host's `headers` hook failed: said on the console and as `sen-error`.
    Hook(String),
    Network,
}

async fn send(out: &Outgoing<'_>, deadline: &Deadline) -> Result<Response, NotSent> {
    let net = |_| NotSent::Network;
    let info = hook_info(out.endpoint, ("idempotencyKey", out.key), out.attempt);
    let headers = page_headers(out.settings, &info).await?;
    headers
        .set("Content-Type", "application/json")
        .map_err(net)?;
    headers.set("Accept", "application/json").map_err(net)?;
    headers.set("Idempotency-Key", out.key).map_err(net)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(out.body));
    if let Some(a) = &deadline.abort {
        init.set_signal(Some(&a.signal()));
    }
    let request = Request::new_with_str_and_init(out.endpoint, &init).map_err(net)?;
    let reply = page_fetch(&request).map_err(net)?;
    deadline
        .before(&reply)
        .await
        .map_err(net)?
        .dyn_into::<Response>()
        .map_err(net)
}

/// One attempt: POSTs the document with its idempotency key and the host's headers. Returns
/// what came back for the retry policy, the reply's text, and, when the host's hook failed,
/// why (the attempt then counts as unanswered, as one past `ATTEMPT_MS` does).
pub async fn attempt(out: &Outgoing<'_>) -> (Reply, String, Option<String>) {
    let deadline = Deadline::new(ATTEMPT_MS);
    let response = match send(out, &deadline).await {
        Ok(r) => r,
        Err(NotSent::Network) => return (Reply::NoAnswer, String::new(), None),
        Err(NotSent::Hook(why)) => {
            return (Reply::NoAnswer, String::new(), Some(hook_failed(&why)))
        }
    };
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = match response.text() {
        Ok(p) => match deadline.before(&p).await {
            Ok(t) => t.as_string().unwrap_or_default(),
            Err(_) => return (Reply::NoAnswer, String::new(), None),
        },
        Err(_) => String::new(),
    };
    (
        Reply::Status {
            code: response.status(),
            retry_after,
        },
        text,
        None,
    )
}

/// Waits, without blocking the page.
pub async fn sleep_ms(ms: u64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(wait).await;
}

/// What stops sending in a 422 reply that carries the core's report: its errors, and warnings
/// still needing a justification: (pointer, message).
pub fn report_errors(body: &str) -> Vec<(String, String)> {
    let v: Value = sen_core::json::text::parse(body).unwrap_or(Value::Null);
    v.get("issues")
        .and_then(Value::as_array)
        .map(|issues| {
            issues
                .iter()
                .filter(|i| {
                    let flag = |key: &str| i.get(key).and_then(Value::as_bool) == Some(true);
                    // Only an error's severity matters beyond the two flags.
                    let severity = match i.get("severity").and_then(Value::as_str) {
                        Some("error") => sen_core::Severity::Error,
                        _ => sen_core::Severity::Warning,
                    };
                    sen_core::rules::blocks_sending(
                        severity,
                        flag("needsJustification"),
                        flag("justified"),
                    )
                })
                .filter_map(|i| {
                    Some((
                        i.get("pointer")?.as_str()?.to_owned(),
                        i.get("message")?.as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The message of an `{"error": {"message": …}}` reply, if any.
pub fn error_message(body: &str) -> Option<String> {
    let v: Value = sen_core::json::text::parse(body).ok()?;
    v.get("error")?.get("message")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(reference_of(r#"{"reference":"SSF-1"}"#), "SSF-1");
        assert_eq!(reference_of(r#"{"id":42}"#), "42");
        assert_eq!(reference_of("not json"), "");
    }

    #[test]
    fn report_errors_are_read() {
        let body = r#"{"issues":[{"severity":"error","pointer":"/consents","message":"Record consent"},
                      {"severity":"warning","pointer":"/x","message":"w"}]}"#;
        assert_eq!(
            report_errors(body),
            vec![("/consents".to_owned(), "Record consent".to_owned())]
        );
        assert_eq!(
            error_message(r#"{"error":{"kind":"k","message":"m"}}"#).as_deref(),
            Some("m")
        );
        assert!(report_errors("nope").is_empty());
    }
}
