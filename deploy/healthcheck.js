// Container health check without curl (node:*-slim has none): GET a URL on loopback, healthy on 2xx.
//
//   node deploy/healthcheck.js [url]
//
// Default: the API's /healthz on PORT (3000). The worker's container passes its metrics port,
// http://127.0.0.1:9464/healthz (docker-compose.yml). Exit 0 healthy, 1 not.
'use strict';
const http = require('node:http');

const url = process.argv[2] || process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.PORT || 3000}/healthz`;

const request = http.get(url, { timeout: 4000 }, (res) => {
  res.resume();
  process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', (err) => {
  process.stderr.write(`healthcheck ${url}: ${err.message}\n`);
  process.exit(1);
});
