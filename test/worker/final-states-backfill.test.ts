// The backfill of final states (worker/final-states-backfill.ts) against a real dev server: a run that closed while the
// worker did not store final states (recordEvents without finalStateOf, as before migration 022) gets its state from
// its workflow; a run Temporal no longer holds is counted as gone; a run closed before the retention is not asked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createEventActivities } from '../../activities/events';
import { openStore, type Store } from '../../store/store';
import { backfillFinalStates } from '../../worker/final-states-backfill';
import { startSystem, token, type TestSystem } from '../helpers/system';
import { startRun } from '../store/fixtures';

let sys: TestSystem;
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ku-backfill-')) });
  sys = await startSystem({ store, replace: createEventActivities(store) });
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** a run the read model knows as closed `daysAgo` days ago, which Temporal never held */
async function closedElsewhere(id: string, daysAgo: number): Promise<void> {
  const closedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const stream = startRun(id, { startedAt: closedAt });
  stream.run = { ...stream.run, status: 'completed', completedAt: closedAt };
  stream.emit('run.completed', closedAt, { run: stream.run });
  await store.appendEvents(stream.events);
}

test('stores the states of closed runs Temporal still holds, counts the ones it no longer has, asks none twice', async () => {
  const id = 'rollout-09181134-rathaus';
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'arbeitsplatz-rollout', input: { ags: '09181134', batch: 'Rathaus', devices: 4 } }).expect(201);
  await request(sys.app).post(`/api/v1/runs/${id}/cancel`).set(auth('a.gruber')).send({ reason: 'Charge verschoben' }).expect(202);
  await eventually(async () => ((await store.getRun(id))?.status === 'cancelled' ? true : undefined));
  expect(await store.finalState(id)).toBeUndefined();
  await closedElsewhere('onboarding-09181128', 0);
  await closedElsewhere('onboarding-09181130', 400);

  expect(await backfillFinalStates(sys.env.client, store)).toEqual({ stored: 1, gone: 1, failed: 0 });
  expect(await store.finalState(id)).toMatchObject({ id, status: 'cancelled', cancelReason: 'Charge verschoben', steps: expect.any(Array) });
  // the page now comes from the stored state, as for a run closed after the change
  const page = await request(sys.app).get(`/api/v1/runs/${id}`).set(auth('a.gruber')).expect(200);
  expect(page.body).toMatchObject({ id, status: 'cancelled' });
  expect(page.body.archived).toBeUndefined();

  // stored once: a later start asks only the run Temporal no longer has
  expect(await backfillFinalStates(sys.env.client, store)).toEqual({ stored: 0, gone: 1, failed: 0 });
  // stopped before the first run, it asks none
  expect(await backfillFinalStates(sys.env.client, store, { stopped: () => true })).toEqual({ stored: 0, gone: 0, failed: 0 });
});
