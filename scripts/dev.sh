#!/usr/bin/env bash
# Sets up what is missing, then serves the portal in development mode at http://127.0.0.1:3000
# with demo data in an SQLite file under data/ (created and migrated on start). Rebuilds on change.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PORTAL_ENV=development
exec cargo leptos watch
