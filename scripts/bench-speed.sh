#!/usr/bin/env bash
# Measures PRODUCT.md's server-speed target in one run, from the release binary with demo data:
# the signed-in booking page against a static file of the same size, and booking throughput
# (cancel and book again), on SQLite and then on PostgreSQL.
#   scripts/bench-speed.sh [seconds per measurement] [concurrent clients]
# PostgreSQL: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
# database is made for the run and dropped after.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo leptos build --release
cargo build --release -p server --example bench_speed
pg=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_db="tp_bench_$$"
work=$(mktemp -d)
port=3917
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  psql "$pg" -q -c "drop database if exists $pg_db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run() {
  echo "== $1"
  PORTAL_ENV=development PORTAL_NOW=2026-03-04T10:00:00+01:00 \
    DATABASE_URL="$2" \
    LEPTOS_OUTPUT_NAME=traeningsportalen LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR=127.0.0.1:$port RUST_LOG=warn PORTAL_SIGN_IN_PER_MINUTE=1000 \
    target/release/server &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
  target/release/examples/bench_speed "http://127.0.0.1:$port" target/site "${3:-10}" "${4:-16}"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

run SQLite "sqlite://$work/bench.sqlite" "$@"
psql "$pg" -q -c "create database $pg_db"
run PostgreSQL "${pg%/*}/$pg_db" "$@"
