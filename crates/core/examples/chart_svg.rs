//! Writes a chart of an application as SVG to standard output, to look at it:
//! `cargo run -p sen-core --example chart_svg -- FILE [PROFILE] [WIDTH] [cost|timeline]`.

use sen_core::{chart, profile, wire};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(file), profile_id) = (args.next(), args.next()) else {
        eprintln!("usage: chart_svg FILE [PROFILE] [WIDTH]");
        std::process::exit(2);
    };
    let width = args.next().and_then(|w| w.parse().ok()).unwrap_or(640);
    let kind = args.next().unwrap_or_else(|| "cost".to_owned());
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
    let drawn = match kind.as_str() {
        "timeline" => chart::timeline::chart(&app, width),
        _ => chart::cost::of_application(&app, &p, width),
    };
    match drawn {
        Some(c) => println!("{}", chart::svg::to_svg(&c, &kind)),
        None => eprintln!("nothing to draw: no dates, or figures that cannot all be worked out"),
    }
}
