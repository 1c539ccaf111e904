//! The JSON reader at the front door (`sen_core::api::check`): any bytes as an application,
//! under every built-in profile. The input's handling is `crates/core/tests/fuzz/reader.rs`,
//! which `crates/core/tests/fuzz_corpus.rs` also runs on the kept corpus.
#![no_main]

#[path = "../../crates/core/tests/fuzz/reader.rs"]
mod reader;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    reader::check_bytes(data);
});
