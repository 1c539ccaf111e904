//! What leaving a cell costs the core with a long provision map: S01 grown to 500 rows (S01's
//! seven rows in turn, each with its own id and name, as `tests/e2e/many-rows.mjs` grows it for
//! the browser journeys), held as the widget holds it (a JSON value). Timed: the rules alone
//! (`rules::check_in` on the application already read, about nine tenths of a check in the
//! widget), and reading the value, filling its figures and checking, as the widget's
//! `check::run` does. `cargo bench -p sen-core --bench rows`.

use criterion::{criterion_group, criterion_main, Criterion};
use sen_core::text::Catalogue;
use sen_core::{derive, profile, rules, wire, Date};
use serde_json::Value;

const ROWS: usize = 500;

/// S01 with `n` provision rows: row i is S01's row i mod 7, named "… (row i+1)", id `r{i+1}`;
/// the figures worked out from the rows left to be worked out again.
fn with_rows(n: usize) -> Value {
    let text = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");
    let mut doc: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let base: Vec<Value> = doc
        .pointer("/provisionMap/rows")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let rows: Vec<Value> = (0..n)
        .filter_map(|i| {
            let mut row = base.get(i % base.len().max(1))?.clone();
            let named = row
                .get("intervention")
                .and_then(Value::as_str)
                .map(|t| format!("{t} (row {})", i + 1));
            let obj = row.as_object_mut()?;
            obj.insert("id".into(), Value::from(format!("r{}", i + 1)));
            if let Some(named) = named {
                obj.insert("intervention".into(), Value::from(named));
            }
            Some(row)
        })
        .collect();
    if let Some(map) = doc
        .pointer_mut("/provisionMap")
        .and_then(Value::as_object_mut)
    {
        map.insert("rows".into(), Value::Array(rows));
        for k in [
            "subtotals",
            "totalPence",
            "schoolContributionPence",
            "requestedTopUpPence",
        ] {
            map.remove(k);
        }
    }
    doc
}

fn bench(c: &mut Criterion) {
    let Ok(profile) = profile::builtin("stockton-one-point") else {
        return;
    };
    let texts = profile.catalogue(Catalogue::english());
    let Some(today) = Date::parse("2025-04-30") else {
        return;
    };
    let doc = with_rows(ROWS);
    let read = |doc: &Value| {
        let mut app = wire::application_from_value(doc).ok()?;
        derive::fill(&mut app, &profile.funding);
        derive::from_profile(&mut app, &profile);
        Some(app)
    };
    let Some(app) = read(&doc) else {
        return;
    };
    let mut g = c.benchmark_group("leaving-a-cell-500-rows");
    g.sample_size(30);
    g.bench_function("rules::check_in", |b| {
        b.iter(|| rules::check_in(std::hint::black_box(&app), &profile, today, &texts))
    });
    g.bench_function("read-and-check", |b| {
        b.iter(|| {
            read(std::hint::black_box(&doc))
                .map(|app| rules::check_in(&app, &profile, today, &texts))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
