#!/usr/bin/env bash
# Measures PRODUCT.md's server-speed target in one run: the signed-in booking page against a
# static file of the same size, both from the release binary with demo data on SQLite.
#   scripts/bench-speed.sh [seconds per measurement] [concurrent clients]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo leptos build --release
cargo build --release -p server --example bench_speed
work=$(mktemp -d)
port=3917
PORTAL_ENV=development PORTAL_NOW=2026-03-04T10:00:00+01:00 \
  DATABASE_URL="sqlite://$work/bench.sqlite" \
  LEPTOS_OUTPUT_NAME=traeningsportalen LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:$port RUST_LOG=warn \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
target/release/examples/bench_speed "http://127.0.0.1:$port" target/site "${1:-10}" "${2:-16}"
