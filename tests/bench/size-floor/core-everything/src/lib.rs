//! What the widget asks of the rules core, each through one export, so that nothing of the core
//! the widget uses is left out of the wasm: `check_application` (the report), `evidence_pack`
//! (the pack and the summary for parents as HTML, with both charts), `paste_rows` (a provision
//! map pasted from a spreadsheet), `read_leniently` (a loaded file, what could not be read) and
//! `check_file` (an attached document's kind and problems).

use sen_core::api::{self, ProfileChoice};
use sen_core::pack::{self, Pack};
use wasm_bindgen::prelude::*;

fn choice(profile: &str) -> ProfileChoice<'_> {
    if profile.trim_start().starts_with('{') {
        ProfileChoice::Json(profile)
    } else {
        ProfileChoice::Builtin(profile)
    }
}

#[wasm_bindgen]
pub fn check_application(document: &str, profile: &str, today: &str) -> String {
    match api::check(document, choice(profile), today) {
        Ok(report) => api::report_json(&report),
        Err(e) => e.to_string(),
    }
}

#[wasm_bindgen]
pub fn evidence_pack(document: &str, profile: &str, today: &str) -> String {
    let Ok(doc) = sen_core::json::text::parse(document) else {
        return String::new();
    };
    let Ok(app) = sen_core::wire::application_from_value(&doc) else {
        return String::new();
    };
    let Ok(report) = api::check_value(&doc, choice(profile), today) else {
        return String::new();
    };
    let Ok(profile) = api::load_profile(choice(profile), &app) else {
        return String::new();
    };
    let p = Pack::new(&doc, &profile, &report, None);
    let mut out = pack::html::document(&p);
    out.push_str(&pack::parent::html(&p.parent));
    out
}

#[wasm_bindgen]
pub fn paste_rows(text: &str) -> String {
    let pasted = sen_core::paste::read(text, &[]);
    pasted.problems().cloned().collect::<Vec<_>>().join("\n")
}

#[wasm_bindgen]
pub fn read_leniently(document: &str) -> String {
    let Ok(doc) = sen_core::json::text::parse(document) else {
        return String::new();
    };
    match sen_core::wire::read_leniently(&doc) {
        Ok(l) => format!("{} {}", l.kept, l.unread.len()),
        Err(e) => e.to_string(),
    }
}

#[wasm_bindgen]
pub fn check_file(name: &str, bytes: &[u8], profile: &str) -> String {
    let Ok(p) = sen_core::profile::builtin(profile) else {
        return String::new();
    };
    let (kind, problems) = sen_core::files::check_file(name, bytes, &p.attachments);
    format!("{kind:?} {}", problems.len())
}
