//! The database: applications accepted, the first response given for each idempotency key, the
//! documents received (their bytes too, unless they are kept in a directory) and which
//! documents each accepted application names. An embedded SQLite file by default (`:memory:`
//! for tests). Every write is one transaction; the HTTP response is sent only after it commits.

use std::io::Read;

use rusqlite::{params, Connection, OptionalExtension};
use sen_core::codes::FileKind;
use sen_core::files::FileFacts;

/// An application stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub reference: String,
    pub idempotency_key: String,
    pub received_at: String,
    pub profile: String,
    pub body_sha256: String,
    pub body: String,
}

/// The response first given for a key, replayed for the same key and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstResponse {
    pub body_sha256: String,
    pub status: u16,
    pub response: String,
}

/// The receiver's database.
pub struct Store {
    conn: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS applications (
    reference       TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    received_at     TEXT NOT NULL,
    profile         TEXT NOT NULL,
    body_sha256     TEXT NOT NULL,
    body            TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    idempotency_key TEXT PRIMARY KEY,
    body_sha256     TEXT NOT NULL,
    status          INTEGER NOT NULL,
    response        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
    sha256             TEXT PRIMARY KEY,
    size_bytes         INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    password_protected INTEGER NOT NULL,
    received_at        INTEGER NOT NULL
);
-- A document's bytes, apart from its facts: the facts' row is read and updated (each time the
-- file is sent again) without touching the bytes, which SQLite would otherwise read and write
-- whole with the row.
CREATE TABLE IF NOT EXISTS attachment_bytes (
    sha256  TEXT PRIMARY KEY,
    content BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS application_attachments (
    reference  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    filename   TEXT,
    type       TEXT,
    size_bytes INTEGER,
    PRIMARY KEY (reference, position)
);
CREATE INDEX IF NOT EXISTS application_attachments_by_sha256 ON application_attachments (sha256);
";

/// A document received: what the checks found in its bytes. `received_at` is the last time it
/// was sent, in seconds since 1970; `in_database`: its bytes are in the database (else in the
/// attachments directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub facts: FileFacts,
    pub received_at: i64,
    pub in_database: bool,
}

/// A document an accepted application names, as it names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedDocument {
    pub sha256: String,
    pub filename: Option<String>,
    /// The attachment type's code (`PROFESSIONAL_REPORT`).
    pub attachment_type: Option<String>,
    pub size_bytes: Option<u64>,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// How much of a document is copied into the database at a time.
const COPY_CHUNK: usize = 64 * 1024;

impl Store {
    /// Opens (and creates) the database at `path`; `:memory:` for a private in-memory one.
    pub fn open(path: &str) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
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
        tx.commit()
    }

    /// Every stored application, oldest first.
    pub fn applications(&self) -> rusqlite::Result<Vec<Stored>> {
        let mut stmt = self.conn.prepare(
            "SELECT reference, idempotency_key, received_at, profile, body_sha256, body
             FROM applications ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Stored {
                reference: r.get(0)?,
                idempotency_key: r.get(1)?,
                received_at: r.get(2)?,
                profile: r.get(3)?,
                body_sha256: r.get(4)?,
                body: r.get(5)?,
            })
        })?;
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

    /// Stores a document's bytes in the database, checked as an upload is (for tests, and for
    /// operators importing files); its SHA-256. `now` in seconds since 1970.
    pub fn add_document_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        now: i64,
    ) -> Result<String, StoreError> {
        let sha256 = crate::http::sha256_hex(bytes);
        let facts = sen_core::files::FileCheck::whole(name, bytes);
        if self.document(&sha256)?.is_none() {
            let mut reader = bytes;
            self.add_document_with_content(&sha256, &facts, now, &mut reader)?;
        }
        Ok(sha256)
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

/// The code a document's kind is stored by (`PDF`); `NONE` for a file of no kind (never
/// stored: such a file is refused).
fn kind_code(facts: &FileFacts) -> &'static str {
    facts.kind.map_or("NONE", |k| k.code())
}

/// Why a document could not be stored.
#[derive(Debug)]
pub enum StoreError {
    Database(rusqlite::Error),
    Io(std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Database(e) => write!(f, "{e}"),
            StoreError::Io(e) => write!(f, "{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
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
        let mut s = Store::open(":memory:").unwrap();
        let app = application();
        s.accept(&app, &[], r#"{"reference":"SSF-1"}"#).unwrap();
        assert_eq!(s.applications().unwrap(), vec![app.clone()]);
        let first = s.first_response("k1").unwrap().unwrap();
        assert_eq!((first.status, first.body_sha256.as_str()), (201, "abc"));
        assert!(s.first_response("k2").unwrap().is_none());
        // The same key cannot be stored twice: the transaction fails as a whole.
        let again = Stored {
            reference: "SSF-2".into(),
            ..app
        };
        assert!(s.accept(&again, &[], "{}").is_err());
        assert_eq!(s.applications().unwrap().len(), 1);
        assert!(s.reference_exists("SSF-1").unwrap());
    }

    #[test]
    fn documents_are_kept_named_and_removed_when_unnamed() {
        let mut s = Store::open(":memory:").unwrap();
        let pdf = b"%PDF-1.4\n%%EOF\n";
        let named = s.add_document_bytes("report.pdf", pdf, 100).unwrap();
        let other = s.add_document_bytes("notes.txt", b"notes\n", 100).unwrap();
        assert_eq!(s.add_document_bytes("again.pdf", pdf, 150).unwrap(), named);
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
        s.accept(&app, std::slice::from_ref(&doc), "{}").unwrap();
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
}
