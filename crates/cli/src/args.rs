//! Command-line arguments, parsed by hand (no dependency needed for nine flags). Their
//! messages are the catalogue's English (`cli.args.*`): `--lang` is not read yet.

use sen_core::text::say;

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Check {
        profile: ProfileArg,
        today: Option<String>,
        json: bool,
        input: String,
        /// The folder holding the attachments' files, to check them too.
        attachments: Option<String>,
        /// `--pack FILE`: where to write the evidence pack (`-`: standard output).
        pack: Option<String>,
        /// `--lang FILE`: a catalogue of texts (another language's) laid over English.
        lang: Option<String>,
    },
    /// `--pseudo-locale`: print the pseudo-locale catalogue made from English.
    PseudoLocale,
    PrintSchema,
    PrintProfileSchema,
    ListProfiles,
    Help,
    Version,
}

/// Where the profile comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum ProfileArg {
    Builtin(String),
    File(String),
    FromDocument,
}

/// How the command is used (`cli.usage`).
pub fn usage() -> &'static str {
    sen_core::text::english("cli.usage").unwrap_or_default()
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut profile = ProfileArg::FromDocument;
    let mut today = None;
    let mut json = false;
    let mut input = None;
    let mut attachments = None;
    let mut pack = None;
    let mut lang = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| say("cli.args.needs-value", &[("option", &name)]))
        };
        match a.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--print-schema" => return Ok(Command::PrintSchema),
            "--print-profile-schema" => return Ok(Command::PrintProfileSchema),
            "--list-profiles" => return Ok(Command::ListProfiles),
            "--pseudo-locale" => return Ok(Command::PseudoLocale),
            "--json" => json = true,
            "--today" => today = Some(value("--today")?),
            "--attachments" => attachments = Some(value("--attachments")?),
            "--pack" => pack = Some(value("--pack")?),
            "--lang" => lang = Some(value("--lang")?),
            "--profile" | "--profile-file" => {
                if profile != ProfileArg::FromDocument {
                    return Err(say("cli.args.profile-twice", &[]));
                }
                let v = value(a)?;
                profile = if a == "--profile" {
                    ProfileArg::Builtin(v)
                } else {
                    ProfileArg::File(v)
                };
            }
            s if s.starts_with("--") => return Err(say("cli.args.unknown", &[("option", &s)])),
            s => {
                if input.is_some() {
                    return Err(say("cli.args.one-file", &[]));
                }
                input = Some(s.to_owned());
            }
        }
    }
    let input = input.ok_or_else(|| say("cli.args.no-file", &[]))?;
    Ok(Command::Check {
        profile,
        today,
        json,
        input,
        attachments,
        pack,
        lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &[&str]) -> Result<Command, String> {
        parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses() {
        assert_eq!(
            p(&["--profile", "x", "--json", "a.json"]),
            Ok(Command::Check {
                profile: ProfileArg::Builtin("x".into()),
                today: None,
                json: true,
                input: "a.json".into(),
                attachments: None,
                pack: None,
                lang: None,
            })
        );
        assert!(matches!(
            p(&["--lang", "cy.json", "a.json"]),
            Ok(Command::Check { lang: Some(f), .. }) if f == "cy.json"
        ));
        assert!(p(&["a.json", "--lang"]).is_err());
        assert_eq!(p(&["--pseudo-locale"]), Ok(Command::PseudoLocale));
        assert_eq!(
            p(&["--bogus", "a"]),
            Err("unknown option --bogus".to_owned())
        );
        assert!(matches!(
            p(&["--pack", "out.html", "a.json"]),
            Ok(Command::Check { pack: Some(f), .. }) if f == "out.html"
        ));
        assert!(p(&["a.json", "--pack"]).is_err());
        assert!(p(&["--profile", "x", "--profile-file", "y", "a"]).is_err());
        assert!(p(&[]).is_err());
        assert!(p(&["--today"]).is_err());
        assert!(p(&["--bogus", "a"]).is_err());
        assert_eq!(p(&["--print-schema"]), Ok(Command::PrintSchema));
        assert!(matches!(
            p(&["--attachments", "docs", "a.json"]),
            Ok(Command::Check { attachments: Some(d), .. }) if d == "docs"
        ));
        assert!(p(&["a.json", "--attachments"]).is_err());
    }
}
