// Node 20's message.destroy([error]) on both sides: a line per case with the events in order,
// then what the peer saw. tst_incomingmessage's destroyAsNode plays the same cases.
const http = require('http');
const net = require('net');

const boom = () => Object.assign(new Error('boom'), {code: 'EBOOM'});

function serverCase(name, request, when, withError) {
  return new Promise((done) => {
    const log = [];
    const server = http.createServer((req, res) => {
      for (const e of ['aborted', 'end', 'close']) {
        if (e !== 'end' || when !== 'later') req.on(e, () => log.push(e));
      }
      req.on('error', (e) => log.push('error ' + (e.code || '') + ' ' + e.message));
      const go = () => {
        req.destroy(withError ? boom() : undefined);
        log.push('returned');
        setTimeout(() => { if (!req.socket.destroyed) res.end('ok'); }, 100);
      };
      if (when === 'end') { req.resume(); req.on('end', go); }
      else if (when === 'later') setTimeout(go, 50);
      else go();
    });
    server.on('clientError', (e) => log.push('clientError ' + (e.code || '') + ' ' + e.message));
    server.listen(0, '127.0.0.1', () => {
      const c = net.connect(server.address().port, '127.0.0.1');
      let got = '';
      c.on('data', (d) => { got += d; });
      c.on('error', () => {});
      c.write(request);
      setTimeout(() => {
        const status = got.split('\r\n')[0];
        log.push('client ' + (status || '-') + (c.destroyed || c.readableEnded ? ' closed' : ' open'));
        console.log(name + ': ' + log.join(', '));
        c.destroy(); server.close(); done();
      }, 400);
    });
  });
}

function clientCase(name, body, when, withError) {
  return new Promise((done) => {
    const log = [];
    let served = 0;
    const server = net.createServer((s) => {
      s.on('data', () => {
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n' + (served++ ? '0123456789' : body));
      });
      s.on('error', () => {});
    });
    server.listen(0, '127.0.0.1', () => {
      const agent = new http.Agent({keepAlive: true});
      const req = http.get({port: server.address().port, host: '127.0.0.1', agent}, (res) => {
        for (const e of ['aborted', 'end', 'close']) res.on(e, () => log.push('res ' + e));
        res.on('error', (e) => log.push('res error ' + (e.code || '') + ' ' + e.message));
        const go = () => {
          res.destroy(withError ? boom() : undefined);
          log.push('returned');
        };
        if (when === 'end') { res.resume(); res.on('end', go); } else go();
      });
      req.on('close', () => log.push('req close'));
      req.on('error', (e) => log.push('req error ' + (e.code || '') + ' ' + e.message));
      setTimeout(() => {
        const again = http.get({port: server.address().port, host: '127.0.0.1', agent}, (res) => {
          log.push('again reused ' + again.reusedSocket);
          res.resume();
          res.on('end', () => {
            console.log(name + ': ' + log.join(', '));
            agent.destroy(); server.close(); done();
          });
        });
      }, 300);
    });
  });
}

(async () => {
  const head = 'POST / HTTP/1.1\r\nHost: x\r\n';
  await serverCase('server partial', head + 'Content-Length: 10\r\n\r\nabc', 'request', false);
  await serverCase('server partial error', head + 'Content-Length: 10\r\n\r\nabc', 'request', true);
  await serverCase('server get', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'request', false);
  await serverCase('server unread', head + 'Content-Length: 3\r\n\r\nabc', 'later', false);
  await serverCase('server read', head + 'Content-Length: 3\r\n\r\nabc', 'end', false);
  await serverCase('server read error', head + 'Content-Length: 3\r\n\r\nabc', 'end', true);
  await clientCase('client partial', 'abc', 'response', false);
  await clientCase('client partial error', 'abc', 'response', true);
  await clientCase('client read', '0123456789', 'end', false);
  await clientCase('client read error', '0123456789', 'end', true);
})();
