#!/usr/bin/env bash
# Builds the widget into pkg/: the wasm (size-tuned profile, govuk-frontend CSS embedded by
# build.rs), the wasm-bindgen glue (--target web), wasm-opt -Oz --converge, and pkg/package.json.
# pkg/sen-support-form.js (the loader) is written by hand and kept in git.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -p sen-support-form --lib --profile wasm-release --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir pkg --out-name sen_support_form \
  target/wasm32-unknown-unknown/wasm-release/sen_support_form.wasm
# binaryen 132 from npm (Debian's binaryen 108 corrupts wasm-bindgen 0.2.130 output). `--converge`
# repeats -Oz until the module stops shrinking: 1.9 KB gzip less for a minute or two more
# (BENCHMARKS.md, "What was done, and what was tried").
node node_modules/binaryen/bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-reference-types \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue \
  pkg/sen_support_form_bg.wasm -o pkg/sen_support_form_bg.wasm
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cat > pkg/package.json <<JSON
{
  "name": "sen-support-form",
  "version": "$version",
  "description": "Embeddable SEN support application form (WebAssembly, GOV.UK Design System)",
  "type": "module",
  "module": "sen-support-form.js",
  "exports": { ".": "./sen-support-form.js" },
  "files": ["sen-support-form.js", "sen_support_form.js", "sen_support_form_bg.wasm", "README.md"],
  "license": "MIT OR Apache-2.0",
  "sideEffects": ["./sen-support-form.js"]
}
JSON
for f in pkg/sen_support_form_bg.wasm pkg/sen_support_form.js pkg/sen-support-form.js; do
  printf 'built: %s %s bytes (%s gzip)\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
