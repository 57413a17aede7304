// Node's own http client against `wirebench serve tests/interop/features.mock.json`: every route
// feature as a Node user sees it (faults as Node's error codes).
'use strict';
const http = require('http');
const base = new URL(process.argv[2]);
const { check, finish } = require('./checks');
// Resolves with what happened: the response (status, headers, body, ms), or how it failed.
function request(path, options = {}, body) {
  return new Promise((resolve) => {
    const started = Date.now();
    const req = http.request({ host: base.hostname, port: base.port, path, agent: false, ...options }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data, ms: Date.now() - started }));
      res.on('aborted', () => resolve({ aborted: true, status: res.statusCode, body: data }));
    });
    req.on('error', (e) => resolve({ error: e.code, message: e.message }));
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

(async () => {
  let r = await request('/fault/reset');
  check('reset: read ECONNRESET', r.error === 'ECONNRESET' && r.message === 'read ECONNRESET', r);
  r = await request('/fault/empty');
  check('empty: socket hang up', r.error === 'ECONNRESET' && r.message === 'socket hang up', r);
  r = await request('/fault/garbage');
  check('garbage: HPE_INVALID_CONSTANT', r.error === 'HPE_INVALID_CONSTANT', r);
  r = await request('/fault/truncate');
  check('truncate: aborted after half the body', r.aborted && r.status === 200 && r.body === '01234', r);
  r = await request('/dribble');
  check('dribble: whole body', r.body === 'sent a little at a time', r);
  check('dribble: spread over the time', r.ms >= 350, r.ms);

  r = await request('/users/42?q=a%20b', { method: 'POST', headers: { 'X-Trace': 't-1', 'Content-Type': 'application/json' } },
    '{"user":{"name":"Ada"},"tags":["x","y"]}');
  check('template body', r.body === 'POST /users/42 id=42 q=a b name=Ada first=x hit=1 {{kept}} none=', r.body);
  check('template headers', r.headers['x-user'] === '42' && r.headers['x-trace'] === 't-1', r.headers);
  r = await request('/users/7', { method: 'POST' }, 'not json');
  check('template counter counts the route\'s hits', /hit=2 /.test(r.body) && /name= /.test(r.body), r.body);
  r = await request('/stamp');
  check('uuid and now', /^[0-9a-f-]{36} \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(r.body), r.body);

  r = await request('/match', { method: 'POST' }, '{"user":{"role":"admin","name":"x"},"n":1}');
  check('match: JSON body holds the fields', r.body === 'json body', r.body);
  r = await request('/match', { method: 'POST' }, '{"user":{"role":"guest"}}');
  check('match: other JSON falls through', r.body === 'fallback', r.body);
  r = await request('/match', { method: 'POST', headers: { 'x-mode': 'fast' } }, 'x');
  check('match: header regex, name in any case', r.body === 'header regex', r.body);
  r = await request('/match?v=2', { method: 'POST' }, 'x');
  check('match: query', r.body === 'query', r.body);
  r = await request('/match', { method: 'POST' }, 'exact');
  check('match: body regex', r.body === 'body regex', r.body);

  const seq = [];
  for (let i = 0; i < 4; i++) { r = await request('/seq'); seq.push(`${r.status} ${r.body}`); }
  check('responses in turn', seq.join(',') === '200 one,201 two,503 three,200 one', seq);
  const seen = new Set();
  for (let i = 0; i < 30; i++) seen.add((await request('/random')).body);
  check('random responses', seen.size === 2 && seen.has('a') && seen.has('b'), [...seen]);
  r = await request('/off');
  check('a route switched off is skipped', r.body === 'the next route', r.body);

  r = await request('/seq', { method: 'OPTIONS', headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'x-a, content-type' } });
  check('CORS preflight: 204', r.status === 204, r);
  check('CORS preflight headers', r.headers['access-control-allow-origin'] === 'http://app.test' &&
    r.headers['access-control-allow-methods'] === 'PATCH, GET, POST' &&
    r.headers['access-control-allow-headers'] === 'x-a, content-type' &&
    r.headers['access-control-max-age'] === '86400', r.headers);
  r = await request('/off', { headers: { Origin: 'http://app.test' } });
  check('CORS on every answer', r.headers['access-control-allow-origin'] === 'http://app.test', r.headers);
  r = await request('/nowhere');
  check('no route: 404 with CORS too', r.status === 404 && r.headers['access-control-allow-origin'] === '*', r);

  finish();
})().catch(finish);
