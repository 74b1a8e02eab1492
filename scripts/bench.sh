#!/usr/bin/env bash
# Issue 18's benchmark, every figure in one run, side by side (a benchmark, not a test: it
# asserts nothing). The release server on core 0 (taskset), the load generator on core 1:
#   - the signed-in booking page /traening (SQLite, demo data), with wrk;
#   - the same bytes as a static file served by the portal (/pkg/, before any session work);
#   - the same bytes served by Debian's nginx (one worker, core 0): the reference;
#   - booking and cancelling over HTTP, 16 at once, on SQLite, and on PostgreSQL with two
#     instances (both on core 0), with the bench_speed example.
# Each figure is the median of the runs. Prints a Markdown table for the README.
#   scripts/bench.sh            10 s per measurement, 3 runs
#   scripts/bench.sh --short    2 s, 1 run: CI sees that it still works
# PostgreSQL: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
# database is made for the run and dropped after.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=10
runs=3
if [ "${1:-}" = "--short" ]; then
  seconds=2
  runs=1
fi
clients=16
if [ "$(nproc)" -lt 2 ]; then
  echo "the benchmark needs two cores: the server on one, the load on the other" >&2
  exit 1
fi

scripts/setup.sh --bench
# The client first: a cargo build after the site's would build the server again without
# cargo-leptos's settings.
cargo build --release -p server --example bench_speed
cargo leptos build --release
client=target/release/examples/bench_speed

pg=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_db="tp_bench_$$"
work=$(mktemp -d)
chmod 755 "$work"
source scripts/lib/release-portal.sh
nginx_pid=""
cleanup() {
  stop_portals
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  psql "$pg" -q -c "drop database if exists $pg_db with (force)" >/dev/null 2>&1 || true
  rm -f target/site/pkg/bench-page.html
  rm -rf "$work"
}
trap cleanup EXIT

# wrk on core 1 against a url, with more headers: "<requests/s> <p99 ms> <failed>" (failed:
# answers other than 2xx and 3xx, and connect, read, write and timeout errors).
wrk_once() {
  local url=$1 out
  shift
  out=$(taskset -c 1 wrk -t1 -c"$clients" -d"${seconds}s" --latency "$@" "$url")
  awk '
    /^Requests\/sec/ { rps = $2 }
    $1 == "99%" {
      v = $2
      if (v ~ /us$/) { sub(/us$/, "", v); p99 = v / 1000 }
      else if (v ~ /ms$/) { sub(/ms$/, "", v); p99 = v }
      else if (v ~ /s$/) { sub(/s$/, "", v); p99 = v * 1000 }
    }
    /Non-2xx/ { bad += $NF }
    /Socket errors/ {
      for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { n = $i; sub(/,/, "", n); bad += n }
    }
    END { if (rps == "") exit 1; printf "%.0f %.2f %d\n", rps, p99, bad }' <<<"$out"
}

# The median (by the first field) of `runs` runs of a command printing "<value> <p99> <bad>";
# the script stops if a run prints nothing.
median() {
  local lines=() line
  for _ in $(seq 1 "$runs"); do
    line=$("$@")
    [ -n "$line" ] || { echo "no result from: $*" >&2; exit 1; }
    lines+=("$line")
  done
  printf '%s\n' "${lines[@]}" | sort -n -k1,1 | sed -n "$(((runs + 1) / 2))p"
}

echo "== SQLite: pages" >&2
start_portal 3917 "sqlite://$work/bench.sqlite"
cookie=$("$client" cookie http://127.0.0.1:3917 "Karen Østergaard")
curl -sf -H "Cookie: $cookie" http://127.0.0.1:3917/traening >"$work/page.html"
grep -q "Afmeld senest" "$work/page.html" || { echo "not the booking page" >&2; exit 1; }
bytes=$(stat -c %s "$work/page.html")
# The portal reads its build's files when it starts: started again with the page among them.
cp "$work/page.html" target/site/pkg/bench-page.html
stop_portals
start_portal 3917 "sqlite://$work/bench.sqlite"
r=$(median wrk_once http://127.0.0.1:3917/traening -H "Cookie: $cookie")
read -r page_rps page_p99 page_bad <<<"$r"
r=$(median wrk_once http://127.0.0.1:3917/traening -H "Cookie: $cookie" -H "Accept-Encoding: br, gzip")
read -r zpage_rps zpage_p99 zpage_bad <<<"$r"
zbytes=$(curl -sf -H "Cookie: $cookie" -H "Accept-Encoding: br, gzip" http://127.0.0.1:3917/traening | wc -c)
r=$(median wrk_once http://127.0.0.1:3917/pkg/bench-page.html)
read -r file_rps file_p99 file_bad <<<"$r"
echo "== SQLite: writes" >&2
r=$(median "$client" writes "$seconds" "$clients" http://127.0.0.1:3917)
read -r w_sqlite w_sqlite_p99 w_sqlite_bad <<<"$r"
stop_portals

echo "== nginx" >&2
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  types { text/html html; }
  sendfile on;
  server {
    listen 127.0.0.1:3919;
    root $work;
  }
}
EOF
taskset -c 0 nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:3919/page.html >/dev/null && break; sleep 0.1; done
r=$(median wrk_once http://127.0.0.1:3919/page.html)
read -r nginx_rps nginx_p99 nginx_bad <<<"$r"
kill "$nginx_pid"
wait "$nginx_pid" 2>/dev/null || true
nginx_pid=""

echo "== PostgreSQL, two instances: writes" >&2
psql "$pg" -q -c "create database $pg_db"
start_portal 3917 "${pg%/*}/$pg_db"
start_portal 3918 "${pg%/*}/$pg_db"
r=$(median "$client" writes "$seconds" "$clients" http://127.0.0.1:3917 http://127.0.0.1:3918)
read -r w_pg w_pg_p99 w_pg_bad <<<"$r"
stop_portals

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
cat <<EOF

Measured $(date -u +%F) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); server on core 0, load on core 1; $clients connections; median of $runs run(s) of $seconds s.

| What | Requests/s | p99 | Ratio to nginx | Failed |
|---|---|---|---|---|
| Signed-in booking page /traening ($bytes bytes, SQLite) | $page_rps | $page_p99 ms | $(ratio "$page_rps" "$nginx_rps") | $page_bad |
| The same page compressed (brotli, $zbytes bytes) | $zpage_rps | $zpage_p99 ms | $(ratio "$zpage_rps" "$nginx_rps") | $zpage_bad |
| The same bytes as a static file, served by the portal | $file_rps | $file_p99 ms | $(ratio "$file_rps" "$nginx_rps") | $file_bad |
| The same bytes served by nginx (one worker) | $nginx_rps | $nginx_p99 ms | 100 % | $nginx_bad |
| Booking and cancelling, $clients at once (SQLite) | $w_sqlite | $w_sqlite_p99 ms | | $w_sqlite_bad refused |
| The same, PostgreSQL with two instances | $w_pg | $w_pg_p99 ms | | $w_pg_bad refused |
EOF
