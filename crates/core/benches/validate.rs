//! Time to check an application natively: the S01 fixture and a generated large application
//! (500 provision rows, 12 cycles), and a wide one (2,000 outcomes, rows and cycles, each row
//! linked to an outcome: what grew faster than the document before the look-ups of
//! `rules/index.rs`), from JSON text to report. `cargo bench -p sen-core`.

use criterion::{criterion_group, criterion_main, Criterion};
use sen_core::api::{self, ProfileChoice};

fn bench(c: &mut Criterion) {
    let s01 = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json").to_owned();
    let large = sen_core::wire::to_json(&sen_core::sample::large_application(500, 12));
    let wide = sen_core::wire::to_json(&sen_core::sample::large_application(2000, 2000));
    let mut g = c.benchmark_group("check");
    g.sample_size(20);
    for (name, doc) in [
        ("S01", s01),
        ("large-500-rows-12-cycles", large),
        ("wide-2000-outcomes-rows-cycles", wide),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                api::check(
                    std::hint::black_box(&doc),
                    ProfileChoice::Builtin("stockton-one-point"),
                    "2025-04-30",
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
