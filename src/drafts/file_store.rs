//! Attached files kept with the draft on this device, so that a reload, a crash or going
//! offline before the upload loses none: one IndexedDB record per file, beside the draft's
//! (`{draft key}/files/{sha256}`), its bytes sealed as the draft is (`crypto.rs`: AES-GCM, a
//! new non-extractable key per write, kept in the same record), and a small record beside it
//! once the council's system has confirmed it stored the file (`…/stored`), so that only the
//! files not confirmed are sent again after a reload. Deleting the draft deletes them all; a
//! file removed from the list is deleted at once. Writes go in the draft's queue (`store.rs`),
//! so a deletion follows every write asked for before it.
//!
//! Files are kept only where drafts are kept on this device (`drafts="local"`); a tab's draft
//! (`session`) keeps its files in memory while the page is open.

use wasm_bindgen::JsValue;

use crate::crypto::{self, Sealed};
use crate::drafts::store::{self, Pending, Where};

fn record_key(draft: &str, sha256: &str) -> String {
    format!("{draft}/files/{sha256}")
}

fn stored_key(draft: &str, sha256: &str) -> String {
    format!("{draft}/files/{sha256}/stored")
}

/// A write to the files kept with a draft. One kind of future for all of them, in the
/// draft's queue: each future type queued costs the download about 5 KB.
enum Write {
    /// A file's bytes, sealed, under its record's key.
    Keep(String, js_sys::ArrayBuffer),
    /// The note that the backend stored a file.
    Stored(String),
    /// Keys from the first to the last (a file's two records, or all of a draft's).
    Delete(String, String),
}

async fn write(place: Where, write: Write) -> Result<(), JsValue> {
    if place != Where::Local {
        return Ok(());
    }
    let Some(db) = store::indexed().await else {
        return match write {
            Write::Keep(..) => Err(JsValue::from_str(store::NO_SAFE_PLACE)),
            _ => Ok(()),
        };
    };
    match write {
        Write::Keep(key, bytes) => {
            let sealed = crypto::seal_bytes(&bytes).await;
            let done = match sealed {
                Ok(sealed) => {
                    store::transact(&db, |s| {
                        s.put_with_key(&sealed.to_record(), &key.as_str().into())
                    })
                    .await
                }
                Err(e) => Err(e),
            };
            done.map_err(|e| JsValue::from_str(store::problem(&e)))
        }
        Write::Stored(key) => {
            store::transact(&db, |s| {
                s.put_with_key(&JsValue::TRUE, &key.as_str().into())
            })
            .await
        }
        Write::Delete(low, high) => {
            let range = web_sys::IdbKeyRange::bound(&low.as_str().into(), &high.as_str().into())?;
            store::transact(&db, |s| s.delete(&range)).await
        }
    }
}

/// Keeps a file's bytes with the draft (sealed). Rejects with the message to show when the
/// storage is full or cannot be used.
pub fn put(place: Where, draft: &str, sha256: &str, bytes: js_sys::ArrayBuffer) -> Pending {
    store::queued(write(place, Write::Keep(record_key(draft, sha256), bytes)))
}

/// Notes that the council's system has stored a file (it is not sent again after a reload).
pub fn mark_stored(place: Where, draft: &str, sha256: &str) -> Pending {
    store::queued(write(place, Write::Stored(stored_key(draft, sha256))))
}

/// A kept file's bytes, and whether its upload was confirmed; `None` when it is not kept (or
/// cannot be opened).
pub async fn get(place: Where, draft: &str, sha256: &str) -> Option<(js_sys::ArrayBuffer, bool)> {
    if place != Where::Local {
        return None;
    }
    let db = store::indexed().await?;
    let record = store::get(&db, &record_key(draft, sha256)).await?;
    let bytes = crypto::open_bytes(&Sealed::from_record(&record)?).await?;
    let stored = store::get(&db, &stored_key(draft, sha256)).await.is_some();
    Some((bytes, stored))
}

/// Deletes one kept file (it was removed from the list).
pub fn remove(draft: &str, sha256: &str) -> Pending {
    let (a, b) = (record_key(draft, sha256), stored_key(draft, sha256));
    store::queued(write(Where::Local, Write::Delete(a, b)))
}

/// Deletes every file kept with a draft (the draft is deleted).
pub fn remove_all(draft: &str) -> Pending {
    let (low, high) = (format!("{draft}/files/"), format!("{draft}/files/\u{ffff}"));
    store::queued(write(Where::Local, Write::Delete(low, high)))
}
