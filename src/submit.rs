//! Sending the application: one POST of the JSON document to the council's endpoint with an
//! `Idempotency-Key`, and the waiting between attempts. What to do after each attempt is
//! decided by the pure policy in `retry.rs`.

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

use crate::retry::Reply;

/// The reference in a backend's JSON reply: `reference`, else `id`.
pub fn reference_of(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    v.get("reference")
        .or_else(|| v.get("id"))
        .map(|r| match r {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_default()
}

async fn send(endpoint: &str, body: &str, key: &str) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    headers.set("Accept", "application/json")?;
    headers.set("Idempotency-Key", key)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let request = Request::new_with_str_and_init(endpoint, &init)?;
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into::<Response>()
}

/// One attempt: POSTs the document with its idempotency key. Returns what came back for the
/// retry policy, and the reply's text.
pub async fn attempt(endpoint: &str, body: &str, key: &str) -> (Reply, String) {
    let Ok(response) = send(endpoint, body, key).await else {
        return (Reply::NoAnswer, String::new());
    };
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    (
        Reply::Status {
            code: response.status(),
            retry_after,
        },
        text,
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

/// A fresh idempotency key (a version 4 UUID from the browser's cryptographic random source).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for b in bytes.iter_mut() {
            // Only where WebCrypto is missing; the key needs uniqueness, not secrecy.
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    crate::retry::uuid_v4(bytes)
}

/// What stops sending in a 422 reply that carries the core's report: its errors, and warnings
/// still needing a justification: (pointer, message).
pub fn report_errors(body: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    v.get("issues")
        .and_then(Value::as_array)
        .map(|issues| {
            issues
                .iter()
                .filter(|i| {
                    i.get("severity").and_then(Value::as_str) == Some("error")
                        || (i.get("needsJustification").and_then(Value::as_bool) == Some(true)
                            && i.get("justified").and_then(Value::as_bool) != Some(true))
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
    let v: Value = serde_json::from_str(body).ok()?;
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
