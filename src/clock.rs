//! The browser's clock, read where the widget needs the time now (saving, expiry, retries).

/// Unix milliseconds, from the browser's clock.
pub fn now_ms() -> u64 {
    let now = js_sys::Date::now();
    if now.is_finite() && now > 0.0 {
        // Milliseconds since 1970 fit in u64 for any real clock.
        now as u64
    } else {
        0
    }
}
