//! The staff API's tables in SQLite (`staff.rs` says what each does).

use rusqlite::{params, OptionalExtension, Row};

use super::sqlite::{stored_row, SqliteStore};
use super::staff::{ApiKey, AuditRow, KeyHash, Listed, Revoked, StatusRecord, RECEIVED};
use super::{StoreError, Stored};

fn status_record(r: &Row<'_>, from: usize) -> rusqlite::Result<Option<StatusRecord>> {
    let status: Option<String> = r.get(from)?;
    let Some(status) = status else {
        return Ok(None);
    };
    Ok(Some(StatusRecord {
        status,
        amount_pence: r.get(from + 1)?,
        note: r.get(from + 2)?,
        changed_at: r.get(from + 3)?,
        changed_by: r.get(from + 4)?,
    }))
}

fn insert_audit(conn: &rusqlite::Connection, row: &AuditRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO staff_audit (at, key_name, action, reference, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![row.at, row.key_name, row.action, row.reference, row.detail])?;
    Ok(())
}

impl SqliteStore {
    pub(crate) fn add_key(
        &mut self,
        name: &str,
        sha256: &str,
        at: &str,
    ) -> Result<bool, StoreError> {
        let added = self.conn.execute(
            "INSERT INTO api_keys (name, key_sha256, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO NOTHING",
            params![name, sha256, at],
        )?;
        Ok(added == 1)
    }

    pub(crate) fn keys(&mut self) -> Result<Vec<ApiKey>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, created_at, revoked_at FROM api_keys ORDER BY created_at, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ApiKey {
                name: r.get(0)?,
                created_at: r.get(1)?,
                revoked_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn key_hashes(&mut self) -> Result<Vec<KeyHash>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, key_sha256, revoked_at IS NOT NULL FROM api_keys")?;
        let rows = stmt.query_map([], |r| {
            Ok(KeyHash {
                name: r.get(0)?,
                sha256: r.get(1)?,
                revoked: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn revoke_key(&mut self, name: &str, at: &str) -> Result<Revoked, StoreError> {
        let tx = self.conn.transaction()?;
        let found: Option<Option<String>> = tx
            .query_row(
                "SELECT revoked_at FROM api_keys WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
            .optional()?;
        let outcome = match found {
            None => Revoked::NoSuchKey,
            Some(Some(_)) => Revoked::Already,
            Some(None) => {
                tx.execute(
                    "UPDATE api_keys SET revoked_at = ?2 WHERE name = ?1",
                    params![name, at],
                )?;
                Revoked::Now
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    pub(crate) fn audit(&mut self, row: &AuditRow) -> Result<(), StoreError> {
        Ok(insert_audit(&self.conn, row)?)
    }

    pub(crate) fn audit_rows(&mut self) -> Result<Vec<AuditRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT at, key_name, action, reference, detail FROM staff_audit ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                key_name: r.get(1)?,
                action: r.get(2)?,
                reference: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn page(
        &mut self,
        since: i64,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Listed>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.rowid, a.reference, a.received_at, a.profile, coalesce(s.status, ?2)
             FROM applications a LEFT JOIN application_status s ON s.reference = a.reference
             WHERE a.rowid > ?1 AND (?3 IS NULL OR coalesce(s.status, ?2) = ?3)
             ORDER BY a.rowid LIMIT ?4",
        )?;
        let rows = stmt.query_map(params![since, RECEIVED, status, limit], |r| {
            Ok(Listed {
                seq: r.get(0)?,
                reference: r.get(1)?,
                received_at: r.get(2)?,
                profile: r.get(3)?,
                status: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn application(
        &mut self,
        reference: &str,
    ) -> Result<Option<(Stored, Option<StatusRecord>)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT a.reference, a.idempotency_key, a.received_at, a.profile, a.body_sha256, a.body,
                        s.status, s.amount_pence, s.note, s.changed_at, s.changed_by
                 FROM applications a LEFT JOIN application_status s ON s.reference = a.reference
                 WHERE a.reference = ?1",
                params![reference],
                |r| Ok((stored_row(r)?, status_record(r, 6)?)),
            )
            .optional()?)
    }

    pub(crate) fn set_status(
        &mut self,
        reference: &str,
        status: &StatusRecord,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let exists = tx
            .query_row(
                "SELECT 1 FROM applications WHERE reference = ?1",
                params![reference],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !exists {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO application_status (reference, status, amount_pence, note, changed_at, changed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (reference) DO UPDATE SET status = excluded.status,
                 amount_pence = excluded.amount_pence, note = excluded.note,
                 changed_at = excluded.changed_at, changed_by = excluded.changed_by",
            params![reference, status.status, status.amount_pence, status.note, status.changed_at, status.changed_by],
        )?;
        insert_audit(&tx, audit)?;
        tx.commit()?;
        Ok(true)
    }
}
