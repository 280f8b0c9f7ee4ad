// What the schemathesis run (scripts/fuzz.sh) found, kept as plain tests against the API on a real (embedded)
// database, plus the idempotency store's rules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { targetBody } from '../../api/routes/run-changes';
import { openStore, type Store } from '../../store/store';
import { lightApp } from './support/light-app';

let store: Store;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-fuzz-regr-'));
  store = await openStore({ dataDir: dir });
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = { Authorization: 'Bearer demo-a.gruber' };

it('lists done tasks with overdue=false (a parameter no statement used made PostgreSQL refuse: 503)', async () => {
  const app = lightApp({ store });
  for (const q of ['state=done&overdue=false', 'state=done&overdue=true', 'state=open&overdue=false', 'overdue=true', 'overdue=false']) {
    const res = await request(app).get(`/api/v1/tasks?${q}`).set(auth);
    expect({ q, status: res.status }).toEqual({ q, status: 200 });
  }
});

it('refuses NUL in a query before it reaches the database (was: 500)', async () => {
  const res = await request(lightApp({ store })).get('/api/v1/runs?parent=a%00b').set(auth);
  expect(res.status).toBe(422);
});

it('refuses a go-live in the year 9999 (its plan kept the workflow busy until queries timed out: 503)', async () => {
  const res = await request(lightApp({ store })).post('/api/v1/runs').set(auth).send({
    process: 'verfahren-migration', input: { ags: '09181130', verfahrenId: 'ok-ewo', targetGoLive: '9999-12-31' },
  });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ path: 'input.targetGoLive', message: expect.stringContaining('5 Jahre') }]);
  expect(targetBody.safeParse({ targetGoLive: '9999-12-31', reason: 'x' }).success).toBe(false);
  const soon = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  expect(targetBody.safeParse({ targetGoLive: soon, reason: 'x' }).success).toBe(true);
});

describe('idempotency store', () => {
  const key = (k: string) => ({ principal: 'a.gruber', scope: 'POST /api/v1/runs', key: k });
  const opts = { staleAfterMs: 60_000, retainMs: 3600_000 };

  it('hands a key to one request, tells repeats it is pending, then replays the stored answer', async () => {
    expect(await store.idempotency.claim(key('k1'), 'f1', opts)).toEqual({ claimed: true });
    expect(await store.idempotency.claim(key('k1'), 'f1', opts)).toEqual({ claimed: false, fingerprint: 'f1', pending: true });
    await store.idempotency.complete(key('k1'), { status: 201, body: { id: 'x' }, location: '/api/v1/runs/x' });
    expect(await store.idempotency.claim(key('k1'), 'f1', opts)).toEqual({
      claimed: false, fingerprint: 'f1', pending: false, response: { status: 201, body: { id: 'x' }, location: '/api/v1/runs/x' },
    });
    // per principal: someone else's k1 is theirs
    expect(await store.idempotency.claim({ ...key('k1'), principal: 'f.maier' }, 'f1', opts)).toEqual({ claimed: true });
  });

  it('frees a released or stale claim and forgets expired answers', async () => {
    await store.idempotency.claim(key('k2'), 'f2', opts);
    await store.idempotency.release(key('k2'));
    expect(await store.idempotency.claim(key('k2'), 'f2b', opts)).toEqual({ claimed: true });
    // a pending claim older than staleAfterMs belongs to a request that died ("older": a moment must pass)
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.idempotency.claim(key('k2'), 'f2b', { ...opts, staleAfterMs: 0 })).toEqual({ claimed: true });
    await store.idempotency.complete(key('k2'), { status: 200, body: {} });
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.idempotency.claim(key('k2'), 'f2b', { ...opts, retainMs: 0 })).toEqual({ claimed: true });
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.idempotency.purge(0)).toBeGreaterThan(0);
  });
});
