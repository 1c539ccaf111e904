#!/usr/bin/env bash
# Prints the rustup toolchain of the declared minimum Rust version: `rust-version` of
# [workspace.package] in Cargo.toml, with `.0` added to a version of two parts ("1.88" → "1.88.0").
set -euo pipefail
cd "$(dirname "$0")/.."
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ -n "$msrv" ] || { echo "msrv: no rust-version in Cargo.toml" >&2; exit 1; }
case "$msrv" in
  *.*.*) echo "$msrv" ;;
  *) echo "$msrv.0" ;;
esac
