// recordEvents (activities/events.ts): a batch with a run's closing event stores the run's final state, asked once per
// run after the events are stored; other batches ask nothing, and without a way to ask nothing is stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEventActivities } from '../../activities/events';
import { openStore, type Store } from '../../store/store';
import { at, startRun } from '../store/fixtures';

let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-activity-test-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('stores the final state of each run a batch closes, once the events are stored', async () => {
  const done = startRun('migration-09181128-ok-fis', { process: 'verfahren-migration' });
  done.emit('run.progressed', at(1), { actor: 'system', data: { progress: 100 } });
  done.emit('run.completed', at(2), { actor: 'system', run: { ...done.run, status: 'completed', progress: 1 } });
  const cancelled = startRun('migration-09181128-ok-ewo', { process: 'verfahren-migration' });
  cancelled.emit('run.cancelled', at(2), { actor: 'pl-1', data: { reason: 'Verfahren entfällt' }, run: { ...cancelled.run, status: 'cancelled' } });
  const running = startRun('onboarding-09181128');

  const asked: string[] = [];
  const { recordEvents } = createEventActivities(store, {
    finalStateOf: async (runId) => {
      asked.push(runId);
      // asked after the append: the run's closing event is in the store by then
      expect((await store.runEvents(runId)).at(-1)!.type).toMatch(/^run\.(completed|cancelled)$/);
      return { id: runId, status: runId.endsWith('ok-fis') ? 'completed' : 'cancelled' };
    },
  });
  await recordEvents([...done.events, ...cancelled.events, ...running.events]);

  expect(asked.sort()).toEqual(['migration-09181128-ok-ewo', 'migration-09181128-ok-fis']);
  expect(await store.finalState('migration-09181128-ok-fis')).toEqual({ id: 'migration-09181128-ok-fis', status: 'completed' });
  expect(await store.finalState('migration-09181128-ok-ewo')).toEqual({ id: 'migration-09181128-ok-ewo', status: 'cancelled' });
  expect(await store.finalState('onboarding-09181128')).toBeUndefined();

  // the same batch delivered again (a retry) asks again and stores the same
  await recordEvents(done.events);
  expect(asked).toHaveLength(3);
  expect(await store.finalState('migration-09181128-ok-fis')).toEqual({ id: 'migration-09181128-ok-fis', status: 'completed' });
});

it('stores nothing without a way to ask the run', async () => {
  const done = startRun('migration-09181128-ok-vwl', { process: 'verfahren-migration' });
  done.emit('run.completed', at(2), { actor: 'system', run: { ...done.run, status: 'completed' } });
  await createEventActivities(store).recordEvents(done.events);
  expect(await store.finalState('migration-09181128-ok-vwl')).toBeUndefined();
});
