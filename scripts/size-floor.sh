#!/usr/bin/env bash
# What the parts of the widget cost on their own, built exactly as the widget is (wasm-release
# settings, wasm-bindgen --target web, wasm-opt -Oz --converge from binaryen 132, Leptos's
# erase_components): the rules core alone (check_application, no UI), a minimal Leptos form, and
# the two in one wasm (what they share counted once); and the core with everything the widget
# asks of it (the check, the pack and summary for parents with their charts, the pasted map, the
# lenient reader, the file checks). `SIZE_FLOOR_PARTS="core-only core-everything"` builds some.
# With the embedded stylesheet, these are the floor under the widget's download (BENCHMARKS.md).
# Run after scripts/setup.sh. Builds into target/size-floor.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/size-floor
mkdir -p "$out"
opt() {
  node node_modules/binaryen/bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-reference-types \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue "$1" -o "$2"
}
for part in ${SIZE_FLOOR_PARTS:-core-only core-everything leptos-minimal core-and-leptos}; do
  dir=tests/bench/size-floor/$part
  name=size_floor_${part//-/_}
  # Each part resolves its own Cargo.lock, pinned to the workspace's versions.
  cp Cargo.lock "$dir/Cargo.lock"
  CARGO_TARGET_DIR=$out/target cargo build -q --release --target wasm32-unknown-unknown \
    --manifest-path "$dir/Cargo.toml"
  rm -f "$dir/Cargo.lock"
  wasm-bindgen --target web --no-typescript --out-dir "$out/$part" --out-name "$name" \
    "$out/target/wasm32-unknown-unknown/release/$name.wasm"
  opt "$out/$part/${name}_bg.wasm" "$out/$part/${name}_bg.wasm"
  wasm=$out/$part/${name}_bg.wasm
  glue=$out/$part/$name.js
  printf 'floor: %-15s wasm %8d raw %7d gzip; glue %6d raw %6d gzip\n' "$part" \
    "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)" "$(wc -c <"$glue")" "$(gzip -9c "$glue" | wc -c)"
done
