// Node's own http client against `wirebench serve` (tests/wire/wire.mock.json): what a Node user sees.
'use strict';
const http = require('http');
const base = new URL(process.argv[2]);
const { check, finish } = require('./checks');
function request(path, options = {}, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, ...options }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ res, req, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

(async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const reused = [];
  for (let i = 0; i < 10; i++) {
    const { req, body } = await request('/hello', { agent });
    reused.push(req.reusedSocket);
    if (body !== 'hello\n') check('keep-alive body', false, body);
  }
  check('10 requests on one kept-alive socket', reused.filter(Boolean).length === 9, reused);
  agent.destroy();

  const chunks = await request('/chunks');
  check('chunked body', chunks.body === 'abbccc', chunks.body);
  check('trailers', chunks.res.trailers['x-sum'] === '6' && chunks.res.trailers['x-count'] === '3', chunks.res.trailers);
  check('rawTrailers', JSON.stringify(chunks.res.rawTrailers) === '["X-Sum","6","X-Count","3"]', chunks.res.rawTrailers);
  check('Trailer header announced', chunks.res.headers.trailer === 'X-Sum, X-Count', chunks.res.headers);

  const custom = await request('/custom');
  check('status 418 with message', custom.res.statusCode === 418 && custom.res.statusMessage === 'Short And Stout');
  check('set-cookie array', JSON.stringify(custom.res.headers['set-cookie']) === '["a=1","b=2"]', custom.res.headers);
  check('multi-valued header joined', custom.res.headers['x-multi'] === 'one, two', custom.res.headers);
  check('header case kept in rawHeaders', custom.res.rawHeaders.includes('x-lower'), custom.res.rawHeaders);

  const echo = await request('/echo?x=1', { method: 'POST', headers: { 'X-Test': 'yes' } }, (req) => {
    req.write('part one, ');
    setTimeout(() => req.end('part two'), 30);
  });
  const parsed = JSON.parse(echo.body);
  check('chunked request body echoed', parsed.body === 'part one, part two', parsed.body);
  check('echo sees transfer-encoding chunked', parsed.headers['transfer-encoding'] === 'chunked', parsed.headers);
  check('echo sees custom header', parsed.headers['x-test'] === 'yes');

  const head = await request('/hello', { method: 'HEAD' });
  check('HEAD: no body', head.body === '' && head.res.statusCode === 200);
  const empty = await request('/empty');
  check('204: no body, header kept', empty.res.statusCode === 204 && empty.body === '' && empty.res.headers['x-empty'] === 'yes');

  const slow = await request('/slow');
  check('delayed route', slow.body === 'slow');

  let continued = false;
  const expect = await request('/echo', { method: 'PUT', headers: { Expect: '100-continue', 'Content-Length': 4 } }, (req) => {
    req.on('continue', () => { continued = true; req.end('data'); });
  });
  check("'continue' event then body", continued && JSON.parse(expect.body).body === 'data');

  const pool = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const all = await Promise.all(Array.from({ length: 32 }, (_, i) => request(`/users/${i}`, { agent: pool })));
  check('32 concurrent requests through 4 sockets', all.every((r) => r.res.statusCode === 200 && r.body === '{"id":1}'));
  pool.destroy();

  const missing = await request('/nope');
  check('404 body', missing.res.statusCode === 404 && missing.body === 'No route for GET /nope\n');

  finish();
})().catch(finish);
