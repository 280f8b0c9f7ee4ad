// Issue 15, portfolio trend: a run's health at given instants, read from the snapshots its audit events carry.
import { backends, type TestStore } from './backends';
import { startRun } from './fixtures';

describe.each(backends())('health trend (%s)', (_name, backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
    const s = startRun('onboarding-09181128', { startedAt: '2027-03-01T08:00:00.000Z', health: 'green' });
    s.emit('run.healthChanged', '2027-03-10T09:00:00.000Z', { actor: 'system', data: { before: 'green', after: 'amber' }, run: { ...s.run, health: 'amber' } });
    // an event without a run snapshot changes nothing
    s.emit('task.commented', '2027-03-12T09:00:00.000Z', { actor: 'a.gruber', data: {} });
    s.emit('run.healthChanged', '2027-03-20T09:00:00.000Z', { actor: 'system', data: { before: 'amber', after: 'red' }, run: { ...s.run, health: 'red' } });
    await t.store.appendEvents(s.events);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('gives the traffic light as it stood at each instant, and null before the run started', async () => {
    const at = ['2027-02-28T22:59:59.000Z', '2027-03-07T22:59:59.000Z', '2027-03-14T22:59:59.000Z', '2027-03-21T22:59:59.000Z'];
    const trend = await t.store.healthTrend(['onboarding-09181128', 'onboarding-09181130'], at);
    expect(trend.filter((p) => p.runId === 'onboarding-09181128').map((p) => p.health)).toEqual([null, 'green', 'amber', 'red']);
    expect(trend.filter((p) => p.runId === 'onboarding-09181130').map((p) => p.health)).toEqual([null, null, null, null]);
    expect(trend[0].at).toBe(at[0]);
  });
});
