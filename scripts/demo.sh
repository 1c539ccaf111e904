#!/usr/bin/env bash
# The demo: builds the widget and the reference receiver, and starts the receiver on
# http://localhost:8080/ (PORT to change it). It serves a council-like page embedding the form
# and stores each application sent from it in target/demo/applications.sqlite3 (list them with
# target/release/sen-receiver --list --database target/demo/applications.sqlite3). Ctrl-C stops.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-browser
scripts/build-widget.sh
cargo build --release --bin sen-receiver --bin sen-check
mkdir -p target/demo
cat <<'TEXT'

Host pages:
  /                      a council page embedding <sen-support-form profile="stockton-one-point">
  /www/scenario.html     the same, with "today" fixed at 30 April 2025 (run with TODAY=2025-04-30
                         so the receiver checks with the same date)
  /www/hostile.html      a page with aggressive global CSS
  /www/two.html          two forms (Stockton and Croydon) on one page
  /www/broken.html       a form whose profile cannot be loaded (its fallback content shows)
  /www/portal.html       a signed-in portal: CSRF token from a meta tag, its own headers, events
The CLI checks the same applications: target/release/sen-check --help
TEXT
today_args=()
[ -n "${TODAY:-}" ] && today_args=(--today "$TODAY")
exec target/release/sen-receiver --listen "127.0.0.1:${PORT:-8080}" \
  --database target/demo/applications.sqlite3 --static . "${today_args[@]}"
