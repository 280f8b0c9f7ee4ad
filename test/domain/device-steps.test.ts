import { type DeviceStepEntry, batchStepDone, deviceStatus, devicesDone, nextEntry, outcomeProblem, PER_DEVICE_STEPS, stepStateOf } from '../../domain/device-steps';

describe('per-device steps of a rollout batch', () => {
  it('are the steps the rollout template marks per device', () => {
    expect(PER_DEVICE_STEPS).toEqual(['bedarf', 'imaging', 'funktionstest', 'uebergabe', 'altgeraete', 'datenvernichtung']);
  });

  it('need a reason for failed and excluded', () => {
    expect(outcomeProblem('done', undefined)).toBeUndefined();
    expect(outcomeProblem('failed', '  ')).toMatch(/warum/);
    expect(outcomeProblem('excluded', undefined)).toMatch(/ausgenommen/);
    expect(outcomeProblem('excluded', 'bleibt')).toBeUndefined();
  });

  it('send a device failing its functional test to rework, and change nothing when repeated', () => {
    expect(deviceStatus('funktionstest', 'failed', 'betankt')).toBe('nacharbeit');
    expect(deviceStatus('imaging', 'done', 'inventarisiert')).toBe('betankt');
    const failed = nextEntry(undefined, { outcome: 'failed', reason: 'defekt', by: 'x', at: 't1' });
    expect(failed).toEqual({ state: 'failed', reason: 'defekt', by: 'x', at: 't1' });
    expect(nextEntry(failed, { outcome: 'failed', reason: 'defekt', by: 'y', at: 't2' })).toBeUndefined();
    // back from rework: the failure stays on the device's path
    const passed = nextEntry(failed, { outcome: 'done', reason: 'egal', by: 'y', at: 't2' });
    expect(passed).toEqual({ state: 'done', by: 'y', at: 't2', earlier: [{ state: 'failed', reason: 'defekt', by: 'x', at: 't1' }] });
    // new data for the same outcome replaces it without a new path entry
    expect(nextEntry(passed, { outcome: 'done', data: { x: 1 }, by: 'z', at: 't3' })).toEqual({
      state: 'done', by: 'z', at: 't3', data: { x: 1 }, earlier: [{ state: 'failed', reason: 'defekt', by: 'x', at: 't1' }],
    });
  });

  it('finish the batch step when every device is done or excluded', () => {
    const d = (state?: 'done' | 'failed' | 'excluded') => ({ steps: (state ? { imaging: { state } } : {}) as Record<string, DeviceStepEntry>, status: 'betankt' });
    expect(batchStepDone([d('done'), d('excluded')], 'imaging')).toBe(true);
    expect(batchStepDone([d('done'), d('failed')], 'imaging')).toBe(false);
    expect(batchStepDone([d('done'), d()], 'imaging')).toBe(false);
    expect(batchStepDone([], 'imaging')).toBe(false);
    expect(devicesDone([d('done'), d('excluded'), d('failed'), d()], 'imaging')).toBe(2);
  });

  it('keep a device excluded in an earlier step out of the later ones, until an outcome takes it back in', () => {
    const left = { steps: { bedarf: { state: 'excluded' as const, reason: 'Stelle entfällt' } }, status: deviceStatus('bedarf', 'excluded', 'neu') };
    expect(stepStateOf(left, 'imaging')).toBe('excluded');
    expect(batchStepDone([left, { steps: { imaging: { state: 'done' } }, status: 'betankt' }], 'imaging')).toBe(true);
    const back = { ...left, steps: { ...left.steps, imaging: { state: 'done' as const } }, status: deviceStatus('imaging', 'done', left.status) };
    expect(stepStateOf(back, 'imaging')).toBe('done');
    expect(stepStateOf(back, 'funktionstest')).toBe('pending');
  });
});
