//! Browser storage for drafts: where (on this device, this tab, or nowhere), sealed how
//! (`crypto.rs`), and what goes wrong (a full or turned-off storage gets a message; the form
//! keeps working in memory). The draft format and its rules are in `draft.rs`.
//!
//! "On this device" is IndexedDB: a write is on disk when its transaction completes, so a
//! browser that is killed a moment later still has it (localStorage in Chromium commits about
//! five seconds after a write, and a crash in that window loses it). Each record is the text
//! sealed with AES-GCM under its own non-extractable key, kept in the same record: overwriting
//! or deleting a record deletes the key of what was there, so no copy of the old ciphertext can
//! be read again. "This tab" is sessionStorage, which holds only text: the ciphertext goes
//! there (hex) and its key to IndexedDB, under a name the ciphertext carries.
//!
//! Where IndexedDB cannot be opened there is nowhere to keep a key, so nothing is written
//! (`NO_SAFE_PLACE` is said) and no plain copy is kept. Text in the earlier plain format is
//! read once, then sealed (or, with nowhere to keep a key, deleted).
//!
//! Writes are ordered: each waits for the one before it (sealing is asynchronous), so the last
//! save wins and a deletion follows every save already asked for.

use std::cell::RefCell;
use std::future::Future;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use crate::crypto::{self, Sealed};

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
pub const NOT_SAVED: &str = "widget.store.not-saved";

/// Said when there is nowhere to keep the key that seals them (IndexedDB cannot be opened).
pub const NO_SAFE_PLACE: &str = "widget.store.no-safe-place";

/// What a failed write says (its promise's rejection).
pub fn problem(rejection: &JsValue) -> &'static str {
    if rejection.as_string().as_deref() == Some(NO_SAFE_PLACE) {
        NO_SAFE_PLACE
    } else {
        NOT_SAVED
    }
}

/// The IndexedDB database and object store drafts live in (one record per form instance,
/// keyed by `draft::storage_key`).
pub const DATABASE: &str = "sen-support-form";
pub const STORE: &str = "drafts";

/// The name of the key that seals a tab's (sessionStorage) draft, in IndexedDB.
const SESSION_KEY: &str = "sen-support-form:key/";
/// How a sealed sessionStorage draft starts: `sealed:<key id>:<iv>:<data>`.
const SESSION_SEALED: &str = "sealed:";

/// What "this device" turned out to be on this page.
#[derive(Clone)]
enum Device {
    Unknown,
    Indexed(IdbDatabase),
    /// IndexedDB could not be opened: nowhere to keep a key.
    Unavailable,
}

thread_local! {
    static DEVICE: RefCell<Device> = const { RefCell::new(Device::Unknown) };
    /// The last write asked for: the next one waits for it.
    static QUEUE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
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
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| {
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

/// The device's IndexedDB, opened once per page (the first `load` does it).
pub(crate) async fn indexed() -> Option<IdbDatabase> {
    let known = DEVICE.with(|d| d.borrow().clone());
    let device = if matches!(known, Device::Unknown) {
        let found = match open().await {
            Some(db) => Device::Indexed(db),
            None => Device::Unavailable,
        };
        DEVICE.with(|d| {
            let mut d = d.borrow_mut();
            // Another instance may have opened it meanwhile: keep the first.
            if matches!(*d, Device::Unknown) {
                *d = found;
            }
            d.clone()
        })
    } else {
        known
    };
    match device {
        Device::Indexed(db) => Some(db),
        _ => None,
    }
}

/// Whether drafts can be kept here: false once IndexedDB was found not to open (known after
/// the first `load`), as nothing is kept then.
pub fn can_keep(place: Where) -> bool {
    place != Where::Nowhere && DEVICE.with(|d| !matches!(*d.borrow(), Device::Unavailable))
}

fn web_storage(place: Where) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match place {
        Where::Local => window.local_storage().ok().flatten(),
        Where::Session => window.session_storage().ok().flatten(),
        Where::Nowhere => None,
    }
}

/// The record under a key in IndexedDB.
pub(crate) async fn get(db: &IdbDatabase, key: &str) -> Option<JsValue> {
    let store = db
        .transaction_with_str(STORE)
        .ok()?
        .object_store(STORE)
        .ok()?;
    let request = store.get(&JsValue::from_str(key)).ok()?;
    settled(&request).await.ok()?;
    request.result().ok().filter(|v| !v.is_undefined())
}

/// Runs `write` in a readwrite transaction and waits for its completion.
pub(crate) async fn transact(
    db: &IdbDatabase,
    write: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<(), JsValue> {
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    write(&tx.object_store(STORE)?)?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(done).await.map(|_| ())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits = text.len().is_multiple_of(2) && text.bytes().all(|b| b.is_ascii_hexdigit());
    digits.then_some(())?;
    text.as_bytes()
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

/// A sealed sessionStorage draft: its key's name, IV and ciphertext.
fn session_parts(text: &str) -> Option<(&str, Vec<u8>, Vec<u8>)> {
    let mut parts = text.strip_prefix(SESSION_SEALED)?.split(':');
    let id = parts.next()?;
    Some((id, unhex(parts.next()?)?, unhex(parts.next()?)?))
}

/// Reads the text under a key (and, the first time, opens the device's storage).
pub async fn load(place: Where, key: &str) -> Option<String> {
    let db = indexed().await;
    match place {
        Where::Local => {
            if let Some(record) = match &db {
                Some(db) => get(db, key).await,
                None => None,
            } {
                if let Some(plain) = record.as_string() {
                    return Some(migrate(place, key, plain));
                }
                return crypto::open(&Sealed::from_record(&record)?).await;
            }
            // Where IndexedDB could not be opened before, drafts went to localStorage, plain.
            let plain = web_storage(place)?.get_item(key).ok().flatten()?;
            Some(migrate(place, key, plain))
        }
        Where::Session => {
            let text = web_storage(place)?.get_item(key).ok().flatten()?;
            let Some((id, iv, data)) = session_parts(&text) else {
                return Some(migrate(place, key, text));
            };
            let sealed = Sealed {
                key: get(&db?, &format!("{SESSION_KEY}{id}"))
                    .await?
                    .dyn_into()
                    .ok()?,
                iv: js_sys::Uint8Array::from(iv.as_slice()),
                data: js_sys::Uint8Array::from(data.as_slice()).buffer(),
            };
            crypto::open(&sealed).await
        }
        Where::Nowhere => None,
    }
}

/// Text in the earlier plain format: used once, and sealed in its place now (or deleted, if
/// there is nowhere to keep a key).
fn migrate(place: Where, key: &str, plain: String) -> String {
    let _ = save(place, key, &plain);
    plain
}

/// A write under way: resolves when it is stored, rejects (with the message to show) when it
/// could not be.
pub type Pending = js_sys::Promise;

/// Runs `write` after every write asked for before it.
pub(crate) fn queued(write: impl Future<Output = Result<(), JsValue>> + 'static) -> Pending {
    let before = QUEUE.with(|q| q.borrow_mut().take());
    let promise = wasm_bindgen_futures::future_to_promise(async move {
        if let Some(before) = before {
            let _ = JsFuture::from(before).await;
        }
        write.await.map(|()| JsValue::UNDEFINED)
    });
    // A failure is shown by whoever asked; one nobody waits for is not an uncaught error.
    IGNORE.with(|ignore| {
        let _ = promise.catch(ignore);
    });
    QUEUE.with(|q| *q.borrow_mut() = Some(promise.clone()));
    promise
}

/// Saves text under a key, sealed. The write starts after those before it; the promise says
/// when it is stored.
pub fn save(place: Where, key: &str, text: &str) -> Pending {
    let (key, text) = (key.to_owned(), text.to_owned());
    queued(async move {
        write(place, &key, &text)
            .await
            .map_err(|e| JsValue::from_str(problem(&e)))
    })
}

async fn write(place: Where, key: &str, text: &str) -> Result<(), JsValue> {
    if place == Where::Nowhere {
        return Ok(());
    }
    let Some(db) = indexed().await else {
        // Nowhere to keep a key: nothing is written, and no plain copy is left.
        if let Some(s) = web_storage(place) {
            let _ = s.remove_item(key);
        }
        return Err(NO_SAFE_PLACE.into());
    };
    let sealed = crypto::seal(text).await?;
    let storage = web_storage(place);
    if place == Where::Local {
        transact(&db, |s| s.put_with_key(&sealed.to_record(), &key.into())).await?;
        if let Some(s) = storage {
            let _ = s.remove_item(key); // a plain copy from before
        }
        return Ok(());
    }
    let storage = storage.ok_or(JsValue::NULL)?;
    let id = crate::crypto::new_key();
    let name = format!("{SESSION_KEY}{id}");
    transact(&db, |s| s.put_with_key(&sealed.key, &name.as_str().into())).await?;
    let before = storage.get_item(key).ok().flatten();
    let data = js_sys::Uint8Array::new(&sealed.data).to_vec();
    let text = format!(
        "{SESSION_SEALED}{id}:{}:{}",
        hex(&sealed.iv.to_vec()),
        hex(&data)
    );
    if let Err(e) = storage.set_item(key, &text) {
        let _ = transact(&db, |s| s.delete(&name.as_str().into())).await;
        return Err(e);
    }
    forget_session_key(&db, before.as_deref()).await;
    Ok(())
}

/// Deletes the key a sealed sessionStorage draft names.
async fn forget_session_key(db: &IdbDatabase, sealed: Option<&str>) {
    if let Some((id, _, _)) = sealed.and_then(session_parts) {
        let name = format!("{SESSION_KEY}{id}");
        let _ = transact(db, |s| s.delete(&name.as_str().into())).await;
    }
}

/// Deletes the text under a key, and the key that sealed it (after any save already asked
/// for).
pub fn remove(place: Where, key: &str) -> Pending {
    let key = key.to_owned();
    queued(async move {
        let db = indexed().await;
        let storage = web_storage(place);
        let before = storage
            .as_ref()
            .and_then(|s| s.get_item(&key).ok().flatten());
        if let Some(s) = &storage {
            let _ = s.remove_item(&key);
        }
        match (&db, place) {
            (Some(db), Where::Local) => transact(db, |s| s.delete(&key.as_str().into())).await,
            (Some(db), Where::Session) => {
                forget_session_key(db, before.as_deref()).await;
                Ok(())
            }
            _ => Ok(()),
        }
    })
}

/// Offers text as a file download (the person keeps a copy of their answers).
pub fn download(filename: &str, text: &str) -> Option<()> {
    download_as(filename, text, "application/json")
}

/// Offers text of a media type as a file download (`text/html` for the evidence pack).
pub fn download_as(filename: &str, text: &str, media_type: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_session_draft_names_its_key_and_carries_its_bytes() {
        let iv = [0u8, 1, 15, 16, 255, 128, 7, 8, 9, 10, 11, 12];
        let text = format!("{SESSION_SEALED}k-1:{}:{}", hex(&iv), hex(&[0xde, 0xad]));
        assert_eq!(
            text,
            "sealed:k-1:00010f10ff80070809".to_owned() + "0a0b0c:dead"
        );
        assert_eq!(
            session_parts(&text),
            Some(("k-1", iv.to_vec(), vec![0xde, 0xad]))
        );
        // A draft in the earlier plain format, or damaged text, is not taken for a sealed one.
        assert_eq!(session_parts(r#"{"draftVersion":1}"#), None);
        assert_eq!(session_parts("sealed:k:0g:00"), None);
        assert_eq!(session_parts("sealed:k:00"), None);
        assert_eq!(unhex("abc"), None, "an odd number of digits");
        assert_eq!(unhex("+a"), None, "a sign is not a digit");
    }
}
