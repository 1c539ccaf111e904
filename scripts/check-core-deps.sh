#!/usr/bin/env bash
# The rules core stays pure: no web, async-runtime, clock or randomness crates in its normal
# dependency tree, natively or for wasm32; and it builds for wasm32-unknown-unknown.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(wasm-bindgen|wasm-bindgen-futures|web-sys|js-sys|leptos|tachys|reactive_graph|tokio|async-std|mio|hyper|axum|reqwest|getrandom|rand|chrono|time|gloo|gloo-net)$'
status=0
for target in "$(rustc -vV | sed -n 's/^host: //p')" wasm32-unknown-unknown; do
  crates=$(cargo tree -p sen-core -e normal --prefix none --target "$target" | awk '{print $1}' | sort -u)
  bad=$(printf '%s\n' "$crates" | grep -E "$forbidden" || true)
  if [ -n "$bad" ]; then
    echo "check-core-deps: sen-core depends on forbidden crates for $target: $bad"; status=1
  else
    echo "check-core-deps: $target: $(printf '%s\n' "$crates" | wc -l) crates, none forbidden"
  fi
done
cargo build -q -p sen-core --target wasm32-unknown-unknown
echo "check-core-deps: sen-core builds for wasm32-unknown-unknown"
exit $status
