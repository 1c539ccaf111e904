//! The outbox in SQLite (`super::delivery`): the one process's worker is the only sender, so
//! a row taken needs no lock while it is sent.

use rusqlite::{params, OptionalExtension};

use super::delivery::{Attempt, DeliveryState, Due, Outgoing};
use super::sqlite::SqliteStore;

/// Writes an application's delivery in its transaction.
pub(super) fn add(
    tx: &rusqlite::Transaction<'_>,
    reference: &str,
    outgoing: &Outgoing,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO deliveries (reference, event, next_attempt_ms) VALUES (?1, ?2, ?3)",
        params![reference, outgoing.event, outgoing.due_ms],
    )?;
    Ok(())
}

impl SqliteStore {
    /// The delivery due soonest at `now_ms`, if any.
    pub fn due(&self, now_ms: i64) -> rusqlite::Result<Option<Due>> {
        self.conn
            .prepare_cached(
                "SELECT reference, event, attempts FROM deliveries
                 WHERE delivered_at IS NULL AND next_attempt_ms <= ?1
                 ORDER BY next_attempt_ms LIMIT 1",
            )?
            .query_row(params![now_ms], |r| {
                let attempts: i64 = r.get(2)?;
                Ok(Due {
                    reference: r.get(0)?,
                    event: r.get(1)?,
                    attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                })
            })
            .optional()
    }

    /// Records an attempt at a delivery.
    pub fn record_attempt(
        &self,
        reference: &str,
        attempt: &Attempt,
        at: &str,
    ) -> rusqlite::Result<()> {
        match attempt {
            Attempt::Delivered { status } => self.conn.execute(
                "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?2,
                     last_status = ?3, last_error = NULL, delivered_at = ?2
                 WHERE reference = ?1",
                params![reference, at, status],
            )?,
            Attempt::Failed {
                status,
                error,
                next_ms,
            } => self.conn.execute(
                "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?2,
                     last_status = ?3, last_error = ?4, next_attempt_ms = ?5
                 WHERE reference = ?1",
                params![reference, at, status, error, next_ms],
            )?,
        };
        Ok(())
    }

    /// Where an application's delivery stands, if it has one.
    pub fn delivery(&self, reference: &str) -> rusqlite::Result<Option<DeliveryState>> {
        self.conn
            .prepare_cached(
                "SELECT attempts, last_attempt_at, last_status, last_error, delivered_at
                 FROM deliveries WHERE reference = ?1",
            )?
            .query_row(params![reference], |r| {
                Ok(DeliveryState {
                    attempts: r.get(0)?,
                    last_attempt_at: r.get(1)?,
                    last_status: r.get(2)?,
                    last_error: r.get(3)?,
                    delivered_at: r.get(4)?,
                })
            })
            .optional()
    }
}
