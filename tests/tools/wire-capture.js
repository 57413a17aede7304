#!/usr/bin/env node
// Sends the raw exchanges of tests/wire/cases.json to running servers and records what comes
// back, byte for byte (Date values normalised). Used to capture Node 20's answers as fixtures and
// to compare `wirebench serve` with Node live.
// Usage: node wire-capture.js CASES.json URL0[,URL1,…] OUT.json
'use strict';
const fs = require('fs');
const net = require('net');

const [casesFile, urlList, outFile] = process.argv.slice(2);
const { cases } = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const targets = urlList.split(',').map((u) => new URL(u));
const QUIET_MS = 300;
const CONCURRENCY = 8;

function normalise(text) {
  return text.replace(/^Date: [^\r\n]*/gm, 'Date: <date>');
}

function run(c) {
  return new Promise((resolve) => {
    const target = targets[c.server ?? 0];
    const socket = net.connect(Number(target.port), target.hostname);
    const received = [];
    let closed = false;
    let quietTimer = null;
    let sending = true;
    const finish = () => {
      clearTimeout(quietTimer);
      clearTimeout(hardTimer);
      socket.destroy();
      resolve({ name: c.name, response: normalise(Buffer.concat(received).toString('latin1')), closed });
    };
    const hardTimer = setTimeout(finish, c.waitCloseMs ?? 5000);
    const armQuiet = () => {
      if (sending || c.waitCloseMs) return; // cases that wait for the server to close
      clearTimeout(quietTimer);
      quietTimer = setTimeout(finish, QUIET_MS);
    };
    socket.on('data', (d) => { received.push(d); armQuiet(); });
    socket.on('error', () => {});
    socket.on('close', () => { closed = true; finish(); });
    socket.on('connect', async () => {
      for (const part of c.send) {
        if (typeof part === 'string') {
          if (!socket.destroyed) socket.write(Buffer.from(part, 'latin1'));
        } else {
          await new Promise((r) => setTimeout(r, part.pauseMs));
        }
      }
      sending = false;
      armQuiet();
    });
  });
}

(async () => {
  const results = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await run(cases[i]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  fs.writeFileSync(outFile, JSON.stringify({ node: process.version, results }, null, 1) + '\n');
})();
