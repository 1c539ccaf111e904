//! `check_application(document, profile, today)`: the report as JSON text, or the error.

use sen_core::api::{self, ProfileChoice};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn check_application(document: &str, profile: &str, today: &str) -> String {
    let choice = if profile.trim_start().starts_with('{') {
        ProfileChoice::Json(profile)
    } else {
        ProfileChoice::Builtin(profile)
    };
    match api::check(document, choice, today) {
        Ok(report) => api::report_json(&report),
        Err(e) => e.to_string(),
    }
}
