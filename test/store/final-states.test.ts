// Closed runs' last states (store/final-states.ts): stored whole, replaced by a second write (a retried activity),
// none for a run without one, and kept by a rebuild of the projections (they are not derived from the events).
import { backends, type TestStore } from './backends';
import { startRun } from './fixtures';

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
});
