#!/bin/bash
# Mock file features through `wirebench serve`, seen by real clients: Node's http client (every
# route feature), wirebench send and curl (faults), a proxy to a Node server recorded into a mock
# file that then answers the same, and `--log` lines.
source "$(dirname "$0")/lib.sh"
need node
need curl

start_server features "$WIREBENCH" serve "$HERE/features.mock.json" --log
URL="${URLS[0]}"
node "$HERE/mock-features.js" "$URL" || FAILED=$((FAILED + 1))

# Our client and curl see the faults as Node's does.
"$WIREBENCH" send "$URL/fault/reset" > "$WORK/send.out" 2>&1
check "send: reset is Node's read ECONNRESET" grep -q "read ECONNRESET" "$WORK/send.out"
"$WIREBENCH" send --json "$URL/fault/truncate" > "$WORK/send.out" 2>/dev/null; code=$?
check "send: truncate ends aborted (exit 56)" [ "$code" -eq 56 ]
check "send: truncate's events say aborted" grep -q '"response.aborted"' "$WORK/send.out"
"$WIREBENCH" send "$URL/fault/garbage" > "$WORK/send.out" 2>&1; code=$?
check "send: garbage exits 8" [ "$code" -eq 8 ]
check "send: garbage is HPE_INVALID_CONSTANT" grep -q HPE_INVALID_CONSTANT "$WORK/send.out"
curl -s "$URL/fault/empty" >/dev/null; code=$?
check "curl: empty is 'empty reply' (52)" [ "$code" -eq 52 ]
curl -s "$URL/fault/reset" >/dev/null; code=$?
check "curl: reset is 'recv failure' (56)" [ "$code" -eq 56 ]

# --log: one JSON line per request, with the route, status and fault.
sleep 0.2
log="$WORK/features.log"
check "log: a line per request" bash -c "[ \$(grep -c '^{\"time\":' '$log') -ge 40 ]"
check "log: fault named, no status" grep -q '"url":"/fault/reset","status":0,"route":0,.*"fault":"reset"}' "$log"
check "log: route index and status" grep -q '"method":"GET","url":"/seq","status":503,"route":12,' "$log"
check "log: no route is null" grep -q '"url":"/nowhere","status":404,"route":null,' "$log"

# Proxy and record: a Node server behind the mock; what it answered becomes routes.
cat > "$WORK/upstream.js" <<'JS'
const http = require('http');
const s = http.createServer((req, res) => {
  let b = '';
  req.on('data', (d) => { b += d; });
  req.on('end', () => {
    if (req.url === '/trailers') {
      res.setHeader('Trailer', 'X-Sum'); res.addTrailers({ 'X-Sum': '3' }); res.write('a'); res.end('bc'); return;
    }
    res.writeHead(req.url === '/teapot' ? 418 : 200, req.url === '/teapot' ? 'Short and stout' : undefined,
      { 'Content-Type': 'application/json', 'X-Seen-Host': req.headers.host });
    res.end(JSON.stringify({ method: req.method, url: req.url, body: b }));
  });
});
s.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${s.address().port}`));
JS
start_server upstream node "$WORK/upstream.js"
UP="${URLS[0]}"
printf '{"servers":[{"name":"front","port":0,"proxy":"%s","routes":[{"path":"/local","body":"mine"}]}]}' "$UP" > "$WORK/front.json"
start_server front "$WIREBENCH" serve "$WORK/front.json" --log --record "$WORK/recorded.json"
FRONT="${URLS[0]}"
check "a route still answers first" bash -c "[ \"\$(curl -s '$FRONT/local')\" = mine ]"
out="$(curl -s -i "$FRONT/api/items?id=3" -d 'x=1')"
check "proxied: upstream's answer" grep -q '{"method":"POST","url":"/api/items?id=3","body":"x=1"}' <<<"$out"
check "proxied: Host is the target's" grep -q "X-Seen-Host: ${UP#http://}" <<<"$out"
check "proxied: reason phrase kept" bash -c "curl -s -i '$FRONT/teapot' | head -1 | grep -q '418 Short and stout'"
check "proxied: trailers relayed" bash -c "curl -s --raw '$FRONT/trailers' | tr -d '\r' | grep -qx 'X-Sum: 3'"
check "log: proxied requests say so" grep -q '"url":"/teapot","status":418,"route":"proxy",' "$WORK/front.log"
kill -TERM "$LAST_PID"; wait "$LAST_PID" 2>/dev/null
start_server replay "$WIREBENCH" serve "$WORK/recorded.json"
REPLAY="${URLS[0]}"
check "record: replays the upstream's body" bash -c "[ \"\$(curl -s '$REPLAY/api/items?id=3' -d 'x=1')\" = '{\"method\":\"POST\",\"url\":\"/api/items?id=3\",\"body\":\"x=1\"}' ]"
check "record: the query is a match rule" bash -c "curl -s -o /dev/null -w '%{http_code}' '$REPLAY/api/items?id=4' -d 'x=1' | grep -q 404"
check "record: status and reason replayed" bash -c "curl -s -i '$REPLAY/teapot' | head -1 | grep -q '418 Short and stout'"

# "tls": the server speaks HTTPS with the given certificate (tests/client/tls, for localhost).
cp "$TESTS/client/tls/cert.pem" "$TESTS/client/tls/key.pem" "$WORK/"
printf '{"servers":[{"name":"secure","tls":{"cert":"cert.pem","key":"key.pem"},"routes":[{"path":"/","body":"over tls"}]}]}' > "$WORK/secure.json"
start_server secure "$WIREBENCH" serve "$WORK/secure.json"
SECURE="${URLS[0]}"
check "tls: listening on https://" grep -q '^listening on https://127.0.0.1:' "$WORK/secure.log"
check "tls: curl with the certificate, by name" bash -c "[ \"\$(curl -s --cacert '$WORK/cert.pem' 'https://localhost:${SECURE##*:}/')\" = 'over tls' ]"
check "tls: wirebench send -k" bash -c "'$WIREBENCH' send -k '$SECURE/' | grep -qx 'over tls'"
check "tls: Node's https client" node -e "require('https').get('$SECURE/', { rejectUnauthorized: false }, (r) => { let b = ''; r.on('data', (d) => { b += d; }); r.on('end', () => process.exit(b === 'over tls' ? 0 : 1)); }).on('error', () => process.exit(1));"
curl -s "http://127.0.0.1:${SECURE##*:}/" -o /dev/null; code=$?
check "tls: plain HTTP to it gets no answer (curl 52)" [ "$code" -eq 52 ]
printf '{"servers":[{"tls":{"cert":"missing.pem","key":"key.pem"},\n"routes":[]}]}' > "$WORK/bad-tls.json"
out="$("$WIREBENCH" serve "$WORK/bad-tls.json" 2>&1)"
check "tls: a missing certificate named" grep -q 'bad-tls.json:1: servers\[0\].tls.cert: .*missing.pem: cannot read' <<<"$out"

# A broken file: the new fields are checked with file, line and field.
printf '{"servers":[{"routes":[\n{"path":"/","fault":"explode"}]}]}' > "$WORK/bad-fault.json"
out="$("$WIREBENCH" serve "$WORK/bad-fault.json" 2>&1)"
check "bad fault named with its line" grep -q 'bad-fault.json:2: servers\[0\].routes\[0\].fault: expected "reset"' <<<"$out"
printf '{"servers":[{"routes":[\n{"path":"/","match":{"headers":{"X":"/(/"}}}]}]}' > "$WORK/bad-regex.json"
out="$("$WIREBENCH" serve "$WORK/bad-regex.json" 2>&1)"
check "bad regular expression named" grep -q 'servers\[0\].routes\[0\].match.headers.X: invalid regular expression' <<<"$out"
printf '{"servers":[{"proxy":"ftp://x","routes":[]}]}' > "$WORK/bad-proxy.json"
out="$("$WIREBENCH" serve "$WORK/bad-proxy.json" 2>&1)"
check "bad proxy named" grep -q 'servers\[0\].proxy: expected an http:// URL' <<<"$out"

finish
