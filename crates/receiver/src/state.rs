//! What every request shares: the database (`crate::store`, which also knows the keys being
//! received), the clock, and the date the rules count from when it is fixed.

use std::sync::Arc;
use std::time::SystemTime;

use crate::store::{Claim, Store, StoreError, Stored};

/// The time source applications are stamped and checked by.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Shared by every request.
pub struct AppState {
    store: Store,
    pub(crate) clock: Clock,
    /// The date the rules count from, when fixed (replaying dated scenarios); else the clock's.
    pub(crate) today: Option<String>,
    /// Notified when an application with a delivery has been stored here (the delivery
    /// worker wakes: `crate::delivery::worker`).
    pub stored: tokio::sync::Notify,
}

impl AppState {
    /// State over a store, with the clock to stamp and check applications by, and optionally
    /// a fixed "today" for the rules.
    pub fn new(store: Store, clock: Clock, today: Option<String>) -> Arc<AppState> {
        Arc::new(AppState {
            store,
            clock,
            today,
            stored: tokio::sync::Notify::new(),
        })
    }

    /// Claims a key for receiving; `Ok(None)` if it already is being received (the caller
    /// answers 409). The claim lasts as long as the returned guard, which may move to another
    /// task.
    pub async fn begin(&self, key: &str) -> Result<Option<Claim>, StoreError> {
        self.store.claim(key).await
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Every stored application (for tests and operators); none if the database cannot be
    /// read.
    pub async fn applications(&self) -> Vec<Stored> {
        self.store.applications().await.unwrap_or_default()
    }
}
