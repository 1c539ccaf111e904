//! What the CLI tests share: the binary, the repository, temporary files, running it.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_sen-check");

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn s01() -> PathBuf {
    repo().join("tests/fixtures/scenarios/S01-complete-valid.json")
}

/// A file in the temporary directory, named for this test process.
pub fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("sen-check-test-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p
}

pub fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// S01's text: complete under Stockton.
pub const S01: &str = include_str!("../../../../tests/fixtures/scenarios/S01-complete-valid.json");

/// A JSON file of the repository.
pub fn json_file(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join(path)).unwrap()).unwrap()
}

/// A scenario of the domain specification, by its file name without `.json`.
pub fn scenario(name: &str) -> serde_json::Value {
    json_file(&format!("tests/fixtures/scenarios/{name}.json"))
}

/// A built-in profile's JSON, to change for a test.
pub fn builtin_profile(id: &str) -> serde_json::Value {
    json_file(&format!("profiles/{id}.json"))
}
