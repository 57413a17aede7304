#!/usr/bin/env bash
# The mock panel under load: wrk (50 connections, 10 s) against the app's demo server while a
# probe in the GUI thread measures event-loop lag; then `wirebench serve` alone on the same file
# and route for the ratio. A measurement, not a test (target: max lag < 50 ms, every request
# logged or counted as dropped, req/s >= 0.8x serve alone).
# Usage: tests/bench/bench-panel.sh path/to/build [seconds] [connections]
set -uo pipefail
BUILD="${1:?usage: $0 path/to/build [seconds] [connections]}"
SECONDS_RUN="${2:-10}"
CONNECTIONS="${3:-50}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed"; exit 1; }

export QT_QPA_PLATFORM=offscreen WIREBENCH_WORKSPACE="$WORK/ws" HOME="$WORK/home"
mkdir -p "$HOME"
"$BUILD/tests/bench_panel" $((SECONDS_RUN + 3)) > "$WORK/panel.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 200); do grep -q '^listening on' "$WORK/panel.log" && break; sleep 0.05; done
URL="$(grep -o 'http://[^ ]*' "$WORK/panel.log" | head -1)"
echo "mock panel under load: wrk -c$CONNECTIONS for ${SECONDS_RUN}s on $URL/users/1"
sleep 1
PANEL="$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" "$URL/users/1" | awk '/Requests\/sec/ {print $2} /requests in/ {print $1 > "/dev/stderr"}' 2> "$WORK/panel.count")"
wait "${PIDS[0]}" 2>/dev/null
sed 's/^/  panel  /' "$WORK/panel.log" | grep -v listening
echo "  panel  requests/s: $PANEL  (wrk counted $(cat "$WORK/panel.count") requests)"

"$BUILD/bin/wirebench" serve "$HERE/../../resources/demo.mock.json" --port 0 > "$WORK/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q '^listening on' "$WORK/serve.log" && break; sleep 0.05; done
SURL="$(grep -o 'http://[^ ]*' "$WORK/serve.log" | head -1)"
SERVE="$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" "$SURL/users/1" | awk '/Requests\/sec/ {print $2}')"
echo "  serve  requests/s: $SERVE"
awk -v a="$PANEL" -v b="$SERVE" 'BEGIN { printf "panel/serve: %.2fx   (target >= 0.8x)\n", a / b }'
