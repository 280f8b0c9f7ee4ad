// PGlite in a worker thread. Two reasons: the WASM Postgres does its work off the main event loop (a slow query
// does not stall the API or the Temporal worker), and it loads in a plain Node context (jest's VM sandbox refuses
// the dynamic import() calls PGlite makes while starting). Plain JavaScript, so the thread needs no TypeScript
// loader. Messages are handled strictly one after another: PGlite is a single session.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

// the same row shapes as the pg adapter (see db.ts): dates stay 'YYYY-MM-DD', bigint counts become numbers
const TYPE_PARSERS = { 1082: (value) => value, 20: (value) => Number(value) };

function plainError(err) {
  const out = { message: err && err.message ? String(err.message) : String(err) };
  for (const key of ['name', 'code', 'detail', 'hint', 'severity', 'constraint', 'table', 'column', 'schema']) {
    if (err && err[key] !== undefined) out[key] = String(err[key]);
  }
  return out;
}

const db = new PGlite(workerData.dir, { parsers: TYPE_PARSERS });
let queue = db.waitReady.then(
  () => parentPort.postMessage({ id: 0, ready: true }),
  (err) => parentPort.postMessage({ id: 0, error: plainError(err) }),
);

async function handle({ id, op, sql, params }) {
  try {
    if (op === 'query') {
      const result = await db.query(sql, params);
      parentPort.postMessage({ id, rows: result.rows });
    } else if (op === 'exec') {
      await db.exec(sql);
      parentPort.postMessage({ id, rows: [] });
    } else if (op === 'close') {
      if (!db.closed) await db.close();
      parentPort.postMessage({ id, rows: [] });
    } else {
      throw new Error(`unknown operation ${op}`);
    }
  } catch (err) {
    parentPort.postMessage({ id, error: plainError(err) });
  }
}

parentPort.on('message', (message) => {
  queue = queue.then(() => handle(message));
});
