//! The schema's versions: numbered SQL files, embedded in the binary, one list for each
//! backend. A database records the versions applied in `schema_migrations`; at start the
//! missing ones are applied in order, each in its own transaction, and a database at a version
//! newer than this binary knows is refused (it was migrated by a newer receiver).

/// A migration: its version (the file's number), its name and its SQL.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub(crate) const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("migrations/sqlite/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "staff",
        sql: include_str!("migrations/sqlite/0002_staff.sql"),
    },
    Migration {
        version: 3,
        name: "delivery",
        sql: include_str!("migrations/sqlite/0003_delivery.sql"),
    },
];

pub(crate) const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("migrations/postgres/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "staff",
        sql: include_str!("migrations/postgres/0002_staff.sql"),
    },
    Migration {
        version: 3,
        name: "delivery",
        sql: include_str!("migrations/postgres/0003_delivery.sql"),
    },
];

/// The table of versions applied, the same in both backends.
pub(crate) const TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The latest version in a list.
pub(crate) fn latest(list: &[Migration]) -> i64 {
    list.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The migrations to apply to a database at `current`: in order; else the refusal of a
/// database newer than this binary.
pub(crate) fn pending(list: &[Migration], current: i64) -> Result<Vec<&Migration>, String> {
    let latest = latest(list);
    if current > latest {
        return Err(format!(
            "the database's schema is at version {current}, newer than this sen-receiver knows \
             (version {latest}): it was upgraded by a newer sen-receiver; run that one, or restore \
             a copy made before the upgrade"
        ));
    }
    Ok(list.iter().filter(|m| m.version > current).collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn versions_are_numbered_from_one_without_gaps() {
        for list in [SQLITE, POSTGRES] {
            let versions: Vec<i64> = list.iter().map(|m| m.version).collect();
            let expected: Vec<i64> = (1..=i64::try_from(list.len()).unwrap()).collect();
            assert_eq!(versions, expected);
        }
    }

    #[test]
    fn pending_applies_what_is_missing_and_refuses_a_newer_database() {
        assert_eq!(pending(SQLITE, 0).unwrap().len(), SQLITE.len());
        assert!(pending(SQLITE, latest(SQLITE)).unwrap().is_empty());
        let refusal = pending(SQLITE, latest(SQLITE) + 1).err().unwrap();
        assert!(
            refusal.contains("newer than this sen-receiver"),
            "{refusal}"
        );
    }
}
