//! Where documents are kept: in the database by default (their bytes in `attachment_bytes`),
//! or as files named by their SHA-256 in a directory (`--attachments-dir`), with their facts
//! in the database either way, whichever the backend. A file reaches its real name only whole
//! and checked: it is written under a temporary name and renamed (or copied into the database)
//! afterwards. Documents no stored application names are removed once older than the set age.
//!
//! Each sequence here runs in one database session (`crate::store::Session`), so that storing,
//! looking up for an application and removing never interleave.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sen_core::files::stored::is_sha256;
use sen_core::files::FileFacts;

use crate::store::{Content, Hold, Store, StoreError, StoredDocument};

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
    /// The facts of a recorded document, if its bytes are there to be had.
    pub async fn available(
        &self,
        sha256: &str,
        record: Option<StoredDocument>,
    ) -> Option<FileFacts> {
        let d = record?;
        let available = d.in_database
            || match &self.place {
                Place::Directory(dir) => tokio::fs::metadata(dir.join(sha256))
                    .await
                    .is_ok_and(|m| m.is_file()),
                Place::Database => false,
            };
        available.then_some(d.facts)
    }

    /// The facts of the document stored under `sha256`, if its bytes are there to be had.
    pub async fn found(
        &self,
        store: &Store,
        sha256: &str,
    ) -> Result<Option<FileFacts>, StoreError> {
        Ok(self.available(sha256, store.document(sha256).await?).await)
    }

    /// Marks the document `sha256` as sent again if it is kept; whether it is.
    pub async fn touch_if_kept(
        &self,
        store: &Store,
        sha256: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut session = store.session(Hold::Shared).await?;
        let record = session.documents(vec![sha256.to_owned()]).await?;
        let kept = self
            .available(sha256, record.into_iter().next().flatten())
            .await
            .is_some();
        if kept {
            session.touch_document(sha256, now).await?;
        }
        session.commit().await?;
        Ok(kept)
    }

    /// Keeps the checked upload at `temp` as the document `sha256`, unless it is already kept
    /// (then it is only marked as sent again). `now` in seconds since 1970.
    pub async fn keep(
        &self,
        store: &Store,
        temp: &Path,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
    ) -> Result<Kept, StoreError> {
        let mut session = store.session(Hold::Shared).await?;
        session.lock_document(sha256).await?;
        let record = session.documents(vec![sha256.to_owned()]).await?;
        if self
            .available(sha256, record.into_iter().next().flatten())
            .await
            .is_some()
        {
            session.touch_document(sha256, now).await?;
            session.commit().await?;
            return Ok(Kept::Already);
        }
        // A record whose bytes are gone (removed by hand, or kept in the other place) is
        // replaced.
        session.remove_document(sha256).await?;
        match &self.place {
            Place::Directory(dir) => {
                tokio::fs::rename(temp, dir.join(sha256))
                    .await
                    .map_err(StoreError::Io)?;
                session.add_document(sha256, facts, now).await?;
            }
            Place::Database => {
                session
                    .add_document_content(sha256, facts, now, Content::File(temp.to_path_buf()))
                    .await?;
            }
        }
        session.commit().await?;
        Ok(Kept::New)
    }

    /// Removes the documents no stored application names that were last sent more than the
    /// set age before `now` (seconds since 1970); in the directory, also files named by a hash
    /// that the database does not know (a crash between the rename and the record) and, where
    /// uploads are written, what a crash left. Returns how many documents were removed.
    pub async fn sweep(&self, store: &Store, now: i64) -> Result<usize, StoreError> {
        let age = i64::try_from(self.max_age.as_secs()).unwrap_or(i64::MAX);
        let mut session = store.session(Hold::Exclusive).await?;
        let old = session
            .unreferenced_documents(now.saturating_sub(age))
            .await?;
        for (sha256, in_database) in &old {
            if let (Place::Directory(dir), false) = (&self.place, in_database) {
                let _ = tokio::fs::remove_file(dir.join(sha256)).await;
            }
            session.remove_document(sha256).await?;
        }
        if let Place::Directory(dir) = &self.place {
            for (path, name) in files_older_than(dir.clone(), self.max_age).await {
                if is_sha256(&name) && session.documents(vec![name]).await?.first() == Some(&None) {
                    let _ = tokio::fs::remove_file(path).await;
                }
            }
        }
        session.commit().await?;
        for (path, name) in files_older_than(self.upload_dir.clone(), self.part_max_age).await {
            if name.starts_with(PART_PREFIX) && name.ends_with(PART_SUFFIX) {
                let _ = tokio::fs::remove_file(path).await;
            }
        }
        Ok(old.len())
    }
}

/// The files directly in `dir` last changed more than `age` ago, with their names (read on
/// the blocking pool).
async fn files_older_than(dir: PathBuf, age: Duration) -> Vec<(PathBuf, String)> {
    tokio::task::spawn_blocking(move || {
        let Ok(entries) = std::fs::read_dir(&dir) else {
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
    })
    .await
    .unwrap_or_default()
}
