import { createInMemoryRepository } from '../../activities/adapters/in-memory-repository';
import {
  analyseInventory,
  createInventoryActivities,
  inventoryDevices,
  inventoryNumber,
  type InventoryRecord,
  nextRunningNumber,
  normalizeMac,
  yearInBavaria,
} from '../../activities/inventory';
import { expectFailure, stepInput, syncFailure } from './helpers';

const HEADER = 'Hostname;Seriennummer;MAC;Betriebssystem;Modell';
const SCAN = [
  HEADER,
  'KAUF-PC001;5CG1234ABC;00:1A:2B:3C:4D:5E;Windows 10 Pro;HP EliteDesk 800 G6',
  'KAUF-PC002;5CG1234ABD;00-1a-2b-3c-4d-5f;Windows 10 Pro;HP EliteDesk 800 G6',
  'KAUF-NB001;PF2XYZ12;001a.2b3c.4d60;Windows 11 Pro;Lenovo ThinkPad T14',
  'KAUF-SRV01;CZJ0000001;001A2B3C4D61;Windows Server 2019;HPE ProLiant DL380 Gen10',
].join('\n');

describe('normalizeMac', () => {
  it('accepts the usual notations and normalises them', () => {
    for (const mac of ['00:1a:2b:3c:4d:5e', '00-1A-2B-3C-4D-5E', '001a.2b3c.4d5e', '001A2B3C4D5E', ' 00:1A:2B:3C:4D:5E ']) {
      expect(normalizeMac(mac)).toBe('00:1A:2B:3C:4D:5E');
    }
  });

  it.each(['00:1A:2B:3C:4D', '00:1A:2B:3C:4D:5G', '00:1A-2B:3C:4D:5E', '001A2B3C4D5', 'kein MAC'])('rejects %j', (mac) => {
    expect(normalizeMac(mac)).toBeUndefined();
  });
});

describe('analyseInventory', () => {
  it('counts devices per operating system and model', () => {
    expect(analyseInventory(SCAN)).toEqual({
      devices: 4,
      byOs: { 'Windows 10 Pro': 2, 'Windows 11 Pro': 1, 'Windows Server 2019': 1 },
      byModel: { 'HP EliteDesk 800 G6': 2, 'HPE ProLiant DL380 Gen10': 1, 'Lenovo ThinkPad T14': 1 },
    });
  });

  it('rejects duplicate MACs (in any notation), duplicate serials and malformed MACs in one report', () => {
    const csv = [
      HEADER,
      'A;SN1;00:1A:2B:3C:4D:5E;W11;M',
      'B;sn1;00-1a-2b-3c-4d-5e;W11;M',
      'C;SN3;00:1A:2B:3C:4D;W11;M',
      'D;To be filled by O.E.M.;02:00:00:00:00:01;W11;M',
      'E;SN5;01:00:5E:00:00:01;W11;M',
      ';SN6;;W11;M',
    ].join('\n');
    const failure = syncFailure(() => analyseInventory(csv), 'InventarUngueltig');
    const lines = failure.message.split('\n');
    expect(lines[0]).toBe('Inventarimport abgelehnt: 7 Problem(e) in 6 Datensätzen.');
    expect(lines).toEqual(
      expect.arrayContaining([
        '- Zeile 4: MAC-Adresse "00:1A:2B:3C:4D" ist ungültig',
        '- Zeile 5: Seriennummer "To be filled by O.E.M." ist ein Platzhalter',
        '- Zeile 6: MAC-Adresse 01:00:5E:00:00:01 ist eine Gruppenadresse (Multicast)',
        '- Zeile 7: Hostname fehlt',
        '- Zeile 7: MAC-Adresse fehlt',
        '- MAC-Adresse 00:1A:2B:3C:4D:5E kommt mehrfach vor (Zeilen 2, 3)',
        '- Seriennummer SN1 kommt mehrfach vor (Zeilen 2, 3)',
      ]),
    );
  });

  it('caps the report at 20 problems', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `H${i};S${i};kaputt;W;M`);
    const failure = syncFailure(() => analyseInventory([HEADER, ...rows].join('\n')), 'InventarUngueltig');
    expect(failure.message.split('\n')).toHaveLength(1 + 20 + 1);
    expect(failure.message).toMatch(/- … und 10 weitere$/);
  });

  it('rejects a wrong header, an empty export and broken CSV', () => {
    expect(syncFailure(() => analyseInventory('Hostname;MAC\nA;B'), 'InventarUngueltig').message).toMatch(
      /Seriennummer, Betriebssystem, Modell fehlen/,
    );
    expect(syncFailure(() => analyseInventory(HEADER), 'InventarUngueltig').message).toMatch(/keine Geräte/);
    expect(syncFailure(() => analyseInventory(`${HEADER}\nA;B`), 'InventarUngueltig').message).toMatch(/Zeile 2/);
  });
});

describe('inventory numbers (pure)', () => {
  it('formats LL-<tenant>-<year>-<5 digits>', () => {
    expect(inventoryNumber('128', 2025, 7)).toBe('LL-128-2025-00007');
  });

  it('continues after the highest number of the same tenant and year only', () => {
    const records: InventoryRecord[] = [
      { kind: 'registrierung', runId: 'a', ags: '09181128', tenant: '128', year: 2025, first: 1, count: 10, recordedAt: '' },
      { kind: 'registrierung', runId: 'b', ags: '09181128', tenant: '128', year: 2024, first: 1, count: 99, recordedAt: '' },
      { kind: 'registrierung', runId: 'c', ags: '09181114', tenant: '114', year: 2025, first: 1, count: 50, recordedAt: '' },
      { kind: 'aussonderung', runId: 'd', ags: '09181128', count: 500, recordedAt: '' },
    ];
    expect(nextRunningNumber(records, '128', 2025)).toBe(11);
    expect(nextRunningNumber(records, '128', 2026)).toBe(1);
  });

  it('takes the year in Bavaria, not UTC', () => {
    expect(yearInBavaria(new Date('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(yearInBavaria(new Date('2025-12-31T22:30:00Z'))).toBe(2025);
  });
});

describe('inventory activities', () => {
  const now = () => new Date('2025-06-02T08:00:00Z');

  it('importInventory summarises the scan', async () => {
    const { importInventory } = createInventoryActivities(createInMemoryRepository<InventoryRecord>(), now);
    const res = await importInventory(stepInput({ inventarCsv: SCAN }));
    expect(res.summary).toBe('Inventar importiert: 4 Geräte, 3 Betriebssysteme, 3 Modelle.');
    expect(res.result.geraete).toBe(4);
    await expectFailure(() => importInventory(stepInput({})), 'UngueltigeEingabe');
  });

  it('importInventory stores each device of the Gemeinde; the result keeps only counts', async () => {
    const stored: { ags: string; runId: string; serials: string[] }[] = [];
    const records = { importDevices: async (ags: string, runId: string, devices: { serial: string }[]) => {
      stored.push({ ags, runId, serials: devices.map((d) => d.serial) });
      return { stored: devices.length };
    }, numberBatch: async () => 0 };
    const { importInventory } = createInventoryActivities(createInMemoryRepository<InventoryRecord>(), now, records);
    const res = await importInventory(stepInput({ inventarCsv: SCAN }));
    expect(stored).toEqual([{ ags: '09181128', runId: 'run-1', serials: ['5CG1234ABC', '5CG1234ABD', 'PF2XYZ12', 'CZJ0000001'] }]);
    expect(JSON.stringify(res.result)).not.toContain('5CG1234ABC');
  });

  it('inventoryDevices normalises MACs and reads the optional location and user columns', () => {
    const csv = `${HEADER};Raum;Funktion\nKAUF-PC001;5CG1234ABC;00-1a-2b-3c-4d-5e;Windows 11;HP;Standesamt 1;Standesbeamtin`;
    expect(inventoryDevices(csv)).toEqual([{
      hostname: 'KAUF-PC001', serial: '5CG1234ABC', mac: '00:1A:2B:3C:4D:5E', os: 'Windows 11', model: 'HP',
      location: 'Standesamt 1', user: 'Standesbeamtin',
    }]);
    expect(inventoryDevices(SCAN)[0]).not.toHaveProperty('location');
  });

  it('registerDevices hands out consecutive numbers per tenant and is idempotent per runId', async () => {
    const repo = createInMemoryRepository<InventoryRecord>();
    const { registerDevices } = createInventoryActivities(repo, now);
    const first = await registerDevices(stepInput({ devices: 25 }, { runId: 'rollout-1' }));
    expect(first.summary).toBe('25 Inventarnummern vergeben: LL-128-2025-00001 bis LL-128-2025-00025.');
    expect(first.result).toEqual({ anzahl: 25, erste: 'LL-128-2025-00001', letzte: 'LL-128-2025-00025', jahr: 2025 });

    const second = await registerDevices(stepInput({ devices: '3' }, { runId: 'rollout-2' }));
    expect(second.result).toMatchObject({ erste: 'LL-128-2025-00026', letzte: 'LL-128-2025-00028' });

    const otherTenant = await registerDevices(stepInput({ devices: 2 }, { runId: 'rollout-3', ags: '09181114' }));
    expect(otherTenant.result).toMatchObject({ erste: 'LL-114-2025-00001' });

    const again = await registerDevices(stepInput({ devices: 25 }, { runId: 'rollout-1' }));
    expect(again.result).toEqual(first.result);
    expect(again.summary).toMatch(/bereits vergeben/);
    expect(repo.records).toHaveLength(3);
  });

  it('registerDevices gives each device of the batch one of its numbers, again on a retry', async () => {
    const asked: { runId: string; numbers: readonly string[] }[] = [];
    const records = {
      importDevices: async () => ({ stored: 0 }),
      numberBatch: async (runId: string, numbers: readonly string[]) => {
        asked.push({ runId, numbers });
        return 3;
      },
    };
    const { registerDevices } = createInventoryActivities(createInMemoryRepository<InventoryRecord>(), now, records);
    const res = await registerDevices(stepInput({ devices: 3 }, { runId: 'rollout-1' }));
    expect(res.summary).toBe('3 Inventarnummern vergeben: LL-128-2025-00001 bis LL-128-2025-00003. Je Gerät der Charge in der Geräteliste: 3 zugeordnet.');
    expect(res.result).toMatchObject({ anzahl: 3, zugeordnet: 3 });
    await registerDevices(stepInput({ devices: 3 }, { runId: 'rollout-1' }));
    const numbers = ['LL-128-2025-00001', 'LL-128-2025-00002', 'LL-128-2025-00003'];
    expect(asked).toEqual([{ runId: 'rollout-1', numbers }, { runId: 'rollout-1', numbers }]);
  });

  it('registerDevices refuses a changed device count for the same run', async () => {
    const { registerDevices } = createInventoryActivities(createInMemoryRepository<InventoryRecord>(), now);
    await registerDevices(stepInput({ devices: 5 }));
    const failure = await expectFailure(() => registerDevices(stepInput({ devices: 6 })), 'InventarKonflikt');
    expect(failure.message).toContain('bereits 5 Inventarnummern');
  });

  it('registerDevices never hands out a number twice when batches register concurrently', async () => {
    const repo = createInMemoryRepository<InventoryRecord>();
    const a = createInventoryActivities(repo, now);
    const b = createInventoryActivities(repo, now);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).registerDevices(stepInput({ devices: 10 }, { runId: `r${i}` }))),
    );
    const firsts = results.map((r) => r.result.erste as string).sort();
    expect(firsts).toEqual(Array.from({ length: 8 }, (_, i) => inventoryNumber('128', 2025, i * 10 + 1)));
  });

  it('registerDevices fails non-retryably when the year runs out of numbers', async () => {
    const repo = createInMemoryRepository<InventoryRecord>([
      { kind: 'registrierung', runId: 'old', ags: '09181128', tenant: '128', year: 2025, first: 1, count: 99_990, recordedAt: '' },
    ]);
    const { registerDevices } = createInventoryActivities(repo, now);
    const failure = await expectFailure(() => registerDevices(stepInput({ devices: 20 })), 'InventarnummernErschoepft');
    expect(failure.message).toContain('nur noch 9 Nummern frei');
    await expect(registerDevices(stepInput({ devices: 9 }))).resolves.toMatchObject({
      result: { letzte: 'LL-128-2025-99999' },
    });
  });

  it.each([[{}], [{ devices: 0 }], [{ devices: -3 }], [{ devices: 'viele' }]])('registerDevices rejects %j', async (data) => {
    const { registerDevices } = createInventoryActivities(createInMemoryRepository<InventoryRecord>(), now);
    await expectFailure(() => registerDevices(stepInput(data)), 'UngueltigeEingabe');
  });

  it('retireDevices records the old devices once per run', async () => {
    const repo = createInMemoryRepository<InventoryRecord>();
    const { retireDevices } = createInventoryActivities(repo, now);
    const res = await retireDevices(stepInput({ devices: 12 }, { runId: 'rollout-1' }));
    expect(res).toEqual({ summary: '12 Altgeräte zur Aussonderung vermerkt.', result: { anzahl: 12 } });
    const again = await retireDevices(stepInput({ devices: 12 }, { runId: 'rollout-1' }));
    expect(again.result).toEqual({ anzahl: 12 });
    expect(repo.records).toEqual([
      { kind: 'aussonderung', runId: 'rollout-1', ags: '09181128', count: 12, recordedAt: '2025-06-02T08:00:00.000Z' },
    ]);
  });

  it('retireDevices prefers the listed inventory numbers and refuses devices retired by another run', async () => {
    const repo = createInMemoryRepository<InventoryRecord>();
    const { retireDevices } = createInventoryActivities(repo, now);
    const res = await retireDevices(stepInput({ devices: 12, altgeraete: ['LL-128-2019-00001', 'LL-128-2019-00002'] }));
    expect(res.result).toEqual({ anzahl: 2 });
    expect(repo.records[0]).toMatchObject({ inventarnummern: ['LL-128-2019-00001', 'LL-128-2019-00002'] });
    const failure = await expectFailure(
      () => retireDevices(stepInput({ altgeraete: ['LL-128-2019-00002', 'LL-128-2019-00003'] }, { runId: 'run-2' })),
      'InventarKonflikt',
    );
    expect(failure.message).toContain('LL-128-2019-00002');
    expect(failure.message).not.toContain('00003');
    await expectFailure(() => retireDevices(stepInput({ altgeraete: ['A', 'A'] }, { runId: 'run-3' })), 'UngueltigeEingabe');
    await expectFailure(() => retireDevices(stepInput({}, { runId: 'run-4' })), 'UngueltigeEingabe');
  });
});
