//! The submission state machine, pure: one application's way from "Accept and send" to sent,
//! with its idempotency key. It decides, after each attempt as the policy says (`policy.rs`);
//! the driver (`driver.rs`) does what it says: sends, waits, shows. Time and randomness come in
//! as arguments, so every path, a double click, a run of failures, a `Retry-After`, "Try
//! again", is tested natively with a clock the test moves.
//!
//! One key is one body. The key is made at the first press for the body sent, and kept with a
//! fingerprint of that body for every attempt of the same body: retries, "Try again", a press
//! after a refusal with nothing changed, and a reload (the draft saves both; `new` takes them
//! back). A press with another body (corrected after a refusal, loaded from a file, any answer
//! changed) makes a new key, since a backend may keep its answer to the first body under the
//! first key for ever. The key is forgotten once the application is sent.

use crate::submit::policy::{self, Next, Policy, Reply};

/// Where the application has got to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Not sent yet; "Accept and send" starts.
    Ready,
    /// Attempt `attempt` (from 1) is on the wire.
    Sending { attempt: u32 },
    /// Attempt `attempt` failed in a way worth retrying; the next goes after `ms`.
    Waiting { attempt: u32, ms: u64 },
    /// Automatic retries are over; "Try again" sends with the same key.
    GaveUp,
    /// The backend refused it with this status; corrected, it can be sent again (same key).
    Refused(u16),
    /// The backend accepted it.
    Sent,
}

/// What the widget must do now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// POST with this key. `new_key`: the key was made just now, so save it with the draft
    /// before sending.
    Send {
        key: String,
        attempt: u32,
        new_key: bool,
    },
    /// Wait this many milliseconds, then call `waited`.
    Wait(u64),
    /// Nothing to send: look at `phase`.
    Stop,
}

/// One application's submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub phase: Phase,
    /// The idempotency key, once made (or restored with a draft).
    pub key: Option<String>,
    /// The fingerprint of the body the key was made for (`fingerprint`).
    pub body: Option<u64>,
    policy: Policy,
}

/// A body's fingerprint: FNV-1a, 64 bits, cut to 53 (a whole number JSON readers, JavaScript
/// among them, keep exactly). It tells one body from another (a changed answer); it is no
/// secret.
pub fn fingerprint(body: &str) -> u64 {
    let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash & ((1 << 53) - 1)
}

impl Submission {
    /// A submission not started, with the key of an earlier send and the fingerprint of its
    /// body if a draft kept them.
    pub fn new(policy: Policy, key: Option<String>, body: Option<u64>) -> Submission {
        Submission {
            phase: Phase::Ready,
            key,
            body,
            policy,
        }
    }

    /// Whether a send is under way (sending or waiting to retry): pressing again does nothing.
    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Sending { .. } | Phase::Waiting { .. })
    }

    /// "Accept and send" (or "Try again") for `body`. The key is kept when it was made for this
    /// very body; otherwise `make_key` makes a new one (a key from a draft without a
    /// fingerprint counts as another body's). While a send is under way, or after it was sent,
    /// nothing more goes.
    pub fn press(&mut self, body: &str, make_key: impl FnOnce() -> String) -> Action {
        if self.busy() || self.phase == Phase::Sent {
            return Action::Stop;
        }
        let print = fingerprint(body);
        let (key, new_key) = match &self.key {
            Some(k) if self.body == Some(print) => (k.clone(), false),
            _ => {
                let k = make_key();
                self.key = Some(k.clone());
                self.body = Some(print);
                (k, true)
            }
        };
        self.phase = Phase::Sending { attempt: 1 };
        Action::Send {
            key,
            attempt: 1,
            new_key,
        }
    }

    /// The attempt under way got `reply` at `now_ms`; `random` in [0, 1) spreads the retries.
    pub fn replied(&mut self, reply: &Reply, now_ms: u64, random: f64) -> Action {
        let Phase::Sending { attempt } = self.phase else {
            return Action::Stop; // a reply nobody is waiting for
        };
        match policy::next(&self.policy, attempt, reply, now_ms, random) {
            Next::Done => {
                self.phase = Phase::Sent;
                self.key = None;
                self.body = None;
                Action::Stop
            }
            Next::RetryAfter(ms) => {
                self.phase = Phase::Waiting { attempt, ms };
                Action::Wait(ms)
            }
            Next::GiveUp => {
                self.phase = Phase::GaveUp;
                Action::Stop
            }
            Next::Refused(code) => {
                self.phase = Phase::Refused(code);
                Action::Stop
            }
        }
    }

    /// The wait is over: the next attempt, same key.
    pub fn waited(&mut self) -> Action {
        let Phase::Waiting { attempt, .. } = self.phase else {
            return Action::Stop;
        };
        let Some(key) = self.key.clone() else {
            self.phase = Phase::Ready;
            return Action::Stop;
        };
        let attempt = attempt.saturating_add(1);
        self.phase = Phase::Sending { attempt };
        Action::Send {
            key,
            attempt,
            new_key: false,
        }
    }

    /// "Start again": a new application, a new key at its first press.
    pub fn reset(&mut self) {
        self.phase = Phase::Ready;
        self.key = None;
        self.body = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"child":{"legalForename":"Alex"}}"#;
    const CORRECTED: &str = r#"{"child":{"legalForename":"Alexandra"}}"#;

    fn status(code: u16) -> Reply {
        Reply::Status {
            code,
            retry_after: None,
        }
    }

    /// Drives a submission against scripted replies with a clock that only moves when the
    /// machine says wait. Returns the keys sent, the waits, and the final phase.
    fn run(s: &mut Submission, replies: &[Reply], start_ms: u64) -> (Vec<String>, Vec<u64>, u64) {
        let mut now = start_ms;
        let mut keys = Vec::new();
        let mut waits = Vec::new();
        let mut replies = replies.iter();
        let mut action = s.press(BODY, || "k-1".to_owned());
        loop {
            match action {
                Action::Send { key, .. } => {
                    keys.push(key);
                    let Some(reply) = replies.next() else { break };
                    action = s.replied(reply, now, 0.5);
                }
                Action::Wait(ms) => {
                    waits.push(ms);
                    now += ms;
                    action = s.waited();
                }
                Action::Stop => break,
            }
        }
        (keys, waits, now)
    }

    #[test]
    fn the_first_press_makes_a_key_to_save_before_sending() {
        let mut s = Submission::new(Policy::default(), None, None);
        assert_eq!(
            s.press(BODY, || "k-1".into()),
            Action::Send {
                key: "k-1".into(),
                attempt: 1,
                new_key: true
            }
        );
        // A key restored with its body's fingerprint is reused for that body, not replaced.
        let mut r = Submission::new(
            Policy::default(),
            Some("kept".into()),
            Some(fingerprint(BODY)),
        );
        assert_eq!(
            r.press(BODY, || unreachable!("no new key when one is kept")),
            Action::Send {
                key: "kept".into(),
                attempt: 1,
                new_key: false
            }
        );
        // Restored, then another body (a file loaded): a new key.
        let mut r = Submission::new(
            Policy::default(),
            Some("kept".into()),
            Some(fingerprint(BODY)),
        );
        assert!(matches!(
            r.press(CORRECTED, || "k-2".into()),
            Action::Send { key, new_key: true, .. } if key == "k-2"
        ));
        // A key kept without a fingerprint may have been made for another body: not reused.
        let mut r = Submission::new(Policy::default(), Some("kept".into()), None);
        assert!(matches!(
            r.press(BODY, || "k-3".into()),
            Action::Send { key, new_key: true, .. } if key == "k-3"
        ));
    }

    #[test]
    fn fingerprints_tell_bodies_apart() {
        assert_eq!(fingerprint(BODY), fingerprint(BODY));
        assert_ne!(fingerprint(BODY), fingerprint(CORRECTED));
        assert_ne!(fingerprint("ab"), fingerprint("ba"));
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325 & 0x1f_ffff_ffff_ffff);
        assert_eq!(
            fingerprint("a"),
            0xaf63_dc4c_8601_ec8c & 0x1f_ffff_ffff_ffff
        );
    }

    #[test]
    fn a_double_press_sends_once() {
        let mut s = Submission::new(Policy::default(), None, None);
        assert!(matches!(s.press(BODY, || "k".into()), Action::Send { .. }));
        assert_eq!(s.press(BODY, || "other".into()), Action::Stop);
        assert_eq!(s.replied(&status(503), 0, 0.5), Action::Wait(250));
        assert_eq!(
            s.press(CORRECTED, || "other".into()),
            Action::Stop,
            "pressed while waiting"
        );
        assert_eq!(s.key.as_deref(), Some("k"));
    }

    #[test]
    fn failures_then_success_keep_one_key_and_back_off() {
        let mut s = Submission::new(Policy::default(), None, None);
        let (keys, waits, _) = run(
            &mut s,
            &[
                Reply::NoAnswer,
                status(503),
                Reply::Status {
                    code: 429,
                    retry_after: Some("4".into()),
                },
                status(201),
            ],
            1_000_000,
        );
        assert_eq!(keys, vec!["k-1"; 4]);
        // Full jitter at 0.5 of a doubling ceiling, then Retry-After wins.
        assert_eq!(waits, vec![250, 500, 4000]);
        assert_eq!(s.phase, Phase::Sent);
        assert_eq!(
            (s.key.clone(), s.body),
            (None, None),
            "a sent application's key is forgotten"
        );
        assert_eq!(
            s.press(BODY, || "k-2".into()),
            Action::Stop,
            "sent is final"
        );
    }

    #[test]
    fn retries_are_bounded_then_try_again_keeps_the_key_of_the_same_body() {
        let p = Policy::default();
        let mut s = Submission::new(p, None, None);
        let (keys, waits, elapsed) = run(&mut s, &vec![Reply::NoAnswer; 10], 0);
        assert_eq!(keys.len() as u32, p.max_attempts);
        assert_eq!(s.phase, Phase::GaveUp);
        // With random = 0.5: 250 + 500 + 1000 + 2000.
        assert_eq!(waits, vec![250, 500, 1000, 2000]);
        assert_eq!(elapsed, 3750);
        assert_eq!(
            s.press(BODY, || "new".into()),
            Action::Send {
                key: "k-1".into(),
                attempt: 1,
                new_key: false
            }
        );
        // Not sent, then changed: the attempts may have reached the backend, so the changed
        // application is another body under another key.
        let mut s = Submission::new(p, None, None);
        run(&mut s, &vec![Reply::NoAnswer; 10], 0);
        assert!(matches!(
            s.press(CORRECTED, || "k-2".into()),
            Action::Send { key, new_key: true, .. } if key == "k-2"
        ));
    }

    #[test]
    fn after_a_refusal_the_same_body_keeps_its_key_and_a_corrected_one_gets_a_new_key() {
        let mut s = Submission::new(Policy::default(), None, None);
        let (keys, waits, _) = run(&mut s, &[status(422)], 0);
        assert_eq!((keys.len(), waits.len()), (1, 0));
        assert_eq!(s.phase, Phase::Refused(422));
        assert!(matches!(
            s.press(BODY, || "new".into()),
            Action::Send { key, new_key: false, .. } if key == "k-1"
        ));
        s.replied(&status(422), 0, 0.5);
        assert!(matches!(
            s.press(CORRECTED, || "k-2".into()),
            Action::Send { key, new_key: true, .. } if key == "k-2"
        ));
        assert_eq!(s.body, Some(fingerprint(CORRECTED)));
        // Changed back: the body of the first key, but the key is now the second's.
        s.replied(&status(422), 0, 0.5);
        assert!(matches!(
            s.press(BODY, || "k-3".into()),
            Action::Send { key, new_key: true, .. } if key == "k-3"
        ));
    }

    #[test]
    fn stray_events_change_nothing() {
        let mut s = Submission::new(Policy::default(), None, None);
        assert_eq!(s.replied(&status(201), 0, 0.5), Action::Stop);
        assert_eq!(s.waited(), Action::Stop);
        assert_eq!(s.phase, Phase::Ready);
        s.press(BODY, || "k".into());
        s.reset();
        assert_eq!(
            (s.phase.clone(), s.key.clone(), s.body),
            (Phase::Ready, None, None)
        );
    }
}
