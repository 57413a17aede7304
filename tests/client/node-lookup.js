// Node 20's client with a `lookup` that gives fixed addresses, for tst_clientrequest's
// autoSelectFamily: prints what lookup was asked ("host/family"), then the answer's body or
// "error:CODE" and the error's message. Usage: node this.js PORT AUTOSELECT FAMILY ADDRESS...
const http = require('http');
const net = require('net');
const [port, autoSelect, family, ...addresses] = process.argv.slice(2);

const lookup = (hostname, options, callback) => {
  console.log(`${hostname}/${options.family || 0}`);
  const all = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  if (options.all) callback(null, all);
  else callback(null, all[0].address, all[0].family);
};
const req = http.request({
  host: 'dual.test', port: Number(port), lookup, agent: false,
  autoSelectFamily: autoSelect === '1', family: Number(family),
}, (res) => {
  let body = '';
  res.on('data', (d) => (body += d));
  res.on('end', () => console.log(body));
});
// Every address refused: Node's AggregateError has an empty message and the attempts in
// `errors`; httpcore's error says them in its message, joined with ", ".
req.on('error', (e) => console.log(`error:${e.code}\n${e.message || e.errors.map((x) => x.message).join(', ')}`));
req.end();
