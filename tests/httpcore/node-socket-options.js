// Node 20's server with the options given as JSON in argv[2], for tst_server's
// socketOptionsAsNode: prints its port and pid, then for each request the descriptor of its
// socket, which the test reads the options of (pidfd_getfd) while the connection is kept.
const http = require('http');

const server = http.createServer(JSON.parse(process.argv[2] || '{}'), (req, res) => {
  console.log(req.socket._handle.fd);
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port + ' ' + process.pid));
