// Selecting devices in the device table: pasted or scanned serials, filters, and the batch step's progress text.
import { EXCLUDED_STATUS, PER_DEVICE_STEPS, stepStateOf } from '../../domain/device-steps';
import type { Device } from '../../web/src/api/types';
import { filterDevices, isPerDeviceStep, matchSerials, offeredDeviceSteps, parseSerials, stepProgress, stepState } from '../../web/src/lib/device-selection';

const device = (n: number, steps: Device['steps'] = {}): Device => ({
  id: `d${n}`, hostname: `KF-PC-${String(n).padStart(3, '0')}`, serial: `SN${1000 + n}`, mac: `00:1A:2B:3C:4D:${String(n).padStart(2, '0')}`,
  os: 'Windows 11', model: n % 2 ? 'Lenovo M70q' : 'Dell OptiPlex', location: n <= 2 ? 'Standesamt' : 'Kämmerei', status: 'aktiv', steps,
});

describe('device selection', () => {
  it('offers only the per-device steps whose task has opened (active or done), and automated ones, which have no task', () => {
    const steps = [
      { id: 'bedarf', kind: 'manual', state: 'done' }, { id: 'wareneingang', kind: 'automated', state: 'done' },
      { id: 'imaging', kind: 'external', state: 'active' }, { id: 'funktionstest', kind: 'manual', state: 'pending' },
      { id: 'uebergabe', kind: 'manual', state: 'ready' }, { id: 'altgeraete', kind: 'automated', state: 'pending' },
    ] as const;
    expect(offeredDeviceSteps(steps).map((s) => s.id)).toEqual(['bedarf', 'imaging', 'altgeraete']);
  });

  it('reads one serial per line (also , ; tab), trims, drops empty lines and repeats', () => {
    expect(parseSerials(' SN1001\r\n\nsn1002;SN1003\tSN1001 \n sn1001')).toEqual(['SN1001', 'sn1002', 'SN1003']);
    expect(parseSerials('\n  \n')).toEqual([]);
  });

  it('selects the devices the serials name, whatever their case, and reports unknown serials', () => {
    const devices = [device(1), device(2), device(3)];
    expect(matchSerials(devices, ['sn1003', 'SN1001', 'SN9999'])).toEqual({ ids: ['d3', 'd1'], unknown: ['SN9999'] });
  });

  it('filters by text (hostname, serial, model, location, the new device\'s inventory number) and by the state in the step', () => {
    const devices = [device(1, { imaging: { state: 'done' } }), device(2), { ...device(3, { imaging: { state: 'failed', reason: 'BitLocker' } }), newInventoryNumber: 'LL-128-2026-00007' }];
    expect(filterDevices(devices, 'imaging', { text: '2026-00007', state: '' }).map((d) => d.id)).toEqual(['d3']);
    expect(filterDevices(devices, 'imaging', { text: 'standesamt', state: '' }).map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(filterDevices(devices, 'imaging', { text: '', state: 'pending' }).map((d) => d.id)).toEqual(['d2']);
    expect(filterDevices(devices, 'imaging', { text: 'dell', state: '' }).map((d) => d.id)).toEqual(['d2']);
  });

  it('counts done and excluded devices as finished, and says which is which: "85 von 120 Geräten erledigt, 2 ausgenommen"', () => {
    const devices = Array.from({ length: 120 }, (_, i) => device(i + 1, i < 85 ? { test: { state: 'done' } } : i < 87 ? { test: { state: 'excluded', reason: 'defekt' } } : i < 89 ? { test: { state: 'failed' } } : {}));
    expect(stepProgress(devices, 'test')).toEqual({ finished: 87, total: 120, failed: 2, text: '85 von 120 Geräten erledigt, 2 ausgenommen, 2 in Nacharbeit' });
    expect(stepProgress([device(1)], 'test').text).toBe('0 von 1 Gerät erledigt');
  });

  it('keeps a device excluded in an earlier step out of the later ones (its status „ausgenommen“), as the API does', () => {
    const left = { ...device(1, { bedarf: { state: 'excluded', reason: 'Stelle entfällt' } }), status: 'ausgenommen' };
    expect(stepProgress([left, device(2, { imaging: { state: 'done' } })], 'imaging')).toMatchObject({ finished: 2, text: '1 von 2 Geräten erledigt, 1 ausgenommen' });
    expect(filterDevices([left, device(2)], 'imaging', { text: '', state: 'pending' }).map((d) => d.id)).toEqual(['d2']);
  });

  it('decides a device\'s state in a step as the API does (domain stepStateOf), for every status and outcome', () => {
    // the web keeps its own copy of the rule (its bundle does not import domain/); this holds the two equal
    const outcomes: Device['steps'][] = [{}, { bedarf: { state: 'excluded', reason: 'Stelle entfällt' } }, { imaging: { state: 'done' } }, { imaging: { state: 'failed' } }];
    for (const status of ['aktiv', 'nacharbeit', EXCLUDED_STATUS]) {
      for (const steps of outcomes) {
        const d = { ...device(1, steps), status };
        for (const step of PER_DEVICE_STEPS) expect([status, step, stepState(d, step)]).toEqual([status, step, stepStateOf(d, step)]);
      }
    }
  });

  it("knows the rollout's per-device steps, so the table offers each before any device has begun it", () => {
    expect(PER_DEVICE_STEPS.filter(isPerDeviceStep)).toEqual(PER_DEVICE_STEPS);
    expect(['wareneingang', 'domaenenbeitritt', 'entsorgung', 'toString'].filter(isPerDeviceStep)).toEqual([]);
  });
});
