//! Sending the application: `policy.rs` (pure: what to do after each attempt), `machine.rs`
//! (pure: the submission state machine and its idempotency key), `transport.rs` (one POST
//! attempt and reading replies) and `driver.rs` (carries out the machine's actions).

pub mod driver;
pub mod machine;
pub mod policy;
pub mod transport;
