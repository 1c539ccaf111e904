#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The schema's versions on both backends, through the real binary: a new database is
//! created at the latest version; a database made before the versions were recorded is
//! migrated at start and keeps what it holds; a database at a version newer than the binary
//! knows is refused with a message that says so; two instances starting at once on a new
//! PostgreSQL database both start.

mod common;

use std::process::Command;

use common::{Receiver, RECEIVER};

/// The latest version this receiver knows (its last migration file's number).
fn latest() -> i64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store/migrations/sqlite");
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.get(..4)?.parse().ok())
        .max()
        .unwrap()
}

fn list(database: &str) -> std::process::Output {
    Command::new(RECEIVER)
        .args(["--list", "--database", database])
        .output()
        .unwrap()
}

/// The SQL of the first migration, as the receiver before numbered migrations ran it.
const BEFORE_VERSIONS: &str = include_str!("../src/store/migrations/sqlite/0001_initial.sql");

const AN_APPLICATION: &str = "INSERT INTO applications (reference, idempotency_key, received_at, profile, body_sha256, body)
     VALUES ('SSF-OLD0000001', 'old-key-000001', '2025-04-30T10:00:00Z', 'stockton-one-point', 'abc', '{}')";

#[test]
fn sqlite_a_database_from_before_the_versions_is_migrated_and_a_newer_one_refused() {
    let dir = std::env::temp_dir().join(format!("sen-migrations-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(BEFORE_VERSIONS).unwrap();
        conn.execute(AN_APPLICATION, []).unwrap();
    }
    let database = path.to_str().unwrap();
    let out = list(database);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stored[0]["reference"], "SSF-OLD0000001",
        "kept through the migration"
    );
    let version = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(version(&conn), latest());
    // A newer receiver's database.
    conn.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, 'later', 'now')",
        [latest() + 1],
    )
    .unwrap();
    drop(conn);
    let out = list(database);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "at version {}, newer than this sen-receiver knows (version {})",
            latest() + 1,
            latest()
        )),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postgres_a_new_database_is_migrated_once_by_two_instances_and_a_newer_one_refused() {
    let url = common::postgres::database();
    let dir =
        |n: u8| std::env::temp_dir().join(format!("sen-migrate-pg-{n}-{}", std::process::id()));
    // Two instances start at once on the new database: one migrates, the other waits for it.
    let starting: Vec<_> = (1..=2)
        .map(|n| {
            let (dir, url) = (dir(n), url.clone());
            std::thread::spawn(move || Receiver::on_database(dir, url, &[]))
        })
        .collect();
    let running: Vec<Receiver> = starting.into_iter().map(|t| t.join().unwrap()).collect();
    let versions = common::postgres::query(
        &url,
        "SELECT version FROM schema_migrations ORDER BY version",
    );
    let versions: Vec<i64> = versions.iter().map(|r| r.get(0)).collect();
    assert_eq!(
        versions,
        (1..=latest()).collect::<Vec<_>>(),
        "each migration applied once"
    );
    drop(running);
    common::postgres::query(
        &url,
        &format!(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({}, 'later', 'now')",
            latest() + 1
        ),
    );
    let out = list(&url);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("newer than this sen-receiver knows"),
        "{said}"
    );
}
