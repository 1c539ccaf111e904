#!/usr/bin/env bash
# The whole test suite. Installs what is missing first (scripts/setup.sh), then runs every tier.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n==== %s\n' "$*"; }

stage "setup"
scripts/setup.sh
stage "format"
cargo fmt --all -- --check
stage "clippy (warnings denied), native and wasm32"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p sen-support-form --all-targets --target wasm32-unknown-unknown -- -D warnings
stage "minimum Rust version: every crate checked with the declared rust-version's compiler"
scripts/check-msrv.sh
stage "dependencies: licences and duplicate crates (cargo-deny, deny.toml; no advisory database)"
cargo fetch --locked
cargo deny --offline --workspace check licenses bans
stage "native tests: core unit, scenarios and snapshots, property tests, CLI, schema, the receiver on SQLite and on a PostgreSQL cluster the tests start"
cargo test --workspace
stage "JSON Schemas: fixtures and profiles validate with ajv"
node tests/schema/validate.mjs
stage "core purity: dependency tree and wasm32 build"
scripts/check-core-deps.sh
stage "sen-check release build"
cargo build --release --bin sen-check
stage "widget build (wasm32)"
scripts/build-widget.sh
stage "wasm parity: reports byte-identical natively and in wasm32"
node tests/wasm/parity.mjs
stage "download size budget"
scripts/check-size.sh
stage "widget component tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p sen-support-form --target wasm32-unknown-unknown --test web
stage "browser journeys in headless Chromium against the real receiver (playwright-core, axe-core)"
cargo build --release --bin sen-receiver
node --test --test-concurrency=1 tests/e2e/
stage "receiver load test on loopback: 20 clients, 2,000 applications, nothing lost or duplicated, on SQLite, on PostgreSQL with one instance, two, and one of two killed"
cargo bench -p sen-receiver --bench load
stage "all tests passed"
