#!/bin/bash
# Regenerates tests/wire/node20-answers.json: runs tests/wire/cases.json against Node's own http
# server (tests/tools/node-mock-server.js) serving tests/wire/wire.mock.json.
# Usage: tests/tools/capture-node-answers.sh [OUT.json]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wire="$here/../wire"
out="${1:-$wire/node20-answers.json}"
log="$(mktemp)"
node "$here/node-mock-server.js" "$wire/wire.mock.json" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  [ "$(grep -c '^listening on' "$log")" -ge 3 ] && break
  sleep 0.1
done
urls="$(grep -o 'http://[^ ]*' "$log" | paste -sd,)"
node "$here/wire-capture.js" "$wire/cases.json" "$urls" "$out"
echo "wrote $out ($(node --version))"
