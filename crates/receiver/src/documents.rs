//! Where documents are kept: in the database by default (their bytes in the `attachments`
//! table), or as files named by their SHA-256 in a directory (`--attachments-dir`), with their
//! facts in the database either way. A file reaches its real name only whole and checked: it
//! is written under a temporary name and renamed (or copied into the database) afterwards.
//! Documents no stored application names are removed once older than the set age.
//!
//! Everything here blocks (SQLite, the file system): call it on the blocking pool, with the
//! database locked, so that storing, looking up for an application and removing never
//! interleave.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sen_core::files::stored::is_sha256;
use sen_core::files::FileFacts;

use crate::store::{Store, StoreError};

/// How long documents no application names are kept, unless set.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// The longest age that may be set (ten years).
pub const MAX_MAX_AGE: Duration = Duration::from_secs(3650 * 24 * 60 * 60);
/// How uploads are named while they arrive (`.upload-<uuid>.part`).
pub(crate) const PART_PREFIX: &str = ".upload-";
pub(crate) const PART_SUFFIX: &str = ".part";

/// Where a document's bytes are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Database,
    Directory(PathBuf),
}

/// The documents' place, where uploads are written while they arrive, and how old an
/// unnamed document may grow.
#[derive(Debug, Clone)]
pub struct Documents {
    pub place: Place,
    pub upload_dir: PathBuf,
    pub max_age: Duration,
    /// A temporary file older than this is what a crash left (an upload lasts at most its
    /// read deadline and a scan).
    pub part_max_age: Duration,
}

/// What storing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Stored now.
    New,
    /// It was already there (the same bytes, by their hash).
    Already,
}

impl Documents {
    /// The facts of the document stored under `sha256`, if its bytes are there to be had.
    pub fn found(&self, store: &Store, sha256: &str) -> rusqlite::Result<Option<FileFacts>> {
        let Some(d) = store.document(sha256)? else {
            return Ok(None);
        };
        let available = d.in_database
            || matches!(&self.place, Place::Directory(dir) if dir.join(sha256).is_file());
        Ok(available.then_some(d.facts))
    }

    /// Keeps the checked upload at `temp` as the document `sha256`, unless it is already kept
    /// (then it is only marked as sent again). `now` in seconds since 1970.
    pub fn keep(
        &self,
        store: &mut Store,
        temp: &Path,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
    ) -> Result<Kept, StoreError> {
        if self.found(store, sha256)?.is_some() {
            store.touch_document(sha256, now)?;
            return Ok(Kept::Already);
        }
        // A record whose bytes are gone (removed by hand, or kept in the other place) is
        // replaced.
        store.remove_document(sha256)?;
        match &self.place {
            Place::Directory(dir) => {
                std::fs::rename(temp, dir.join(sha256)).map_err(StoreError::Io)?;
                store.add_document(sha256, facts, now)?;
            }
            Place::Database => {
                let mut file = std::fs::File::open(temp).map_err(StoreError::Io)?;
                store.add_document_with_content(sha256, facts, now, &mut file)?;
            }
        }
        Ok(Kept::New)
    }

    /// Removes the documents no stored application names that were last sent more than the
    /// set age before `now` (seconds since 1970); in the directory, also files named by a hash
    /// that the database does not know (a crash between the rename and the record) and, where
    /// uploads are written, what a crash left. Returns how many documents were removed.
    pub fn sweep(&self, store: &Store, now: i64) -> rusqlite::Result<usize> {
        let age = i64::try_from(self.max_age.as_secs()).unwrap_or(i64::MAX);
        let old = store.unreferenced_documents(now.saturating_sub(age))?;
        for (sha256, in_database) in &old {
            if let (Place::Directory(dir), false) = (&self.place, in_database) {
                let _ = std::fs::remove_file(dir.join(sha256));
            }
            store.remove_document(sha256)?;
        }
        if let Place::Directory(dir) = &self.place {
            for (path, name) in files_older_than(dir, self.max_age) {
                if is_sha256(&name) && store.document(&name)?.is_none() {
                    let _ = std::fs::remove_file(path);
                }
            }
        }
        for (path, name) in files_older_than(&self.upload_dir, self.part_max_age) {
            if name.starts_with(PART_PREFIX) && name.ends_with(PART_SUFFIX) {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(old.len())
    }
}

/// The files directly in `dir` last changed more than `age` ago, with their names.
fn files_older_than(dir: &Path, age: Duration) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            e.metadata().is_ok_and(|m| {
                m.is_file()
                    && m.modified()
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|elapsed| elapsed > age)
            })
        })
        .filter_map(|e| Some((e.path(), e.file_name().into_string().ok()?)))
        .collect()
}
