//! The attached files' part of the form's state (`Form::files`): what the page shows about
//! each file and the bytes held while the page is open. What is done with the files (reading,
//! checking, keeping, uploading) is `files.rs`.

use leptos::prelude::*;

use crate::attach::Upload;
use crate::clock::now_ms;

/// What the widget knows of one attached file beyond its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub upload: Upload,
    /// The core's warning (a PDF protected with a password).
    pub warning: Option<String>,
}

/// What the page shows about the attached files, in one signal (one signal type costs the
/// download less than several).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shelf {
    /// Each file's state, by SHA-256, in the order attached.
    pub files: Vec<(String, FileState)>,
    /// Why files just chosen were not attached: shown at the upload and in the summary.
    pub refused: Vec<String>,
    /// What the live region says about files (attached, removed, progress), and when (Unix
    /// milliseconds: the latest of this and a save of the answers is said).
    pub said: String,
    pub said_at: u64,
    /// Why a file could not be kept on this device, if one could not.
    pub keep_problem: Option<&'static str>,
    /// Files being read and checked now.
    pub reading: usize,
    /// The page (and the question on it) the person came from to attach a document: Continue
    /// on the upload goes back there.
    pub back_to: Option<(crate::route::Page, String)>,
}

impl Shelf {
    /// Says something about the files in the live region.
    pub fn tell(&mut self, text: String) {
        self.said = text;
        self.said_at = now_ms();
    }

    /// A file's state.
    pub fn get(&self, sha: &str) -> Option<&FileState> {
        self.files.iter().find(|(k, _)| k == sha).map(|(_, f)| f)
    }
}

/// What is held in memory for the files while the page is open.
#[derive(Default)]
pub struct Held {
    /// Each file's bytes, by SHA-256 (in JavaScript's memory, not the WebAssembly's).
    pub bytes: Vec<(String, js_sys::ArrayBuffer)>,
    /// Files whose upload is running now.
    pub running: Vec<String>,
}

/// One instance's attached files (arena handles: `Copy`, part of `Form`).
#[derive(Clone, Copy)]
pub struct Files {
    /// Where files are PUT (the `attachments-endpoint` attribute, or beside `endpoint`).
    pub endpoint: StoredValue<String>,
    pub shelf: RwSignal<Shelf>,
    pub held: StoredValue<Held, LocalStorage>,
}

impl Files {
    pub fn new(endpoint: String) -> Files {
        Files {
            endpoint: StoredValue::new(endpoint),
            shelf: RwSignal::new(Shelf::default()),
            held: StoredValue::new_local(Held::default()),
        }
    }

    /// Changes what the page shows (nothing once unmounted).
    pub fn update(&self, change: impl FnOnce(&mut Shelf)) {
        self.shelf.try_update(change);
    }

    /// Says something about the files in the live region.
    pub fn say(&self, text: String) {
        self.update(|s| s.tell(text));
    }

    pub fn bytes_of(&self, sha: &str) -> Option<js_sys::ArrayBuffer> {
        self.held
            .try_with_value(|h| {
                h.bytes
                    .iter()
                    .find(|(k, _)| k == sha)
                    .map(|(_, b)| b.clone())
            })
            .flatten()
    }

    pub fn hold(&self, sha: &str, bytes: js_sys::ArrayBuffer) {
        self.held.try_update_value(|h| {
            h.bytes.retain(|(k, _)| k != sha);
            h.bytes.push((sha.to_owned(), bytes));
        });
    }
}
