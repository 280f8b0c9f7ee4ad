import type { Store } from '../../store/store';
import { seedStore } from '../../scripts/bench/bench-data';
import { backends, type TestStore } from './backends';
import { at, openTask, startRun, T0 } from './fixtures';

const NOW = new Date(T0);

/** Everything the read model answers, through the same API the API uses. */
async function readModel(store: Store) {
  const runs = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRuns({ limit: 7, cursor });
    runs.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const tasks = [];
  do {
    const page = await store.listTasks({ limit: 500, cursor });
    tasks.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const byRole = await Promise.all(
    ['netzwerk', 'isb', 'gemeinde', 'verfahren'].map(async (role) => (await store.listTasks({ role, limit: 1000 })).items.map((x) => x.id)),
  );
  return { runs, tasks, byRole, dashboard: await store.dashboard({ now: NOW }) };
}

describe.each(backends())('projection rebuild (%s)', (_name, backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.destroy());

  it('derives the same runs and tasks from the event log alone', async () => {
    const seeded = await seedStore(t.store, { runs: 40, openTasks: 150, doneTasks: 60, now: NOW, runsPerBatch: 7 });
    // a run whose task was cancelled, and one whose events arrived scrambled
    const s = startRun('rebuild-extra');
    const task = openTask(s, 'x', { candidateRoles: ['isb'], dueAt: at(3) });
    s.emit('task.cancelled', at(1), { task: { ...task, state: 'cancelled' } });
    s.emit('run.cancelled', at(1), { run: { ...s.run, status: 'cancelled', completedAt: at(1) } });
    await t.store.appendEvents([...s.events].reverse());

    const before = await readModel(t.store);
    expect(before.runs).toHaveLength(41);
    expect(before.tasks).toHaveLength(210);

    const counts = await t.store.rebuildProjections();
    expect(counts).toEqual({ events: seeded.events + 4, runs: 41, tasks: 211 });
    expect(await readModel(t.store)).toEqual(before);
    expect(await t.store.getTask(task.id)).toMatchObject({ state: 'cancelled' });

    // appends after a rebuild go on from where the log is
    s.emit('step.done', at(2), { data: { stepId: 'x' } });
    expect(await t.store.appendEvents(s.events)).toEqual({ appended: 1 });
  });
});
