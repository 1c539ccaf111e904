//! When a failed delivery is tried again: exponential backoff from `FIRST`, doubled each
//! attempt up to `CAP`, with jitter (a random point in the second half of the wait, so that
//! many rows failing at once do not come back at once), and never sooner than the webhook's
//! `Retry-After` asks (at most `MAX_RETRY_AFTER`).

use std::time::{Duration, SystemTime};

/// The wait after the first failure.
pub const FIRST: Duration = Duration::from_secs(1);
/// The longest wait backoff reaches.
pub const CAP: Duration = Duration::from_secs(5 * 60);
/// The longest `Retry-After` honoured.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);

/// The wait after `attempts` failed attempts (at least 1), given a `Retry-After` and a random
/// `jitter`.
pub fn wait(attempts: u32, retry_after: Option<Duration>, jitter: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(30);
    let full = FIRST.saturating_mul(1u32 << doublings).min(CAP);
    let half = full / 2;
    let jittered = half + half.mul_f64(f64::from(jitter) / f64::from(u32::MAX));
    jittered.max(retry_after.map_or(Duration::ZERO, |r| r.min(MAX_RETRY_AFTER)))
}

/// A `Retry-After` value: seconds, or an HTTP date (the time from `now` until then).
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A random number for `wait`'s jitter (0 if the system has none to give).
pub fn jitter() -> u32 {
    let mut bytes = [0u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u32::from_le_bytes(bytes),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_wait_doubles_with_jitter_up_to_the_cap() {
        let s = Duration::from_secs;
        assert_eq!(wait(1, None, 0), Duration::from_millis(500));
        assert_eq!(wait(1, None, u32::MAX), s(1));
        assert_eq!(wait(3, None, u32::MAX), s(4));
        assert_eq!(wait(3, None, 0), s(2));
        assert_eq!(wait(40, None, u32::MAX), CAP);
        assert_eq!(wait(u32::MAX, None, 0), CAP / 2);
        let middle = wait(2, None, u32::MAX / 2);
        assert!(middle > s(1) && middle < s(2), "{middle:?}");
    }

    #[test]
    fn retry_after_is_honoured_up_to_an_hour() {
        let s = Duration::from_secs;
        assert_eq!(wait(1, Some(s(30)), u32::MAX), s(30));
        assert_eq!(wait(9, Some(s(1)), u32::MAX), s(256));
        assert_eq!(wait(1, Some(s(86_400)), 0), MAX_RETRY_AFTER);
        let now = std::time::UNIX_EPOCH + s(1_445_412_480); // 2015-10-21T07:28:00Z
        assert_eq!(retry_after(" 120 ", now), Some(s(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:29:00 GMT", now),
            Some(s(60))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }
}
