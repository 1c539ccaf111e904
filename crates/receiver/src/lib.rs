//! `sen-receiver`: the reference backend for SEN Support Form. It re-checks every application
//! with the same rules core as the widget and the CLI (a backend never trusts the browser),
//! stores each accepted application exactly once per `Idempotency-Key` in SQLite, and answers
//! only after the write has committed. Documents are sent to it first, one `PUT` each, and an
//! application is accepted only when every document it names has arrived and agrees with it.

mod answer;
pub mod delivery;
pub mod documents;
pub mod headers;
pub mod http;
pub mod keys;
pub mod limits;
pub mod log;
pub mod openapi;
pub mod pack;
mod ready;
pub mod scan;
pub mod serve;
pub mod staff;
pub mod state;
pub mod store;
pub mod time;
mod upload;

pub use http::{router, Config};
pub use serve::serve;
pub use state::AppState;
pub use store::Store;
