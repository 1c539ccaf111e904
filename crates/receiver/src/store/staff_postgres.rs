//! The staff API's tables in PostgreSQL (`staff.rs` says what each does).

use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use super::postgres::{stored_row, Postgres};
use super::staff::{ApiKey, AuditRow, KeyHash, Listed, Revoked, StatusRecord, RECEIVED};
use super::{StoreError, Stored};

fn status_record(r: &Row, from: usize) -> Result<Option<StatusRecord>, tokio_postgres::Error> {
    let status: Option<String> = r.try_get(from)?;
    let Some(status) = status else {
        return Ok(None);
    };
    Ok(Some(StatusRecord {
        status,
        amount_pence: r.try_get(from + 1)?,
        note: r.try_get(from + 2)?,
        changed_at: r.try_get(from + 3)?,
        changed_by: r.try_get(from + 4)?,
    }))
}

async fn insert_audit(client: &impl GenericClient, row: &AuditRow) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO staff_audit (at, key_name, action, reference, detail) VALUES ($1, $2, $3, $4, $5)",
            &[&row.at, &row.key_name, &row.action, &row.reference, &row.detail],
        )
        .await?;
    Ok(())
}

impl Postgres {
    pub(crate) async fn add_key(
        &self,
        name: &str,
        sha256: &str,
        at: &str,
    ) -> Result<bool, StoreError> {
        let added = self
            .connection()
            .await?
            .execute(
                "INSERT INTO api_keys (name, key_sha256, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO NOTHING",
                &[&name, &sha256, &at],
            )
            .await?;
        Ok(added == 1)
    }

    pub(crate) async fn keys(&self) -> Result<Vec<ApiKey>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT name, created_at, revoked_at FROM api_keys ORDER BY created_at, name",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiKey {
                    name: r.try_get(0)?,
                    created_at: r.try_get(1)?,
                    revoked_at: r.try_get(2)?,
                })
            })
            .collect()
    }

    pub(crate) async fn key_hashes(&self) -> Result<Vec<KeyHash>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT name, key_sha256, revoked_at IS NOT NULL FROM api_keys",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(KeyHash {
                    name: r.try_get(0)?,
                    sha256: r.try_get(1)?,
                    revoked: r.try_get(2)?,
                })
            })
            .collect()
    }

    pub(crate) async fn revoke_key(&self, name: &str, at: &str) -> Result<Revoked, StoreError> {
        let mut conn = self.connection().await?;
        let tx = conn.transaction().await?;
        let found = tx
            .query_opt(
                "SELECT revoked_at FROM api_keys WHERE name = $1 FOR UPDATE",
                &[&name],
            )
            .await?;
        let outcome = match found {
            None => Revoked::NoSuchKey,
            Some(r) if r.try_get::<_, Option<String>>(0)?.is_some() => Revoked::Already,
            Some(_) => {
                tx.execute(
                    "UPDATE api_keys SET revoked_at = $2 WHERE name = $1",
                    &[&name, &at],
                )
                .await?;
                Revoked::Now
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    pub(crate) async fn audit(&self, row: &AuditRow) -> Result<(), StoreError> {
        insert_audit(&self.connection().await?, row).await
    }

    pub(crate) async fn audit_rows(&self) -> Result<Vec<AuditRow>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT at, key_name, action, reference, detail FROM staff_audit ORDER BY seq",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    at: r.try_get(0)?,
                    key_name: r.try_get(1)?,
                    action: r.try_get(2)?,
                    reference: r.try_get(3)?,
                    detail: r.try_get(4)?,
                })
            })
            .collect()
    }

    pub(crate) async fn page(
        &self,
        since: i64,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Listed>, StoreError> {
        let rows = self
            .connection()
            .await?
            .query(
                "SELECT a.seq, a.reference, a.received_at, a.profile, coalesce(s.status, $2)
                 FROM applications a LEFT JOIN application_status s ON s.reference = a.reference
                 WHERE a.seq > $1 AND ($3::text IS NULL OR coalesce(s.status, $2) = $3)
                 ORDER BY a.seq LIMIT $4",
                &[&since, &RECEIVED, &status, &limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Listed {
                    seq: r.try_get(0)?,
                    reference: r.try_get(1)?,
                    received_at: r.try_get(2)?,
                    profile: r.try_get(3)?,
                    status: r.try_get(4)?,
                })
            })
            .collect()
    }

    pub(crate) async fn application(
        &self,
        reference: &str,
    ) -> Result<Option<(Stored, Option<StatusRecord>)>, StoreError> {
        let row = self
            .connection()
            .await?
            .query_opt(
                "SELECT a.reference, a.idempotency_key, a.received_at, a.profile, a.body_sha256, a.body,
                        s.status, s.amount_pence, s.note, s.changed_at, s.changed_by
                 FROM applications a LEFT JOIN application_status s ON s.reference = a.reference
                 WHERE a.reference = $1",
                &[&reference],
            )
            .await?;
        match row {
            None => Ok(None),
            Some(r) => Ok(Some((stored_row(&r)?, status_record(&r, 6)?))),
        }
    }

    pub(crate) async fn set_status(
        &self,
        reference: &str,
        status: &StatusRecord,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let mut conn = self.connection().await?;
        let tx = conn.transaction().await?;
        let exists = tx
            .query_opt(
                "SELECT 1 FROM applications WHERE reference = $1",
                &[&reference],
            )
            .await?
            .is_some();
        if !exists {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO application_status (reference, status, amount_pence, note, changed_at, changed_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (reference) DO UPDATE SET status = excluded.status,
                 amount_pence = excluded.amount_pence, note = excluded.note,
                 changed_at = excluded.changed_at, changed_by = excluded.changed_by",
            &[
                &reference,
                &status.status,
                &status.amount_pence,
                &status.note,
                &status.changed_at,
                &status.changed_by,
            ],
        )
        .await?;
        insert_audit(&tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }
}
