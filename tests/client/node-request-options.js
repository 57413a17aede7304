// http.request(url, options) in Node 20 against a server on 127.0.0.1:PORT that answers
// "<url> <host header> <authorization or ->": one line per case, in tst_clientrequest's order
// (requestOptionsAsNode runs the same cases through httpcore). Usage: node this.js PORT
const http = require('http');
const port = Number(process.argv[2]);
const base = `http://127.0.0.1:${port}`;
const cases = [
  [`http://u:p@127.0.0.1:${port}/from-url?q=1`, { path: '/from-options' }],
  ['http://127.0.0.1:1/from-url', { port }],
  [`${base}/from-url`, { auth: 'a:b' }],
  [`${base}/from-url`, { path: '/' }],
  [`${base}/from-url`, { hostname: 'localhost' }],
  [`${base}/`, { headers: { 'x y': '1' } }],
  [`${base}/`, { headers: { 'x-a': 'a\nb' } }],
];
(async () => {
  for (const [url, options] of cases) {
    const line = await new Promise((resolve) => {
      let req;
      try {
        req = http.request(url, options, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve(body));
        });
      } catch (e) {
        return resolve(`throws ${e.code} ${e.message}`);
      }
      req.on('error', (e) => resolve(`error ${e.code}`));
      req.end();
    });
    console.log(line);
  }
})();
