#!/usr/bin/env bash
# Reports the compressed size of what pages load from a release build (`cargo leptos build
# --release` first): the style sheet on every page, the idle-session script on signed-in pages.
# No page loads the wasm or the hydration script (no page has an island).
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9 -c "$1" | wc -c; }
css=$(gz target/site/pkg/traeningsportalen.css)
js=$(gz target/site/session-timeout.js)
icon=$(gz target/site/favicon.svg)
printf 'CSS  %6d bytes gzip (every page)\nJS   %6d bytes gzip (signed-in pages only)\nicon %6d bytes gzip\n' "$css" "$js" "$icon"
