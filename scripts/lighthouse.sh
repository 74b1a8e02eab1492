#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, Debian's Chromium, its mobile settings: a mid-range phone on a
# slow 4G connection) on five pages of the release build with demo data on SQLite: the front
# page, and signed in as Karen Østergaard the overview, the training page, her decision letter
# and the complaint page. Prints a Markdown table for the README.
#   scripts/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."

lighthouse_version=12
scripts/setup.sh --bench
cargo leptos build --release
tools=target/lighthouse
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund "lighthouse@$lighthouse_version" >/dev/null
fi

work=$(mktemp -d)
source scripts/lib/release-portal.sh
trap 'stop_portals; rm -rf "$work"' EXIT
base=http://127.0.0.1:3927
start_portal 3927 "sqlite://$work/lighthouse.sqlite"
# Karen signs in on the development sign-in page, as the browser tests do.
person=$(curl -sf "$base/dev/log-ind" | tr '\n' ' ' |
  grep -oE 'name="person" value="[0-9]+">(<!---->)?<button[^>]*>Log ind som Karen Østergaard<' |
  grep -o 'value="[0-9]*"' | grep -o '[0-9]*')
cookie=$(curl -s -o /dev/null -D - -H 'Accept: text/html' -H "Origin: $base" \
  --data "person=$person" "$base/api/dev/sign_in" | grep -i '^set-cookie:' | head -1 |
  sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
[ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }
decision=$(curl -sf -H "Cookie: $cookie" "$base/oversigt" | grep -o '/afgoerelse/[0-9]*' | head -1)
[ -n "$decision" ] || { echo "no decision letter on the overview" >&2; exit 1; }

echo "| Page | Performance | Accessibility | Best Practices | LCP | CLS | Transferred |"
echo "|---|---|---|---|---|---|---|"
for path in / /oversigt /traening "$decision" /klager; do
  headers="{}"
  [ "$path" = / ] || headers="{\"Cookie\": \"$cookie\"}"
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$base$path" \
    --quiet --output=json --output-path="$work/report.json" \
    --only-categories=performance,accessibility,best-practices \
    --extra-headers="$headers" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories, a = r.audits;
    const score = (k) => Math.round(c[k].score * 100);
    const kib = (a["total-byte-weight"].numericValue / 1024).toFixed(1);
    console.log(`| ${process.argv[2]} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${(a["largest-contentful-paint"].numericValue / 1000).toFixed(1)} s | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ${kib} KiB |`);
  ' "$work/report.json" "$path"
done
