#!/usr/bin/env bash
# Builds the widget into pkg/: the wasm (size-tuned profile), the wasm-bindgen glue, wasm-opt -Oz.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -p sen-support-form --lib --profile wasm-release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name sen_support_form \
  target/wasm32-unknown-unknown/wasm-release/sen_support_form.wasm
# binaryen 132 from npm (Debian's binaryen 108 corrupts wasm-bindgen 0.2.130 output).
node node_modules/binaryen/bin/wasm-opt -Oz --enable-bulk-memory --enable-reference-types \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue \
  pkg/sen_support_form_bg.wasm -o pkg/sen_support_form_bg.wasm
ls -l pkg/sen_support_form_bg.wasm pkg/sen_support_form.js | awk '{print "built: " $NF " " $5 " bytes"}'
