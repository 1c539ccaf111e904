//! Time to check an application natively: the S01 fixture and a generated large application
//! (500 provision rows, 12 cycles), from JSON text to report. `cargo bench -p sen-core`.

use criterion::{criterion_group, criterion_main, Criterion};
use sen_core::api::{self, ProfileChoice};

fn bench(c: &mut Criterion) {
    let s01 = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");
    let large = sen_core::wire::to_json(&sen_core::sample::large_application(500, 12));
    let mut g = c.benchmark_group("check");
    g.bench_function("S01", |b| {
        b.iter(|| {
            api::check(
                std::hint::black_box(s01),
                ProfileChoice::Builtin("stockton-one-point"),
                "2025-04-30",
            )
        })
    });
    g.bench_function("large-500-rows-12-cycles", |b| {
        b.iter(|| {
            api::check(
                std::hint::black_box(&large),
                ProfileChoice::Builtin("stockton-one-point"),
                "2025-04-30",
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
