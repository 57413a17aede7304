#!/bin/bash
# Node's http client against `wirebench serve`.
source "$(dirname "$0")/lib.sh"
need node
start_server wire "$WIREBENCH" serve "$TESTS/wire/wire.mock.json"
node "$HERE/node-client.js" "${URLS[0]}"
