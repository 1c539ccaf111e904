//! Browser storage for drafts: where (local, session or none), and what goes wrong (a full or
//! turned-off storage gets a message; the form keeps working in memory). The draft format and
//! its rules are in `draft.rs`.

use wasm_bindgen::JsCast;

/// Where drafts are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// `localStorage`: survives closing the browser.
    Local,
    /// `sessionStorage`: this tab only.
    Session,
    /// Nowhere: answers live only while the page is open.
    Nowhere,
}

impl Where {
    /// From the `drafts` attribute: `local` (default), `session` or `none`.
    pub fn from_attribute(v: Option<&str>) -> Where {
        match v.map(str::trim) {
            Some("session") => Where::Session,
            Some("none") => Where::Nowhere,
            _ => Where::Local,
        }
    }
}

/// Said when saving fails.
pub const NOT_SAVED: &str = "Your answers could not be saved on this device: its storage is full or turned off. You can carry on: your answers are kept while this page stays open. To keep a copy, download your answers.";

fn storage(place: Where) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match place {
        Where::Local => window.local_storage().ok().flatten(),
        Where::Session => window.session_storage().ok().flatten(),
        Where::Nowhere => None,
    }
}

/// Saves text under a key.
pub fn save(place: Where, key: &str, text: &str) -> Result<(), &'static str> {
    if place == Where::Nowhere {
        return Ok(());
    }
    storage(place)
        .ok_or(NOT_SAVED)?
        .set_item(key, text)
        .map_err(|_| NOT_SAVED)
}

/// Reads the text under a key.
pub fn load(place: Where, key: &str) -> Option<String> {
    storage(place)?.get_item(key).ok().flatten()
}

/// Deletes the text under a key.
pub fn remove(place: Where, key: &str) {
    if let Some(s) = storage(place) {
        let _ = s.remove_item(key);
    }
}

/// Offers text as a file download (the person keeps a copy of their answers).
pub fn download(filename: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
