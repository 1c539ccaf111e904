#!/usr/bin/env bash
# Installs what this project needs on a fresh Debian/Ubuntu machine. Idempotent: each step is
# skipped when its tool is already there. Usage: scripts/setup.sh [--no-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
CARGO_DENY_VERSION=0.20.2
browser=yes
[ "${1:-}" = "--no-browser" ] && browser=no
say() { printf 'setup: %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { say "Rust is missing: install it with rustup (https://rustup.rs)"; exit 1; }
command -v node >/dev/null || { say "Node.js 20+ is missing: install it (apt-get install nodejs npm)"; exit 1; }

if [ "$browser" = yes ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing chromium and chromium-driver (apt)"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium chromium-driver >/dev/null
else
  say "chromium: ok"
fi

if [ ! -f /usr/share/dict/british-english ]; then
  say "installing wbritish (apt): the British English word list the spelling test reads"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq wbritish >/dev/null
else
  say "wbritish: ok"
fi

if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
  say "installing poppler-utils (apt): pdftotext reads the printed evidence pack's text in the journeys"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq poppler-utils >/dev/null
else
  say "poppler-utils: ok"
fi

# The receiver's tests and load test start a throwaway PostgreSQL cluster of their own
# (crates/receiver/tests/common/postgres.rs): the server's programs are needed, not a service.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "installing postgresql (apt): the receiver's tests run against a cluster they start"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq postgresql >/dev/null
else
  say "postgresql: ok"
fi

for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || { say "adding rustup component $c"; rustup component add "$c"; }
done
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: ok"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The declared minimum Rust version's own compiler, for scripts/check-msrv.sh.
msrv_toolchain=$(scripts/msrv-toolchain.sh)
if rustup run "$msrv_toolchain" rustc --version >/dev/null 2>&1 \
  && rustup target list --toolchain "$msrv_toolchain" --installed | grep -qx wasm32-unknown-unknown; then
  say "Rust $msrv_toolchain (the declared rust-version): ok"
else
  say "installing Rust $msrv_toolchain with rustup (the declared rust-version, for the MSRV check)"
  rustup toolchain install "$msrv_toolchain" --profile minimal --target wasm32-unknown-unknown
fi

if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: ok"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # No --locked: the CLI's lockfile pins a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if cargo deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
  say "cargo-deny $CARGO_DENY_VERSION: ok"
else
  say "installing cargo-deny $CARGO_DENY_VERSION (a few minutes, once)"
  cargo install --locked "cargo-deny@$CARGO_DENY_VERSION"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm packages: ok"
fi

# The receiver's delivery tests (crates/receiver/tests/delivery.rs) verify the webhook signatures
# with an independent implementation: the standardwebhooks package from PyPI, in a virtual
# environment under target/ (Debian's Python refuses a system-wide pip install).
STANDARDWEBHOOKS_VERSION=1.1.0
webhook_venv=target/webhook-venv
if "$webhook_venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("standardwebhooks") != sys.argv[1])' "$STANDARDWEBHOOKS_VERSION" 2>/dev/null; then
  say "standardwebhooks $STANDARDWEBHOOKS_VERSION (Python, $webhook_venv): ok"
else
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    say "installing python3-venv (apt): a virtual environment for standardwebhooks"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq python3-venv >/dev/null
  fi
  say "installing standardwebhooks $STANDARDWEBHOOKS_VERSION (pip, into $webhook_venv)"
  python3 -m venv "$webhook_venv"
  "$webhook_venv/bin/pip" install --quiet --disable-pip-version-check "standardwebhooks==$STANDARDWEBHOOKS_VERSION"
fi
