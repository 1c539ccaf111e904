//! Delivery to case management: each application stored while `--forward-url` is set is sent
//! to that webhook as a Standard Webhooks event (`event`), signed with the shared secret
//! (`secret`, `sign`), by a worker in each receiver process (`worker`) that takes due rows of
//! the outbox (`crate::store::delivery`), POSTs them (`send`) and, until a 2xx, tries again
//! with capped exponential backoff and jitter, honouring `Retry-After` (`backoff`). A row is
//! never dropped: it is tried until it is delivered, across restarts. The case system is sent
//! each application at least once and de-duplicates by `webhook-id`, the reference.

pub mod backoff;
pub mod event;
pub mod secret;
pub mod send;
pub mod sign;
pub mod worker;

pub use secret::Secret;
pub use send::Target;

/// Where applications are delivered, and the secret they are signed with.
#[derive(Debug, Clone)]
pub struct Forward {
    pub target: Target,
    pub secret: Secret,
}
