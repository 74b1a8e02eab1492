#!/usr/bin/env bash
# Installs what building and running the portal needs, skipping whatever is already there.
#   scripts/setup.sh          build tools: wasm target, cargo-leptos, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh --test   also what the tests need: Chromium, npm packages, a running PostgreSQL
#   scripts/setup.sh --bench  also what scripts/bench.sh needs: wrk and nginx
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
for_bench=false
[ "${1:-}" = "--test" ] && for_tests=true
[ "${1:-}" = "--bench" ] && for_bench=true

say() { printf '\n== %s\n' "$*"; }

apt_packages=()
command -v wasm-opt >/dev/null || apt_packages+=(binaryen)
if $for_tests; then
  [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
  command -v node >/dev/null || apt_packages+=(nodejs npm)
  command -v psql >/dev/null || apt_packages+=(postgresql)
  # The load-balanced test runs two instances behind Debian's nginx.
  [ -x /usr/sbin/nginx ] || apt_packages+=(nginx)
fi
if $for_bench; then
  # scripts/bench.sh: the load generator, and nginx as the reference.
  command -v wrk >/dev/null || apt_packages+=(wrk)
  [ -x /usr/sbin/nginx ] || apt_packages+=(nginx)
fi
if ((${#apt_packages[@]})); then
  say "apt: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "rust component $component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg_version"; then
  say "wasm-bindgen-cli $wbg_version (a few minutes)"
  # Not --locked: one of its locked dependencies is missing from the registry.
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

cargo_leptos_version=0.3.11
if ! cargo leptos --version 2>/dev/null | grep -qx "cargo-leptos $cargo_leptos_version"; then
  say "cargo-leptos $cargo_leptos_version (about 15 minutes)"
  # Its locked dependencies want a newer rustc than stable; the nightly toolchain builds it.
  if rustup toolchain list | grep -q '^nightly'; then
    cargo +nightly install cargo-leptos --version "$cargo_leptos_version" --locked --force
  else
    cargo install cargo-leptos --version "$cargo_leptos_version" --locked --force
  fi
fi

if $for_tests; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "npm packages for end2end"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
fi
