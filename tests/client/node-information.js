// Node 20's 'information' payloads for one GET to 127.0.0.1:PORT, one JSON line each
// (tst_clientrequest informationAsNode compares httpcore's). Usage: node this.js PORT
const http = require('http');
const req = http.get({ host: '127.0.0.1', port: Number(process.argv[2]) }, (res) => res.resume());
req.on('information', (info) => console.log(JSON.stringify(info)));
req.on('error', (e) => console.log(JSON.stringify({ error: e.code })));
