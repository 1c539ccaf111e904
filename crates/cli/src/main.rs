//! `sen-check`: checks a SEN support application (JSON) against a council profile.
//! Exit 0 complete, 1 incomplete, 2 unreadable input, bad profile or usage.

use std::io::Read;
use std::process::ExitCode;

use sen_check::args::{self, Command, ProfileArg};
use sen_check::{attachments, human, schema, today};
use sen_core::api::{self, CheckError, ProfileChoice};
use sen_core::profile::{builtin, builtin_ids};
// The CLI's errors come before `--lang` is read, or without it: English.
use sen_core::text::{self, say, Catalogue};

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("sen-check: {message}");
    ExitCode::from(2)
}

fn read_input(input: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if input == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(input)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    read.map_err(|e| say("cli.error.read", &[("path", &input), ("error", &e)]))?;
    String::from_utf8(bytes).map_err(|_| say("cli.error.not-utf8", &[("path", &input)]))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&argv) {
        Ok(c) => c,
        Err(e) => return fail(format!("{e}\n{}", args::usage())),
    };
    match command {
        Command::Help => {
            println!("{}", say("cli.help", &[("usage", &args::usage())]));
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("sen-check {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::PrintSchema => {
            print!("{}", schema::application_schema());
            ExitCode::SUCCESS
        }
        Command::PrintProfileSchema => {
            print!("{}", schema::profile_schema());
            ExitCode::SUCCESS
        }
        Command::PseudoLocale => {
            print!("{}", text::pseudo_catalogue_json());
            ExitCode::SUCCESS
        }
        Command::ListProfiles => {
            for id in builtin_ids() {
                match builtin(id) {
                    Ok(p) => println!("{id}\t{:?}\t{}", p.mode, p.name),
                    Err(e) => return fail(e),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Check {
            profile,
            today,
            json,
            input,
            attachments,
            pack,
            lang,
        } => {
            let texts = match lang.as_deref().map(read_texts).transpose() {
                Ok(t) => t.unwrap_or_default(),
                Err(e) => return fail(e),
            };
            check(
                &profile,
                today,
                json,
                &input,
                attachments.as_deref(),
                pack.as_deref(),
                &texts,
            )
        }
    }
}

/// `--lang FILE`: a catalogue of texts laid over English, refused whole if any text is bad.
fn read_texts(path: &str) -> Result<Catalogue, String> {
    let json = read_input(path)?;
    Catalogue::english()
        .with_json(&json)
        .map_err(|e| say("cli.error.lang-refused", &[("path", &path), ("error", &e)]))
}

fn check(
    profile: &ProfileArg,
    today: Option<String>,
    json: bool,
    input: &str,
    files: Option<&str>,
    pack: Option<&str>,
    texts: &Catalogue,
) -> ExitCode {
    let document = match read_input(input) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let profile_json;
    let choice = match profile {
        ProfileArg::Builtin(id) => ProfileChoice::Builtin(id),
        ProfileArg::File(path) => match std::fs::read_to_string(path) {
            Ok(text) => {
                profile_json = text;
                ProfileChoice::Json(&profile_json)
            }
            Err(e) => return fail(say("cli.error.profile", &[("path", path), ("error", &e)])),
        },
        ProfileArg::FromDocument => ProfileChoice::FromDocument,
    };
    let today = match today.or_else(|| today::today().map(|d| d.to_string())) {
        Some(t) => t,
        None => return fail(say("cli.error.clock", &[])),
    };
    let mut report = match api::check_in(&document, choice, &today, texts) {
        Ok(r) => r,
        Err(CheckError::Document(e)) => {
            return fail(say(
                "cli.error.document",
                &[("path", &input), ("error", &e)],
            ))
        }
        Err(e) => return fail(e),
    };
    let app = sen_core::wire::parse_application(&document).unwrap_or_default();
    let profile = match api::load_profile(choice, &app) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if let Some(dir) = files {
        let list = app.attachments.as_deref().unwrap_or_default();
        match attachments::check(std::path::Path::new(dir), list, &profile.attachments) {
            Ok(issues) => sen_core::files::stored::add_to_report(&mut report, issues),
            Err(e) => return fail(e),
        }
    }
    if let Some(target) = pack {
        if let Err(e) = sen_check::pack::write_for(target, &document, choice, &report, texts) {
            return fail(e);
        }
    }
    // With the pack on standard output, the report goes to standard error.
    let say = |text: String| match pack {
        Some("-") => eprint!("{text}"),
        _ => print!("{text}"),
    };
    if json {
        say(api::report_json(&report));
    } else {
        say(human::render(
            &report,
            &profile,
            &profile.catalogue(texts.clone()),
        ));
    }
    if report.complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
