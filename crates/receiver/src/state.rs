//! What every request shares: the database, the keys being received and the clock. Its locks are never left unusable: a panic while one is
//! held does not make later requests fail (see `lock`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use crate::store::{Store, Stored};

/// The time source applications are stamped and checked by.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Shared by every request.
pub struct AppState {
    store: Mutex<Store>,
    in_flight: Mutex<HashSet<String>>,
    pub(crate) clock: Clock,
    /// The date the rules count from, when fixed (replaying dated scenarios); else the clock's.
    pub(crate) today: Option<String>,
}

/// Takes a lock even if a thread panicked while holding it. Both things locked here stay
/// consistent through a panic: the in-flight set is changed by single `insert`/`remove` calls,
/// and an unfinished SQLite transaction is rolled back when its `Transaction` is dropped
/// during the unwinding. Without this, one panic would make every later request with the lock
/// fail (a key answered 409 for ever, the database 500 for ever).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AppState {
    /// State over a store, with the clock to stamp and check applications by, and optionally
    /// a fixed "today" for the rules.
    pub fn new(store: Store, clock: Clock, today: Option<String>) -> Arc<AppState> {
        Arc::new(AppState {
            store: Mutex::new(store),
            in_flight: Mutex::new(HashSet::new()),
            clock,
            today,
        })
    }

    /// Marks a key as being received; `None` if it already is (the caller answers 409). The
    /// claim lasts as long as the returned guard, which may move to another thread.
    pub fn begin(self: &Arc<Self>, key: &str) -> Option<InFlight> {
        lock(&self.in_flight)
            .insert(key.to_owned())
            .then(|| InFlight {
                state: self.clone(),
                key: key.to_owned(),
            })
    }

    /// The database, locked. Blocks: call it on the blocking pool, never on an async worker.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The database, locked, for an operator's task (removing old documents, say). Blocks:
    /// call it on the blocking pool.
    pub fn store_for_operators(&self) -> MutexGuard<'_, Store> {
        self.store()
    }

    /// Every stored application (for tests and operators). Blocks on the database.
    pub fn applications(&self) -> Vec<Stored> {
        self.store().applications().unwrap_or_default()
    }
}

/// A key being received: taken out of the in-flight set when dropped, whichever way the
/// handling ends (an answer, an error, a panic, the client going away).
pub struct InFlight {
    state: Arc<AppState>,
    key: String,
}

impl InFlight {
    /// The key claimed.
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        lock(&self.state.in_flight).remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use std::time::UNIX_EPOCH;

    fn state() -> Arc<AppState> {
        AppState::new(
            Store::open(":memory:").unwrap(),
            Arc::new(|| UNIX_EPOCH),
            None,
        )
    }

    /// A thread panics while holding `mutex`, leaving it poisoned.
    fn poison<T: Send>(mutex: &Mutex<T>) {
        std::thread::scope(|s| {
            let _ = s
                .spawn(|| {
                    let _held = mutex.lock();
                    panic!("a panic while the lock is held (this test poisons it on purpose)");
                })
                .join();
        });
        assert!(mutex.is_poisoned());
    }

    #[test]
    fn a_poisoned_in_flight_set_still_claims_and_releases_keys() {
        let s = state();
        poison(&s.in_flight);
        let claim = s.begin("key-00000001").expect("claimed despite the poison");
        assert!(s.begin("key-00000001").is_none(), "held while claimed");
        drop(claim);
        assert!(s.begin("key-00000001").is_some(), "released when dropped");
    }

    #[tokio::test]
    async fn after_a_panic_with_the_in_flight_set_locked_a_key_is_still_received() {
        use axum::body::Body;
        use axum::http::{Request, StatusCode};
        use tower::ServiceExt;
        // S01 and the documents it names, stored.
        let mut store = Store::open(":memory:").unwrap();
        let mut s01: serde_json::Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/scenarios/S01-complete-valid.json"
        ))
        .unwrap();
        let files = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/files/s01/"
        );
        for a in s01["attachments"].as_array_mut().unwrap() {
            let name = a["filename"].as_str().unwrap().to_owned();
            let bytes = std::fs::read(format!("{files}{name}")).unwrap();
            a["sha256"] = store.add_document_bytes(&name, &bytes, 0).unwrap().into();
            a["sizeBytes"] = bytes.len().into();
        }
        let s = AppState::new(
            store,
            // 2025-04-30T10:00:00Z: the day the scenarios are dated for.
            Arc::new(|| UNIX_EPOCH + std::time::Duration::from_secs(1_746_007_200)),
            None,
        );
        poison(&s.in_flight);
        poison(&s.store);
        let request = Request::post("/applications")
            .header("content-type", "application/json")
            .header("idempotency-key", "2b1f6a52-1c1e-4a53-9a5e-0d0c2f1e7a11")
            .body(Body::from(s01.to_string()))
            .unwrap();
        let answer = crate::router(s.clone(), &crate::Config::default())
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::CREATED);
        assert_eq!(s.applications().len(), 1);
    }

    #[test]
    fn a_poisoned_store_is_still_usable() {
        let s = state();
        poison(&s.store);
        assert!(s.store().first_response("key-00000001").unwrap().is_none());
        assert!(s.applications().is_empty());
    }

    #[test]
    fn a_claim_is_released_when_its_thread_panics() {
        let s = state();
        let claim = s.begin("key-00000002").unwrap();
        let _ = std::thread::spawn(move || {
            let _claim = claim;
            panic!("handling failed (on purpose)");
        })
        .join();
        assert!(s.begin("key-00000002").is_some());
    }
}
