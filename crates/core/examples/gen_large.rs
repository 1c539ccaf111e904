//! Writes a generated large application as JSON to standard output: by default 500 rows and
//! 12 cycles (`cargo run -p sen-core --example gen_large > large.json`); `gen_large ROWS CYCLES`
//! for another size (each cycle has its own outcome, and rows are linked to them in turn).
fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let rows = args.next().flatten().unwrap_or(500);
    let cycles = args.next().flatten().unwrap_or(12);
    println!(
        "{}",
        sen_core::wire::to_json(&sen_core::sample::large_application(rows, cycles))
    );
}
