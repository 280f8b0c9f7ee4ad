// The device records of store/devices.ts (migration 013) on every backend: import, paging filters, batch
// assignment (all or nothing, idempotent) and a step state per device.
import { EXCLUDED_STATUS, PER_DEVICE_STEPS, stepStateOf, type DeviceStepState } from '../../domain/device-steps';
import { deviceId, type NewDevice } from '../../store/devices';
import { backends, type TestStore } from './backends';

const AGS = '09181101';
const device = (n: number, location = 'Rathaus'): NewDevice => ({
  hostname: `PC-${n}`, serial: `SN${1000 + n}`, mac: `00:1A:2B:3C:4D:${String(n).padStart(2, '0')}`,
  os: 'Windows 11', model: 'Elitedesk', location,
});

describe.each(backends())('device store (%s)', (_name, backend) => {
  let t: TestStore;
  beforeEach(async () => { t = await backend.open(); });
  afterEach(async () => { await t?.destroy(); });

  it('stores the devices of an import once per serial and pages them with filters', async () => {
    const devices = t.store.devices;
    await devices.importDevices(AGS, 'run-import', [device(1), device(2), device(3, 'Standesamt')]);
    // a second import refreshes by serial (case-insensitive) instead of duplicating
    await devices.importDevices(AGS, 'run-import-2', [{ ...device(1), serial: 'sn1001', hostname: 'PC-1-neu' }]);
    await devices.importDevices('09181102', 'run-other', [device(1)]);

    const all = await devices.list({ ags: AGS, limit: 10 });
    expect(all.map((d) => d.hostname)).toEqual(['PC-1-neu', 'PC-2', 'PC-3']);
    expect(all[0]).toMatchObject({ id: deviceId(AGS, 'SN1001'), serial: 'SN1001', location: 'Rathaus', status: 'inventarisiert', steps: {} });

    const first = await devices.list({ ags: AGS, limit: 1 });
    expect(first).toHaveLength(2); // the extra row tells that another page follows
    const next = await devices.list({ ags: AGS, limit: 5, after: first[0].id });
    expect(next.map((d) => d.serial)).toEqual(['SN1002', 'SN1003']);
    expect((await devices.list({ ags: AGS, location: 'standesamt', limit: 10 })).map((d) => d.serial)).toEqual(['SN1003']);
    expect(await devices.serialsAt(AGS, 'rathaus')).toEqual(['SN1001', 'SN1002']);
  });

  it('assigns devices to one batch only, all or nothing, and keeps a state per step', async () => {
    const devices = t.store.devices;
    await devices.importDevices(AGS, 'run-import', [device(1), device(2), device(3)]);
    expect(await devices.assignBatch(AGS, 'batch-a', ['SN1001', 'sn1002'])).toEqual({ assigned: ['SN1001', 'SN1002'], unknown: [], elsewhere: [] });
    expect(await devices.assignBatch(AGS, 'batch-a', ['SN1001'])).toEqual({ assigned: ['SN1001'], unknown: [], elsewhere: [] });
    expect(await devices.assignBatch(AGS, 'batch-b', ['SN1002', 'SN1003', 'SN9'])).toEqual({ assigned: [], unknown: ['SN9'], elsewhere: ['SN1002'] });
    expect((await devices.forBatch('batch-b'))).toEqual([]);
    expect((await devices.forBatch('batch-a')).map((d) => d.serial)).toEqual(['SN1001', 'SN1002']);
    await devices.assignBatch(AGS, 'batch-c', ['SN1003']);
    expect((await devices.list({ ags: AGS, batch: 'batch-a', limit: 10 }))).toHaveLength(2);

    const at = '2026-12-04T10:00:00.000Z';
    const changed = await devices.setStep(deviceId(AGS, 'SN1001'), 'funktionstest', { state: 'failed', reason: 'Bildschirm defekt', by: 'tech', at }, 'nacharbeit');
    expect(changed).toMatchObject({ status: 'nacharbeit', steps: { funktionstest: { state: 'failed', reason: 'Bildschirm defekt', by: 'tech', at } } });
    const again = await devices.setStep(deviceId(AGS, 'SN1001'), 'imaging', { state: 'done', by: 'tech', at }, 'nacharbeit');
    expect(Object.keys(again!.steps).sort()).toEqual(['funktionstest', 'imaging']);
    expect(await devices.setStep('unbekannt', 'imaging', { state: 'done' }, 'x')).toBeUndefined();
    await devices.setStep(deviceId(AGS, 'SN1002'), 'imaging', { state: 'excluded', reason: 'verkauft', by: 'tech', at }, 'ausgeschlossen');

    // counted per batch and step without reading the devices; a batch without devices is not among them
    const progress = await devices.progressOfBatches(['batch-a', 'batch-c', 'batch-b'], ['imaging', 'funktionstest', 'uebergabe'], ['done', 'excluded']);
    expect([...progress.entries()].sort()).toEqual([
      ['batch-a', { tracked: 2, inStates: { imaging: 2, funktionstest: 0, uebergabe: 0 } }],
      ['batch-c', { tracked: 1, inStates: { imaging: 0, funktionstest: 0, uebergabe: 0 } }],
    ]);
    expect((await devices.progressOfBatches(['batch-a'], ['funktionstest'], ['failed'])).get('batch-a')).toEqual({ tracked: 2, inStates: { funktionstest: 1 } });
    expect((await devices.progressOfBatches(['batch-a'], [], ['done'])).get('batch-a')).toEqual({ tracked: 2, inStates: {} });
    expect(await devices.progressOfBatches([], ['imaging'], ['done'])).toEqual(new Map());
  });

  it('gives each device of a batch the inventory number of its replacement once, a repeat changing nothing', async () => {
    const devices = t.store.devices;
    await devices.importDevices(AGS, 'run-import', [device(1), device(2), device(3)]);
    await devices.assignBatch(AGS, 'batch-a', ['SN1001', 'SN1002']);
    const numbers = ['LL-101-2026-00001', 'LL-101-2026-00002', 'LL-101-2026-00003'];
    // more numbers than devices: the devices in their order take the first ones
    expect(await devices.numberBatch('batch-a', numbers)).toBe(2);
    const numbered = async () => (await devices.forBatch('batch-a')).map((d) => [d.serial, d.newInventoryNumber]);
    expect(await numbered()).toEqual([['SN1001', 'LL-101-2026-00001'], ['SN1002', 'LL-101-2026-00002']]);
    expect(await devices.numberBatch('batch-a', numbers)).toBe(2);
    expect(await numbered()).toEqual([['SN1001', 'LL-101-2026-00001'], ['SN1002', 'LL-101-2026-00002']]);
    // a device that joins the batch later takes a number the batch has not given yet
    await devices.assignBatch(AGS, 'batch-a', ['SN1003']);
    expect(await devices.numberBatch('batch-a', numbers)).toBe(3);
    expect((await devices.list({ ags: AGS, limit: 10 })).find((d) => d.serial === 'SN1003')!.newInventoryNumber).toBe('LL-101-2026-00003');
    // a batch without device records numbers none
    expect(await devices.numberBatch('batch-none', numbers)).toBe(0);
  });

  it("counts a batch's devices per step by the domain's rule (stepStateOf), a device that left the batch excluded in later steps", async () => {
    const devices = t.store.devices;
    await devices.importDevices(AGS, 'run-import', [1, 2, 3, 4, 5].map((n) => device(n)));
    await devices.assignBatch(AGS, 'batch-a', ['SN1001', 'SN1002', 'SN1003', 'SN1004', 'SN1005']);
    const at = '2026-12-04T10:00:00.000Z';
    await devices.setStep(deviceId(AGS, 'SN1001'), 'bedarf', { state: 'excluded', reason: 'Stelle entfällt', by: 'tech', at }, EXCLUDED_STATUS);
    await devices.setStep(deviceId(AGS, 'SN1002'), 'imaging', { state: 'done', by: 'tech', at }, 'betankt');
    await devices.setStep(deviceId(AGS, 'SN1003'), 'funktionstest', { state: 'failed', reason: 'Bildschirm defekt', by: 'tech', at }, 'nacharbeit');
    await devices.setStep(deviceId(AGS, 'SN1004'), 'imaging', { state: 'excluded', reason: 'defekt', by: 'tech', at }, EXCLUDED_STATUS);

    const batch = await devices.forBatch('batch-a');
    const states: DeviceStepState[][] = [['done', 'excluded'], ['excluded'], ['pending'], ['failed']];
    for (const inStates of states) {
      const counted = (await devices.progressOfBatches(['batch-a'], PER_DEVICE_STEPS, inStates)).get('batch-a')!;
      const byDomain = Object.fromEntries(PER_DEVICE_STEPS.map((step) => [step, batch.filter((d) => inStates.includes(stepStateOf(d, step))).length]));
      expect([inStates, counted]).toEqual([inStates, { tracked: 5, inStates: byDomain }]);
    }
  });
});
