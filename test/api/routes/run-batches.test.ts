// Issue 14 item 2: an onboarding's batches (Chargen) are formed from the Gemeinde's stored devices by location and
// the run's batch size, the project lead moves and excludes devices (with a reason) until the first batch starts,
// and a Gemeinde's staff see only their own Gemeinde's batches.
import request from 'supertest';
import { createDeviceBatchActivities } from '../../../activities/device-batches';
import { futureDate, startSystem, token, type TestSystem } from '../../helpers/system';

const AGS = '09181128';
const OTHER = '09181130';
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const lead = auth('a.gruber');

let sys: TestSystem;
let runId: string;
beforeAll(async () => {
  sys = await startSystem();
  // 4 at the Rathaus, 2 at the Standesamt, 1 without location; one device already in a standalone rollout's batch
  const devices = [
    ...['R1', 'R2', 'R3', 'R4'].map((s) => ({ serial: s, location: 'Rathaus' })),
    ...['S1', 'S2'].map((s) => ({ serial: s, location: 'Standesamt' })),
    { serial: 'X1' }, { serial: 'T1', location: 'Rathaus' },
  ];
  await sys.store.devices.importDevices(AGS, `onboarding-${AGS}`, devices.map((d, i) => ({
    ...d, hostname: `KAUF-PC${i}`, mac: `00:1A:2B:3C:4D:${String(10 + i)}`, os: 'Windows 11', model: 'HP EliteDesk',
  })));
  await sys.store.devices.assignBatch(AGS, `rollout-${AGS}-vorab`, ['T1']);
  const res = await request(sys.app).post('/api/v1/runs').set(lead).send({
    process: 'gemeinde-onboarding',
    input: { ags: AGS, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 7, batchSize: 3 },
  });
  expect(res.status).toBe(201);
  runId = res.body.id;
  // the batches belong to the run as the read model knows it (projected right after the start)
  const deadline = Date.now() + 30_000;
  while ((await request(sys.app).get(`/api/v1/runs/${runId}/batches`).set(lead)).status !== 200) {
    if (Date.now() > deadline) throw new Error('run not projected');
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(async () => {
  await sys?.stop();
});

type View = {
  editable: boolean; maxSize: number; batches: { id: string; name: string; count: number; devices: { serial: string }[] }[];
  excluded: { serial: string; reason: string; by: string }[]; unassigned: { serial: string }[];
};
const get = async (): Promise<View> => (await request(sys.app).get(`/api/v1/runs/${runId}/batches`).set(lead).expect(200)).body as View;
const shape = (v: View) => v.batches.map((b) => [b.name, b.devices.map((d) => d.serial)]);

describe('batches of an onboarding', () => {
  it('are formed from the free devices by location and the run\'s batch size', async () => {
    const view = await get();
    expect(view.editable).toBe(true);
    expect(view.maxSize).toBe(3);
    expect(shape(view)).toEqual([
      ['Rathaus 1', ['R1', 'R2']], ['Rathaus 2', ['R3', 'R4']], ['Standesamt 1', ['S1', 'S2']], ['Ohne Standort 1', ['X1']],
    ]);
    expect(view.batches[0]).toMatchObject({ id: `rollout-${AGS}-rathaus-1`, count: 2 });
    // the device list of each batch is that of its (future) rollout run
    const devices = await request(sys.app).get(`/api/v1/runs/rollout-${AGS}-rathaus-1/devices`).set(lead).expect(200);
    expect(devices.body.items.map((d: { serial: string }) => d.serial)).toEqual(['R1', 'R2']);
  });

  it('the project lead moves devices between batches', async () => {
    const res = await request(sys.app).post(`/api/v1/runs/${runId}/batches/move`).set(lead)
      .send({ serials: ['r3', 'X1'], batch: `rollout-${AGS}-standesamt-1` }).expect(200);
    expect(shape(res.body as View)).toEqual([
      ['Rathaus 1', ['R1', 'R2']], ['Rathaus 2', ['R4']], ['Standesamt 1', ['R3', 'S1', 'S2', 'X1']], ['Ohne Standort 1', []],
    ]);
  });

  it('refuses unknown devices and batches with German field errors', async () => {
    const unknown = await request(sys.app).post(`/api/v1/runs/${runId}/batches/move`).set(lead)
      .send({ serials: ['R1', 'T1'], batch: `rollout-${AGS}-rathaus-2` });
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([{ path: 'serials.1', message: 'Das Gerät T1 gehört zu keiner Charge dieses Vorgangs' }]);
    const batch = await request(sys.app).post(`/api/v1/runs/${runId}/batches/move`).set(lead).send({ serials: ['R1'], batch: `rollout-${AGS}-vorab` });
    expect(batch.status).toBe(422);
    expect(batch.body.errors).toEqual([{ path: 'batch', message: 'Diese Charge gehört nicht zu diesem Vorgang' }]);
    const empty = await request(sys.app).post(`/api/v1/runs/${runId}/batches/move`).set(lead).send({ serials: [], batch: '' });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.body.errors)).toContain('Bitte mindestens ein Gerät wählen');
  });

  it('excludes a device only with a reason', async () => {
    for (const body of [{ serials: ['R4'] }, { serials: ['R4'], reason: '  ' }]) {
      const refused = await request(sys.app).post(`/api/v1/runs/${runId}/batches/exclude`).set(lead).send(body);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: 'reason', message: 'Bitte einen Grund angeben' }]);
    }
    const res = await request(sys.app).post(`/api/v1/runs/${runId}/batches/exclude`).set(lead)
      .send({ serials: ['R4'], reason: 'Gerät defekt, wird nicht ersetzt' }).expect(200);
    const view = res.body as View;
    expect(view.batches.find((b) => b.name === 'Rathaus 2')!.count).toBe(0);
    expect(view.excluded).toMatchObject([{ serial: 'R4', reason: 'Gerät defekt, wird nicht ersetzt', by: 'a.gruber' }]);
  });

  it('shows a Gemeinde its own batches, hides them from another, and lets only the project lead change them', async () => {
    expect((await request(sys.app).get(`/api/v1/runs/${runId}/batches`).set(auth(`buergermeister-${AGS}`))).status).toBe(200);
    expect((await request(sys.app).get(`/api/v1/runs/${runId}/batches`).set(auth(`buergermeister-${OTHER}`))).status).toBe(404);
    const foreign = await request(sys.app).post(`/api/v1/runs/${runId}/batches/exclude`).set(auth(`buergermeister-${OTHER}`)).send({ serials: ['R1'], reason: 'x' });
    expect([403, 404]).toContain(foreign.status);
    const own = await request(sys.app).post(`/api/v1/runs/${runId}/batches/exclude`).set(auth(`buergermeister-${AGS}`)).send({ serials: ['R1'], reason: 'x' });
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/Projektleitung/);
    expect((await request(sys.app).get('/api/v1/runs/onboarding-09181999/batches').set(lead)).status).toBe(404);
  });

  it('shows devices inventoried after the forming as unassigned; the lead may move them into a batch', async () => {
    await sys.store.devices.importDevices(AGS, `onboarding-${AGS}`, ['L1', 'L2', 'L3'].map((serial, i) => ({
      serial, hostname: `KAUF-LATE${i}`, mac: `00:1A:2B:3C:5D:${String(10 + i)}`, os: 'Windows 11', model: 'HP EliteDesk', location: 'Lager',
    })));
    expect((await get()).unassigned.map((d) => d.serial)).toEqual(['L1', 'L2', 'L3']);
    const moved = (await request(sys.app).post(`/api/v1/runs/${runId}/batches/move`).set(lead)
      .send({ serials: ['L3'], batch: `rollout-${AGS}-rathaus-1` }).expect(200)).body as View;
    expect(moved.unassigned.map((d) => d.serial)).toEqual(['L1', 'L2']);
    expect(moved.batches.find((b) => b.name === 'Rathaus 1')!.devices.map((d) => d.serial)).toEqual(['L3', 'R1', 'R2']);
  });

  it('the fan-out takes the edited batches (ids and counts) and locks them: edits answer 409 in German', async () => {
    // what the onboarding's rollout step runs when it starts (workflows/engine/device-batches.ts)
    const { takeDeviceBatches } = createDeviceBatchActivities(sys.store);
    const taken = await takeDeviceBatches({ runId, ags: AGS, batchSize: 3 });
    // the devices still unassigned form a batch of their own, after the others: none is left out unseen
    expect(taken.batches).toEqual([
      { id: `rollout-${AGS}-rathaus-1`, name: 'Rathaus 1', devices: 3 },
      { id: `rollout-${AGS}-standesamt-1`, name: 'Standesamt 1', devices: 4 },
      { id: `rollout-${AGS}-lager-1`, name: 'Lager 1', devices: 2 },
    ]);
    // taken again (a replayed or retried fan-out) it answers the same
    expect(await takeDeviceBatches({ runId, ags: AGS, batchSize: 3 })).toEqual(taken);
    expect((await sys.store.devices.forBatch(`rollout-${AGS}-standesamt-1`)).map((d) => d.serial)).toEqual(['R3', 'S1', 'S2', 'X1']);
    const view = await get();
    expect(view.editable).toBe(false);
    expect(view.unassigned).toEqual([]);
    // a device inventoried after the take joins no batch of this onboarding, and a repeated take forms none for it
    await sys.store.devices.importDevices(AGS, `onboarding-${AGS}`, [{
      serial: 'L9', hostname: 'KAUF-LATE9', mac: '00:1A:2B:3C:5D:99', os: 'Windows 11', model: 'HP EliteDesk', location: 'Lager',
    }]);
    expect(await takeDeviceBatches({ runId, ags: AGS, batchSize: 3 })).toEqual(taken);
    expect((await get()).unassigned.map((d) => d.serial)).toEqual(['L9']);
    for (const [path, body] of [['move', { serials: ['R1'], batch: `rollout-${AGS}-standesamt-1` }], ['exclude', { serials: ['R1'], reason: 'zu spät' }]] as const) {
      const res = await request(sys.app).post(`/api/v1/runs/${runId}/batches/${path}`).set(lead).send(body);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toBe('Die erste Charge wurde bereits gestartet; die Chargen lassen sich nicht mehr ändern.');
    }
  });
});
