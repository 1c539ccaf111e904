//! The outbox in PostgreSQL (`super::delivery`): a due row is taken `FOR UPDATE SKIP LOCKED`
//! in a transaction held while it is sent, then its attempt recorded and committed; another
//! instance skips it meanwhile. The request's timeout is shorter than the transaction's lease,
//! so a hung attempt frees the row rather than holding it.

use super::delivery::{Attempt, DeliveryState, Due, Outgoing};
use super::postgres::{Postgres, Session};
use super::StoreError;

impl Postgres {
    /// The delivery due soonest at `now_ms` that no other instance is sending, locked by the
    /// session returned.
    pub(crate) async fn take_due(&self, now_ms: i64) -> Result<Option<(Session, Due)>, StoreError> {
        let session = self.begin().await?;
        let row = session
            .client()?
            .query_opt(
                "SELECT reference, event, attempts FROM deliveries
                 WHERE delivered_at IS NULL AND next_attempt_ms <= $1
                 ORDER BY next_attempt_ms LIMIT 1 FOR UPDATE SKIP LOCKED",
                &[&now_ms],
            )
            .await?;
        let Some(r) = row else {
            session.rollback().await;
            return Ok(None);
        };
        let attempts: i32 = r.try_get(2)?;
        let due = Due {
            reference: r.try_get(0)?,
            event: r.try_get(1)?,
            attempts: u32::try_from(attempts).unwrap_or(0),
        };
        Ok(Some((session, due)))
    }

    pub(crate) async fn deliveries(
        &self,
        references: Vec<String>,
    ) -> Result<Vec<Option<DeliveryState>>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT reference, attempts, last_attempt_at, last_status, last_error, delivered_at
                 FROM deliveries WHERE reference = ANY($1)",
                &[&references],
            )
            .await?;
        let mut found = Vec::new();
        for r in &rows {
            let reference: String = r.try_get(0)?;
            let attempts: i32 = r.try_get(1)?;
            let status: Option<i32> = r.try_get(3)?;
            found.push((
                reference,
                DeliveryState {
                    attempts: i64::from(attempts),
                    last_attempt_at: r.try_get(2)?,
                    last_status: status.map(i64::from),
                    last_error: r.try_get(4)?,
                    delivered_at: r.try_get(5)?,
                },
            ));
        }
        Ok(references
            .iter()
            .map(|x| found.iter().find(|(r, _)| r == x).map(|(_, d)| d.clone()))
            .collect())
    }
}

impl Session {
    /// Writes an application's delivery in its transaction.
    pub(crate) async fn add_delivery(
        &mut self,
        reference: &str,
        outgoing: &Outgoing,
    ) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "INSERT INTO deliveries (reference, event, next_attempt_ms) VALUES ($1, $2, $3)",
                &[&reference, &outgoing.event, &outgoing.due_ms],
            )
            .await?;
        Ok(())
    }

    /// Records an attempt at the delivery this session holds.
    pub(crate) async fn record_attempt(
        &mut self,
        reference: &str,
        attempt: &Attempt,
        at: &str,
    ) -> Result<(), StoreError> {
        let client = self.client()?;
        match attempt {
            Attempt::Delivered { status } => {
                client
                    .execute(
                        "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = $2,
                             last_status = $3, last_error = NULL, delivered_at = $2
                         WHERE reference = $1",
                        &[&reference, &at, &i32::from(*status)],
                    )
                    .await?
            }
            Attempt::Failed {
                status,
                error,
                next_ms,
            } => {
                client
                    .execute(
                        "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = $2,
                             last_status = $3, last_error = $4, next_attempt_ms = $5
                         WHERE reference = $1",
                        &[&reference, &at, &status.map(i32::from), error, next_ms],
                    )
                    .await?
            }
        };
        Ok(())
    }
}
