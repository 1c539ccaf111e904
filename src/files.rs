//! Attached files in the browser: each file chosen or dropped is read, hashed (WebCrypto's
//! SHA-256) and checked by the core (`files::check_file`, `check_set`); a refused one is not
//! added and its message is shown at the upload; an accepted one becomes an `attachments[i]`
//! entry (metadata only), is kept with the draft (`drafts/file_store.rs`) and uploaded at once
//! (`upload.rs`), retried by the applications' policy. After a reload the files not confirmed
//! stored are read back and uploaded again. Sending waits until every file is stored.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::attach::{self, Upload, LIST};
use crate::clock::now_ms;
use crate::doc;
use crate::drafts::file_store;
use crate::shelf::FileState;
use crate::state::Form;
use crate::submit::policy::{self, Next};

/// Said when a file could not be kept on this device.
pub const NOT_KEPT: &str = "widget.files.not-kept";

/// The attachments' (filename, sha256) in list order.
pub fn listed(d: &Value) -> Vec<(String, String)> {
    doc::get(d, LIST)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|a| {
                    let text = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                    (text("filename"), text("sha256"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn set_upload(form: Form, sha: &str, upload: Upload) {
    form.files.update(|s| {
        if let Some((_, f)) = s.files.iter_mut().find(|(k, _)| k == sha) {
            f.upload = upload;
        }
    });
}

fn upload_of(form: Form, sha: &str) -> Option<Upload> {
    form.files
        .shelf
        .try_with_untracked(|s| s.get(sha).map(|f| f.upload.clone()))
        .flatten()
}

fn name_of(form: Form, sha: &str) -> String {
    form.doc
        .with_untracked(|d| listed(d).into_iter().find(|(_, h)| h == sha))
        .map(|(n, _)| n)
        .unwrap_or_default()
}

/// The person chose or dropped files: each is read, checked and, if accepted, attached.
pub fn choose(form: Form, list: &web_sys::FileList) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if files.is_empty() {
        return;
    }
    form.files
        .update(|s| s.reading = s.reading.saturating_add(files.len()));
    leptos::task::spawn_local(async move {
        let count = files.len();
        let mut refused = Vec::new();
        let mut added = Vec::new();
        for file in files {
            match add(form, &file).await {
                Ok(()) => added.push(file.name()),
                Err(why) => refused.push(why),
            }
        }
        if form.files.shelf.try_get_untracked().is_none() {
            return; // unmounted meanwhile
        }
        let mut said: Vec<String> = added
            .iter()
            .map(|n| form.say("widget.files.attached", &[("name", n)]))
            .collect();
        said.extend(
            refused
                .iter()
                .map(|r| form.say("widget.files.not-attached", &[("why", r)])),
        );
        let any_refused = !refused.is_empty();
        form.files.update(|s| {
            s.reading = s.reading.saturating_sub(count);
            s.tell(said.join(" "));
            s.refused = refused;
        });
        form.recheck();
        if any_refused {
            crate::focus::summary(form);
        }
    });
}

/// What reading a file gives: its bytes, or why it cannot be read.
async fn read(blob: &web_sys::Blob) -> Option<js_sys::ArrayBuffer> {
    JsFuture::from(blob.array_buffer())
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// Reads, checks and attaches one file; `Err` is the message saying why it was not.
async fn add(form: Form, file: &web_sys::File) -> Result<(), String> {
    let name = file.name();
    let policy = form.profile.with_value(|p| p.attachments.clone());
    let unreadable = || form.say("widget.files.unreadable", &[("name", &name)]);
    // A file over the limit is read only as far as the limit and a byte: enough for the
    // core to say it is too large, without holding all of it.
    let size = file.size();
    let limit = policy.max_bytes.saturating_add(1) as f64;
    let whole = size <= limit;
    let bytes = if whole {
        read(file).await
    } else {
        let part = file.slice_with_f64_and_f64(0.0, limit).ok();
        match part {
            Some(p) => read(&p).await,
            None => None,
        }
    }
    .ok_or_else(unreadable)?;
    let (kind, problems) = form.texts.with_value(|t| {
        sen_core::files::check_file_in(&name, &js_sys::Uint8Array::new(&bytes).to_vec(), &policy, t)
    });
    let refusal = |m: &str| form.say("widget.files.refused", &[("name", &name), ("why", &m)]);
    if let Some(error) = problems
        .iter()
        .find(|p| p.severity == sen_core::Severity::Error)
    {
        return Err(refusal(&error.message));
    }
    let (Some(kind), true) = (kind, whole) else {
        return Err(unreadable());
    };
    let warning = problems.first().map(|p| p.message.clone());
    let sha = crate::crypto::sha256(&bytes).await.ok_or_else(unreadable)?;
    let mut set: Vec<(String, String)> = form.doc.with_untracked(listed);
    set.push((name.clone(), sha.clone()));
    let pairs: Vec<(&str, &str)> = set.iter().map(|(n, h)| (n.as_str(), h.as_str())).collect();
    let last = pairs.len().saturating_sub(1);
    if let Some((_, p)) = form
        .texts
        .with_value(|t| sen_core::files::check_set_in(&pairs, &policy, t))
        .into_iter()
        .find(|(i, p)| *i == last && p.severity == sen_core::Severity::Error)
    {
        return Err(refusal(&p.message));
    }
    let size = u64::from(bytes.byte_length());
    form.doc.update(|d| {
        let mut item = serde_json::Map::new();
        item.insert("id".into(), Value::from(doc::next_id(d, LIST, "a")));
        if let Some(t) = attach::guess_type(&name) {
            item.insert("type".into(), Value::from(t.code()));
        }
        item.insert("filename".into(), Value::from(name.clone()));
        item.insert(
            "mimeType".into(),
            Value::from(sen_core::files::media_type(kind)),
        );
        item.insert("sizeBytes".into(), Value::from(size));
        item.insert("sha256".into(), Value::from(sha.clone()));
        doc::push(d, LIST, Value::Object(item));
    });
    form.files.update(|s| {
        s.files.push((
            sha.clone(),
            FileState {
                upload: Upload::Waiting,
                warning,
            },
        ))
    });
    form.files.hold(&sha, bytes.clone());
    keep(form, &sha, bytes);
    start(form, sha);
    Ok(())
}

/// Keeps a file with the draft, when the person keeps one on this device.
fn keep(form: Form, sha: &str, bytes: js_sys::ArrayBuffer) {
    if form.save_here.get_untracked() {
        let pending = file_store::put(
            form.place.get_value(),
            &form.draft_key.get_value(),
            sha,
            bytes,
        );
        leptos::task::spawn_local(async move {
            let kept = JsFuture::from(pending).await;
            let problem = kept.err().map(|why| match store_problem(&why) {
                Some(p) => p,
                None => NOT_KEPT,
            });
            form.files.update(|s| s.keep_problem = problem);
        });
    }
}

/// Nowhere safe to keep a key is said as for the draft; anything else as a full storage.
fn store_problem(why: &wasm_bindgen::JsValue) -> Option<&'static str> {
    (crate::drafts::store::problem(why) == crate::drafts::store::NO_SAFE_PLACE)
        .then_some(crate::drafts::store::NO_SAFE_PLACE)
}

/// Keeps every attached file with the draft (the person chose to save on this device).
pub fn keep_all(form: Form) {
    let all: Vec<(String, js_sys::ArrayBuffer)> = form
        .files
        .held
        .try_with_value(|h| h.bytes.clone())
        .unwrap_or_default();
    for (sha, bytes) in all {
        keep(form, &sha, bytes);
    }
}

/// Starts a file's upload, unless it is running already.
pub fn start(form: Form, sha: String) {
    let mut fresh = false;
    form.files.held.try_update_value(|h| {
        fresh = !h.running.contains(&sha);
        if fresh {
            h.running.push(sha.clone());
        }
    });
    if !fresh {
        return;
    }
    leptos::task::spawn_local(async move {
        run(form, &sha).await;
        form.files
            .held
            .try_update_value(|h| h.running.retain(|k| *k != sha));
    });
}

/// Uploads are tried again when the browser comes back online.
pub fn on_online(form: Form) {
    let failed: Vec<String> = form.files.shelf.with_untracked(|s| {
        s.files
            .iter()
            .filter(|(_, f)| matches!(f.upload, Upload::Failed | Upload::Retrying(_)))
            .map(|(k, _)| k.clone())
            .collect()
    });
    for sha in failed {
        start(form, sha);
    }
}

/// What the council's system says when it gives no message of its own.
fn refused_text(form: Form, code: u16) -> String {
    match code {
        413 => form.text("widget.files.too-large"),
        415 => form.text("widget.files.not-accepted"),
        _ => form.say("widget.files.refused-http", &[("code", &code)]),
    }
}

async fn run(form: Form, sha: &str) {
    let policy = policy::Policy::default();
    let mut attempt = 1u32;
    loop {
        let Some(buf) = form.files.bytes_of(sha) else {
            return; // removed, or unmounted
        };
        set_upload(form, sha, Upload::Sending(0));
        let (endpoint, profile) = (
            form.files.endpoint.get_value(),
            form.profile.with_value(|p| p.id.clone()),
        );
        let url = attach::upload_url(&endpoint, sha, &profile);
        let settings = form.request.get_value();
        let name = name_of(form, sha);
        let key = sha.to_owned();
        let progress = move |p: u8| {
            let before = match upload_of(form, &key) {
                Some(Upload::Sending(b)) => b,
                Some(_) => 0,
                None => return,
            };
            set_upload(form, &key, Upload::Sending(p));
            if let Some(step) = attach::announce_step(before, p) {
                form.files
                    .say(form.say("widget.files.step", &[("name", &name), ("percent", &step)]));
            }
        };
        let outcome = crate::upload::attempt(&url, sha, &buf, attempt, &settings, progress).await;
        if let Some(why) = &outcome.hook_failed {
            crate::events::error(form, why);
        }
        if upload_of(form, sha).is_none() {
            return; // removed meanwhile
        }
        let name = name_of(form, sha);
        match policy::next(
            &policy,
            attempt,
            &outcome.reply,
            now_ms(),
            js_sys::Math::random(),
        ) {
            Next::Done => {
                set_upload(form, sha, Upload::Stored);
                form.files
                    .say(form.say("widget.files.uploaded", &[("name", &name)]));
                if form.save_here.get_untracked() {
                    let _ = file_store::mark_stored(
                        form.place.get_value(),
                        &form.draft_key.get_value(),
                        sha,
                    );
                }
                return;
            }
            Next::RetryAfter(ms) => {
                set_upload(form, sha, Upload::Retrying(ms.div_ceil(1000)));
                crate::submit::transport::sleep_ms(ms).await;
                attempt = attempt.saturating_add(1);
            }
            Next::GiveUp => {
                set_upload(form, sha, Upload::Failed);
                form.files
                    .say(form.say("widget.files.not-reached", &[("name", &name)]));
                return;
            }
            Next::Refused(code) => {
                let why = crate::submit::transport::error_message(&outcome.text)
                    .unwrap_or_else(|| refused_text(form, code));
                form.files.say(form.say(
                    "widget.files.not-uploaded",
                    &[("name", &name), ("why", &why)],
                ));
                set_upload(form, sha, Upload::Refused(why));
                return;
            }
        }
    }
}

/// Removes the file at `index` of the list: from the document, from memory and from this
/// device.
pub fn remove(form: Form, index: usize) {
    let Some((name, sha)) = form
        .doc
        .with_untracked(|d| listed(d).into_iter().nth(index))
    else {
        return;
    };
    if let Some(list) = sen_core::form::LISTS.iter().find(|l| l.pointer == LIST) {
        form.remove_item(list, index);
    }
    form.files.update(|s| {
        s.files.retain(|(k, _)| *k != sha);
        s.refused.clear();
        s.tell(form.say("widget.files.removed", &[("name", &name)]));
    });
    form.files
        .held
        .update_value(|h| h.bytes.retain(|(k, _)| *k != sha));
    let _ = file_store::remove(&form.draft_key.get_value(), &sha);
    crate::focus::id(form, UPLOAD_ID);
}

/// The upload's element id.
pub const UPLOAD_ID: &str = "f-attachments";

/// The files of the document (restored, loaded, or from another tab) that the widget does not
/// know yet: read back from this device and uploaded unless confirmed stored.
pub fn resume(form: Form) {
    let known: Vec<String> = form
        .files
        .shelf
        .with_untracked(|s| s.files.iter().map(|(k, _)| k.clone()).collect());
    let new: Vec<String> = form
        .doc
        .with_untracked(listed)
        .into_iter()
        .map(|(_, h)| h)
        .filter(|h| !h.is_empty() && !known.contains(h))
        .collect();
    if new.is_empty() {
        return;
    }
    form.files.update(|s| {
        for sha in &new {
            s.files.push((
                sha.clone(),
                FileState {
                    upload: Upload::Waiting,
                    warning: None,
                },
            ));
        }
    });
    let (place, draft) = (form.place.get_value(), form.draft_key.get_value());
    leptos::task::spawn_local(async move {
        for sha in new {
            let kept = file_store::get(place, &draft, &sha).await;
            match kept {
                Some((bytes, stored)) => {
                    form.files.hold(&sha, bytes);
                    if stored {
                        set_upload(form, &sha, Upload::Stored);
                    } else {
                        start(form, sha);
                    }
                }
                None => set_upload(form, &sha, Upload::Lost),
            }
        }
    });
}

/// Forgets every file (the answers were started again or replaced): their records go with
/// the draft.
pub fn forget(form: Form) {
    form.files.update(|s| {
        s.files.clear();
        s.refused.clear();
    });
    form.files.held.update_value(|h| h.bytes.clear());
}

/// What stops sending now: the files still uploading, and the problems of files that will
/// not be stored without the person ((pointer, message), at each file). A file whose bytes are
/// not on this device does not: the council's system may have it, and says if it does not.
pub fn unfinished(form: Form) -> (usize, Vec<(String, String)>) {
    let files = form.doc.with_untracked(listed);
    let mut waiting = 0;
    let mut problems = Vec::new();
    form.files.shelf.with_untracked(|s| {
        for (i, (name, sha)) in files.iter().enumerate() {
            let Some(f) = s.get(sha) else { continue };
            let at = format!("{LIST}/{i}/sha256");
            match &f.upload {
                Upload::Stored => {}
                Upload::Waiting | Upload::Sending(_) | Upload::Retrying(_) => waiting += 1,
                Upload::Failed => problems.push((
                    at,
                    form.say("widget.files.try-again-needed", &[("name", name)]),
                )),
                Upload::Refused(why) => problems.push((
                    at,
                    form.say("widget.files.refused", &[("name", name), ("why", why)]),
                )),
                // The council's system may have it already: it says if not.
                Upload::Lost => {}
            }
        }
    });
    (waiting, problems)
}
