#!/usr/bin/env bash
# Idle keep-alive connections (a measurement, not a test): `wirebench serve` and Node 20 serving
# the same mock file, each measured with wrk (1 thread, 50 connections) alone and while N idle
# keep-alive connections are held open (default 10,000); also a fresh request's median latency,
# RSS per idle connection, and whether descriptors and threads come back after they close.
# Target (issue 12): >= 0.8x its own req/s without them, fresh median < 1 ms.
# Usage: tests/bench/bench-idle.sh path/to/wirebench [connections] [seconds]
set -uo pipefail
WIREBENCH="${1:?usage: $0 path/to/wirebench [connections] [seconds]}"
IDLE="${2:-10000}"
SECONDS_RUN="${3:-5}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed"; exit 1; }
ulimit -n $((IDLE + 1024)) 2>/dev/null || { echo "skipped: cannot raise the descriptor limit to $((IDLE + 1024)) (hard limit $(ulimit -Hn))"; exit 0; }

# The hello route, with idle connections kept for 10 minutes by both servers (the default 5 s
# would close the early ones while the rest are being opened).
sed 's/"port": 0,/"port": 0, "keepAliveTimeout": 600000,/' "$HERE/hello.mock.json" > "$WORK/idle.mock.json"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
fds() { ls "/proc/$1/fd" | wc -l; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
rps() { wrk -t1 -c50 -d"${SECONDS_RUN}s" "$1" | awk '/^Requests\/sec:/ {print $2}'; }

run() { # run NAME CMD...: the whole measurement for one server
  local name="$1"; shift
  "$@" > "$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=($pid)
  for _ in $(seq 200); do grep -q 'http://' "$WORK/$name.log" && break; sleep 0.05; done
  local url
  url="$(grep -o 'http://[^ ]*' "$WORK/$name.log" | head -1)/hello"
  wrk -t1 -c50 -d1s "$url" > /dev/null 2>&1 # warm-up
  local alone fds0 threads0 rss0
  alone="$(rps "$url")"
  fds0="$(fds $pid)"; threads0="$(threads $pid)"; rss0="$(rss_kb $pid)"
  mkfifo "$WORK/$name.in"
  python3 "$HERE/idleholder.py" "$url" "$IDLE" < "$WORK/$name.in" > "$WORK/$name.hold" 2>&1 &
  local holder=$!
  exec 7> "$WORK/$name.in"
  for _ in $(seq 1200); do grep -q 'with them held' "$WORK/$name.hold" && break; sleep 0.1; done
  local rss1 held
  rss1="$(rss_kb $pid)"
  held="$(rps "$url")"
  echo >&7; exec 7>&-
  wait $holder
  sleep 1
  printf '%-16s alone %9s req/s; with %d idle: %9s req/s (%sx)\n' "$name" "$alone" "$IDLE" "$held" \
    "$(awk -v a="$held" -v b="$alone" 'BEGIN { printf "%.2f", a / b }')"
  sed 's/^/                 /' "$WORK/$name.hold" | grep -v '^ *held\|closed'
  printf '                 RSS %d KB per idle connection; fds %d -> %d, threads %d -> %d after they closed\n' \
    $(( (rss1 - rss0) / IDLE )) "$fds0" "$(fds $pid)" "$threads0" "$(threads $pid)"
}

echo "idle keep-alive connections: $IDLE held, wrk -t1 -c50 -d${SECONDS_RUN}s GET /hello"
run "wirebench serve" "$WIREBENCH" serve "$WORK/idle.mock.json"
# The same binary with a Qt socket notifier per descriptor (the fallback where epoll is missing):
# what the epoll set saves.
run "serve, Qt poll" env WIREBENCH_POLLER=qt "$WIREBENCH" serve "$WORK/idle.mock.json"
command -v node >/dev/null && run "Node 20" node "$HERE/../tools/node-mock-server.js" "$WORK/idle.mock.json"
echo "targets: serve >= 0.8x of its own req/s with them held, fresh median < 1 ms"
