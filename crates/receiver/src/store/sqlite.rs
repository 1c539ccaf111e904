//! SQLite (rusqlite, bundled; WAL, `synchronous=FULL`): the embedded default, for one
//! process. `SqliteStore` is the connection and its statements, which block; `Sqlite` shares
//! it between requests behind a std mutex that a panic cannot leave unusable (`lock`), runs
//! each step on the blocking pool, and serialises sessions with one writer's lock, so that a
//! lookup and the write that depends on it never interleave with another's. Keys being
//! received are a set in the process's memory.

use std::collections::HashSet;
use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};
use sen_core::codes::FileKind;
use sen_core::files::FileFacts;

use super::delivery::Outgoing;
use super::{
    kind_code, migrations, to_i64, Content, FirstResponse, NamedDocument, StoreError, Stored,
    StoredDocument,
};

/// The SQLite connection.
pub struct SqliteStore {
    pub(super) conn: Connection,
}

/// How much of a document is copied into the database at a time.
const COPY_CHUNK: usize = 64 * 1024;

impl SqliteStore {
    /// Opens (and creates) the database at `path`; `:memory:` for a private in-memory one.
    /// Its schema is brought up to date, or refused if newer than this receiver knows.
    pub fn open(path: &str) -> Result<SqliteStore, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// The schema's version (the latest migration applied).
    pub fn schema_version(&self) -> rusqlite::Result<i64> {
        self.conn.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
    }

    /// Whether the database answers, its tables there.
    pub fn ping(&self) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached("SELECT 1 FROM applications LIMIT 1")?
            .exists([])
            .map(|_| ())
    }

    /// The first response given for a key, if any.
    pub fn first_response(&self, key: &str) -> rusqlite::Result<Option<FirstResponse>> {
        self.conn
            .query_row(
                "SELECT body_sha256, status, response FROM idempotency WHERE idempotency_key = ?1",
                params![key],
                |r| {
                    Ok(FirstResponse {
                        body_sha256: r.get(0)?,
                        status: r.get(1)?,
                        response: r.get(2)?,
                    })
                },
            )
            .optional()
    }

    /// Stores an accepted application, the documents it names and the response for its key,
    /// in one transaction.
    pub fn accept(
        &mut self,
        app: &Stored,
        documents: &[NamedDocument],
        response: &str,
        outgoing: Option<&Outgoing>,
    ) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        for (position, d) in documents.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO application_attachments (reference, position, sha256, filename, type, size_bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![app.reference, to_i64(position as u64), d.sha256, d.filename, d.attachment_type, d.size_bytes.map(to_i64)])?;
        }
        tx.execute(
            "INSERT INTO applications (reference, idempotency_key, received_at, profile, body_sha256, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![app.reference, app.idempotency_key, app.received_at, app.profile, app.body_sha256, app.body],
        )?;
        tx.execute(
            "INSERT INTO idempotency (idempotency_key, body_sha256, status, response) VALUES (?1, ?2, 201, ?3)",
            params![app.idempotency_key, app.body_sha256, response],
        )?;
        if let Some(outgoing) = outgoing {
            super::delivery_sqlite::add(&tx, &app.reference, outgoing)?;
        }
        tx.commit()
    }

    /// Every stored application, oldest first.
    pub fn applications(&self) -> rusqlite::Result<Vec<Stored>> {
        let mut stmt = self.conn.prepare(
            "SELECT reference, idempotency_key, received_at, profile, body_sha256, body
             FROM applications ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], stored_row)?;
        rows.collect()
    }

    /// The documents an application names, in its order, each with whether it is stored.
    pub fn documents_of(&self, reference: &str) -> rusqlite::Result<Vec<(NamedDocument, bool)>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.sha256, n.filename, n.type, n.size_bytes, a.sha256 IS NOT NULL
             FROM application_attachments n LEFT JOIN attachments a ON a.sha256 = n.sha256
             WHERE n.reference = ?1 ORDER BY n.position",
        )?;
        let rows = stmt.query_map(params![reference], |r| {
            let size: Option<i64> = r.get(3)?;
            Ok((
                NamedDocument {
                    sha256: r.get(0)?,
                    filename: r.get(1)?,
                    attachment_type: r.get(2)?,
                    size_bytes: size.and_then(|s| u64::try_from(s).ok()),
                },
                r.get(4)?,
            ))
        })?;
        rows.collect()
    }

    /// The document stored under a SHA-256, if any.
    pub fn document(&self, sha256: &str) -> rusqlite::Result<Option<StoredDocument>> {
        self.conn
            .prepare_cached(
                "SELECT size_bytes, kind, password_protected, received_at,
                        EXISTS (SELECT 1 FROM attachment_bytes b WHERE b.sha256 = a.sha256)
                 FROM attachments a WHERE sha256 = ?1",
            )?
            .query_row(params![sha256], |r| {
                let size: i64 = r.get(0)?;
                let kind: String = r.get(1)?;
                Ok(StoredDocument {
                    facts: FileFacts {
                        kind: FileKind::from_code(&kind),
                        size: u64::try_from(size).unwrap_or(0),
                        password_protected: r.get(2)?,
                    },
                    received_at: r.get(3)?,
                    in_database: r.get(4)?,
                })
            })
            .optional()
    }

    /// Marks a document as sent again now (it is not old, whoever names it); whether there
    /// is one.
    pub fn touch_document(&self, sha256: &str, now: i64) -> rusqlite::Result<bool> {
        let changed = self.conn.execute(
            "UPDATE attachments SET received_at = max(received_at, ?2) WHERE sha256 = ?1",
            params![sha256, now],
        )?;
        Ok(changed > 0)
    }

    /// Records a document whose bytes are kept elsewhere (the attachments directory).
    pub fn add_document(&self, sha256: &str, facts: &FileFacts, now: i64) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO attachments (sha256, size_bytes, kind, password_protected, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sha256, to_i64(facts.size), kind_code(facts), facts.password_protected, now],
        )?;
        Ok(())
    }

    /// Stores a document with its bytes, read from `content` (`facts.size` bytes), copied into
    /// the database a chunk at a time (SQLite's incremental blob I/O), in one transaction.
    pub fn add_document_with_content(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
        content: &mut impl Read,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO attachments (sha256, size_bytes, kind, password_protected, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                sha256,
                to_i64(facts.size),
                kind_code(facts),
                facts.password_protected,
                now
            ],
        )?;
        tx.execute(
            "INSERT INTO attachment_bytes (sha256, content) VALUES (?1, zeroblob(?2))",
            params![sha256, to_i64(facts.size)],
        )?;
        let row = tx.last_insert_rowid();
        {
            let mut blob = tx.blob_open("main", "attachment_bytes", "content", row, false)?;
            let mut buffer = vec![0; COPY_CHUNK];
            let mut copied: u64 = 0;
            loop {
                let n = content.read(&mut buffer).map_err(StoreError::Io)?;
                let Some(chunk) = buffer.get(..n).filter(|c| !c.is_empty()) else {
                    break;
                };
                std::io::Write::write_all(&mut blob, chunk).map_err(StoreError::Io)?;
                copied = copied.saturating_add(n as u64);
            }
            if copied != facts.size {
                return Err(StoreError::Io(std::io::Error::other(
                    "the document changed while it was stored",
                )));
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Documents no stored application names, last sent before `before` (seconds since
    /// 1970), with whether their bytes are in the database.
    pub fn unreferenced_documents(&self, before: i64) -> rusqlite::Result<Vec<(String, bool)>> {
        let mut stmt = self.conn.prepare(
            "SELECT sha256, EXISTS (SELECT 1 FROM attachment_bytes b WHERE b.sha256 = a.sha256)
             FROM attachments a
             WHERE received_at < ?1
               AND NOT EXISTS (SELECT 1 FROM application_attachments n WHERE n.sha256 = a.sha256)",
        )?;
        let rows = stmt.query_map(params![before], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// Removes a document (its bytes too, when they are in the database).
    pub fn remove_document(&self, sha256: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "DELETE FROM attachment_bytes WHERE sha256 = ?1",
            params![sha256],
        )?;
        self.conn
            .execute("DELETE FROM attachments WHERE sha256 = ?1", params![sha256])?;
        Ok(())
    }

    /// Reads a stored document's bytes in the database to `out` (for operators and tests);
    /// `false` if there are none.
    pub fn read_document(
        &self,
        sha256: &str,
        out: &mut impl std::io::Write,
    ) -> Result<bool, StoreError> {
        let row: Option<i64> = self
            .conn
            .query_row(
                "SELECT rowid FROM attachment_bytes WHERE sha256 = ?1",
                params![sha256],
                |r| r.get(0),
            )
            .optional()?;
        let Some(row) = row else {
            return Ok(false);
        };
        let mut blob = self
            .conn
            .blob_open("main", "attachment_bytes", "content", row, true)?;
        std::io::copy(&mut blob, out).map_err(StoreError::Io)?;
        Ok(true)
    }

    /// Whether a reference is taken.
    pub fn reference_exists(&self, reference: &str) -> rusqlite::Result<bool> {
        self.conn
            .query_row(
                "SELECT 1 FROM applications WHERE reference = ?1",
                params![reference],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
    }
}

/// An application from a row whose first six columns are the `applications` table's.
pub(super) fn stored_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        reference: r.get(0)?,
        idempotency_key: r.get(1)?,
        received_at: r.get(2)?,
        profile: r.get(3)?,
        body_sha256: r.get(4)?,
        body: r.get(5)?,
    })
}

/// Applies the migrations a database lacks, each in its own transaction with its record.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    conn.execute_batch(migrations::TABLE)?;
    let current: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?;
    for m in migrations::pending(migrations::SQLITE, current).map_err(StoreError::Schema)? {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, datetime('now'))",
            params![m.version, m.name],
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// Takes a lock even if a thread panicked while holding it. What is locked here stays
/// consistent through a panic: the in-flight set is changed by single `insert`/`remove` calls,
/// and an unfinished SQLite transaction is rolled back when its `Transaction` is dropped
/// during the unwinding. Without this, one panic would make every later request with the lock
/// fail (a key answered 409 for ever, the database 500 for ever).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct Shared {
    conn: Mutex<SqliteStore>,
    /// Held by a session for its whole sequence of steps.
    writer: Arc<tokio::sync::Mutex<()>>,
    in_flight: Mutex<HashSet<String>>,
}

/// The SQLite database shared by every request.
#[derive(Clone)]
pub struct Sqlite {
    shared: Arc<Shared>,
}

impl Sqlite {
    pub(crate) fn new(store: SqliteStore) -> Sqlite {
        Sqlite {
            shared: Arc::new(Shared {
                conn: Mutex::new(store),
                writer: Arc::new(tokio::sync::Mutex::new(())),
                in_flight: Mutex::new(HashSet::new()),
            }),
        }
    }

    /// Runs one step with the connection, on the blocking pool.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        step: impl FnOnce(&mut SqliteStore) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let shared = self.shared.clone();
        tokio::task::spawn_blocking(move || step(&mut lock(&shared.conn)))
            .await
            .map_err(|_| StoreError::Task)?
    }

    /// The connection itself, locked, for an operator's task that must hold the database
    /// (every request's step waits meanwhile). Blocks: call it on the blocking pool.
    pub fn connection(&self) -> MutexGuard<'_, SqliteStore> {
        lock(&self.shared.conn)
    }

    /// The writer's lock, for a sequence of steps.
    pub(crate) async fn session(&self) -> Session {
        Session {
            db: self.clone(),
            _writer: self.shared.writer.clone().lock_owned().await,
        }
    }

    /// Marks a key as being received; `None` if it already is.
    pub(crate) fn claim(&self, key: &str) -> Option<Claim> {
        lock(&self.shared.in_flight)
            .insert(key.to_owned())
            .then(|| Claim {
                db: self.clone(),
                key: key.to_owned(),
                session: None,
            })
    }
}

/// The writer's lock held; each step on the blocking pool.
pub struct Session {
    db: Sqlite,
    _writer: tokio::sync::OwnedMutexGuard<()>,
}

impl Session {
    pub(crate) async fn first_response(
        &mut self,
        key: &str,
    ) -> Result<Option<FirstResponse>, StoreError> {
        let key = key.to_owned();
        self.db
            .run(move |s| s.first_response(&key).map_err(StoreError::from))
            .await
    }

    pub(crate) async fn documents(
        &mut self,
        sha256s: Vec<String>,
    ) -> Result<Vec<Option<StoredDocument>>, StoreError> {
        self.db
            .run(move |s| {
                sha256s
                    .iter()
                    .map(|sha| s.document(sha).map_err(StoreError::from))
                    .collect()
            })
            .await
    }

    /// Sessions never overlap: nothing more to hold.
    pub(crate) async fn lock_document(&mut self, _sha256: &str) -> Result<(), StoreError> {
        Ok(())
    }

    pub(crate) async fn touch_document(
        &mut self,
        sha256: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let sha256 = sha256.to_owned();
        self.db
            .run(move |s| s.touch_document(&sha256, now).map_err(StoreError::from))
            .await
    }

    pub(crate) async fn remove_document(&mut self, sha256: &str) -> Result<(), StoreError> {
        let sha256 = sha256.to_owned();
        self.db
            .run(move |s| s.remove_document(&sha256).map_err(StoreError::from))
            .await
    }

    pub(crate) async fn add_document(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
    ) -> Result<(), StoreError> {
        let (sha256, facts) = (sha256.to_owned(), facts.clone());
        self.db
            .run(move |s| {
                s.add_document(&sha256, &facts, now)
                    .map_err(StoreError::from)
            })
            .await
    }

    pub(crate) async fn add_document_content(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
        content: Content,
    ) -> Result<(), StoreError> {
        let (sha256, facts) = (sha256.to_owned(), facts.clone());
        self.db
            .run(move |s| match content {
                Content::File(path) => {
                    let mut file = std::fs::File::open(path).map_err(StoreError::Io)?;
                    s.add_document_with_content(&sha256, &facts, now, &mut file)
                }
                Content::Bytes(bytes) => {
                    s.add_document_with_content(&sha256, &facts, now, &mut bytes.as_slice())
                }
            })
            .await
    }

    pub(crate) async fn unreferenced_documents(
        &mut self,
        before: i64,
    ) -> Result<Vec<(String, bool)>, StoreError> {
        self.db
            .run(move |s| s.unreferenced_documents(before).map_err(StoreError::from))
            .await
    }

    pub(crate) async fn reference_exists(&mut self, reference: &str) -> Result<bool, StoreError> {
        let reference = reference.to_owned();
        self.db
            .run(move |s| s.reference_exists(&reference).map_err(StoreError::from))
            .await
    }

    pub(crate) async fn accept(
        &mut self,
        app: &Stored,
        documents: &[NamedDocument],
        response: &str,
        outgoing: Option<&Outgoing>,
    ) -> Result<(), StoreError> {
        let (app, documents, response) = (app.clone(), documents.to_vec(), response.to_owned());
        let outgoing = outgoing.cloned();
        self.db
            .run(move |s| {
                s.accept(&app, &documents, &response, outgoing.as_ref())
                    .map_err(StoreError::from)
            })
            .await
    }

    /// Each write was committed as it was made: only the lock is let go of.
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// A key in the process's set of keys being received, taken out when dropped.
pub struct Claim {
    db: Sqlite,
    key: String,
    session: Option<super::Session>,
}

impl Claim {
    pub(crate) fn key(&self) -> &str {
        &self.key
    }

    /// The first response for the key, read without the writer's lock.
    pub(crate) async fn first_response(&self) -> Result<Option<FirstResponse>, StoreError> {
        let key = self.key.clone();
        self.db
            .run(move |s| s.first_response(&key).map_err(StoreError::from))
            .await
    }

    /// The writer's lock, taken the first time it is asked for.
    pub(crate) async fn session(&mut self) -> &mut super::Session {
        let session = match self.session.take() {
            Some(s) => s,
            None => super::Session::Sqlite(self.db.session().await),
        };
        self.session.insert(session)
    }

    /// Each write was committed as it was made: the key and the lock are let go of.
    pub(crate) async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        Ok(())
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        lock(&self.db.shared.in_flight).remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    /// An application as stored, under key `k1`.
    fn application() -> Stored {
        Stored {
            reference: "SSF-1".into(),
            idempotency_key: "k1".into(),
            received_at: "2025-04-30T10:00:00Z".into(),
            profile: "stockton-one-point".into(),
            body_sha256: "abc".into(),
            body: "{}".into(),
        }
    }

    #[test]
    fn accept_then_replay() {
        let mut s = SqliteStore::open(":memory:").unwrap();
        let app = application();
        s.accept(&app, &[], r#"{"reference":"SSF-1"}"#, None)
            .unwrap();
        assert_eq!(s.applications().unwrap(), vec![app.clone()]);
        let first = s.first_response("k1").unwrap().unwrap();
        assert_eq!((first.status, first.body_sha256.as_str()), (201, "abc"));
        assert!(s.first_response("k2").unwrap().is_none());
        // The same key cannot be stored twice: the transaction fails as a whole.
        let again = Stored {
            reference: "SSF-2".into(),
            ..app
        };
        assert!(s.accept(&again, &[], "{}", None).is_err());
        assert_eq!(s.applications().unwrap().len(), 1);
        assert!(s.reference_exists("SSF-1").unwrap());
    }

    #[test]
    fn documents_are_kept_named_and_removed_when_unnamed() {
        let mut s = SqliteStore::open(":memory:").unwrap();
        let pdf = b"%PDF-1.4\n%%EOF\n";
        let mut add = |name: &str, bytes: &[u8], now: i64| {
            let sha256 = crate::http::sha256_hex(bytes);
            let facts = sen_core::files::FileCheck::whole(name, bytes);
            if s.document(&sha256).unwrap().is_none() {
                let mut reader = bytes;
                s.add_document_with_content(&sha256, &facts, now, &mut reader)
                    .unwrap();
            }
            sha256
        };
        let named = add("report.pdf", pdf, 100);
        let other = add("notes.txt", b"notes\n", 100);
        assert_eq!(add("again.pdf", pdf, 150), named);
        let d = s.document(&named).unwrap().unwrap();
        assert_eq!(d.facts.kind, Some(FileKind::Pdf));
        assert_eq!(
            (d.facts.size, d.received_at, d.in_database),
            (15, 100, true)
        );
        let mut bytes = Vec::new();
        assert!(s.read_document(&named, &mut bytes).unwrap());
        assert_eq!(bytes, pdf);
        let app = application();
        let doc = NamedDocument {
            sha256: named.clone(),
            filename: Some("report.pdf".into()),
            attachment_type: Some("PROFESSIONAL_REPORT".into()),
            size_bytes: Some(15),
        };
        s.accept(&app, std::slice::from_ref(&doc), "{}", None)
            .unwrap();
        assert_eq!(s.documents_of("SSF-1").unwrap(), [(doc, true)]);
        // Only the unnamed one, and only once it is old enough.
        assert!(s.unreferenced_documents(100).unwrap().is_empty());
        assert_eq!(
            s.unreferenced_documents(101).unwrap(),
            [(other.clone(), true)]
        );
        assert!(s.touch_document(&other, 200).unwrap());
        assert!(s.unreferenced_documents(150).unwrap().is_empty());
        s.remove_document(&other).unwrap();
        assert!(s.document(&other).unwrap().is_none());
        assert!(!s.read_document(&other, &mut Vec::new()).unwrap());
        assert!(!s.touch_document(&other, 300).unwrap());
    }

    /// A thread panics while holding `mutex`, leaving it poisoned.
    fn poison<T: Send>(mutex: &Mutex<T>) {
        std::thread::scope(|s| {
            let _ = s
                .spawn(|| {
                    let _held = mutex.lock();
                    panic!("a panic while the lock is held (this test poisons it on purpose)");
                })
                .join();
        });
        assert!(mutex.is_poisoned());
    }

    fn shared() -> Sqlite {
        Sqlite::new(SqliteStore::open(":memory:").unwrap())
    }

    #[test]
    fn a_poisoned_in_flight_set_still_claims_and_releases_keys() {
        let s = shared();
        poison(&s.shared.in_flight);
        let claim = s.claim("key-00000001").expect("claimed despite the poison");
        assert!(s.claim("key-00000001").is_none(), "held while claimed");
        drop(claim);
        assert!(s.claim("key-00000001").is_some(), "released when dropped");
    }

    #[tokio::test]
    async fn a_poisoned_connection_is_still_usable() {
        let s = shared();
        poison(&s.shared.conn);
        let first = s
            .run(|s| s.first_response("key-00000001").map_err(StoreError::from))
            .await
            .unwrap();
        assert!(first.is_none());
        assert!(super::super::Store::Sqlite(s)
            .applications()
            .await
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_claim_is_released_when_its_thread_panics() {
        let s = shared();
        let claim = s.claim("key-00000002").unwrap();
        let _ = std::thread::spawn(move || {
            let _claim = claim;
            panic!("handling failed (on purpose)");
        })
        .join();
        assert!(s.claim("key-00000002").is_some());
    }

    #[tokio::test]
    async fn after_a_panic_with_the_in_flight_set_and_the_connection_locked_a_key_is_still_received(
    ) {
        use axum::body::Body;
        use axum::http::{Request, StatusCode};
        use tower::ServiceExt;
        // S01 and the documents it names, stored.
        let store = super::super::Store::sqlite(":memory:").unwrap();
        let mut s01: serde_json::Value = serde_json::from_str(include_str!(
            "../../../../tests/fixtures/scenarios/S01-complete-valid.json"
        ))
        .unwrap();
        let files = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/files/s01/"
        );
        for a in s01["attachments"].as_array_mut().unwrap() {
            let name = a["filename"].as_str().unwrap().to_owned();
            let bytes = std::fs::read(format!("{files}{name}")).unwrap();
            a["sha256"] = store
                .add_document_bytes(&name, &bytes, 0)
                .await
                .unwrap()
                .into();
            a["sizeBytes"] = bytes.len().into();
        }
        let super::super::Store::Sqlite(shared) = store.clone() else {
            panic!("a SQLite store");
        };
        poison(&shared.shared.in_flight);
        poison(&shared.shared.conn);
        let s = crate::AppState::new(
            store,
            // 2025-04-30T10:00:00Z: the day the scenarios are dated for.
            std::sync::Arc::new(|| {
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_746_007_200)
            }),
            None,
        );
        let request = Request::post("/applications")
            .header("content-type", "application/json")
            .header("idempotency-key", "2b1f6a52-1c1e-4a53-9a5e-0d0c2f1e7a11")
            .body(Body::from(s01.to_string()))
            .unwrap();
        let answer = crate::router(s.clone(), &crate::Config::default())
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::CREATED);
        assert_eq!(s.applications().await.len(), 1);
    }
}
