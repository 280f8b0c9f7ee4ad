import { destructionCertificates, deviceRegister } from '../../domain/device-registers';

const cert = { schutzklasse: '3', sicherheitsstufe: 'E-4', nachweisNummer: 'VN-1' };
const devices: Parameters<typeof deviceRegister>[0] = [
  { serial: 'A', hostname: 'PC-A', batch: 'r1', steps: {
    imaging: { state: 'done', by: 'x', at: 't1', data: { neueSeriennummer: 'NEU-A' } },
    funktionstest: { state: 'failed', reason: 'defekt', by: 'y', at: 't2' },
    datenvernichtung: { state: 'done', by: 'z', at: 't3', data: cert },
  } },
  { serial: 'R', hostname: 'PC-R', batch: 'r1', steps: {
    funktionstest: { state: 'done', by: 'y', at: 't5', earlier: [{ state: 'failed', reason: 'Kartenleser', by: 'y', at: 't4' }] },
  } },
  { serial: 'B', hostname: 'PC-B', batch: 'r1', steps: { datenvernichtung: { state: 'done', by: 'z', at: 't3', data: cert } } },
  { serial: 'C', hostname: 'PC-C', steps: { datenvernichtung: { state: 'excluded', reason: 'bleibt', data: { nachweisNummer: 'VN-2' } } } },
];

describe('device registers', () => {
  it("list each device's path in step order, with the new device where one was named", () => {
    const rows = deviceRegister(devices);
    expect(rows.filter((r) => r.serial === 'A').map((r) => [r.step, r.state, r.newSerial])).toEqual([
      ['imaging', 'done', 'NEU-A'], ['funktionstest', 'failed', 'NEU-A'], ['datenvernichtung', 'done', 'NEU-A'],
    ]);
    expect(rows.find((r) => r.step === 'funktionstest')!.reason).toBe('defekt');
  });

  it('show a failed step before its rework, then the outcome after it', () => {
    expect(deviceRegister(devices).filter((r) => r.serial === 'R').map((r) => [r.step, r.state, r.by, r.at, r.reason])).toEqual([
      ['funktionstest', 'failed', 'y', 't4', 'Kartenleser'], ['funktionstest', 'done', 'y', 't5', undefined],
    ]);
  });

  it('group destroyed devices by certificate; excluded devices are not covered', () => {
    expect(destructionCertificates(devices)).toEqual([
      { certificate: 'VN-1', protectionClass: '3', securityLevel: 'E-4', by: 'z', at: 't3', batch: 'r1', devices: ['A', 'B'] },
    ]);
  });
});
