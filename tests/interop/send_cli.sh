#!/bin/bash
# `wirebench send`: curl -i style output, options, JSON, exit codes, --repeat and pool events,
# against `wirebench serve` (and nginx when it is installed).
source "$(dirname "$0")/lib.sh"
start_server wire "$WIREBENCH" serve "$TESTS/wire/wire.mock.json"
U="${URLS[0]}"

out="$("$WIREBENCH" send "$U/hello")"; code=$?
check "exit 0 on 200" [ "$code" -eq 0 ]
check "status line first, CRLF" bash -c "head -c 17 <<<'$out' | grep -q 'HTTP/1.1 200 OK'"
check "headers in received order" bash -c "printf '%s' \"\$1\" | tr -d '\r' | sed -n 2,3p | tr '\n' '|' | grep -q '^Content-Type: text/plain|Date: '" _ "$out"
check "body after a blank line" bash -c "printf '%s' \"\$1\" | tail -1 | grep -qx hello" _ "$out"
"$WIREBENCH" send "$U/nope" > /dev/null; code=$?
check "exit 0 on 404 (any HTTP status)" [ "$code" -eq 0 ]

json="$("$WIREBENCH" send --json -X PUT -H 'X-One: 1' -H 'X-One: 2' -d 'body=1' "$U/echo?q")"
check "--json: one line" [ "$(wc -l <<<"$json")" -eq 1 ]
check "--json: method and body reached the server" python3 -c "
import json,sys; o=json.loads(sys.argv[1]); e=json.loads(o['body'])
assert o['statusCode']==200 and o['complete'] and e['method']=='PUT' and e['body']=='body=1', o
assert e['headers']['x-one']=='1, 2' and e['headers']['content-type']=='application/x-www-form-urlencoded', e
assert o['events'][:2]==['socket','finish'] and 'response.end' in o['events'], o['events']
assert set(o['timings'])>={'socket','connected','requestSent','firstByte','end'}, o['timings']
" "$json"
json="$("$WIREBENCH" send --json "$U/chunks")"
check "--json: trailers" python3 -c "
import json,sys; o=json.loads(sys.argv[1]); assert o['rawTrailers']==['X-Sum','6','X-Count','3'] and o['trailers']=={'x-sum':'6','x-count':'3'}, o" "$json"
trace="$("$WIREBENCH" send --trace "$U/hello" 2>&1 >/dev/null)"
check "--trace: Node event names with ms" bash -c "grep -Eq '^ +[0-9.]+ ms  socket$' <<<'$trace' && grep -q 'response.end' <<<'$trace'"

"$WIREBENCH" send http://127.0.0.1:1/ 2> "$WORK/refused.err"; code=$?
check "connection refused: exit 7 and Node's message" bash -c "[ $code -eq 7 ] && grep -q 'connect ECONNREFUSED 127.0.0.1:1' '$WORK/refused.err'"
# Names as users type them: localhost goes through the resolver.
PORT="${U##*:}"
out="$("$WIREBENCH" send "http://localhost:$PORT/hello")"; code=$?
check "localhost: answered, exit 0" bash -c "[ $code -eq 0 ] && printf '%s' \"\$1\" | tail -1 | grep -qx hello" _ "$out"
"$WIREBENCH" send --timeout 5000 http://nonexistent.invalid/ 2> "$WORK/notfound.err"; code=$?
check "a name that does not resolve: ENOTFOUND, exit 6, a hint" bash -c "[ $code -eq 6 ] && grep -q 'getaddrinfo ENOTFOUND nonexistent.invalid' '$WORK/notfound.err' && grep -q 'check the name' '$WORK/notfound.err'"
# --resolve (curl's): both families for one name, the server on only one of them (Node 20's
# autoSelectFamily tries each address in turn).
out="$("$WIREBENCH" send --resolve "dual.test:$PORT:[::1],127.0.0.1" "http://dual.test:$PORT/hello")"; code=$?
check "--resolve ::1 then 127.0.0.1, server on 127.0.0.1 only" bash -c "[ $code -eq 0 ] && printf '%s' \"\$1\" | tail -1 | grep -qx hello" _ "$out"
start_server v6 python3 "$TESTS/tools/raw-server.py" --host ::1 'HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nover v6'
V6PORT="${URLS[0]##*:}"
out="$("$WIREBENCH" send --resolve "dual.test:$V6PORT:127.0.0.1,::1" "http://dual.test:$V6PORT/")"; code=$?
check "--resolve 127.0.0.1 then ::1, server on ::1 only" bash -c "[ $code -eq 0 ] && printf '%s' \"\$1\" | tail -1 | grep -qx 'over v6'" _ "$out"
"$WIREBENCH" send --resolve "dual.test:1:::1,127.0.0.1" http://dual.test:1/ 2> "$WORK/both.err"; code=$?
check "--resolve, nothing listening: every address tried, exit 7" bash -c "[ $code -eq 7 ] && grep -q 'connect ECONNREFUSED ::1:1, connect ECONNREFUSED 127.0.0.1:1' '$WORK/both.err'"
"$WIREBENCH" send --resolve nonsense http://dual.test/ 2> /dev/null; code=$?
check "--resolve without HOST:PORT:ADDRESS: exit 2" [ "$code" -eq 2 ]

# A response that breaks after its head always ends (curl's exit 56), in every mode.
start_server badchunk python3 "$TESTS/tools/raw-server.py" 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'
BAD="http://localhost:${URLS[0]##*:}/"
timeout 20 "$WIREBENCH" send "$BAD" > /dev/null 2> "$WORK/bad.err"; code=$?
check "bad chunk size: exit 56 with Node's code and a hint" bash -c "[ $code -eq 56 ] && grep -q HPE_INVALID_CHUNK_SIZE '$WORK/bad.err' && grep -q 'broke after its head' '$WORK/bad.err'"
json="$(timeout 20 "$WIREBENCH" send --json --timeout 5000 "$BAD" 2> /dev/null)"; code=$?
check "bad chunk size, --json --timeout: Node's events, exit 56" python3 -c "
import json,sys; o=json.loads(sys.argv[1]); assert sys.argv[2]=='56', sys.argv[2]
assert o['error']['code']=='HPE_INVALID_CHUNK_SIZE' and not o['complete'], o
assert o['events'][-4:]==['response.aborted','close','response.error','response.close'], o['events']" "$json" "$code"
rep="$(timeout 20 "$WIREBENCH" send --repeat 20 --concurrency 4 "$BAD")"
check "bad chunk size, --repeat: every request ends as a failure" grep -q "^failures:     20 " <<<"$rep"
if command -v curl > /dev/null; then
  curl -s -o /dev/null --max-time 10 "$BAD"; curl_code=$?
  check "bad chunk size: curl exits $curl_code too" [ "$curl_code" -eq 56 ]
fi
# https:// to a plain HTTP port: Node's EPROTO, and what to do about it.
"$WIREBENCH" send "https://127.0.0.1:$PORT/" 2> "$WORK/plain.err"; code=$?
check "https to a plain port: EPROTO, exit 35, 'try http://'" bash -c "[ $code -eq 35 ] && grep -q 'write EPROTO' '$WORK/plain.err' && grep -q 'try http://' '$WORK/plain.err'"
"$WIREBENCH" send -X 'BAD METHOD' "$U/" 2> "$WORK/method.err"; code=$?
check "a method that is not a token: exit 2, Node's message" bash -c "[ $code -eq 2 ] && grep -q 'Method must be a valid HTTP token' '$WORK/method.err'"
"$WIREBENCH" send --nope "$U/" 2> /dev/null; code=$?
check "unknown option: exit 2" [ "$code" -eq 2 ]
"$WIREBENCH" send -H 'Bad Name: x' "$U/" 2> "$WORK/bad.err"; code=$?
check "invalid header name refused with Node's message" bash -c "[ $code -eq 2 ] && grep -q 'must be a valid HTTP token' '$WORK/bad.err'"
start_server slow "$WIREBENCH" serve "$TESTS/../resources/demo.mock.json" --port 0
"$WIREBENCH" send --timeout 200 "${URLS[0]}/slow" > /dev/null 2> "$WORK/timeout.err"; code=$?
check "--timeout: exit 28" [ "$code" -eq 28 ]

rep="$("$WIREBENCH" send --repeat 200 --concurrency 8 "$U/hello")"
check "--repeat: all succeeded" grep -qx "statuses:     200 x200" <<<"$rep"
check "--repeat: 8 sockets created, the rest reused" grep -qx "sockets:      8 created, 192 reused" <<<"$rep"
rep="$("$WIREBENCH" send --repeat 20 --concurrency 4 --no-keepalive "$U/hello")"
check "--no-keepalive: a socket per request" grep -qx "sockets:      20 created, 0 reused" <<<"$rep"
"$WIREBENCH" send --repeat 6 --concurrency 3 --max-sockets 2 --pool-events "$U/hello" > /dev/null 2> "$WORK/pool"
check "--pool-events: JSON lines with Node's pool vocabulary" python3 -c "
import json; ev=[json.loads(l) for l in open('$WORK/pool')]
kinds={e['event'] for e in ev}
assert {'socketCreated','socketAssigned','socketFreed','requestQueued','requestDequeued'} <= kinds, kinds
assert sum(e['event']=='socketCreated' for e in ev)==2
assert all('group' in e and 'ms' in e for e in ev)
"
"$WIREBENCH" send --repeat 4 --concurrency 2 --pool-events "$U/hello" > /dev/null 2> "$WORK/pool2"
check "--pool-events: a freed socket is reused" grep -q '"event":"socketReused"' "$WORK/pool2"

if command -v node > /dev/null; then
  # Node's own http server (the mock file run by tests/tools/node-mock-server.js).
  start_server node node "$TESTS/tools/node-mock-server.js" "$TESTS/wire/wire.mock.json"
  json="$("$WIREBENCH" send --json "${URLS[0]}/chunks")"
  check "Node server: chunked body and trailers" python3 -c "
import json,sys; o=json.loads(sys.argv[1]); assert o['body']=='abbccc' and o['trailers']=={'x-sum':'6','x-count':'3'} and o['complete'], o" "$json"
  json="$("$WIREBENCH" send --json "${URLS[0]}/custom")"
  check "Node server: status message and set-cookie list" python3 -c "
import json,sys; o=json.loads(sys.argv[1]); assert o['statusMessage']=='Short And Stout' and o['headers']['set-cookie']==['a=1','b=2'], o" "$json"
  # https: Node's https server with the test certificate.
  cat > "$WORK/https.js" <<JS
const https = require('https'), fs = require('fs');
const s = https.createServer({ key: fs.readFileSync('$TESTS/client/tls/key.pem'), cert: fs.readFileSync('$TESTS/client/tls/cert.pem') },
  (q, r) => r.end('secure ' + q.url)).listen(0, '127.0.0.1', () => console.log('listening on https://127.0.0.1:' + s.address().port));
JS
  node "$WORK/https.js" > "$WORK/https.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do grep -q '^listening' "$WORK/https.log" && break; sleep 0.1; done
  HTTPS="$(grep -o 'https://[^ ]*' "$WORK/https.log")"
  "$WIREBENCH" send "$HTTPS/x" > /dev/null 2> "$WORK/tls.err"; code=$?
  check "https: self-signed certificate refused, exit 60" bash -c "[ $code -eq 60 ] && grep -q 'DEPTH_ZERO_SELF_SIGNED_CERT' '$WORK/tls.err'"
  check "https: -k accepts it" bash -c "'$WIREBENCH' send -k '$HTTPS/x' | tail -1 | grep -qx 'secure /x'"
  check "https://localhost: the name through TLS" bash -c "'$WIREBENCH' send -k 'https://localhost:${HTTPS##*:}/n' | tail -1 | grep -qx 'secure /n'"
  json="$("$WIREBENCH" send -k --json "$HTTPS/t")"
  check "https: timings have the TCP connect, then the TLS handshake, then the request" python3 -c "
import json,sys; t=json.loads(sys.argv[1])['timings']; assert t['socket'] <= t['connected'] < t['secureConnect'] <= t['requestSent'], t" "$json"
fi

source "$TESTS/bench/nginx.sh"
if start_nginx "$WORK"; then
  port="${NGINX_URL##*:}"
  out="$("$WIREBENCH" send "http://127.0.0.1:$port/hello")"
  check "nginx: status, header and body" bash -c "grep -q 'X-Served-By: nginx' <<<'$out' && grep -qx 'hello world' <<<'$out'"
  rep="$("$WIREBENCH" send --repeat 500 --concurrency 10 "http://127.0.0.1:$port/hello")"
  check "nginx: 500 requests over kept-alive sockets" grep -qx "statuses:     200 x500" <<<"$rep"
else
  echo "note: nginx not installed, nginx checks skipped"
fi

# Servers that never stop talking: endless 102s (memory bounded, no false timeout), endless
# header lines (HPE_HEADER_OVERFLOW at once).
if command -v python3 >/dev/null; then
  python3 "$TESTS/interop/endless.py" "$WIREBENCH" > "$WORK/endless.out" 2>&1
  endless=$?
  check "endless peers: $(tr '\n' ';' < "$WORK/endless.out")" [ "$endless" -eq 0 ]
fi

finish
