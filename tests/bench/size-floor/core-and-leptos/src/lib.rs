//! The rules core's `check_application` and the minimal Leptos form in one wasm: what the two
//! parts share (std, the allocator, serde_json) is counted once.

#[path = "../../core-only/src/lib.rs"]
mod core_only;
#[path = "../../leptos-minimal/src/lib.rs"]
mod leptos_minimal;
