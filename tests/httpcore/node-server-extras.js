// Node 20's server with the options given as JSON in argv[2], for tst_server's extrasAsNode:
// the handler picks a case by URL and logs what Node throws or emits, a line each.
const http = require('http');

const strict = [
  (r) => { r.setHeader('Content-Length', '5'); r.end('abc'); },
  (r) => { r.setHeader('Content-Length', '2'); r.end('abc'); },
  (r) => { r.setHeader('Content-Length', '3'); r.write('a'); r.end('bc'); },
  (r) => { r.setHeader('Content-Length', '3'); r.end(); },
  (r) => { r.writeHead(200, {'Content-Length': '1'}); r.end('ab'); },
  (r) => { r.setHeader('Content-Length', '2'); r.write('abc'); },
  (r) => { r.setHeader('Content-Length', '2'); r.flushHeaders(); r.end('abc'); },
  (r) => { r.setHeader('Content-Length', '1'); r.setHeader('Transfer-Encoding', 'chunked'); r.end('ab'); },
];
const hints = [
  (r) => r.writeEarlyHints({link: '</styles.css>; rel=preload; as=style'}),
  (r) => r.writeEarlyHints({link: ['</a.css>; rel=preload', '</b.js>; rel=preload; as=script'], 'x-trace': 'abc'}),
  (r) => r.writeEarlyHints({'x-a': '1'}),
  (r) => r.writeEarlyHints({link: 'styles.css'}),
];
const list = (h) => Object.entries(h).map(([k, v]) => k + '=' + v.join('|')).join(';');

const options = JSON.parse(process.argv[2] || '{}');
const server = http.createServer(options, (req, res) => {
  const [, kind, n] = req.url.split('/');
  try {
    if (kind === 'strict') {
      res.strictContentLength = true;
      strict[n](res);
    } else if (kind === 'hints') {
      try {
        hints[n](res);
      } catch (e) {
        console.log(req.url + ' ' + e.code + ' ' + e.message);
      }
      res.end('x');
    } else if (kind === 'setheaders') {
      res.setHeaders(new Map([['X-A', '1'], ['set-cookie', ['a=1', 'b=2']], ['x-a', '2']]));
      res.end('ok');
    } else if (kind === 'unique') {
      res.setHeader('x-multi', ['a', 'b']);
      res.setHeader('Set-Cookie', ['c=1', 'd=2']);
      res.setHeader('x-other', ['e', 'f']);
      res.end();
    } else if (kind === 'distinct') {
      req.resume();
      req.on('end', () => res.end(list(req.headersDistinct) + ' ' + list(req.trailersDistinct)));
    } else if (kind === 'echo') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => res.end(JSON.stringify(req.rawHeaders) + ' ' + body));
    } else {
      res.end('hi ' + req.url);
    }
  } catch (e) {
    console.log(req.url + ' ' + e.code + ' ' + e.message);
    res.destroy();
  }
});
server.maxRequestsPerSocket = options.maxRequestsPerSocket || 0;
server.on('dropRequest', (req) => console.log('dropRequest ' + req.url));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
