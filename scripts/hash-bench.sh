#!/usr/bin/env bash
# SHA-256 of an attached document in Chromium: the browser's WebCrypto digest against the sha2
# crate compiled to wasm32 (built as the widget is), for 1, 10 and 50 MB, and what the wasm
# hash would add to the download. Measurement only (BENCHMARKS.md); run after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/hash-bench
dir=tests/bench/hash
mkdir -p "$out"
cp Cargo.lock "$dir/Cargo.lock"
CARGO_TARGET_DIR=$out/target cargo build -q --release --target wasm32-unknown-unknown \
  --manifest-path "$dir/Cargo.toml"
rm -f "$dir/Cargo.lock"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" --out-name hash_bench \
  "$out/target/wasm32-unknown-unknown/release/hash_bench.wasm"
node node_modules/binaryen/bin/wasm-opt -Oz --enable-bulk-memory --enable-reference-types \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue \
  "$out/pkg/hash_bench_bg.wasm" -o "$out/pkg/hash_bench_bg.wasm"
printf 'wasm sha2 alone: %d raw, %d gzip; glue %d gzip\n' "$(wc -c <"$out/pkg/hash_bench_bg.wasm")" \
  "$(gzip -9c "$out/pkg/hash_bench_bg.wasm" | wc -c)" "$(gzip -9c "$out/pkg/hash_bench.js" | wc -c)"
node tests/bench/hash.mjs "$out/pkg"
