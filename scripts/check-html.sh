#!/usr/bin/env bash
# The W3C Nu HTML checker (npm vnu-jar, on the machine's Java) on the pages in a folder: the
# HTML the server sent for every page the browser tests check with axe (HTML_CHECK_DIR).
# Fails on any error. What only the framework could fix is rewritten before it is sent
# (server/src/tidy_html.rs), so nothing is filtered here.
#   scripts/check-html.sh <folder of .html files>
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?a folder of pages}
jar=end2end/node_modules/vnu-jar/build/dist/vnu.jar
count=$(find "$dir" -name '*.html' | wc -l)
if [ "$count" = 0 ]; then
  echo "no pages to check in $dir" >&2
  exit 1
fi
echo "checking $count pages"
java -jar "$jar" --errors-only --format text "$dir"
