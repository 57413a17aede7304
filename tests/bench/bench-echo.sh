#!/usr/bin/env bash
# A large body through an echo route (a measurement, not a test): 50 MB of base64 text POSTed
# with curl to `wirebench serve`'s demo /echo and to Node 20 answering the same JSON (method, url,
# headers, body…) with JSON.stringify; best of 3 each, and the ratio (target: within 1.5x Node).
# Usage: tests/bench/bench-echo.sh path/to/wirebench [megabytes]
set -uo pipefail
WIREBENCH="${1:?usage: $0 path/to/wirebench [megabytes]}"
MB="${2:-50}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT
command -v node >/dev/null || { echo "node is not installed"; exit 1; }
head -c $((MB * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w 100 > "$WORK/body.txt"

"$WIREBENCH" serve "$HERE/../../resources/demo.mock.json" --port 0 > "$WORK/serve.log" 2>&1 &
PIDS+=($!)
cat > "$WORK/echo.js" <<'JS'
const http = require('http');
const s = http.createServer((q, r) => {
  const chunks = [];
  q.on('data', (d) => chunks.push(d));
  q.on('end', () => {
    r.setHeader('content-type', 'application/json');
    r.end(JSON.stringify({method: q.method, url: q.url, httpVersion: q.httpVersion,
      rawHeaders: q.rawHeaders, headers: q.headers, body: Buffer.concat(chunks).toString(),
      rawTrailers: q.rawTrailers, trailers: q.trailers}));
  });
});
s.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${s.address().port}`));
JS
node "$WORK/echo.js" > "$WORK/node.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 200); do grep -q 'http://' "$WORK/serve.log" && grep -q 'http://' "$WORK/node.log" && break; sleep 0.05; done
best() { # best of 3 upload-and-answer times, in seconds
  for _ in 1 2 3; do
    curl -s -o /dev/null -w '%{time_total}\n' --data-binary @"$WORK/body.txt" "$1"
  done | sort -n | head -1
}
OURS="$(best "$(grep -o 'http://[^ ]*' "$WORK/serve.log" | head -1)/echo")"
NODE="$(best "$(grep -o 'http://[^ ]*' "$WORK/node.log" | head -1)/echo")"
echo "echo of a ${MB} MB body: wirebench serve ${OURS} s, Node 20 ${NODE} s, ratio $(awk -v a="$OURS" -v b="$NODE" 'BEGIN { printf "%.2fx Node'"'"'s time", a / b }')"
