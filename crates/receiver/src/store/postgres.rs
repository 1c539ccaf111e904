//! PostgreSQL (`--database postgres://…`), for several receivers behind a load balancer on one
//! database: tokio-postgres connections from a deadpool pool.
//!
//! What one instance kept in memory for SQLite is in the database here. A key being received
//! is a transaction-level advisory lock on it (`pg_try_advisory_xact_lock`), taken in the
//! transaction that later stores the application and its key's first answer: a second request
//! with the key, on any instance, cannot take it and is answered 409; once the first commits,
//! a retry finds the stored answer and is replayed. If the instance dies mid-request its
//! connection closes, the server rolls the transaction back and the lock goes with it: nothing
//! is half-stored and the retry is served at once. A connection that stays open but idle in a
//! transaction (an instance hung, or its machine gone without closing the socket) loses it
//! after `LEASE` (`idle_in_transaction_session_timeout`), the claim's lease.
//!
//! The sweep of old documents holds an exclusive advisory lock while storing applications and
//! documents hold it shared, so a document looked up for an application cannot be removed
//! before the application naming it is stored (SQLite's one writer does the same). A document
//! being stored holds an advisory lock on its hash, so two instances receiving one file store
//! it once. Its bytes are kept in parts of `PART` bytes, read and written one at a time.

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use sen_core::codes::FileKind;
use sen_core::files::FileFacts;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;
use tokio_postgres::NoTls;

use super::delivery::Outgoing;
use super::{
    kind_code, migrations, to_i64, Content, FirstResponse, Hold, NamedDocument, StoreError, Stored,
    StoredDocument,
};

/// Connections kept open to the database by one instance.
const POOL_SIZE: usize = 16;
/// How long a request waits for a connection before it is answered 503.
const POOL_WAIT: Duration = Duration::from_secs(10);
/// How long a transaction may sit idle before the server ends it, freeing its locks, unless
/// set (`Postgres::open_with_lease`).
pub const LEASE: Duration = Duration::from_secs(30);
/// A document's bytes are stored in parts of this size.
const PART: usize = 1024 * 1024;
/// The advisory lock the sweep holds exclusively and storing holds shared.
const SWEEP_LOCK: i64 = 0x5345_4e5f_5357_4550; // "SEN_SWEP"
/// The advisory lock an application is stored under, from taking its place in the order
/// (`applications.seq`) to the commit, so that applications become visible in the order of
/// their places and the staff API's cursor (the last place listed) never passes one that
/// commits later with an earlier place.
const ORDER_LOCK: i64 = 0x5345_4e5f_4f52_4452; // "SEN_ORDR"
/// The advisory lock held while the schema is migrated.
const MIGRATION_LOCK: i64 = 0x5345_4e5f_4d49_4752; // "SEN_MIGR"

/// The advisory lock of a key or a document: 64 bits of the SHA-256 of what it locks and what
/// kind of thing it is (a collision would only make one wait for another).
fn lock_id(kind: &str, name: &str) -> i64 {
    let digest = Sha256::digest(format!("{kind}:{name}").as_bytes());
    let mut first = [0u8; 8];
    for (to, from) in first.iter_mut().zip(digest.iter()) {
        *to = *from;
    }
    i64::from_be_bytes(first)
}

/// The pool of connections to one PostgreSQL database.
#[derive(Clone)]
pub struct Postgres {
    pool: Pool,
    /// `LEASE`, in milliseconds.
    lease_ms: u64,
}

impl Postgres {
    /// A transaction on a connection of the pool, with the lease.
    pub(super) async fn begin(&self) -> Result<Session, StoreError> {
        Session::begin(self.connection().await?, self.lease_ms).await
    }
}

impl Postgres {
    /// Connects to the database `url` names and brings its schema up to date (or refuses a
    /// newer one).
    pub async fn open(url: &str) -> Result<Postgres, StoreError> {
        Postgres::open_with_lease(url, LEASE).await
    }

    /// `open`, with another lease for a claim whose instance stops answering (at least 1 ms).
    pub async fn open_with_lease(url: &str, lease: Duration) -> Result<Postgres, StoreError> {
        let config: tokio_postgres::Config = url.parse()?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        let lease_ms = u64::try_from(lease.as_millis()).unwrap_or(u64::MAX).max(1);
        let db = Postgres { pool, lease_ms };
        db.migrate().await?;
        Ok(db)
    }

    pub(super) async fn connection(&self) -> Result<Object, StoreError> {
        self.pool.get().await.map_err(|e| match e {
            deadpool_postgres::PoolError::Backend(e) => StoreError::Postgres(e),
            other => StoreError::Pool(other.to_string()),
        })
    }

    /// Applies the migrations the database lacks, one instance at a time.
    async fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.connection().await?;
        conn.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        let migrated = async {
            conn.batch_execute(migrations::TABLE).await?;
            let current: i64 = conn
                .query_one(
                    "SELECT coalesce(max(version), 0)::bigint FROM schema_migrations",
                    &[],
                )
                .await?
                .try_get(0)?;
            for m in migrations::pending(migrations::POSTGRES, current).map_err(StoreError::Schema)?
            {
                let tx = conn.transaction().await?;
                tx.batch_execute(m.sql).await?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now()::text)",
                    &[&m.version, &m.name],
                )
                .await?;
                tx.commit().await?;
            }
            Ok::<(), StoreError>(())
        }
        .await;
        conn.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await?;
        migrated
    }

    /// The schema's version (the latest migration applied).
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let conn = self.connection().await?;
        Ok(conn
            .query_one(
                "SELECT coalesce(max(version), 0)::bigint FROM schema_migrations",
                &[],
            )
            .await?
            .try_get(0)?)
    }

    pub(crate) async fn ping(&self) -> Result<(), StoreError> {
        self.connection()
            .await?
            .query("SELECT 1 FROM applications LIMIT 1", &[])
            .await?;
        Ok(())
    }

    /// A transaction holding the sweep's lock as `hold` says.
    pub(crate) async fn session(&self, hold: Hold) -> Result<Session, StoreError> {
        let mut session = Session::begin(self.connection().await?, self.lease_ms).await?;
        session.hold(hold).await?;
        Ok(session)
    }

    /// A transaction holding the key's advisory lock; `None` if another holds it.
    pub(crate) async fn claim(&self, key: &str) -> Result<Option<Session>, StoreError> {
        let mut session = Session::begin(self.connection().await?, self.lease_ms).await?;
        let row = session
            .client()?
            .query_one(
                "SELECT pg_try_advisory_xact_lock($1)",
                &[&lock_id("key", key)],
            )
            .await?;
        if !row.try_get::<_, bool>(0)? {
            session.rollback().await;
            return Ok(None);
        }
        session.hold(Hold::Shared).await?;
        Ok(Some(session))
    }

    pub(crate) async fn applications(&self) -> Result<Vec<Stored>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT reference, idempotency_key, received_at, profile, body_sha256, body
                 FROM applications ORDER BY seq",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| stored_row(r).map_err(StoreError::from))
            .collect()
    }

    pub(crate) async fn documents_of(
        &self,
        reference: &str,
    ) -> Result<Vec<(NamedDocument, bool)>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT n.sha256, n.filename, n.type, n.size_bytes, a.sha256 IS NOT NULL
                 FROM application_attachments n LEFT JOIN attachments a ON a.sha256 = n.sha256
                 WHERE n.reference = $1 ORDER BY n.position",
                &[&reference],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let size: Option<i64> = r.try_get(3)?;
                Ok((
                    NamedDocument {
                        sha256: r.try_get(0)?,
                        filename: r.try_get(1)?,
                        attachment_type: r.try_get(2)?,
                        size_bytes: size.and_then(|s| u64::try_from(s).ok()),
                    },
                    r.try_get(4)?,
                ))
            })
            .collect()
    }

    pub(crate) async fn read_document(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let conn = self.connection().await?;
        let parts: i64 = conn
            .query_one(
                "SELECT count(*) FROM attachment_bytes WHERE sha256 = $1",
                &[&sha256],
            )
            .await?
            .try_get(0)?;
        if parts == 0 {
            return Ok(None);
        }
        let mut out = Vec::new();
        for part in 0..parts {
            let part = i32::try_from(part).unwrap_or(i32::MAX);
            let row = conn
                .query_one(
                    "SELECT content FROM attachment_bytes WHERE sha256 = $1 AND part = $2",
                    &[&sha256, &part],
                )
                .await?;
            out.extend_from_slice(row.try_get::<_, &[u8]>(0)?);
        }
        Ok(Some(out))
    }
}

/// An open transaction on a pooled connection. Committed or rolled back, the connection goes
/// back to the pool; dropped unfinished (a panic, a cancelled task), the connection is taken
/// out of the pool and closed, so the server rolls the transaction back and frees its locks.
pub struct Session {
    conn: Option<Object>,
}

impl Session {
    async fn begin(conn: Object, lease_ms: u64) -> Result<Session, StoreError> {
        let session = Session { conn: Some(conn) };
        session
            .client()?
            .batch_execute(&format!(
                "BEGIN; SET LOCAL idle_in_transaction_session_timeout = {lease_ms}"
            ))
            .await?;
        Ok(session)
    }

    pub(super) fn client(&self) -> Result<&Object, StoreError> {
        self.conn
            .as_ref()
            .ok_or_else(|| StoreError::Pool("the session has ended".to_owned()))
    }

    async fn hold(&mut self, hold: Hold) -> Result<(), StoreError> {
        let query = match hold {
            Hold::Shared => "SELECT pg_advisory_xact_lock_shared($1)",
            Hold::Exclusive => "SELECT pg_advisory_xact_lock($1)",
        };
        self.client()?.execute(query, &[&SWEEP_LOCK]).await?;
        Ok(())
    }

    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        self.client()?.batch_execute("COMMIT").await?;
        // Back to the pool.
        self.conn.take();
        Ok(())
    }

    /// Ends the transaction keeping nothing (and, if even that fails, the connection).
    pub(crate) async fn rollback(mut self) {
        if let Ok(client) = self.client() {
            if client.batch_execute("ROLLBACK").await.is_ok() {
                self.conn.take();
            }
        }
    }

    pub(crate) async fn first_response(
        &mut self,
        key: &str,
    ) -> Result<Option<FirstResponse>, StoreError> {
        let client = self.client()?;
        let statement = client
            .prepare_cached(
                "SELECT body_sha256, status, response FROM idempotency WHERE idempotency_key = $1",
            )
            .await?;
        let Some(r) = client.query_opt(&statement, &[&key]).await? else {
            return Ok(None);
        };
        let status: i32 = r.try_get(1)?;
        Ok(Some(FirstResponse {
            body_sha256: r.try_get(0)?,
            status: u16::try_from(status).unwrap_or(500),
            response: r.try_get(2)?,
        }))
    }

    pub(crate) async fn documents(
        &mut self,
        sha256s: Vec<String>,
    ) -> Result<Vec<Option<StoredDocument>>, StoreError> {
        let client = self.client()?;
        let statement = client
            .prepare_cached(
                "SELECT sha256, size_bytes, kind, password_protected, received_at,
                        EXISTS (SELECT 1 FROM attachment_bytes b WHERE b.sha256 = a.sha256)
                 FROM attachments a WHERE sha256 = ANY($1)",
            )
            .await?;
        let rows = client.query(&statement, &[&sha256s]).await?;
        let mut found = Vec::new();
        for r in &rows {
            let sha: String = r.try_get(0)?;
            let size: i64 = r.try_get(1)?;
            let kind: String = r.try_get(2)?;
            found.push((
                sha,
                StoredDocument {
                    facts: FileFacts {
                        kind: FileKind::from_code(&kind),
                        size: u64::try_from(size).unwrap_or(0),
                        password_protected: r.try_get(3)?,
                    },
                    received_at: r.try_get(4)?,
                    in_database: r.try_get(5)?,
                },
            ));
        }
        Ok(sha256s
            .iter()
            .map(|sha| found.iter().find(|(s, _)| s == sha).map(|(_, d)| d.clone()))
            .collect())
    }

    pub(crate) async fn lock_document(&mut self, sha256: &str) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "SELECT pg_advisory_xact_lock($1)",
                &[&lock_id("document", sha256)],
            )
            .await?;
        Ok(())
    }

    pub(crate) async fn touch_document(
        &mut self,
        sha256: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let changed = self
            .client()?
            .execute(
                "UPDATE attachments SET received_at = greatest(received_at, $2) WHERE sha256 = $1",
                &[&sha256, &now],
            )
            .await?;
        Ok(changed > 0)
    }

    pub(crate) async fn remove_document(&mut self, sha256: &str) -> Result<(), StoreError> {
        let client = self.client()?;
        client
            .execute("DELETE FROM attachment_bytes WHERE sha256 = $1", &[&sha256])
            .await?;
        client
            .execute("DELETE FROM attachments WHERE sha256 = $1", &[&sha256])
            .await?;
        Ok(())
    }

    pub(crate) async fn add_document(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
    ) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "INSERT INTO attachments (sha256, size_bytes, kind, password_protected, received_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (sha256) DO UPDATE SET size_bytes = $2, kind = $3,
                     password_protected = $4, received_at = $5",
                &[
                    &sha256,
                    &to_i64(facts.size),
                    &kind_code(facts),
                    &facts.password_protected,
                    &now,
                ],
            )
            .await?;
        Ok(())
    }

    pub(crate) async fn add_document_content(
        &mut self,
        sha256: &str,
        facts: &FileFacts,
        now: i64,
        content: Content,
    ) -> Result<(), StoreError> {
        self.add_document(sha256, facts, now).await?;
        let client = self.client()?;
        let insert = client
            .prepare_cached(
                "INSERT INTO attachment_bytes (sha256, part, content) VALUES ($1, $2, $3)",
            )
            .await?;
        let mut copied: u64 = 0;
        let mut part: i32 = 0;
        let mut put = |bytes: &[u8]| {
            copied = copied.saturating_add(bytes.len() as u64);
            let this = part;
            part = part.saturating_add(1);
            (this, bytes.to_vec())
        };
        match content {
            Content::Bytes(bytes) => {
                for chunk in bytes.chunks(PART) {
                    let (n, chunk) = put(chunk);
                    client.execute(&insert, &[&sha256, &n, &chunk]).await?;
                }
            }
            Content::File(path) => {
                let mut file = tokio::fs::File::open(path).await.map_err(StoreError::Io)?;
                let mut buffer = vec![0; PART];
                loop {
                    let filled = fill(&mut file, &mut buffer).await?;
                    let Some(chunk) = buffer.get(..filled).filter(|c| !c.is_empty()) else {
                        break;
                    };
                    let (n, chunk) = put(chunk);
                    client.execute(&insert, &[&sha256, &n, &chunk]).await?;
                }
            }
        }
        if copied != facts.size {
            return Err(StoreError::Io(std::io::Error::other(
                "the document changed while it was stored",
            )));
        }
        Ok(())
    }

    pub(crate) async fn unreferenced_documents(
        &mut self,
        before: i64,
    ) -> Result<Vec<(String, bool)>, StoreError> {
        let rows = self
            .client()?
            .query(
                "SELECT sha256, EXISTS (SELECT 1 FROM attachment_bytes b WHERE b.sha256 = a.sha256)
                 FROM attachments a
                 WHERE received_at < $1
                   AND NOT EXISTS (SELECT 1 FROM application_attachments n WHERE n.sha256 = a.sha256)",
                &[&before],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    pub(crate) async fn reference_exists(&mut self, reference: &str) -> Result<bool, StoreError> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT 1 FROM applications WHERE reference = $1",
                &[&reference],
            )
            .await?
            .is_some())
    }

    pub(crate) async fn accept(
        &mut self,
        app: &Stored,
        documents: &[NamedDocument],
        response: &str,
        outgoing: Option<&Outgoing>,
    ) -> Result<(), StoreError> {
        let client = self.client()?;
        let named = client
            .prepare_cached(
                "INSERT INTO application_attachments (reference, position, sha256, filename, type, size_bytes)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .await?;
        for (position, d) in documents.iter().enumerate() {
            let position = i32::try_from(position).unwrap_or(i32::MAX);
            let size = d.size_bytes.map(to_i64);
            client
                .execute(
                    &named,
                    &[
                        &app.reference,
                        &position,
                        &d.sha256,
                        &d.filename,
                        &d.attachment_type,
                        &size,
                    ],
                )
                .await?;
        }
        client
            .execute("SELECT pg_advisory_xact_lock($1)", &[&ORDER_LOCK])
            .await?;
        let insert = client
            .prepare_cached(
                "INSERT INTO applications (reference, idempotency_key, received_at, profile, body_sha256, body)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .await?;
        client
            .execute(
                &insert,
                &[
                    &app.reference,
                    &app.idempotency_key,
                    &app.received_at,
                    &app.profile,
                    &app.body_sha256,
                    &app.body,
                ],
            )
            .await?;
        let first = client
            .prepare_cached(
                "INSERT INTO idempotency (idempotency_key, body_sha256, status, response) VALUES ($1, $2, 201, $3)",
            )
            .await?;
        client
            .execute(&first, &[&app.idempotency_key, &app.body_sha256, &response])
            .await?;
        if let Some(outgoing) = outgoing {
            self.add_delivery(&app.reference, outgoing).await?;
        }
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Unfinished: closed, not reused (the server rolls back and frees its locks).
            drop(Object::take(conn));
        }
    }
}

/// An application from a row whose first six columns are the `applications` table's.
pub(super) fn stored_row(r: &tokio_postgres::Row) -> Result<Stored, tokio_postgres::Error> {
    Ok(Stored {
        reference: r.try_get(0)?,
        idempotency_key: r.try_get(1)?,
        received_at: r.try_get(2)?,
        profile: r.try_get(3)?,
        body_sha256: r.try_get(4)?,
        body: r.try_get(5)?,
    })
}

/// Reads until `buffer` is full or the file ends; how much was read.
async fn fill(file: &mut tokio::fs::File, buffer: &mut [u8]) -> Result<usize, StoreError> {
    let mut filled = 0;
    while let Some(rest) = buffer.get_mut(filled..).filter(|r| !r.is_empty()) {
        let n = file.read(rest).await.map_err(StoreError::Io)?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}
