//! The few calls every front door makes, with text in and text out, so that the CLI, the
//! widget (compiled to wasm32) and the receiver produce byte-identical reports.

use crate::date::Date;
use crate::profile::{self, Profile, ProfileError};
use crate::report::Report;
use crate::text::Catalogue;
use crate::wire::{self, ParseError};

/// Why a check could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// The application document could not be read.
    Document(ParseError),
    /// The profile is unknown or broken.
    Profile(ProfileError),
    /// "Today" is not a date.
    Today(String),
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Document(e) => write!(f, "the application could not be read: {e}"),
            CheckError::Profile(e) => write!(f, "{e}"),
            CheckError::Today(t) => write!(
                f,
                "today must be a date in the form YYYY-MM-DD, not \u{2018}{t}\u{2019}"
            ),
        }
    }
}

impl std::error::Error for CheckError {}

/// Which profile to check against.
#[derive(Debug, Clone, Copy)]
pub enum ProfileChoice<'a> {
    /// A built-in profile id.
    Builtin(&'a str),
    /// A profile's JSON text.
    Json(&'a str),
    /// The built-in profile the document names in its `profile` field.
    FromDocument,
}

/// Parses "today".
pub fn parse_today(today: &str) -> Result<Date, CheckError> {
    Date::parse(today).ok_or_else(|| CheckError::Today(today.chars().take(40).collect()))
}

/// Loads the chosen profile for a document.
pub fn load_profile(
    choice: ProfileChoice<'_>,
    document: &crate::Application,
) -> Result<Profile, CheckError> {
    match choice {
        ProfileChoice::Builtin(id) => profile::builtin(id).map_err(CheckError::Profile),
        ProfileChoice::Json(json) => Profile::from_json(json).map_err(CheckError::Profile),
        ProfileChoice::FromDocument => match document.profile.as_deref() {
            Some(id) => profile::builtin(id).map_err(CheckError::Profile),
            None => Err(CheckError::Profile(ProfileError::new(
                "",
                "the application does not name a profile: choose one",
            ))),
        },
    }
}

/// Parses a document, loads the profile and checks.
pub fn check(document: &str, choice: ProfileChoice<'_>, today: &str) -> Result<Report, CheckError> {
    check_in(document, choice, today, &Catalogue::english())
}

/// [`check`], its messages worded from `texts` (English, or a language's catalogue), with the
/// profile's own `texts` over it.
pub fn check_in(
    document: &str,
    choice: ProfileChoice<'_>,
    today: &str,
    texts: &Catalogue,
) -> Result<Report, CheckError> {
    let today = parse_today(today)?;
    let app = wire::parse_application(document).map_err(CheckError::Document)?;
    let profile = load_profile(choice, &app)?;
    let texts = profile.catalogue(texts.clone());
    Ok(crate::rules::check_in(&app, &profile, today, &texts))
}

/// Checks a document already read as a JSON value (the widget holds its answers as one).
pub fn check_value(
    document: &serde_json::Value,
    choice: ProfileChoice<'_>,
    today: &str,
) -> Result<Report, CheckError> {
    let today = parse_today(today)?;
    let app = wire::application_from_value(document).map_err(CheckError::Document)?;
    let profile = load_profile(choice, &app)?;
    Ok(crate::rules::check(&app, &profile, today))
}

/// The report as the JSON every front door prints: pretty, two-space indented, with a final
/// newline.
pub fn report_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
    s.push('\n');
    s
}
