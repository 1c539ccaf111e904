//! The receiver's request handling, in-process. The input's handling is
//! `crates/receiver/tests/fuzz/request.rs`, which `crates/receiver/tests/fuzz_corpus.rs` also
//! runs on the kept corpus.
#![no_main]

#[path = "../../crates/receiver/tests/fuzz/request.rs"]
mod request;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    request::handle(data);
});
