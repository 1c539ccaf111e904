//! A stored application's evidence pack for staff: the application as the panel reads it
//! (`sen_core::pack`), with its reference and the day it was received, as one self-contained
//! HTML file, the same as `sen-check --pack` writes for the same document. `sen-receiver
//! --list --pack DIR` writes one per application; the staff API's pack route calls the same.

use sen_core::pack::{html, Pack, Sent};
use sen_core::{Date, Profile};

use crate::store::Stored;

/// Why a stored application has no pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Its body is no longer an application the core reads (it was when it was stored).
    Unreadable(String),
    /// The profile it was checked against is not one this receiver knows (a `--profile-file`
    /// not given).
    UnknownProfile(String),
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackError::Unreadable(e) => write!(f, "the application cannot be read: {e}"),
            PackError::UnknownProfile(id) => write!(
                f,
                "the profile {id} is not known here (give it with --profile-file)"
            ),
        }
    }
}

/// The day an application was received, from its stamp (`2025-04-30T10:15:00Z`).
pub fn received_day(stored: &Stored) -> Option<Date> {
    Date::parse(stored.received_at.get(..10)?)
}

/// The pack of `stored`, checked under the profile `profile_of` finds by its id (the one it
/// was checked against when it was received) with the rules counting from `today` (by
/// default the day it was received).
pub fn html_of(
    stored: &Stored,
    profile_of: impl Fn(&str) -> Option<Profile>,
    today: Option<Date>,
) -> Result<String, PackError> {
    let app = sen_core::wire::parse_application(&stored.body)
        .map_err(|e| PackError::Unreadable(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&stored.body).map_err(|e| PackError::Unreadable(e.to_string()))?;
    let profile = profile_of(&stored.profile)
        .ok_or_else(|| PackError::UnknownProfile(stored.profile.clone()))?;
    let received = received_day(stored);
    let today = today.or(received).ok_or_else(|| {
        PackError::Unreadable(format!(
            "its received time {} is not a date",
            stored.received_at
        ))
    })?;
    let report = sen_core::rules::check(&app, &profile, today);
    let sent = Sent {
        reference: stored.reference.clone(),
        date: received,
    };
    Ok(html::document(&Pack::new(
        &value,
        &profile,
        &report,
        Some(&sent),
    )))
}

/// A profile by its id: one of `given`, else a built-in one.
pub fn profile_among(given: &[Profile], id: &str) -> Option<Profile> {
    given
        .iter()
        .find(|p| p.id == id)
        .cloned()
        .or_else(|| sen_core::profile::builtin(id).ok())
}
