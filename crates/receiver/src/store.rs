//! The database: applications accepted, and the first response given for each idempotency key.
//! An embedded SQLite file by default (`:memory:` for tests). Every write is one transaction;
//! the HTTP response is sent only after it commits.

use rusqlite::{params, Connection, OptionalExtension};

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
";

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

    /// Stores an accepted application and the response for its key, in one transaction.
    pub fn accept(&mut self, app: &Stored, response: &str) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_then_replay() {
        let mut s = Store::open(":memory:").unwrap();
        let app = Stored {
            reference: "SSF-1".into(),
            idempotency_key: "k1".into(),
            received_at: "2025-04-30T10:00:00Z".into(),
            profile: "stockton-one-point".into(),
            body_sha256: "abc".into(),
            body: "{}".into(),
        };
        s.accept(&app, r#"{"reference":"SSF-1"}"#).unwrap();
        assert_eq!(s.applications().unwrap(), vec![app.clone()]);
        let first = s.first_response("k1").unwrap().unwrap();
        assert_eq!((first.status, first.body_sha256.as_str()), (201, "abc"));
        assert!(s.first_response("k2").unwrap().is_none());
        // The same key cannot be stored twice: the transaction fails as a whole.
        let again = Stored {
            reference: "SSF-2".into(),
            ..app
        };
        assert!(s.accept(&again, "{}").is_err());
        assert_eq!(s.applications().unwrap().len(), 1);
        assert!(s.reference_exists("SSF-1").unwrap());
    }
}
