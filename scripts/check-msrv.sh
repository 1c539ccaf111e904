#!/usr/bin/env bash
# The declared minimum Rust version (`rust-version` in Cargo.toml) is true: every crate of the
# workspace, and the widget for wasm32, checked with that release's own compiler (installed by
# scripts/setup.sh with rustup), with the committed Cargo.lock. Clippy's `incompatible_msrv`
# lint only sees the standard library's APIs; the compiler itself also refuses newer language
# features and dependencies that need a newer Rust. Its own target directory, so the main
# build's stays as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
toolchain=$(scripts/msrv-toolchain.sh)
rustup run "$toolchain" rustc --version >/dev/null 2>&1 || {
  echo "msrv: the $toolchain toolchain is missing: run scripts/setup.sh"
  exit 1
}
echo "msrv: checking with $(rustup run "$toolchain" rustc --version)"
cargo "+$toolchain" check --locked --workspace --target-dir target/msrv
cargo "+$toolchain" check --locked -p sen-support-form --lib --target wasm32-unknown-unknown --target-dir target/msrv
echo "msrv: every crate builds with Rust $toolchain"
