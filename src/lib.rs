//! SEN Support Form: the browser front door.
//!
//! A Leptos (CSR) widget that guides a SENCo through a council's application in a shadow root,
//! asking the rules core (`sen-core`) what is missing as they go. `pkg/sen-support-form.js`
//! defines the `<sen-support-form>` element on top of [`mount`]. `check_application` exports the
//! core itself, so a page (and the parity test) gets exactly the report `sen-check --json`
//! prints.

pub mod app;
pub mod attach;
pub mod check;
pub mod clock;
pub mod components;
pub mod config;
pub mod crypto;
pub mod display;
pub mod doc;
pub mod drafts;
pub mod events;
pub mod failure;
pub mod files;
pub mod focus;
pub mod input;
pub mod loaded;
pub mod mount;
pub mod pages;
pub mod print;
pub mod route;
pub mod shelf;
pub mod state;
pub mod submit;
pub mod upload;

pub use mount::{mount, Mounted};

use sen_core::api::{self, CheckError, ProfileChoice};
use wasm_bindgen::prelude::wasm_bindgen;

/// Checks an application document. `profile` is a built-in profile id, a profile's JSON text
/// (starting with `{`), or empty to use the profile the document names. Returns the report JSON,
/// or `{"error": {"kind": …, "message": …}}`.
pub fn check_to_json(document: &str, profile: &str, today: &str) -> String {
    let trimmed = profile.trim_start();
    let choice = if trimmed.is_empty() {
        ProfileChoice::FromDocument
    } else if trimmed.starts_with('{') {
        ProfileChoice::Json(profile)
    } else {
        ProfileChoice::Builtin(profile)
    };
    // The same reading and wording as `sen-check`.
    match api::check(document, choice, today) {
        Ok(report) => api::report_json(&report),
        Err(e) => {
            let kind = match e {
                CheckError::Document(_) => "document",
                CheckError::Profile(_) => "profile",
                CheckError::Today(_) => "today",
            };
            let body = serde_json::json!({ "error": { "kind": kind, "message": e.to_string() } });
            let mut s = serde_json::to_string_pretty(&body).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

/// JavaScript: `check_application(documentJson, profile, "YYYY-MM-DD") -> string`.
#[wasm_bindgen]
pub fn check_application(document: &str, profile: &str, today: &str) -> String {
    check_to_json(document, profile, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_json() {
        let out = check_to_json("{", "stockton-one-point", "2025-04-30");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"]["kind"], "document");
        let out = check_to_json("{}", "", "2025-04-30");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"]["kind"], "profile");
        let out = check_to_json(
            r#"{"sen": {}, "sen": {}}"#,
            "stockton-one-point",
            "2025-04-30",
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"]["kind"], "document");
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("`sen` appears twice"), "{message}");
    }

    #[test]
    fn reports_match_the_core() {
        let out = check_to_json("{}", "ehcna-request", "2025-04-30");
        assert!(out.contains("\"complete\": false"));
    }
}
