// Node 20's http.get with an AbortSignal aborted at each stage, and with localPort (busy, then
// free), against the server at argv[2]; argv[3] is a port held by a listener. A line per case;
// tst_clientrequest's abortSignalAndLocalPortAsNode makes the same with httpcore.
const http = require('http');
const port = +process.argv[2];
const busy = +process.argv[3];

function run(when) {
  return new Promise((done) => {
    const log = [];
    const ac = new AbortController();
    if (when === 'before') ac.abort();
    const req = http.get({host: '127.0.0.1', port, signal: ac.signal, agent: false}, (res) => {
      log.push('response');
      res.on('data', () => {});
      res.on('aborted', () => log.push('res aborted'));
      res.on('close', () => log.push('res close'));
      if (when === 'response') ac.abort();
    });
    req.on('error', (e) => log.push('error ' + e.code + ' ' + e.message));
    req.on('close', () => log.push('close'));
    req.on('socket', () => {
      log.push('socket');
      if (when === 'socket') ac.abort();
    });
    log.push('returned destroyed=' + req.destroyed);
    if (when === 'sync') ac.abort();
    setTimeout(() => { console.log(when + ': ' + log.join(', ')); done(); }, 500);
  });
}

function fromPort(localPort) {
  return new Promise((done) => {
    const req = http.get({host: 'localhost', port, path: '/port', localPort, agent: false}, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => { console.log('localPort: ' + (body === String(localPort))); done(); });
    });
    req.on('error', (e) => { console.log('localPort: ' + e.code + ' ' + e.message); done(); });
  });
}

(async () => {
  for (const when of ['before', 'sync', 'socket', 'response', 'never']) await run(when);
  await fromPort(busy);
  await fromPort(busy + 1);
})();
