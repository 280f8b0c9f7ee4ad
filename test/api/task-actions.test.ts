// A task action's change is in the read model for the next read: the Update answers with the run's events not yet
// stored (workflows/engine/answer.ts), the API stores them while it answers and its reads wait for that write
// (api/answer-writes.ts). The run's own outbox is held back here, so only that path can show the next task; once
// released, it finds the events stored and adds nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DomainEvent } from '../../domain/events';
import { createEventActivities } from '../../activities/events';
import { openStore, type Store } from '../../store/store';
import { sampleFormData } from '../../scripts/sample-form-data';
import { taskActions } from '../../api/task-actions';
import type { ApiDeps } from '../../api/deps';
import type { Principal } from '../../api/policy';
import { EARLY_END_NEEDS_REASON } from '../../workflows/messages';
import { startSystem, futureDate, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
let store: Store;
let dataDir: string;
let release: () => void;
const outboxOpen = new Promise<void>((resolve) => (release = resolve));
const recorded: number[][] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-answer-'));
  store = await openStore({ dataDir });
  const { recordEvents } = createEventActivities(store);
  sys = await startSystem({
    store,
    replace: {
      async recordEvents(events: DomainEvent[]) {
        await outboxOpen;
        recorded.push(events.map((e) => e.seq));
        return recordEvents(events);
      },
    },
  });
}, 120_000);
afterAll(async () => {
  release();
  await sys?.stop(); // closes the store
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const runId = 'migration-09181128-ok-fis';
const openSteps = async () =>
  ((await request(sys.app).get(`/api/v1/tasks?root=${runId}&state=open`).set(auth('m.huber')).expect(200)).body.items as { stepId: string }[])
    .map((t) => t.stepId).sort();
const eventsOfRun = async () =>
  (await request(sys.app).get(`/api/v1/runs/${runId}/events?limit=500`).set(auth('m.huber')).expect(200)).body.items as { seq: number; type: string }[];

it('shows the next tasks when the completion answers, and the outbox adds nothing after', async () => {
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'verfahren-migration', input: { ags: '09181128', verfahrenId: 'ok-fis', targetGoLive: futureDate(120) } }).expect(201);
  // the outbox holds everything: the read model has not seen the run's first task
  expect(await openSteps()).toEqual([]);

  await request(sys.app).post(`/api/v1/tasks/${runId}:steckbrief/complete`).set(auth('p.fischer'))
    .send({ data: sampleFormData('steckbrief') }).expect(200);
  // no polling: the first read after the answer shows the next tasks
  expect(await openSteps()).toEqual(['datenbereinigung', 'herstellertermin']);
  const early = await eventsOfRun();
  expect(early.map((e) => e.seq)).toEqual(early.map((_, i) => i + 1));
  expect(early.filter((e) => e.type === 'task.opened')).toHaveLength(3);

  // claiming answers the same way: the inbox shows the assignee at once
  const claimed = await request(sys.app).post(`/api/v1/tasks/${runId}:herstellertermin/claim`).set(auth('p.fischer')).expect(200);
  expect(claimed.body).not.toHaveProperty('events');
  const task = await request(sys.app).get(`/api/v1/tasks/${runId}:herstellertermin`).set(auth('p.fischer')).expect(200);
  expect(task.body.assignee).toBe('p.fischer');

  release();
  const deadline = Date.now() + 30_000;
  while (recorded.flat().length < early.length + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // the outbox delivered every event once more; the log kept each once, without a hole
  expect(recorded.flat().length).toBeGreaterThanOrEqual(early.length + 1);
  const all = await eventsOfRun();
  expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
  expect(all.filter((e) => e.type === 'task.completed')).toHaveLength(1);
  expect(all.filter((e) => e.type === 'task.claimed')).toHaveLength(1);
}, 120_000);

it('refuses a waiting period ended early without a reason at its field, before asking the run', async () => {
  const wait = {
    id: 'migration-09181128-ok-fis:parallelbetrieb', runId: 'migration-09181128-ok-fis', ags: '09181128', process: 'verfahren-migration',
    stepId: 'parallelbetrieb', kind: 'wait', candidateRoles: ['projektleitung'],
  };
  // no Temporal client: the refusal comes before the run is asked
  const actions = taskActions({ store: { getTask: async () => wait, documents: { list: async () => [] } }, client: {} } as unknown as ApiDeps);
  const lead = { id: 'a.gruber', name: 'Andrea Gruber', roles: ['projektleitung'], gemeinden: [] } as Principal;
  for (const comment of [undefined, '   ']) {
    await expect(actions.complete(lead, wait.id, { comment })).rejects.toMatchObject({ status: 422, errors: [{ path: 'comment', message: EARLY_END_NEEDS_REASON }] });
  }
});
