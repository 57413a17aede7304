#!/usr/bin/env node
// The reference for `wirebench serve`: the same mock file run by Node's own http module.
// Usage: node node-mock-server.js FILE   (prints "listening on http://HOST:PORT" per server)
'use strict';
const http = require('http');
const fs = require('fs');

const file = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

function pathMatches(pattern, path) {
  if (pattern === '*') return true;
  const want = pattern.split('/');
  const got = path.split('/');
  for (let i = 0; i < want.length; i++) {
    if (i === want.length - 1 && want[i] === '*') return got.length >= want.length - 1;
    if (i >= got.length) return false;
    if (want[i].startsWith(':') && want[i].length > 1) {
      if (got[i] === '') return false;
      continue;
    }
    if (want[i] !== got[i]) return false;
  }
  return want.length === got.length;
}

function match(routes, method, url) {
  const path = url.split('?')[0];
  return routes.find((r) => {
    const m = r.method ?? 'GET';
    return (m === '*' || m === method || (m === 'GET' && method === 'HEAD')) && pathMatches(r.path, path);
  });
}

function respond(route, req, res, body) {
  const path = req.url.split('?')[0];
  if (!route) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`No route for ${req.method} ${path}\n`);
    return;
  }
  if (route.echo) {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({
      method: req.method, url: req.url, httpVersion: req.httpVersion,
      rawHeaders: req.rawHeaders, headers: req.headers, body: body.toString(),
      rawTrailers: req.rawTrailers, trailers: req.trailers,
    }));
    return;
  }
  const status = route.status ?? 200;
  res.statusCode = status;
  if (route.statusMessage !== undefined) res.statusMessage = route.statusMessage;
  const grouped = new Map();
  for (const [name, value] of route.headers ?? []) {
    const key = name.toLowerCase();
    if (grouped.has(key)) grouped.get(key)[1].push(value);
    else grouped.set(key, [name, [value]]);
  }
  for (const [name, values] of grouped.values()) res.setHeader(name, values.length === 1 ? values[0] : values);
  const http10 = req.httpVersionMajor < 1 || req.httpVersionMinor < 1;
  const chunkable = !(http10 && !/(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te ?? '')) &&
    req.method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304 &&
    !res.hasHeader('content-length');
  const trailers = route.trailers ?? [];
  if (chunkable && trailers.length) {
    if (!res.hasHeader('trailer')) res.setHeader('Trailer', trailers.map((t) => t[0]).join(', '));
    res.addTrailers(trailers);
  } else if (!chunkable) {
    res.removeHeader('trailer');
  }
  if (route.chunks) {
    for (const chunk of route.chunks) res.write(chunk);
    res.end();
  } else {
    const b = route.body;
    res.end(b === undefined ? '' : typeof b === 'string' ? b : JSON.stringify(b));
  }
}

const started = file.servers.map((spec) => new Promise((resolve) => {
  const server = http.createServer({
    keepAliveTimeout: spec.keepAliveTimeout ?? 5000,
    headersTimeout: spec.headersTimeout ?? 60000,
    requestTimeout: spec.requestTimeout ?? 300000,
    maxHeaderSize: spec.maxHeaderSize ?? 16384,
    // Node checks header/request timeouts every 30 s by default; Wirebench is exact.
    connectionsCheckingInterval: 25,
  }, (req, res) => {
    const route = match(spec.routes ?? [], req.method, req.url);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const go = () => respond(route, req, res, Buffer.concat(chunks));
      if (route && route.delayMs > 0) setTimeout(go, route.delayMs);
      else go();
    });
  });
  const host = spec.host ?? '127.0.0.1';
  server.listen(spec.port ?? 0, host, () => resolve(`http://${host}:${server.address().port}`));
}));
Promise.all(started).then((urls) => {
  for (const url of urls) console.log(`listening on ${url}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
