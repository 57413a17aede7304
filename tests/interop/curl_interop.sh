#!/bin/bash
# curl against `wirebench serve`: what a curl user sees.
source "$(dirname "$0")/lib.sh"
need curl
start_server wire "$WIREBENCH" serve "$TESTS/wire/wire.mock.json"
U="${URLS[0]}"

check "GET body" bash -c "[ \"\$(curl -sf '$U/hello')\" = hello ]"
headers="$(curl -si "$U/hello" | tr -d '\r')"
check "status line" grep -qx "HTTP/1.1 200 OK" <<<"$headers"
check "Keep-Alive: timeout=5" grep -qx "Keep-Alive: timeout=5" <<<"$headers"
check "Content-Length" grep -qx "Content-Length: 6" <<<"$headers"
check "HEAD has no body" bash -c "curl -sI '$U/hello' | tr -d '\r' | grep -qx 'Content-Type: text/plain'"
raw="$(curl -s --raw "$U/chunks" | tr -d '\r')"
check "chunked body with trailers (--raw)" bash -c "grep -qx 'X-Sum: 6' <<<'$raw' && grep -qx 'ccc' <<<'$raw'"
check "chunks joined" bash -c "[ \"\$(curl -s '$U/chunks')\" = abbccc ]"
echo=$(curl -s -X POST --data-binary 'payload=1&b=2' "$U/echo?q=1")
check "POST echo body" grep -q '"body":"payload=1&b=2"' <<<"$echo"
check "POST echo url" grep -q '"url":"/echo?q=1"' <<<"$echo"
check "curl user agent in rawHeaders" grep -q '"User-Agent","curl/' <<<"$echo"
printf 'streamed upload' > "$WORK/upload"
echo=$(curl -s -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/upload" "$U/echo")
check "chunked upload" grep -q '"body":"streamed upload"' <<<"$echo"
head -c 2000000 /dev/zero | tr '\0' 'a' > "$WORK/big"
size=$(curl -s -H 'Expect: 100-continue' --data-binary @"$WORK/big" "$U/echo" | grep -o '"content-length":"[0-9]*"')
check "2 MB upload with Expect: 100-continue" [ "$size" = '"content-length":"2000000"' ]
verbose=$(curl -sv "$U/hello" "$U/users/9" 2>&1 >/dev/null)
check "keep-alive connection reused" grep -q "Re-using existing connection" <<<"$verbose"
check "HTTP/1.0 gets Connection: close" bash -c "curl -s --http1.0 -i '$U/hello' | tr -d '\r' | grep -qx 'Connection: close'"
check "404 text" bash -c "[ \"\$(curl -s '$U/nope?x')\" = 'No route for GET /nope' ]"
check "404 status" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$U/nope')\" = 404 ]"
check "custom status message" bash -c "curl -si '$U/custom' | head -1 | tr -d '\r' | grep -qx 'HTTP/1.1 418 Short And Stout'"
check "two Set-Cookie lines" bash -c "[ \"\$(curl -si '$U/custom' | grep -ci '^set-cookie:')\" = 2 ]"
check "204 has no body" bash -c "[ \"\$(curl -s -o /dev/null -w '%{size_download}:%{http_code}' '$U/empty')\" = '0:204' ]"
finish
