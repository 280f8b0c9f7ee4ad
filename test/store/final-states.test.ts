// Closed runs' last states (store/final-states.ts): stored whole, replaced by a second write (a retried activity),
// none for a run without one, and kept by a rebuild of the projections (they are not derived from the events); the
// backfill's list names the closed runs without one.
import { backends, type TestStore } from './backends';
import { at, startRun } from './fixtures';

/** a run's events from its start to its close on day `closedDay` */
function closedRun(id: string, status: 'completed' | 'cancelled', closedDay: number) {
  const stream = startRun(id);
  stream.run = { ...stream.run, status, completedAt: at(closedDay) };
  stream.emit(status === 'completed' ? 'run.completed' : 'run.cancelled', at(closedDay), { run: stream.run });
  return stream.events;
}

const state = (progress: number) => ({
  id: 'onboarding-09181128', status: 'completed', progress, gemeinde: { ags: '09181128', name: 'Kaufering' },
  steps: [{ id: 'erstgespraech', state: 'done', children: [] }, { id: 'abnahme', state: 'done', summary: 'Übergabe am 04.12.2026 – „Drucker“' }],
});

describe.each(backends())('final states (%s)', (_name, backend) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t?.destroy());

  it('keeps a closed run\'s state whole; the last write wins', async () => {
    expect(await t.store.finalState('onboarding-09181128')).toBeUndefined();
    await t.store.saveFinalState('onboarding-09181128', state(0.99));
    await t.store.saveFinalState('onboarding-09181128', state(1));
    expect(await t.store.finalState('onboarding-09181128')).toEqual(state(1));
    expect(await t.store.finalState('onboarding-09181144')).toBeUndefined();
  });

  it('survives a rebuild of the projections', async () => {
    await t.store.appendEvents(startRun('onboarding-09181128').events);
    await t.store.saveFinalState('onboarding-09181128', state(1));
    await t.store.rebuildProjections();
    expect(await t.store.finalState('onboarding-09181128')).toEqual(state(1));
  });

  it('lists the closed runs without a state, closed since the given instant, page by page', async () => {
    await t.store.appendEvents([
      ...startRun('migration-09181128-ok-ewo').events,
      ...closedRun('migration-09181128-ok-fis', 'completed', 10),
      ...closedRun('migration-09181128-ok-kfz', 'cancelled', 12),
      ...closedRun('onboarding-09181128', 'completed', 20),
      ...closedRun('rollout-09181128-rathaus', 'completed', 2),
    ]);
    await t.store.saveFinalState('onboarding-09181128', state(1));
    const since = new Date(at(5));
    expect(await t.store.closedRunsWithoutFinalState({ closedSince: since, limit: 10 }))
      .toEqual(['migration-09181128-ok-fis', 'migration-09181128-ok-kfz']);
    expect(await t.store.closedRunsWithoutFinalState({ closedSince: since, limit: 1 })).toEqual(['migration-09181128-ok-fis']);
    expect(await t.store.closedRunsWithoutFinalState({ closedSince: since, afterId: 'migration-09181128-ok-fis', limit: 1 }))
      .toEqual(['migration-09181128-ok-kfz']);
    expect(await t.store.closedRunsWithoutFinalState({ closedSince: new Date(at(1)), limit: 10 })).toHaveLength(3);
  });
});
