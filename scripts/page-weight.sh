#!/usr/bin/env bash
# Reports the compressed size of what every page loads (JS + wasm, CSS) from a release build.
# Run `cargo leptos build --release` first. Target (PRODUCT.md): JS + wasm <= 150 KB compressed.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=target/site/pkg
gz() { gzip -9 -c "$1" | wc -c; }
js=$(gz "$pkg/traeningsportalen.js"); wasm=$(gz "$pkg/traeningsportalen.wasm"); css=$(gz "$pkg/traeningsportalen.css")
printf 'JS   %6d bytes gzip\nwasm %6d bytes gzip\nJS + wasm %6d bytes gzip (target <= 153600)\nCSS  %6d bytes gzip\n' "$js" "$wasm" "$((js + wasm))" "$css"
