//! The built-in profiles, compiled in from `profiles/*.json`.

use super::{check, Profile, ProfileError};

/// (id, JSON) of every built-in profile.
pub const BUILTIN_SOURCES: &[(&str, &str)] = &[
    (
        "stockton-one-point",
        include_str!("../../../../profiles/stockton-one-point.json"),
    ),
    (
        "croydon-lss",
        include_str!("../../../../profiles/croydon-lss.json"),
    ),
    (
        "tees-sen-support-plan",
        include_str!("../../../../profiles/tees-sen-support-plan.json"),
    ),
    (
        "ehcna-request",
        include_str!("../../../../profiles/ehcna-request.json"),
    ),
];

/// Ids of the built-in profiles.
pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
    BUILTIN_SOURCES.iter().map(|(id, _)| *id)
}

/// A built-in profile by id.
pub fn builtin(id: &str) -> Result<Profile, ProfileError> {
    match BUILTIN_SOURCES.iter().find(|(i, _)| *i == id) {
        Some((_, json)) => check::parse(json),
        None => Err(ProfileError::new(
            "",
            format!(
                "there is no built-in profile called \u{2018}{id}\u{2019}; the built-in profiles are {}",
                builtin_ids().collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}
