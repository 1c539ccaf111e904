//! `--pack FILE`: the evidence pack of the application checked, as one HTML file (`-`: to
//! standard output), whatever its completeness.

use std::io::Write;

use sen_core::api::{self, ProfileChoice};
use sen_core::pack::{html, Pack};
use sen_core::text::Catalogue;
use sen_core::{Profile, Report};

/// The pack of `document` (JSON text the check has read) as HTML, in the words of `texts`
/// (`--lang`, with the profile's texts over it).
pub fn render(document: &str, profile: &Profile, report: &Report, texts: &Catalogue) -> String {
    let value: serde_json::Value = serde_json::from_str(document).unwrap_or_default();
    let texts = profile.catalogue(texts.clone());
    html::document(&Pack::new_in(&value, profile, report, None, &texts))
}

/// Writes the pack to `target` (a path, or `-` for standard output).
pub fn write(
    target: &str,
    document: &str,
    profile: &Profile,
    report: &Report,
    texts: &Catalogue,
) -> Result<(), String> {
    let text = render(document, profile, report, texts);
    let written = if target == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    } else {
        std::fs::write(target, text)
    };
    written.map_err(|e| {
        sen_core::text::Catalogue::english()
            .format("cli.error.pack", &[("path", &target), ("error", &e)])
    })
}

/// Writes the pack of `document`, checked under the profile `choice` names, to `target`.
pub fn write_for(
    target: &str,
    document: &str,
    choice: ProfileChoice<'_>,
    report: &Report,
    texts: &Catalogue,
) -> Result<(), String> {
    let app = sen_core::wire::parse_application(document).unwrap_or_default();
    let profile = api::load_profile(choice, &app).map_err(|e| e.to_string())?;
    write(target, document, &profile, report, texts)
}
