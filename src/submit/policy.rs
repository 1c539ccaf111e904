//! The retry policy, pure: given what the last attempt got back, whether to retry, after how
//! long, or to stop, for applications (`machine.rs`) and attached files (`files.rs`) alike.
//! The clock and the randomness are passed in, so it is tested natively; `transport.rs` does
//! the sending and the waiting.
//!
//! Retried: no answer (network failure), 408, 409 (the same key still in flight), 429 and 5xx,
//! with exponential backoff and full jitter (a random delay between 0 and the capped
//! exponential), never sooner than a `Retry-After` the server asked for, at most
//! `max_attempts` sends in all. Not retried: 2xx (sent), and any other status, which goes back
//! to the person (400, 413 and 422 with what the server said).

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Sends in all, the first included.
    pub max_attempts: u32,
    /// The first backoff ceiling, in milliseconds; it doubles each attempt.
    pub base_ms: u64,
    /// The largest backoff ceiling.
    pub cap_ms: u64,
    /// The longest `Retry-After` honoured; a server asking for more ends the automatic retries.
    pub max_retry_after_ms: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_attempts: 5,
            base_ms: 500,
            cap_ms: 15_000,
            max_retry_after_ms: 60_000,
        }
    }
}

/// What one attempt got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// No HTTP answer at all (offline, DNS, connection reset, CORS refusal).
    NoAnswer,
    /// An HTTP status, with the `Retry-After` header if any.
    Status {
        code: u16,
        retry_after: Option<String>,
    },
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Sent: the backend accepted it.
    Done,
    /// Send again, with the same idempotency key, after this many milliseconds.
    RetryAfter(u64),
    /// Stop trying by itself; the person can "Try again" (the key is kept).
    GiveUp,
    /// The backend refused this application: show the person why (400, 413, 415, 422, …).
    Refused(u16),
}

/// Whether a status is worth sending again.
pub fn retryable(code: u16) -> bool {
    matches!(code, 408 | 409 | 429) || (500..=599).contains(&code)
}

/// `Retry-After` in milliseconds: delay-seconds, or an HTTP date compared with `now_ms` (Unix
/// milliseconds). `None` when absent or unreadable.
pub fn retry_after_ms(value: &str, now_ms: u64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    http_date_ms(v).map(|at| at.saturating_sub(now_ms))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as Unix milliseconds.
fn http_date_ms(v: &str) -> Option<u64> {
    let mut parts = v.split_whitespace();
    let _weekday = parts.next()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i32 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: u64 = hms.next()?.parse().ok()?;
    let m: u64 = hms.next()?.parse().ok()?;
    let s: u64 = hms.next()?.parse().ok()?;
    if parts.next()? != "GMT" || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = sen_core::Date::new(year, month, day)?.days_since_epoch();
    let days = u64::try_from(days).ok()?;
    days.checked_mul(24)?
        .checked_add(h)?
        .checked_mul(60)?
        .checked_add(m)?
        .checked_mul(60_000)?
        .checked_add(s * 1000)
}

/// The backoff before attempt `attempt + 1` (attempt counts from 1): a random point
/// (`random` in [0, 1)) below min(cap, base × 2^(attempt − 1)).
pub fn backoff_ms(policy: &Policy, attempt: u32, random: f64) -> u64 {
    let exp = attempt.saturating_sub(1).min(30);
    let ceiling = policy
        .base_ms
        .saturating_mul(1u64 << exp)
        .min(policy.cap_ms);
    let r = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // Both factors are bounded (ceiling ≤ cap), so the product fits.
    (ceiling as f64 * r) as u64
}

/// What to do after attempt number `attempt` (from 1) got `reply`.
pub fn next(policy: &Policy, attempt: u32, reply: &Reply, now_ms: u64, random: f64) -> Next {
    let wait_at_least = match reply {
        Reply::NoAnswer => 0,
        Reply::Status { code, retry_after } => {
            if (200..=299).contains(code) {
                return Next::Done;
            }
            if !retryable(*code) {
                return Next::Refused(*code);
            }
            retry_after
                .as_deref()
                .and_then(|v| retry_after_ms(v, now_ms))
                .unwrap_or(0)
        }
    };
    if attempt >= policy.max_attempts || wait_at_least > policy.max_retry_after_ms {
        return Next::GiveUp;
    }
    Next::RetryAfter(backoff_ms(policy, attempt, random).max(wait_at_least))
}

/// A version 4 UUID from 16 random bytes, for an `Idempotency-Key`.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        hex.get(0..8).unwrap_or(""),
        hex.get(8..12).unwrap_or(""),
        hex.get(12..16).unwrap_or(""),
        hex.get(16..20).unwrap_or(""),
        hex.get(20..32).unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Policy = Policy {
        max_attempts: 5,
        base_ms: 500,
        cap_ms: 15_000,
        max_retry_after_ms: 60_000,
    };

    fn status(code: u16) -> Reply {
        Reply::Status {
            code,
            retry_after: None,
        }
    }

    #[test]
    fn success_and_refusals_stop() {
        assert_eq!(next(&P, 1, &status(201), 0, 0.5), Next::Done);
        for code in [400, 401, 403, 404, 413, 415, 422] {
            assert_eq!(next(&P, 1, &status(code), 0, 0.5), Next::Refused(code));
        }
    }

    #[test]
    fn transient_failures_retry_with_full_jitter() {
        for reply in [
            Reply::NoAnswer,
            status(408),
            status(409),
            status(429),
            status(500),
            status(503),
        ] {
            match next(&P, 1, &reply, 0, 0.999) {
                Next::RetryAfter(ms) => assert!(ms < 500, "{reply:?}: {ms}"),
                other => panic!("{reply:?}: {other:?}"),
            }
        }
        // The ceiling doubles per attempt and is capped.
        assert_eq!(backoff_ms(&P, 1, 0.5), 250);
        assert_eq!(backoff_ms(&P, 2, 0.5), 500);
        assert_eq!(backoff_ms(&P, 3, 0.5), 1000);
        assert_eq!(backoff_ms(&P, 10, 0.5), 7500);
        assert_eq!(backoff_ms(&P, 40, 1.0), 15_000);
        assert_eq!(backoff_ms(&P, 2, 0.0), 0);
        assert_eq!(backoff_ms(&P, 2, f64::NAN), 0);
    }

    #[test]
    fn bounded() {
        assert_eq!(next(&P, 5, &Reply::NoAnswer, 0, 0.5), Next::GiveUp);
        assert!(matches!(
            next(&P, 4, &Reply::NoAnswer, 0, 0.5),
            Next::RetryAfter(_)
        ));
    }

    #[test]
    fn retry_after_is_honoured() {
        let r = Reply::Status {
            code: 429,
            retry_after: Some("7".into()),
        };
        assert_eq!(next(&P, 1, &r, 0, 0.1), Next::RetryAfter(7000));
        // An HTTP date: 1994-11-06 08:49:37 GMT is 784111777 s after the epoch.
        let now = 784_111_777_000 - 3000;
        let r = Reply::Status {
            code: 503,
            retry_after: Some("Sun, 06 Nov 1994 08:49:37 GMT".into()),
        };
        assert_eq!(next(&P, 1, &r, now, 0.0), Next::RetryAfter(3000));
        // Asking for more than the policy will wait ends the automatic retries.
        let r = Reply::Status {
            code: 503,
            retry_after: Some("3600".into()),
        };
        assert_eq!(next(&P, 1, &r, 0, 0.1), Next::GiveUp);
        assert_eq!(retry_after_ms("soon", 0), None);
    }

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let u = uuid_v4([0; 16]);
        assert_eq!(u, "00000000-0000-4000-8000-000000000000");
    }
}
