#!/usr/bin/env bash
# The load-balanced setup, tested: Debian's nginx with the shipped proxy settings
# (deploy/nginx/proxy.conf) in front of two portal instances on one PostgreSQL database, the
# stand-in MitID broker for signing in. Runs the test `load_balanced` (ignored in a plain
# `cargo test`) against them: a sign-in through nginx, then bookings and cancellations at once
# while one instance is killed. Needs what `cargo test --workspace` builds (target/debug/server
# and the test binaries; `scripts/test.sh` runs this right after it, before the site build,
# whose server binary a cargo command here would otherwise build again) and
# `scripts/setup.sh --test`. The pages are served without the site's files, which this test
# does not need.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${TEST_POSTGRES_URL%/*}
nginx_port=${LB_NGINX_PORT:-3200}
ports=(3201 3202)
oidc_port=${LB_OIDC_PORT:-4102}
base="http://127.0.0.1:$nginx_port"
issuer="http://localhost:$oidc_port"
db="tp_lb_$$"
work=$(mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$TEST_POSTGRES_URL" -q -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until $1 answers 200 (at most a minute).
wait_for() {
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "!! $1 did not answer"; return 1
}

psql "$TEST_POSTGRES_URL" -q -c "create database $db"

(cd end2end && exec env OIDC_PORT="$oidc_port" PORTAL_URL="$base" node oidc/stand-in.mjs) \
  >"$work/oidc.log" 2>&1 &
pids+=($!)
wait_for "$issuer/.well-known/openid-configuration"

# One after the other, so the demo data is made once; then both serve.
for i in 0 1; do
  env -i PATH="$PATH" \
    PORTAL_ENV=development PORTAL_NOW=2026-03-04T10:00:00+01:00 \
    DATABASE_URL="$pg_base/$db" PORTAL_BASE_URL="$base" PORTAL_TRUSTED_PROXIES=127.0.0.1 \
    PORTAL_INSTANCE="lb-$i" LEPTOS_SITE_ADDR="127.0.0.1:${ports[$i]}" \
    LEPTOS_OUTPUT_NAME=traeningsportalen LEPTOS_SITE_ROOT="$repo/target/site" LEPTOS_SITE_PKG_DIR=pkg \
    PORTAL_MUNICIPALITIES_DIR="$repo/app/municipalities" RUST_LOG=warn \
    OIDC_ISSUER="$issuer" OIDC_CLIENT_ID=traeningsportalen OIDC_CLIENT_SECRET=borger-hemmelighed \
    "$repo/target/debug/server" >"$work/instance-$i.log" 2>&1 &
  pids+=($!)
  instance_pids[$i]=$!
  wait_for "http://127.0.0.1:${ports[$i]}/readyz"
done

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream traeningsportalen {
    server 127.0.0.1:${ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${ports[1]} max_fails=1 fail_timeout=5s;
    keepalive 32;
    keepalive_timeout 5s;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    large_client_header_buffers 4 16k;
    location / {
      include $repo/deploy/nginx/proxy.conf;
    }
  }
}
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
wait_for "$base/readyz"

status=0
LB_URL="$base" LB_OIDC_ISSUER="$issuer" LB_CLIENT_ADDR=127.0.0.2 \
  LB_DATABASE_URL="$pg_base/$db" LB_KILL_PID="${instance_pids[1]}" LB_KILL_ADDR="127.0.0.1:${ports[1]}" \
  cargo test --workspace -- --ignored --exact \
  load_balanced::two_instances_behind_nginx_lose_no_acknowledged_booking_when_one_dies \
  || status=$?
echo "(instance lb-1 was killed on purpose, halfway through the bookings)"
if [ "$status" != 0 ]; then
  echo "== nginx errors"; tail -20 "$work/nginx/error.log" || true
  for i in 0 1; do echo "== instance $i"; tail -20 "$work/instance-$i.log" || true; done
fi
exit "$status"
