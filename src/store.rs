//! Browser storage for drafts: where (on this device, this tab, or nowhere), and what goes
//! wrong (a full or turned-off storage gets a message; the form keeps working in memory). The
//! draft format and its rules are in `draft.rs`.
//!
//! "On this device" is IndexedDB: a write is on disk when its transaction completes, so a
//! browser that is killed a moment later still has it (localStorage in Chromium commits about
//! five seconds after a write, and a crash in that window loses it). Where IndexedDB cannot be
//! opened, localStorage is used instead. "This tab" is sessionStorage.
//!
//! Writes are ordered: each starts its transaction at once, and IndexedDB runs transactions on
//! the same store in the order they were made, so the last save wins.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

/// Where drafts are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// This device: survives closing (or a crash of) the browser.
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

/// The IndexedDB database and object store drafts live in (one record per form instance,
/// keyed by `draft::storage_key`).
pub const DATABASE: &str = "sen-support-form";
pub const STORE: &str = "drafts";

/// What "this device" turned out to be on this page.
#[derive(Clone)]
enum Device {
    Unknown,
    Indexed(IdbDatabase),
    /// IndexedDB could not be opened: localStorage.
    Fallback,
}

thread_local! {
    static DEVICE: RefCell<Device> = const { RefCell::new(Device::Unknown) };
}

/// A promise settled by a request's success or error.
fn settled(request: &IdbRequest) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise)
}

async fn open() -> Option<IdbDatabase> {
    let factory = web_sys::window()?.indexed_db().ok()??;
    let request = factory.open_with_u32(DATABASE, 1).ok()?;
    let upgrade = wasm_bindgen::closure::Closure::once_into_js(move |event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    settled(&request).await.ok()?;
    request.set_onupgradeneeded(None);
    request.result().ok()?.dyn_into::<IdbDatabase>().ok()
}

/// Opens the device's storage once per page (the first `load` does it).
async fn device() -> Device {
    let known = DEVICE.with(|d| d.borrow().clone());
    if !matches!(known, Device::Unknown) {
        return known;
    }
    let found = match open().await {
        Some(db) => Device::Indexed(db),
        None => Device::Fallback,
    };
    DEVICE.with(|d| {
        let mut d = d.borrow_mut();
        // Another instance may have opened it meanwhile: keep the first.
        if matches!(*d, Device::Unknown) {
            *d = found;
        }
        d.clone()
    })
}

fn web_storage(place: Where) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match place {
        Where::Local => window.local_storage().ok().flatten(),
        Where::Session => window.session_storage().ok().flatten(),
        Where::Nowhere => None,
    }
}

/// Reads the text under a key (and, the first time, opens the device's storage).
pub async fn load(place: Where, key: &str) -> Option<String> {
    if place == Where::Local {
        if let Device::Indexed(db) = device().await {
            let store = db
                .transaction_with_str(STORE)
                .ok()?
                .object_store(STORE)
                .ok()?;
            let request = store.get(&JsValue::from_str(key)).ok()?;
            settled(&request).await.ok()?;
            return request.result().ok()?.as_string();
        }
    }
    web_storage(place)?.get_item(key).ok().flatten()
}

/// A write under way: resolves when it is stored, rejects when it could not be.
pub type Pending = js_sys::Promise;

fn done() -> Pending {
    js_sys::Promise::resolve(&JsValue::UNDEFINED)
}

fn failed() -> Pending {
    js_sys::Promise::reject(&JsValue::from_str(NOT_SAVED))
}

/// Starts a readwrite transaction on the drafts store, runs `write` in it, and returns its
/// completion.
fn transact(
    db: &IdbDatabase,
    write: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Pending {
    let Ok(tx) = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite) else {
        return failed();
    };
    let Ok(store) = tx.object_store(STORE) else {
        return failed();
    };
    if write(&store).is_err() {
        return failed();
    }
    js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    })
}

fn indexed() -> Option<IdbDatabase> {
    DEVICE.with(|d| match &*d.borrow() {
        Device::Indexed(db) => Some(db.clone()),
        _ => None,
    })
}

/// Saves text under a key. The write starts now; the promise says when it is stored. (The
/// device's storage is opened by the `load` every form makes before it starts.)
pub fn save(place: Where, key: &str, text: &str) -> Pending {
    if place == Where::Nowhere {
        return done();
    }
    if place == Where::Local {
        if let Some(db) = indexed() {
            return transact(&db, |s| s.put_with_key(&text.into(), &key.into()));
        }
    }
    match web_storage(place).map(|s| s.set_item(key, text)) {
        Some(Ok(())) => done(),
        _ => failed(),
    }
}

/// Deletes the text under a key (after any save already started).
pub fn remove(place: Where, key: &str) -> Pending {
    if place == Where::Local {
        if let Some(db) = indexed() {
            return transact(&db, |s| s.delete(&key.into()));
        }
    }
    if let Some(s) = web_storage(place) {
        let _ = s.remove_item(key);
    }
    done()
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
