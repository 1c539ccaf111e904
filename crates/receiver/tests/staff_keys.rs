#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! `sen-receiver keys …` through the real binary on both backends: a key is printed once
//! (`sen_` and 64 hex digits, new each time), listed by name and dates only, never by the key
//! or its hash; a name is not used twice; a key is revoked by its name; the database keeps
//! only the key's SHA-256.

mod common;

use std::process::{Command, Output};

use common::{Backend, RECEIVER};

fn database(backend: Backend, name: &str) -> String {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("sen-keys-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            dir.join("db.sqlite3").to_str().unwrap().to_owned()
        }
        Backend::Postgres => common::postgres::database(),
    }
}

pub fn keys(database: &str, args: &[&str]) -> Output {
    Command::new(RECEIVER)
        .arg("keys")
        .args(args)
        .args(["--database", database])
        .output()
        .unwrap()
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).trim().to_owned()
}

async fn made_listed_and_revoked(backend: Backend) {
    let db = database(backend, "lifecycle");
    let made = keys(&db, &["create", "panel"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let key = text(&made.stdout);
    assert!(key.starts_with("sen_") && key.len() == 68, "{key}");
    assert!(key[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    let other = keys(&db, &["create", "case-management"]);
    assert!(other.status.success());
    assert_ne!(text(&other.stdout), key);

    let again = keys(&db, &["create", "panel"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already a key named panel"),
        "{}",
        text(&again.stderr)
    );

    let listed = keys(&db, &["list"]);
    assert!(listed.status.success());
    let shown = text(&listed.stdout);
    assert!(
        !shown.contains(&key) && !shown.contains(&key[4..]),
        "{shown}"
    );
    assert!(!shown.contains(&sen_receiver::keys::hash(&key)), "{shown}");
    let list: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"panel") && names.contains(&"case-management"));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["revokedAt"].is_null() && k["createdAt"].is_string()));

    let store = sen_receiver::Store::open(&db).await.unwrap();
    let hashes = store.key_hashes().await.unwrap();
    let panel = hashes.iter().find(|k| k.name == "panel").unwrap();
    assert_eq!(panel.sha256, sen_receiver::http::sha256_hex(key.as_bytes()));

    let revoked = keys(&db, &["revoke", "panel"]);
    assert!(revoked.status.success(), "{}", text(&revoked.stderr));
    let list: serde_json::Value = serde_json::from_slice(&keys(&db, &["list"]).stdout).unwrap();
    let panel = list
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "panel")
        .unwrap();
    assert!(panel["revokedAt"].is_string(), "{panel}");
    let unknown = keys(&db, &["revoke", "nobody"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no key named nobody"));
    let bad = keys(&db, &["create", "two words"]);
    assert_eq!(bad.status.code(), Some(2));
    let missing = keys(&db, &["create"]);
    assert_eq!(missing.status.code(), Some(2));
}

on_both!(made_listed_and_revoked);
