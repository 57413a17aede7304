#!/usr/bin/env node
// Runs tests/client/cases.json with Node's own http client against scripted raw servers and
// prints, per case, the events in order and the response as Node sees it. The Wirebench client
// must produce the same. Usage: node node-client-events.js CASES.json [OUT.json]
'use strict';
const http = require('http');
const net = require('net');
const fs = require('fs');

const { cases } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function scriptedServer(reply) {
  return new Promise((ready) => {
    const server = net.createServer((c) => {
      let head = '';
      let started = false;
      c.on('error', () => {});
      c.on('data', async (d) => {
        head += d.toString('latin1');
        if (started || !head.includes('\r\n\r\n')) return;
        started = true;
        for (const step of reply) {
          if (step.write !== undefined) c.write(Buffer.from(step.write, 'latin1'));
          else if (step.pauseMs) await sleep(step.pauseMs);
          else if (step.close) c.destroy();
        }
      });
    });
    server.listen(0, '127.0.0.1', () => ready(server));
  });
}

async function run(c) {
  const server = await scriptedServer(c.reply);
  const o = c.options ?? {};
  const port = o.refused ? 1 : server.address().port;
  const result = { name: c.name, events: [] };
  const ev = result.events;
  await new Promise((done) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/p?q=1', method: o.method ?? 'GET',
      agent: o.agent === false ? false : undefined, timeout: o.timeout });
    const log = (e) => { if (!(e === 'response.data' && ev[ev.length - 1] === e)) ev.push(e); };
    for (const e of ['socket', 'finish', 'continue', 'information', 'timeout', 'abort', 'close']) {
      req.on(e, (arg) => {
        log(e === 'information' ? `information:${arg.statusCode}` : e);
        if (e === 'timeout') req.destroy();
        if (e === 'close') setTimeout(done, 60);
      });
    }
    req.on('error', (err) => { log(`error:${err.code}`); result.error = err.code; });
    req.on('response', (res) => {
      log('response');
      Object.assign(result, { statusCode: res.statusCode, statusMessage: res.statusMessage,
        httpVersion: res.httpVersion, rawHeaders: res.rawHeaders, headers: res.headers });
      const chunks = [];
      res.on('data', (d) => { chunks.push(d); log('response.data'); });
      res.on('end', () => log('response.end'));
      res.on('aborted', () => log('response.aborted'));
      res.on('error', (err) => log(`response.error:${err.code}`));
      res.on('close', () => {
        log('response.close');
        Object.assign(result, { body: Buffer.concat(chunks).toString('latin1'), complete: res.complete,
          rawTrailers: res.rawTrailers, trailers: res.trailers });
      });
    });
    req.end(o.body);
  });
  server.close();
  return result;
}

(async () => {
  const results = [];
  for (const c of cases) results.push(await run(c));
  const text = JSON.stringify({ node: process.version, results }, null, 1) + '\n';
  if (process.argv[3]) fs.writeFileSync(process.argv[3], text);
  else process.stdout.write(text);
})();
