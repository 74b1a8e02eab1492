# Sourced by scripts/bench.sh and scripts/lighthouse.sh: starts the release build of the portal
# with demo data, pinned to a core, and stops what it started.
#   start_portal <port> <database url> [core]     (waits until /readyz answers)
#   stop_portals
portal_pids=()

start_portal() {
  PORTAL_ENV=development PORTAL_NOW=2026-03-04T10:00:00+01:00 DATABASE_URL="$2" \
    LEPTOS_OUTPUT_NAME=traeningsportalen LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR="127.0.0.1:$1" RUST_LOG=warn PORTAL_SIGN_IN_PER_MINUTE=100000 \
    taskset -c "${3:-0}" target/release/server &
  portal_pids+=($!)
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0
    sleep 0.2
  done
  echo "the portal on port $1 did not start" >&2
  return 1
}

stop_portals() {
  local p
  for p in "${portal_pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  portal_pids=()
}
