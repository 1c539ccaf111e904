#!/usr/bin/env bash
# The demo: builds the widget and serves a council-like page that embeds it, on
# http://localhost:8080/ (PORT to change it). Applications sent from the page land in the demo
# server, which saves them in target/demo-submissions/. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-browser
scripts/build-widget.sh
cat <<'TEXT'

Host pages:
  /                      a council page embedding <sen-support-form profile="stockton-one-point">
  /www/scenario.html     the same, with "today" fixed at 30 April 2025 to replay the scenarios
  /www/hostile.html      a page with aggressive global CSS
  /www/two.html          two forms (Stockton and Croydon) on one page
  /www/broken.html       a form whose profile cannot be loaded (its fallback content shows)
The CLI checks the same applications: target/release/sen-check --help (cargo build --release).
TEXT
exec node scripts/serve.mjs "${PORT:-8080}"
