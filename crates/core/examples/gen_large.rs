//! Writes the generated large application (500 rows, 12 cycles) as JSON to standard output:
//! `cargo run -p sen-core --example gen_large > large.json`
fn main() {
    println!(
        "{}",
        sen_core::wire::to_json(&sen_core::sample::large_application(500, 12))
    );
}
