#!/usr/bin/env bash
# Builds sen-check and checks the sample application (scenario S01) under Stockton's profile,
# then a draft with problems, so you can see both kinds of report.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin sen-check
echo
target/release/sen-check --profile stockton-one-point --today 2025-04-30 \
  tests/fixtures/scenarios/S01-complete-valid.json || true
echo
echo "---- and an application with problems (scenario S09):"
target/release/sen-check --profile stockton-one-point --today 2025-04-30 \
  tests/fixtures/scenarios/S09-arithmetic-mismatch.json || true
