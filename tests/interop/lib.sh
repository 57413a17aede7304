# Shared helpers for the interop scripts. Source it; $1 of the script is the wirebench binary.
set -uo pipefail
WIREBENCH="${1:?usage: $0 path/to/wirebench}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TESTS="$(cd "$HERE/.." && pwd)"
WORK="$(mktemp -d)"
PIDS=()
PASSED=0
FAILED=0
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "skipped: $1 is not installed"; exit 77; }; }

ok() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; [ $# -gt 1 ] && printf '       %s\n' "${@:2}"; }
check() { # check NAME COMMAND...: passes when the command succeeds
  local name="$1"; shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# start_server NAME CMD...: runs a server that prints "listening on URL" lines; sets URLS (array).
start_server() {
  local log="$WORK/$1.log"; shift
  "$@" > "$log" 2> "$log.err" &
  PIDS+=($!)
  LAST_PID=$!
  for _ in $(seq 100); do
    grep -q '^listening on' "$log" && break
    kill -0 "$LAST_PID" 2>/dev/null || break
    sleep 0.05
  done
  sleep 0.05
  mapfile -t URLS < <(grep -o 'https\?://[^ ]*' "$log")
  [ "${#URLS[@]}" -gt 0 ] || { echo "server did not start: $*"; cat "$log" "$log.err"; exit 1; }
}
