//! Writes the charts of an application as SVG to standard output, to look at them:
//! `cargo run -p sen-core --example chart_svg -- FILE [PROFILE] [WIDTH]`.

use sen_core::{chart, profile, wire};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(file), profile_id) = (args.next(), args.next()) else {
        eprintln!("usage: chart_svg FILE [PROFILE] [WIDTH]");
        std::process::exit(2);
    };
    let width = args.next().and_then(|w| w.parse().ok()).unwrap_or(640);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let Ok(app) = wire::parse_application(&text) else {
        eprintln!("{file} is not an application");
        std::process::exit(1);
    };
    let id = profile_id.unwrap_or_else(|| "stockton-one-point".to_owned());
    let Ok(p) = profile::builtin(&id) else {
        eprintln!("no profile {id}");
        std::process::exit(1);
    };
    match chart::cost::of_application(&app, &p, width) {
        Some(c) => println!("{}", chart::svg::to_svg(&c, "cost")),
        None => eprintln!("the provision map's figures cannot all be worked out"),
    }
}
