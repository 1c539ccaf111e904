#!/usr/bin/env bash
# The download budget: what a host page fetches for the widget (the wasm with its embedded
# govuk-frontend CSS, the wasm-bindgen glue and the loader), gzip -9. Fails when the total grows
# past the budget, so growth is a decision, not an accident. Run after scripts/build-widget.sh.
# The budget is the measured size plus a little headroom; BENCHMARKS.md has the figures and the
# 150 KB and 300 KB goals.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_GZIP_BYTES=${BUDGET_GZIP_BYTES:-642648}
total_raw=0
total_gz=0
for f in pkg/sen_support_form_bg.wasm pkg/sen_support_form.js pkg/sen-support-form.js; do
  [ -f "$f" ] || { echo "size: $f is missing: run scripts/build-widget.sh first"; exit 1; }
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  printf 'size: %-32s %9d bytes raw %8d gzip\n' "$f" "$raw" "$gz"
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
done
printf 'size: %-32s %9d bytes raw %8d gzip (budget %d)\n' "total" "$total_raw" "$total_gz" "$BUDGET_GZIP_BYTES"
if [ "$total_gz" -gt "$BUDGET_GZIP_BYTES" ]; then
  echo "size: the widget's download grew past its budget. Find what grew (twiggy, BENCHMARKS.md) or raise the budget on purpose."
  exit 1
fi
