#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The receiver's fuzz corpus replayed: every file kept in `tests/fixtures/fuzz/receiver/`
//! (inputs `cargo fuzz run receiver` found interesting) goes through the fuzz target's own
//! handling (`fuzz/request.rs`): the router in-process, never a panic or a 5xx.

mod fuzz;

#[test]
fn every_kept_request_is_answered_without_a_server_error() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz/receiver");
    let mut statuses = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        println!("{}", path.display());
        let status = fuzz::request::handle(&std::fs::read(&path).unwrap());
        *statuses.entry(status.as_u16()).or_insert(0) += 1;
    }
    println!("statuses: {statuses:?}");
    let files: usize = statuses.values().sum();
    assert!(files >= 20, "only {files} inputs kept");
    // The corpus reaches past the front checks: some application is stored, some refused.
    assert!(statuses.contains_key(&201), "{statuses:?}");
    assert!(statuses.contains_key(&422), "{statuses:?}");
}
