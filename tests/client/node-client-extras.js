// Node 20's client with uniqueHeaders and insecureHTTPParser, for tst_clientrequest's
// clientExtrasAsNode: first a request to ECHO (which answers with the header lines it got), then
// one request to each scripted server, strict and then lenient; a line each.
// Usage: node this.js ECHO_PORT PORT...
const http = require('http');
const [echo, ...ports] = process.argv.slice(2).map(Number);

const fetch = (options) => new Promise((resolve) => {
  const req = http.request({ host: '127.0.0.1', agent: false, ...options }, (res) => {
    let body = '';
    res.setEncoding('latin1');
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve(`${res.statusCode} ${res.rawHeaders.join('|')} ${body}`));
    res.on('error', (e) => resolve(`response error ${e.code}`));
  });
  req.on('error', (e) => resolve(`error ${e.code}`));
  req.end();
});

(async () => {
  console.log(await fetch({
    port: echo,
    uniqueHeaders: ['x-u', 'Cookie'],
    headers: { 'x-u': ['a', 'b'], 'x-m': ['1', '2'], cookie: ['c=1', 'd=2'] },
  }));
  for (const port of ports)
    for (const insecureHTTPParser of [false, true])
      console.log(await fetch({ port, insecureHTTPParser }));
})();
