#!/bin/bash
# `wirebench serve`: arguments, broken files, busy ports, overrides, clean stop on signals.
source "$(dirname "$0")/lib.sh"
need curl

# A broken file names the file, the line and the field; exit code 2.
cat > "$WORK/broken.json" <<'JSON'
{
  "servers": [
    { "port": 0,
      "routes": [
        { "path": "/", "status": "two hundred" }
      ] }
  ]
}
JSON
out="$("$WIREBENCH" serve "$WORK/broken.json" 2>&1)"; code=$?
check "broken file exits 2" [ "$code" -eq 2 ]
check "broken file names file, line and field" grep -q "broken.json:5: servers\[0\].routes\[0\].status: expected a whole number" <<<"$out"

printf '{ "servers": [ { "routes": [ ] }, ] }' > "$WORK/syntax.json"
out="$("$WIREBENCH" serve "$WORK/syntax.json" 2>&1)"; code=$?
check "syntax error exits 2 with line:column" bash -c "[ $code -eq 2 ] && grep -q 'syntax.json:1:[0-9]*: invalid JSON' <<<'$out'"

out="$("$WIREBENCH" serve "$WORK/missing.json" 2>&1)"; code=$?
check "missing file exits 2" bash -c "[ $code -eq 2 ] && grep -q 'missing.json: cannot read' <<<'$out'"

out="$("$WIREBENCH" serve 2>&1)"; code=$?
check "no file prints usage, exits 2" bash -c "[ $code -eq 2 ] && grep -q 'usage: wirebench serve FILE' <<<'$out'"
out="$("$WIREBENCH" serve "$TESTS/wire/wire.mock.json" --port nope 2>&1)"; code=$?
check "bad --port exits 2" bash -c "[ $code -eq 2 ] && grep -q -- '--port: expected 0-65535' <<<'$out'"

# Overrides apply to the first server; port 0 prints the real port.
start_server demo "$WIREBENCH" serve "$TESTS/../resources/demo.mock.json" --port 0 --host 127.0.0.1
DEMO="${URLS[0]}"
check "prints listening on http://127.0.0.1:PORT" grep -Eq '^listening on http://127\.0\.0\.1:[1-9][0-9]*$' "$WORK/demo.log"
check "demo answers" bash -c "curl -sf '$DEMO/users/42' | grep -q Ada"

# A taken port: exit 1 and a clear message.
port="${DEMO##*:}"
out="$("$WIREBENCH" serve "$TESTS/../resources/demo.mock.json" --port "$port" 2>&1)"; code=$?
check "busy port exits 1" [ "$code" -eq 1 ]
check "busy port message" grep -q "EADDRINUSE" <<<"$out"

# SIGTERM while a response is in flight: the response completes, then exit 0.
curl -s "$DEMO/slow" > "$WORK/slow.out" &
curlpid=$!
sleep 0.3
kill -TERM "$LAST_PID"
wait "$curlpid"
check "in-flight response finishes after SIGTERM" grep -qx "finally" "$WORK/slow.out"
wait "$LAST_PID"; code=$?
check "SIGTERM exits 0" [ "$code" -eq 0 ]
check "stopped listening" bash -c "! curl -s --max-time 1 '$DEMO/' >/dev/null"

# SIGINT on an idle server: exit 0 promptly, even with an idle keep-alive connection open.
start_server idle "$WIREBENCH" serve "$TESTS/../resources/demo.mock.json" --port 0
exec 3<>"/dev/tcp/127.0.0.1/${URLS[0]##*:}"
printf 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' >&3
sleep 0.2
kill -INT "$LAST_PID"
start=$(date +%s%N)
wait "$LAST_PID"; code=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
exec 3<&-
check "SIGINT exits 0" [ "$code" -eq 0 ]
check "SIGINT closes idle keep-alive connections at once (${elapsed} ms)" [ "$elapsed" -lt 2000 ]

# Listening beyond loopback is said out loud.
start_server wide "$WIREBENCH" serve "$TESTS/../resources/demo.mock.json" --port 0 --host 0.0.0.0
check "warns when not on loopback" grep -q "reachable from other machines" "$WORK/wide.log.err"


# Out of descriptors (ulimit -n 48, 80 connections held): no spinning, a warning, service again.
if command -v python3 >/dev/null; then
  python3 "$TESTS/interop/emfile.py" "$WIREBENCH" "$TESTS/../resources/demo.mock.json" > "$WORK/emfile.out" 2>&1
  emfile=$?
  check "EMFILE: $(tr '\n' ';' < "$WORK/emfile.out")" [ "$emfile" -eq 0 ]
fi

finish
