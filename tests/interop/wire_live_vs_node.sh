#!/bin/bash
# The same mock file served by `wirebench serve` and by Node 20's own http module: every raw
# exchange of tests/wire/cases.json must come back byte-identical (Date values aside).
source "$(dirname "$0")/lib.sh"
need node
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "skipped: node $major is older than 20, whose answers are the reference"; exit 77; }
start_server node node "$TESTS/tools/node-mock-server.js" "$TESTS/wire/wire.mock.json"
node_urls="$(IFS=,; echo "${URLS[*]}")"
start_server wirebench "$WIREBENCH" serve "$TESTS/wire/wire.mock.json"
wb_urls="$(IFS=,; echo "${URLS[*]}")"
node "$TESTS/tools/wire-capture.js" "$TESTS/wire/cases.json" "$node_urls" "$WORK/node.json" &
capture=$!
node "$TESTS/tools/wire-capture.js" "$TESTS/wire/cases.json" "$wb_urls" "$WORK/wirebench.json"
wait "$capture"
python3 "$TESTS/tools/compare.py" "$WORK/node.json" "$WORK/wirebench.json"
