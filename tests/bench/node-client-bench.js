// Node's http client doing what `wirebench send --repeat N --concurrency C` does: N GETs, C in
// flight, one keep-alive Agent with maxSockets C. Prints requests/s.
// Usage: node node-client-bench.js URL N C
'use strict';
const http = require('http');
const [url, total, concurrency] = [new URL(process.argv[2]), Number(process.argv[3]), Number(process.argv[4])];
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let started = 0;
let finished = 0;
let failures = 0;
const t0 = process.hrtime.bigint();
function one() {
  if (started >= total) return;
  started++;
  http.get({ host: url.hostname, port: url.port, path: url.pathname, agent }, (res) => {
    res.on('data', () => {});
    res.on('end', () => { if (++finished === total) done(); else one(); });
  }).on('error', () => { failures++; if (++finished === total) done(); else one(); });
}
function done() {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`requests/s:   ${(total / seconds).toFixed(1)}`);
  console.log(`failures:     ${failures}`);
  agent.destroy();
}
for (let i = 0; i < concurrency; i++) one();
