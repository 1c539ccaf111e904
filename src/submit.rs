//! Sending the application: a POST of the JSON document to the council's endpoint. Retries,
//! idempotency keys and drafts build on this seam (see the submission protocol in
//! ARCHITECTURE.md).

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: the backend's reference for the application (may be empty if it gave none).
    Accepted(String),
    /// Any other status, with words for the person.
    Refused(u16, String),
    /// No answer: the network failed.
    NoAnswer(String),
}

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

async fn send(endpoint: &str, body: &str) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    headers.set("Accept", "application/json")?;
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

/// POSTs the document.
pub async fn post(endpoint: &str, body: &str) -> Outcome {
    let response = match send(endpoint, body).await {
        Ok(r) => r,
        Err(_) => {
            return Outcome::NoAnswer(
                "Your application could not be sent: the connection failed. Your answers are still here. Check your connection and try again.".to_owned(),
            )
        }
    };
    let status = response.status();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        Outcome::Accepted(reference_of(&text))
    } else {
        Outcome::Refused(
            status,
            format!("The council's system did not accept your application (HTTP {status}). Your answers are still here. Try again, or contact the council."),
        )
    }
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
}
