#!/usr/bin/env bash
# The Agent pool visualiser at scale (a measurement, not a test): `wirebench serve` on the demo
# file answers /pool; a probe fires 1,500 requests at once through a keep-alive Agent with
# maxSockets 1000 (1,000 sockets, 500 queued, >10,000 pool events) while its lanes repaint every
# 16 ms, then paints every scroll position. Target: no frame over 16 ms of paint.
# Usage: tests/bench/bench-pool.sh path/to/build [requests] [maxSockets]
set -uo pipefail
BUILD="${1:?usage: $0 path/to/build [requests] [maxSockets]}"
REQUESTS="${2:-1500}"
MAX_SOCKETS="${3:-1000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"

"$BUILD/bin/wirebench" serve "$HERE/../../resources/demo.mock.json" --port 0 > "$WORK/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 200); do grep -q 'http://' "$WORK/serve.log" && break; sleep 0.05; done
URL="$(grep -o 'http://[^ ]*' "$WORK/serve.log" | head -1)"
[ -n "$URL" ] || { echo "wirebench serve did not start"; cat "$WORK/serve.log"; exit 1; }
echo "pool visualiser: $REQUESTS requests at once, maxSockets $MAX_SOCKETS, at $URL/pool"
QT_QPA_PLATFORM=offscreen timeout 180 "$BUILD/tests/bench_pool" "$URL/pool" "$REQUESTS" "$MAX_SOCKETS" | sed 's/^/  /'
