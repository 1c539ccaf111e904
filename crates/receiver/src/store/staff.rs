//! What the staff API keeps: its keys (names, the SHA-256 of each key, when created and
//! revoked), the status the panel sets for each application, and the append-only audit of
//! every staff read and change. A change of status and its audit row are one transaction.
//! The SQL of each backend is in `staff_sqlite.rs` and `staff_postgres.rs`.

use super::{Store, StoreError, Stored};

/// A key as `keys list` shows it: never the key, nor its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A key's name with the SHA-256 of the key (lowercase hex), to check a request's key by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHash {
    pub name: String,
    pub sha256: String,
    pub revoked: bool,
}

/// What revoking a key by its name found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revoked {
    Now,
    Already,
    NoSuchKey,
}

/// One row of the audit: who (the key's name), what, which application, when; `detail` is
/// the document's SHA-256 or the status set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub at: String,
    pub key_name: String,
    pub action: String,
    pub reference: Option<String>,
    pub detail: Option<String>,
}

/// The status the panel set for an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRecord {
    /// `received`, `underReview`, `moreInformationNeeded`, `agreed` or `declined`.
    pub status: String,
    pub amount_pence: Option<i64>,
    pub note: Option<String>,
    pub changed_at: String,
    /// The name of the key that set it.
    pub changed_by: String,
}

/// An application in a page of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its place in the order applications were stored (the cursor is made of it).
    pub seq: i64,
    pub reference: String,
    pub received_at: String,
    pub profile: String,
    pub status: String,
}

/// The status of an application the panel has not touched.
pub const RECEIVED: &str = "received";

impl Store {
    /// Records a new key by the SHA-256 of it; `false` if the name is taken (by a key revoked
    /// or not).
    pub async fn add_key(&self, name: &str, sha256: &str, at: &str) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let (name, sha256, at) = (name.to_owned(), sha256.to_owned(), at.to_owned());
                s.run(move |s| s.add_key(&name, &sha256, &at)).await
            }
            Store::Postgres(p) => p.add_key(name, sha256, at).await,
        }
    }

    /// Every key, in the order they were created.
    pub async fn keys(&self) -> Result<Vec<ApiKey>, StoreError> {
        match self {
            Store::Sqlite(s) => s.run(|s| s.keys()).await,
            Store::Postgres(p) => p.keys().await,
        }
    }

    /// Every key's name and hash, to check a request's key against.
    pub async fn key_hashes(&self) -> Result<Vec<KeyHash>, StoreError> {
        match self {
            Store::Sqlite(s) => s.run(|s| s.key_hashes()).await,
            Store::Postgres(p) => p.key_hashes().await,
        }
    }

    /// Revokes the key named `name` as of `at`.
    pub async fn revoke_key(&self, name: &str, at: &str) -> Result<Revoked, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let (name, at) = (name.to_owned(), at.to_owned());
                s.run(move |s| s.revoke_key(&name, &at)).await
            }
            Store::Postgres(p) => p.revoke_key(name, at).await,
        }
    }

    /// Writes a row of the audit.
    pub async fn audit(&self, row: &AuditRow) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => {
                let row = row.clone();
                s.run(move |s| s.audit(&row)).await
            }
            Store::Postgres(p) => p.audit(row).await,
        }
    }

    /// The whole audit, oldest first.
    pub async fn audit_rows(&self) -> Result<Vec<AuditRow>, StoreError> {
        match self {
            Store::Sqlite(s) => s.run(|s| s.audit_rows()).await,
            Store::Postgres(p) => p.audit_rows().await,
        }
    }

    /// Up to `limit` applications stored after the one at `since` (0: from the first), with
    /// the status `status` if given, in the order they were stored.
    pub async fn page(
        &self,
        since: i64,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Listed>, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let status = status.map(str::to_owned);
                s.run(move |s| s.page(since, status.as_deref(), limit))
                    .await
            }
            Store::Postgres(p) => p.page(since, status, limit).await,
        }
    }

    /// The application stored under `reference`, with the status the panel set, if any.
    pub async fn application(
        &self,
        reference: &str,
    ) -> Result<Option<(Stored, Option<StatusRecord>)>, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let reference = reference.to_owned();
                s.run(move |s| s.application(&reference)).await
            }
            Store::Postgres(p) => p.application(reference).await,
        }
    }

    /// Sets an application's status and writes `audit`, in one transaction; `false` (and
    /// nothing written) if no application has the reference.
    pub async fn set_status(
        &self,
        reference: &str,
        status: &StatusRecord,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let (reference, status, audit) =
                    (reference.to_owned(), status.clone(), audit.clone());
                s.run(move |s| s.set_status(&reference, &status, &audit))
                    .await
            }
            Store::Postgres(p) => p.set_status(reference, status, audit).await,
        }
    }
}
