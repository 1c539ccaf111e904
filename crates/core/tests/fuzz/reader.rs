//! One input of the reader's fuzz target (`fuzz/fuzz_targets/reader.rs` includes this file):
//! any bytes as an application, checked under every built-in profile. Each check gives a report
//! or a clear error about the document (a message; a pointer, or the line and column of a
//! syntax error); anything else, or a panic, fails.

use sen_core::api::{self, CheckError, ProfileChoice};

/// Checks `data` under every built-in profile; how many checks gave a report.
pub fn check_bytes(data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    let mut reports = 0;
    for id in sen_core::profile::builtin_ids() {
        match api::check(&text, ProfileChoice::Builtin(id), "2025-04-30") {
            Ok(report) => {
                assert!(report.issues.iter().all(|i| !i.message.is_empty()));
                reports += 1;
            }
            Err(CheckError::Document(e)) => {
                assert!(!e.message.is_empty(), "an error without a message: {e:?}");
                assert!(
                    e.line > 0 || e.pointer.is_empty() || e.pointer.starts_with('/'),
                    "an error that says neither where nor what: {e:?}"
                );
            }
            Err(e) => panic!("a built-in profile or today failed: {e}"),
        }
    }
    reports
}
