// The read model's database goes away (a real PostgreSQL behind a proxy that is cut): read endpoints answer 503
// problem+json, workflows keep running and accept work, and when the database returns the projections catch up
// with nothing lost and nothing duplicated.
import request from 'supertest';
import { openStore } from '../../store/store';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { startSystem, futureDate, token, type TestSystem } from '../helpers/system';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

let db: TestDatabase;
let proxy: TcpProxy;
let sys: TestSystem;

beforeAll(async () => {
  db = await createTestDatabase('outage');
  const url = new URL(db.url);
  proxy = await startTcpProxy(url.hostname, Number(url.port));
  url.port = String(proxy.port);
  const store = await openStore({ databaseUrl: url.toString(), connectTimeoutMs: 1000, queryTimeoutMs: 3000 });
  sys = await startSystem({ store });
}, 120_000);
afterAll(async () => {
  await sys?.stop();
  await proxy?.close();
  await db?.drop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('answers 503 while the database is away and catches up afterwards', async () => {
  const runId = 'migration-09181128-ok-fis';
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'verfahren-migration', input: { ags: '09181128', verfahrenId: 'ok-fis', targetGoLive: futureDate(120) } }).expect(201);
  await until(() => request(sys.app).get(`/api/v1/tasks?root=${runId}&state=open`).set(auth('p.fischer')), (r) => r.body.items?.length === 1);

  proxy.cut();
  for (const path of ['/api/v1/runs', `/api/v1/tasks?root=${runId}`, `/api/v1/runs/${runId}/events`, '/api/v1/dashboard']) {
    const res = await request(sys.app).get(path).set(auth('m.huber'));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  }
  expect((await request(sys.app).get('/readyz')).status).toBe(503);
  // Temporal holds the truth: the run and its tasks go on without the database
  const live = await request(sys.app).get(`/api/v1/runs/${runId}`).set(auth('m.huber'));
  expect(live.status).toBe(200);
  // an Idempotency-Key cannot be stored now; the engine still deduplicates by the Update id it becomes
  const complete = () => request(sys.app).post(`/api/v1/tasks/${runId}:steckbrief/complete`).set(auth('p.fischer')).set('Idempotency-Key', 'steckbrief-1')
    .send({ data: { fachamt: 'Kämmerei', keyUser: 'Kasse', version: '1', betriebsart: 'rechenzentrum' } });
  const done = await complete();
  expect(done.status).toBe(200);
  const retried = await complete();
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({ id: `${runId}:steckbrief`, state: 'done' });
  await new Promise((r) => setTimeout(r, 3000));

  proxy.restore();
  const open = await until(
    () => request(sys.app).get(`/api/v1/tasks?root=${runId}&state=open`).set(auth('m.huber')),
    (r) => r.status === 200 && r.body.items.length === 2,
  );
  expect(open.body.items.map((t: { stepId: string }) => t.stepId).sort()).toEqual(['datenbereinigung', 'herstellertermin']);
  const events = (await request(sys.app).get(`/api/v1/runs/${runId}/events?limit=500`).set(auth('m.huber'))).body.items as { seq: number; type: string }[];
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((e) => e.type === 'task.completed')).toHaveLength(1);
  expect((await request(sys.app).get('/readyz')).status).toBe(200);
}, 180_000);
