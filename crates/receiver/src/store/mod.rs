//! The database: applications accepted, the first response given for each idempotency key, the
//! documents received (their bytes too, unless they are kept in a directory) and which
//! documents each accepted application names. Two backends behind one async interface: an
//! embedded SQLite file (the default and the demo; `:memory:` for tests; one process) and
//! PostgreSQL (`postgres://…`; several receivers may share it). Every write is one
//! transaction; the HTTP response is sent only after it commits.
//!
//! The handlers work through a [`Session`]: the database held for a sequence of steps that
//! must not interleave with another's (look a document up, then store the application naming
//! it; store a document; remove old ones). In SQLite that is the one writer's lock, each step
//! run on the blocking pool; in PostgreSQL a transaction holding advisory locks. A key being
//! received is a [`Claim`]: in SQLite an entry in the process's set of keys in flight, in
//! PostgreSQL a transaction-level advisory lock on the key, which the server releases itself
//! if the instance holding it dies.

pub mod delivery;
mod delivery_postgres;
mod delivery_sqlite;
mod migrations;
pub mod postgres;
pub mod sqlite;
pub mod staff;
mod staff_postgres;
mod staff_sqlite;

use std::path::PathBuf;

use sen_core::files::FileFacts;

pub use sqlite::SqliteStore;

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

pub(crate) fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The code a document's kind is stored by (`PDF`); `NONE` for a file of no kind (never
/// stored: such a file is refused).
pub(crate) fn kind_code(facts: &FileFacts) -> &'static str {
    facts.kind.map_or("NONE", |k| k.code())
}

/// Why the database could not do what was asked.
#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    Postgres(tokio_postgres::Error),
    /// No connection to PostgreSQL could be had from the pool (or the pool could not be made).
    Pool(String),
    /// The schema cannot be used (a database newer than this receiver, say).
    Schema(String),
    Io(std::io::Error),
    /// The blocking task running a step ended without an answer (it panicked).
    Task,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Postgres(e)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "{e}"),
            StoreError::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}", db.message()),
                None => write!(f, "{e}"),
            },
            StoreError::Pool(e) | StoreError::Schema(e) => write!(f, "{e}"),
            StoreError::Io(e) => write!(f, "{e}"),
            StoreError::Task => write!(f, "the database step ended unexpectedly"),
        }
    }
}

/// Whether a `--database` value names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(database: &str) -> bool {
    database.starts_with("postgres://") || database.starts_with("postgresql://")
}

/// The receiver's database.
#[derive(Clone)]
pub enum Store {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// How a session holds the database against the sweep of old documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// Storing or looking up: documents are not removed meanwhile.
    Shared,
    /// Removing old documents: nothing else meanwhile.
    Exclusive,
}

impl Store {
    /// Opens the database `database` names (a `postgres://` URL, else a SQLite file, created
    /// if missing; `:memory:` for a private one) and brings its schema up to date.
    pub async fn open(database: &str) -> Result<Store, StoreError> {
        if is_postgres_url(database) {
            Ok(Store::Postgres(postgres::Postgres::open(database).await?))
        } else {
            Store::sqlite(database)
        }
    }

    /// Opens (and creates) a SQLite database; `:memory:` for a private in-memory one.
    pub fn sqlite(path: &str) -> Result<Store, StoreError> {
        Ok(Store::Sqlite(sqlite::Sqlite::new(SqliteStore::open(path)?)))
    }

    /// Whether the database answers, with the receiver's tables (`/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.run(|s| s.ping().map_err(StoreError::from)).await,
            Store::Postgres(p) => p.ping().await,
        }
    }

    /// Claims a key for receiving an application; `None` if it is already being received
    /// (here or, with PostgreSQL, by another instance): the caller answers 409. The claim
    /// lasts until it is dropped, committed or released.
    pub async fn claim(&self, key: &str) -> Result<Option<Claim>, StoreError> {
        match self {
            Store::Sqlite(s) => Ok(s.claim(key).map(|c| Claim::Sqlite(Box::new(c)))),
            Store::Postgres(p) => Ok(p.claim(key).await?.map(|session| Claim::Postgres {
                key: key.to_owned(),
                session: Session::Postgres(Box::new(session)),
            })),
        }
    }

    /// The database held for a sequence of steps (see `Hold`).
    pub async fn session(&self, hold: Hold) -> Result<Session, StoreError> {
        match self {
            Store::Sqlite(s) => Ok(Session::Sqlite(s.session().await)),
            Store::Postgres(p) => Ok(Session::Postgres(Box::new(p.session(hold).await?))),
        }
    }

    /// Every stored application, oldest first.
    pub async fn applications(&self) -> Result<Vec<Stored>, StoreError> {
        match self {
            Store::Sqlite(s) => s.run(|s| s.applications().map_err(StoreError::from)).await,
            Store::Postgres(p) => p.applications().await,
        }
    }

    /// The documents an application names, in its order, each with whether it is recorded.
    pub async fn documents_of(
        &self,
        reference: &str,
    ) -> Result<Vec<(NamedDocument, bool)>, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let reference = reference.to_owned();
                s.run(move |s| s.documents_of(&reference).map_err(StoreError::from))
                    .await
            }
            Store::Postgres(p) => p.documents_of(reference).await,
        }
    }

    /// The document recorded under a SHA-256, if any.
    pub async fn document(&self, sha256: &str) -> Result<Option<StoredDocument>, StoreError> {
        let mut session = self.session(Hold::Shared).await?;
        let found = session.documents(vec![sha256.to_owned()]).await?;
        session.commit().await?;
        Ok(found.into_iter().next().flatten())
    }

    /// A stored document's bytes in the database (for operators and tests); `None` if there
    /// are none.
    pub async fn read_document(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let sha256 = sha256.to_owned();
                s.run(move |s| {
                    let mut out = Vec::new();
                    Ok(s.read_document(&sha256, &mut out)?.then_some(out))
                })
                .await
            }
            Store::Postgres(p) => p.read_document(sha256).await,
        }
    }

    /// Stores a document's bytes in the database, checked as an upload is (for tests, and for
    /// operators importing files); its SHA-256. `now` in seconds since 1970.
    pub async fn add_document_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        now: i64,
    ) -> Result<String, StoreError> {
        let sha256 = crate::http::sha256_hex(bytes);
        let facts = sen_core::files::FileCheck::whole(name, bytes);
        let mut session = self.session(Hold::Shared).await?;
        session.lock_document(&sha256).await?;
        if session.documents(vec![sha256.clone()]).await?.first() == Some(&None) {
            session
                .add_document_content(&sha256, &facts, now, Content::Bytes(bytes.to_vec()))
                .await?;
        }
        session.commit().await?;
        Ok(sha256)
    }
}

/// Where a document's bytes come from when they are copied into the database.
pub enum Content {
    /// A file (an upload received whole), read a part at a time.
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// The database held for a sequence of steps; see the module's comment. Dropped without
/// `commit`, nothing it wrote stays (PostgreSQL); in SQLite each write is its own transaction.
pub enum Session {
    Sqlite(sqlite::Session),
    Postgres(Box<postgres::Session>),
}

macro_rules! each {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            Session::Sqlite($s) => $e,
            Session::Postgres($s) => $e,
        }
    };
}

impl Session {
    /// The first response given for a key, if any.
    pub async fn first_response(&mut self, key: &str) -> Result<Option<FirstResponse>, StoreError> {
        each!(self, s => s.first_response(key).await)
    }

    /// The documents recorded under these SHA-256s, in their order.
    pub async fn documents(
        &mut self,
        sha256s: Vec<String>,
    ) -> Result<Vec<Option<StoredDocument>>, StoreError> {
        each!(self, s => s.documents(sha256s).await)
    }

    /// Holds one document against another session storing it at once (a no-op in SQLite,
    /// whose sessions never overlap).
    pub async fn lock_document(&mut self, sha256: &str) -> Result<(), StoreError> {
        each!(self, s => s.lock_document(sha256).await)
    }

    /// Marks a document as sent again now (it is not old, whoever names it); whether there is
    /// one.
    pub async fn touch_document(&mut self, sha256: &str, now: i64) -> Result<bool, StoreError> {
        each!(self, s => s.touch_document(sha256, now).await)
    }

    /// Removes a document's record (and its bytes, when they are in the database).
    pub async fn remove_document(&mut self, sha256: &str) -> Result<(), StoreError> {
        each!(self, s => s.remove_document(sha256).await)
    }

    /// Records a document whose bytes are kept elsewhere (the attachments directory).
    pub async fn add_document(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
    ) -> Result<(), StoreError> {
        each!(self, s => s.add_document(sha256, facts, now).await)
    }

    /// Records a document with its bytes (`facts.size` of them), copied in a part at a time.
    pub async fn add_document_content(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
        content: Content,
    ) -> Result<(), StoreError> {
        each!(self, s => s.add_document_content(sha256, facts, now, content).await)
    }

    /// Documents no stored application names, last sent before `before` (seconds since
    /// 1970), with whether their bytes are in the database.
    pub async fn unreferenced_documents(
        &mut self,
        before: i64,
    ) -> Result<Vec<(String, bool)>, StoreError> {
        each!(self, s => s.unreferenced_documents(before).await)
    }

    /// Whether a reference is taken.
    pub async fn reference_exists(&mut self, reference: &str) -> Result<bool, StoreError> {
        each!(self, s => s.reference_exists(reference).await)
    }

    /// Stores an accepted application, the documents it names, the response for its key and
    /// its delivery to case management when there is one, in one transaction (with
    /// PostgreSQL, the session's own, committed by `commit`).
    pub async fn accept(
        &mut self,
        app: &Stored,
        documents: &[NamedDocument],
        response: &str,
        outgoing: Option<&delivery::Outgoing>,
    ) -> Result<(), StoreError> {
        each!(self, s => s.accept(app, documents, response, outgoing).await)
    }

    /// Ends the session, keeping what it wrote.
    pub async fn commit(self) -> Result<(), StoreError> {
        each!(self, s => s.commit().await)
    }
}

/// A key being received (see `Store::claim`): released when dropped, whichever way the
/// handling ends (an answer, an error, a panic, the client going away).
pub enum Claim {
    Sqlite(Box<sqlite::Claim>),
    /// The key's advisory lock, held by the session's transaction.
    Postgres {
        key: String,
        session: Session,
    },
}

impl Claim {
    /// The key claimed.
    pub fn key(&self) -> &str {
        match self {
            Claim::Sqlite(c) => c.key(),
            Claim::Postgres { key, .. } => key,
        }
    }

    /// The first response given for the claim's key, if any, looked up without holding the
    /// database for storing (with SQLite the writer's lock is not taken: the check that
    /// follows runs meanwhile for other keys).
    pub async fn first_response(&mut self) -> Result<Option<FirstResponse>, StoreError> {
        match self {
            Claim::Sqlite(c) => c.first_response().await,
            Claim::Postgres { key, session } => session.first_response(key).await,
        }
    }

    /// The database held for storing under this claim: with PostgreSQL the claim's own
    /// transaction; with SQLite the writer's lock, taken now (the check ran without it).
    pub async fn session(&mut self) -> Result<&mut Session, StoreError> {
        match self {
            Claim::Sqlite(c) => Ok(c.session().await),
            Claim::Postgres { session, .. } => Ok(session),
        }
    }

    /// Ends the claim, keeping what its session wrote (the application stored).
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Claim::Sqlite(c) => c.commit().await,
            Claim::Postgres { session, .. } => session.commit().await,
        }
    }

    /// Ends the claim, keeping nothing its session wrote, and frees the key at once.
    pub async fn release(self) {
        match self {
            Claim::Sqlite(c) => drop(c),
            Claim::Postgres { session, .. } => {
                if let Session::Postgres(s) = session {
                    s.rollback().await;
                }
            }
        }
    }
}
