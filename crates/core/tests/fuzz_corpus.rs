#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The reader's fuzz corpus replayed: every file kept in `tests/fixtures/fuzz/reader/` (inputs
//! `cargo fuzz run reader` found interesting) goes through the fuzz target's own handling
//! (`fuzz/reader.rs`): under every built-in profile, a report or a clear error, never a panic.

mod fuzz;

#[test]
fn every_kept_reader_input_gives_a_report_or_a_clear_error() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz/reader");
    let (mut files, mut reports) = (0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        println!("{}", path.display());
        reports += fuzz::reader::check_bytes(&std::fs::read(&path).unwrap());
        files += 1;
    }
    println!("{files} inputs, {reports} reports");
    assert!(files >= 20, "only {files} inputs kept");
    assert!(reports > 0, "no kept input reaches the rules");
}
