#!/usr/bin/env bash
# Requests per second of `wirebench serve` (a hello route), next to Node 20's http server running
# the same mock file (tests/tools/node-mock-server.js) and nginx with one worker, measured with
# wrk in the same run on 127.0.0.1. Prints figures and ratios; it is a measurement, not a test.
# Usage: tests/bench/bench-serve.sh path/to/wirebench [seconds] [connections]
set -uo pipefail
WIREBENCH="${1:?usage: $0 path/to/wirebench [seconds] [connections]}"
SECONDS_PER_RUN="${2:-8}"
CONNECTIONS="${3:-64}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

start() { # start NAME CMD...: waits for "listening on URL", sets URL
  local log="$WORK/$1.log"; shift
  "$@" > "$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q '^listening on' "$log" && break; sleep 0.05; done
  URL="$(grep -o 'http://[^ ]*' "$log" | head -1)"
}

measure() { # measure NAME URL: prints and returns requests/s
  local name="$1" url="$2"
  wrk -t1 -c"$CONNECTIONS" -d1s "$url/hello" > /dev/null 2>&1 # warm-up
  local out rps p99
  out="$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$url/hello")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  local errors
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
  printf '%-22s %12s req/s   p99 %-9s %s\n' "$name" "$rps" "$p99" "$errors" >&2
  echo "$rps"
}

echo "wrk: 1 thread, $CONNECTIONS connections, ${SECONDS_PER_RUN}s per server, GET /hello (12-byte body)" >&2
start wirebench "$WIREBENCH" serve "$HERE/hello.mock.json"
WB="$(measure "wirebench serve" "$URL")"
start node node "$HERE/../tools/node-mock-server.js" "$HERE/hello.mock.json"
NODE="$(measure "node $(node --version)" "$URL")"

NGINX=""
source "$HERE/nginx.sh"
if start_nginx "$WORK"; then
  NGINX="$(measure "nginx (1 worker)" "$NGINX_URL")"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "wirebench/node:  $(ratio "$WB" "$NODE")x   (target >= 2x)"
[ -n "$NGINX" ] && echo "wirebench/nginx: $(ratio "$WB" "$NGINX")x   (target >= 0.7x)"
exit 0
