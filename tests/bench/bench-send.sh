#!/usr/bin/env bash
# Client throughput: `wirebench send --repeat N --concurrency C` next to Node's http client doing
# the same (keep-alive Agent, maxSockets C, C in flight), against the same local server in the
# same run: nginx with one worker when installed, else `wirebench serve`. A measurement, not a test.
# Usage: tests/bench/bench-send.sh path/to/wirebench [N] [C]
set -uo pipefail
WIREBENCH="${1:?usage: $0 path/to/wirebench [N] [C]}"
N="${2:-20000}"
C="${3:-16}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

source "$HERE/nginx.sh"
if start_nginx "$WORK"; then
  URL="$NGINX_URL"
  SERVER="nginx (1 worker)"
else
  "$WIREBENCH" serve "$HERE/hello.mock.json" > "$WORK/serve.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q '^listening on' "$WORK/serve.log" && break; sleep 0.05; done
  URL="$(grep -o 'http://[^ ]*' "$WORK/serve.log" | head -1)"
  SERVER="wirebench serve"
fi

echo "client benchmark: $N GETs, $C in flight, one keep-alive agent, server: $SERVER"
"$WIREBENCH" send --repeat 2000 --concurrency "$C" "$URL/hello" > /dev/null # warm-up
WB_OUT="$("$WIREBENCH" send --repeat "$N" --concurrency "$C" "$URL/hello")"
echo "$WB_OUT" | sed 's/^/  wirebench send  /'
NODE_OUT="$(node "$HERE/node-client-bench.js" "$URL/hello" "$N" "$C")"
echo "$NODE_OUT" | sed "s/^/  node $(node --version)  /"
WB="$(awk '/^requests\/s:/ {print $2}' <<<"$WB_OUT")"
NODE="$(awk '/^requests\/s:/ {print $2}' <<<"$NODE_OUT")"
# wrk (C connections, one thread) on the same server: what the server and loopback allow.
WRK=""
if command -v wrk > /dev/null; then
  WRK="$(wrk -t1 -c"$C" -d5s "$URL/hello" | awk '/^Requests\/sec:/ {print $2}')"
  echo "  wrk -t1 -c$C     requests/s:   $WRK"
fi
awk -v a="$WB" -v b="$NODE" 'BEGIN { printf "wirebench/node client: %.2fx   (target >= 2x)\n", a / b }'
[ -n "$WRK" ] && awk -v a="$WB" -v b="$WRK" 'BEGIN { printf "wirebench/wrk:         %.2fx   (target >= 0.5x)\n", a / b }'
exit 0
