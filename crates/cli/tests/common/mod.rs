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
