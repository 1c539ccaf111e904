//! The outbox of deliveries to case management (`crate::delivery`): a row per application
//! stored while `--forward-url` is set, written by `Session::accept` in the application's own
//! transaction; taken when due by the delivery worker and its attempt recorded. With
//! PostgreSQL a row being sent is locked (`FOR UPDATE SKIP LOCKED`) by the transaction that
//! records its attempt, so two instances never send one row at once, and a row whose instance
//! dies mid-attempt is free again when the server ends that transaction.

use super::{postgres, sqlite, Store, StoreError};

/// A delivery to write with an application: the event's body and when it is first due
/// (milliseconds since 1970).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub event: String,
    pub due_ms: i64,
}

/// A delivery that is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub reference: String,
    pub event: String,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// A 2xx: delivered, never sent again.
    Delivered { status: u16 },
    /// Another status, or no answer (`error` says why); tried again at `next_ms`.
    Failed {
        status: Option<u16>,
        error: Option<String>,
        next_ms: i64,
    },
}

/// Where a delivery stands (the staff API's `delivery`, `--list`'s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryState {
    pub attempts: i64,
    pub last_attempt_at: Option<String>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
}

impl DeliveryState {
    /// As the staff API and `--list` show it; null for an application with no delivery
    /// (stored while delivery was off).
    pub fn json_of(state: Option<DeliveryState>) -> serde_json::Value {
        state.map_or(serde_json::Value::Null, |d| d.json())
    }

    /// As the staff API and `--list` show it.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "state": if self.delivered_at.is_some() { "delivered" } else { "pending" },
            "attempts": self.attempts,
            "lastAttemptAt": self.last_attempt_at,
            "lastStatus": self.last_status,
            "lastError": self.last_error,
            "deliveredAt": self.delivered_at,
        })
    }
}

/// A due delivery taken for an attempt; `finish` records how it went.
pub enum Taken {
    Sqlite {
        db: sqlite::Sqlite,
        due: Due,
    },
    Postgres {
        session: Box<postgres::Session>,
        due: Due,
    },
}

impl Taken {
    pub fn due(&self) -> &Due {
        match self {
            Taken::Sqlite { due, .. } | Taken::Postgres { due, .. } => due,
        }
    }

    /// Records the attempt (at `at`, RFC 3339) and lets the row go.
    pub async fn finish(self, attempt: Attempt, at: &str) -> Result<(), StoreError> {
        match self {
            Taken::Sqlite { db, due } => {
                let at = at.to_owned();
                db.run(move |s| {
                    s.record_attempt(&due.reference, &attempt, &at)
                        .map_err(StoreError::from)
                })
                .await
            }
            Taken::Postgres { mut session, due } => {
                session.record_attempt(&due.reference, &attempt, at).await?;
                session.commit().await
            }
        }
    }
}

impl Store {
    /// The delivery due soonest at `now_ms` (milliseconds since 1970) that no one else is
    /// sending, if any.
    pub async fn take_due(&self, now_ms: i64) -> Result<Option<Taken>, StoreError> {
        match self {
            Store::Sqlite(s) => {
                let due = s
                    .run(move |s| s.due(now_ms).map_err(StoreError::from))
                    .await?;
                Ok(due.map(|due| Taken::Sqlite { db: s.clone(), due }))
            }
            Store::Postgres(p) => {
                Ok(p.take_due(now_ms)
                    .await?
                    .map(|(session, due)| Taken::Postgres {
                        session: Box::new(session),
                        due,
                    }))
            }
        }
    }

    /// Where the deliveries of these applications stand, in their order (`None`: it has no
    /// delivery, stored while delivery was off).
    pub async fn deliveries(
        &self,
        references: Vec<String>,
    ) -> Result<Vec<Option<DeliveryState>>, StoreError> {
        match self {
            Store::Sqlite(s) => {
                s.run(move |s| {
                    references
                        .iter()
                        .map(|r| s.delivery(r).map_err(StoreError::from))
                        .collect()
                })
                .await
            }
            Store::Postgres(p) => p.deliveries(references).await,
        }
    }
}
