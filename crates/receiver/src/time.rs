//! Wall-clock time as text, without a date library: the receiver stamps each application and
//! checks it against today's date. The clock itself is injected (`AppState::clock`).

use std::time::{SystemTime, UNIX_EPOCH};

use sen_core::Date;

/// `(today, timestamp)`: `YYYY-MM-DD` and RFC 3339 UTC (`2025-04-30T10:15:00Z`).
pub fn stamp(now: SystemTime) -> (String, String) {
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let today = Date::from_days_since_epoch(days)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_else(|| "1970-01-01".to_owned());
    let stamp = format!(
        "{today}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        (rest % 3600) / 60,
        rest % 60
    );
    (today, stamp)
}

/// Seconds since 1970 (0 for a clock before it).
pub fn unix_seconds(now: SystemTime) -> i64 {
    now.duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn stamps() {
        let t = UNIX_EPOCH + Duration::from_secs(1_746_008_100); // 2025-04-30T10:15:00Z
        assert_eq!(
            stamp(t),
            ("2025-04-30".to_owned(), "2025-04-30T10:15:00Z".to_owned())
        );
    }
}
