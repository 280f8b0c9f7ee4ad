// Devices of a Gemeinde and of a rollout batch (issue 14): a standalone rollout names its devices by serial or
// location (checked at entry), the device lists page and export CSV, and a Gemeinde's staff see only their own.
import request from 'supertest';
import { EMBEDDED_INBOUND_SECRETS, sign } from '../../../api/inbound-auth';
import { futureDate, startSystem, token, type TestSystem } from '../../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
  await sys.store.devices.importDevices(AGS, `onboarding-${AGS}`, Array.from({ length: 6 }, (_, i) => ({
    hostname: `KAUF-PC${i + 1}`, serial: `SN-${100 + i}`, mac: `00:1A:2B:3C:4D:${String(10 + i)}`, os: 'Windows 11', model: 'HP EliteDesk',
    location: i < 2 ? 'Standesamt' : 'Rathaus 1',
  })));
  await sys.store.devices.importDevices(OTHER, `onboarding-${OTHER}`, [
    { hostname: 'X-PC1', serial: 'SN-900', mac: '00:1A:2B:3C:4D:99', os: 'Windows 10', model: 'Dell' },
  ]);
});
afterAll(async () => {
  await sys?.stop();
});

const AGS = '09181128';
const OTHER = '09181130';
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const lead = auth('a.gruber');
const rollout = (input: Record<string, unknown>) =>
  request(sys.app).post('/api/v1/runs').set(lead).send({ process: 'arbeitsplatz-rollout', input: { ags: AGS, targetGoLive: futureDate(200), projectLead: 'a.gruber', ...input } });

describe('a rollout batch of named devices', () => {
  let runId: string;
  beforeAll(async () => {
    const res = await rollout({ batch: 'Rathaus A', serials: ['SN-102', 'sn-103', 'SN-104'] });
    expect(res.status).toBe(201);
    runId = res.body.id;
  });

  it('takes the named devices into its batch; the workflow input keeps only the count', async () => {
    const res = await request(sys.app).get(`/api/v1/runs/${runId}/devices`).set(lead).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((d: { serial: string }) => d.serial)).toEqual(['SN-102', 'SN-103', 'SN-104']);
    expect(res.body.items[0]).toEqual({
      id: `${AGS}-SN-102`, hostname: 'KAUF-PC3', serial: 'SN-102', mac: '00:1A:2B:3C:4D:12', os: 'Windows 11', model: 'HP EliteDesk',
      location: 'Rathaus 1', batch: runId, status: 'inventarisiert', steps: {},
    });
    const history = await sys.env.client.workflow.getHandle(runId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const input = Buffer.from(payload!).toString();
    expect(input).toContain('"devices":3');
    expect(input).not.toContain('SN-102');
  });

  it('refuses unknown serials, devices of another batch and a location without devices at entry (German field errors)', async () => {
    const unknown = await rollout({ batch: 'Rathaus B', serials: ['SN-105', 'GIBTSNICHT'] });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain('Nicht im Inventar der Gemeinde: GIBTSNICHT');
    const taken = await rollout({ batch: 'Rathaus B', serials: ['SN-104'] });
    expect(taken.status).toBe(422);
    expect(JSON.stringify(taken.body)).toContain('Bereits in einer anderen Charge: SN-104');
    const empty = await rollout({ batch: 'Rathaus B', location: 'Keller' });
    expect(JSON.stringify(empty.body)).toContain('Am Standort \\"Keller\\" sind keine Geräte inventarisiert');
    const both = await rollout({ batch: 'Rathaus B', devices: 3, location: 'Standesamt' });
    expect(JSON.stringify(both.body)).toContain('Bitte genau eines angeben');
    // nothing was assigned by the refused starts
    const free = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?location=Rathaus%201`).set(lead).expect(200);
    expect(free.body.items.find((d: { serial: string }) => d.serial === 'SN-105').batch).toBeUndefined();
  });

  it('takes every device of a location; a count alone still starts a batch without tracked devices (404)', async () => {
    const byLocation = await rollout({ batch: 'Standesamt', location: 'standesamt' });
    expect(byLocation.status).toBe(201);
    const devices = await request(sys.app).get(`/api/v1/runs/${byLocation.body.id}/devices`).set(lead).expect(200);
    expect(devices.body.items.map((d: { serial: string }) => d.serial)).toEqual(['SN-100', 'SN-101']);
    const counted = await rollout({ batch: 'Bauhof', devices: 4 });
    expect(counted.status).toBe(201);
    expect((await request(sys.app).get(`/api/v1/runs/${counted.body.id}/devices`).set(lead)).status).toBe(404);
  });
});

describe('the devices of a Gemeinde', () => {
  it('pages with filters, and exports CSV with German headers', async () => {
    const first = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?limit=4`).set(lead).expect(200);
    expect(first.body.items).toHaveLength(4);
    const rest = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?limit=4&cursor=${first.body.nextCursor}`).set(lead).expect(200);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.items).toHaveLength(2);
    const filtered = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?location=Standesamt&status=inventarisiert`).set(lead).expect(200);
    expect(filtered.body.items.map((d: { serial: string }) => d.serial)).toEqual(['SN-100', 'SN-101']);
    expect((await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?cursor=kaputt`).set(lead)).status).toBe(400);

    const csv = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?location=Standesamt`).set(lead).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Hostname;Seriennummer;MAC;Betriebssystem;Modell;Standort;Benutzer/Funktion;Charge;Inventarnummer (Neugerät);Status;Schritte');
    expect(lines).toHaveLength(3);
  });

  it("shows a Gemeinde's staff only their own devices; another Gemeinde's are not found", async () => {
    const own = auth(`buergermeister-${AGS}`);
    expect((await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices`).set(own).expect(200)).body.items).toHaveLength(6);
    expect((await request(sys.app).get(`/api/v1/gemeinden/${OTHER}/devices`).set(own)).status).toBe(404);
    const foreign = auth(`buergermeister-${OTHER}`);
    const batch = (await request(sys.app).get(`/api/v1/gemeinden/${AGS}/devices?location=Standesamt`).set(lead).expect(200)).body.items[0].batch;
    expect((await request(sys.app).get(`/api/v1/runs/${batch}/devices`).set(own)).status).toBe(200);
    expect((await request(sys.app).get(`/api/v1/runs/${batch}/devices`).set(foreign)).status).toBe(404);
    expect((await request(sys.app).get(`/api/v1/gemeinden/${OTHER}/devices`).set(foreign).expect(200)).body.items).toHaveLength(1);
  });
});

describe('recording one outcome for many devices of a batch step', () => {
  const tech = auth('m.koch');
  let runId: string;
  const act = (body: Record<string, unknown>, user = tech) => request(sys.app).post(`/api/v1/runs/${runId}/devices/actions`).set(user).send(body);
  const deviceOf = async (serial: string) =>
    ((await request(sys.app).get(`/api/v1/runs/${runId}/devices`).set(lead).expect(200)).body.items as { serial: string; status: string; steps: Record<string, { state: string; at?: string; reason?: string }> }[])
      .find((d) => d.serial === serial)!;
  /** the batch's task of the step, once the run has opened it */
  const openTask = async (stepId: string) => {
    for (let i = 0; i < 300 && (await request(sys.app).get(`/api/v1/tasks/${runId}:${stepId}`).set(tech)).body.state !== 'open'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** a colleague completes a batch step that is not kept per device */
  const colleagueCompletes = async (stepId: string) => {
    await openTask(stepId);
    await request(sys.app).post(`/api/v1/tasks/${runId}:${stepId}/complete`).set(auth('j.richter')).send({ data: { bemerkung: 'Für die Charge erledigt.' } }).expect(200);
  };

  beforeAll(async () => {
    await sys.store.devices.importDevices(AGS, `onboarding-${AGS}`, ['A', 'B', 'C'].map((x, i) => ({
      hostname: `BAU-${x}`, serial: `BAU-${x}`, mac: `00:1A:2B:3C:5D:${String(10 + i)}`, os: 'Windows 11', model: 'HP', location: 'Bauamt',
    })));
    const res = await rollout({ batch: 'Bauamt', location: 'Bauamt' });
    expect(res.status).toBe(201);
    runId = res.body.id;
    await openTask('bedarf');
  });

  it('gives a result per device, refuses unknown ones without stopping the rest, and changes nothing when repeated', async () => {
    const first = await act({ step: 'bedarf', devices: ['BAU-A', 'bau-b', 'GIBTSNICHT'], outcome: 'done' }).expect(200);
    expect(first.body.results.map((r: { serial: string; status: number }) => [r.serial, r.status])).toEqual([['BAU-A', 200], ['BAU-B', 200], ['GIBTSNICHT', 404]]);
    expect(first.body.results[2].problem.title).toBe('Gerät nicht in dieser Charge');
    expect(first.body.results[0].device).toMatchObject({ status: 'bedarf-erfasst', steps: { bedarf: { state: 'done', by: 'm.koch' } } });
    expect(first.body).toMatchObject({ devicesDone: 2, devices: 3 });
    const at = (await deviceOf('BAU-A')).steps.bedarf.at;
    await new Promise((r) => setTimeout(r, 20));
    const again = await act({ step: 'bedarf', devices: ['BAU-A'], outcome: 'done' }).expect(200);
    expect(again.body.results[0].device.steps.bedarf.at).toBe(at);
  });

  it('refuses a step whose task has not opened yet (409, German), so no task can stay open with every device done', async () => {
    const early = await act({ step: 'imaging', devices: ['BAU-A', 'BAU-B', 'BAU-C'], outcome: 'done' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('Der Schritt „Betankung (Windows 11, BitLocker, Treiber)“ ist noch nicht an der Reihe: die Aufgabe ist noch nicht geöffnet.');
    expect((await deviceOf('BAU-A')).steps.imaging).toBeUndefined();
    expect((await act({ step: 'funktionstest', devices: ['BAU-A'], outcome: 'failed', reason: 'zu früh' })).status).toBe(409);
  });

  it("completes the batch's task when every device is done or excluded, as the caller, once", async () => {
    const taskId = `${runId}:bedarf`;
    for (let i = 0; i < 100 && (await request(sys.app).get(`/api/v1/tasks/${taskId}`).set(tech)).body.state !== 'open'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const part = await act({ step: 'bedarf', devices: ['BAU-A', 'BAU-B'], outcome: 'done' }).expect(200);
    expect(part.body.task).toBeUndefined();
    const open = (await request(sys.app).get(`/api/v1/tasks/${taskId}`).set(tech).expect(200)).body;
    expect(open).toMatchObject({ state: 'open', batch: { name: 'Bauamt', devices: 3, devicesDone: 2 } });
    const rest = await act({ step: 'bedarf', devices: ['BAU-C'], outcome: 'excluded', reason: 'Gerät bleibt (Sonderarbeitsplatz)' }).expect(200);
    expect(rest.body).toMatchObject({ devicesDone: 3, devices: 3, task: { id: taskId, state: 'done' } });
    expect(JSON.stringify(rest.body.task.completedBy)).toContain('m.koch');
    const repeated = await act({ step: 'bedarf', devices: ['BAU-C'], outcome: 'excluded', reason: 'Gerät bleibt (Sonderarbeitsplatz)' }).expect(200);
    expect(repeated.body.task).toBeUndefined();
  });

  it('needs a reason for failed and excluded (German field error), and a device failing its test comes back from rework', async () => {
    await openTask('imaging');
    // one device recorded, then the task completed: it speaks for the batch, the open devices are done with it
    await act({ step: 'imaging', devices: ['BAU-A'], outcome: 'done' }).expect(200);
    await request(sys.app).post(`/api/v1/tasks/${runId}:imaging/complete`).set(auth('j.richter')).send({ data: {} }).expect(200);
    expect((await deviceOf('BAU-B')).steps.imaging).toMatchObject({ state: 'done', by: 'j.richter' });
    expect((await deviceOf('BAU-A')).steps.imaging).toMatchObject({ state: 'done', by: 'm.koch' });
    // BAU-C left the batch at Bedarf (excluded): the completion does not speak for it
    expect(await deviceOf('BAU-C')).toMatchObject({ status: 'ausgenommen' });
    expect((await deviceOf('BAU-C')).steps.imaging).toBeUndefined();
    for (const step of ['domaenenbeitritt', 'softwareverteilung', 'peripherie', 'datenuebernahme']) await colleagueCompletes(step);
    await openTask('funktionstest');
    const noReason = await act({ step: 'funktionstest', devices: ['BAU-A'], outcome: 'failed' });
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body)).toContain('Bitte angeben, warum die Geräte fehlgeschlagen sind');
    expect((await act({ step: 'unbekannt', devices: ['BAU-A'], outcome: 'done' })).status).toBe(422);
    const failed = await act({ step: 'funktionstest', devices: ['BAU-A'], outcome: 'failed', reason: 'Kartenleser ohne Funktion' }).expect(200);
    expect(failed.body.results[0].device).toMatchObject({ status: 'nacharbeit', steps: { funktionstest: { state: 'failed', reason: 'Kartenleser ohne Funktion' } } });
    // the step's task is not completed past a device in rework
    const early = await request(sys.app).post(`/api/v1/tasks/${runId}:funktionstest/complete`).set(tech).send({ data: { testfaelle: 3, fehlgeschlagen: 0 } });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/^Im Schritt „Funktionstest.*“ ist 1 Gerät in Nacharbeit \(BAU-A\): bitte erst erledigen oder mit Grund ausnehmen\.$/);
    const fixed = await act({ step: 'funktionstest', devices: ['BAU-A'], outcome: 'done' }).expect(200);
    expect(fixed.body.results[0].device).toMatchObject({ status: 'getestet', steps: { funktionstest: { state: 'done' } } });
    expect(fixed.body.results[0].device.steps.funktionstest.reason).toBeUndefined();
  });

  it('keeps the device register and the destruction certificates (JSON and CSV, German labels), the certificate checked at entry', async () => {
    await act({ step: 'imaging', devices: ['BAU-A'], outcome: 'done', data: { neueSeriennummer: 'NEU-A' } }).expect(200);
    await act({ step: 'funktionstest', devices: ['BAU-B', 'BAU-C'], outcome: 'done' }).expect(200);
    await openTask('uebergabe');
    await act({ step: 'uebergabe', devices: ['BAU-A', 'BAU-B', 'BAU-C'], outcome: 'done', data: { uebergabeDatum: futureDate(0), protokollUnterschrieben: true } }).expect(200);
    await openTask('datenvernichtung');
    const incomplete = await act({ step: 'datenvernichtung', devices: ['BAU-A', 'BAU-B'], outcome: 'done', data: { schutzklasse: '2' } });
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body)).toContain('data.nachweisNummer');
    const certificate = { schutzklasse: '2', sicherheitsstufe: 'H-4', nachweisNummer: 'VN-2026-17' };
    await act({ step: 'datenvernichtung', devices: ['BAU-A', 'BAU-B'], outcome: 'done', data: certificate }).expect(200);

    const certs = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/destruction-certificates`).set(lead).expect(200);
    expect(certs.body).toMatchObject({ nextCursor: null, items: [{ certificate: 'VN-2026-17', protectionClass: '2', securityLevel: 'H-4', by: 'm.koch', batch: runId, devices: ['BAU-A', 'BAU-B'] }] });
    const certCsv = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/destruction-certificates`).set(lead).set('Accept', 'text/csv').expect(200);
    expect(certCsv.text).toContain('Nachweisnummer;Schutzklasse (DIN 66399);Sicherheitsstufe;Durch;Zeitpunkt;Charge;Geräte');
    expect(certCsv.text).toContain('VN-2026-17;2;H-4;m.koch;');

    const register = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/device-register?limit=500`).set(lead).expect(200);
    const pathOfA = (register.body.items as { serial: string; step: string; state: string; by: string; newSerial?: string }[]).filter((x) => x.serial === 'BAU-A');
    expect(pathOfA.map((x) => `${x.step}:${x.state}`)).toEqual(['bedarf:done', 'imaging:done', 'funktionstest:failed', 'funktionstest:done', 'uebergabe:done', 'datenvernichtung:done']);
    expect(pathOfA.every((x) => x.newSerial === 'NEU-A' && x.by === 'm.koch')).toBe(true);
    // the Wareneingang gave each device of the batch the inventory number of its replacement, each a different one
    const numbers = (register.body.items as { serial: string; newInventoryNumber?: string }[]).map((x) => `${x.serial}=${x.newInventoryNumber}`);
    const byDevice = new Map(numbers.map((n) => n.split('=') as [string, string]));
    expect([...byDevice.values()].every((n) => /^[A-Z]+-\d{3}-\d{4}-\d{5}$/.test(n))).toBe(true);
    expect(new Set(byDevice.values()).size).toBe(byDevice.size);
    const registerCsv = await request(sys.app).get(`/api/v1/gemeinden/${AGS}/device-register`).set(lead).set('Accept', 'text/csv').expect(200);
    expect(registerCsv.text.replace(/^\uFEFF/, '').split('\n')[0]).toBe('Altgerät (Seriennummer);Hostname;Standort;Charge;Schritt;Zustand;Durch;Zeitpunkt;Begründung;Neugerät (Seriennummer);Neugerät (Inventarnummer)');
    expect(registerCsv.text).toContain('BAU-C;BAU-C;Bauamt;');
    // the step and state columns read as the UI shows them, not as ids
    expect(registerCsv.text).toContain(';Funktionstest nach Checkliste;fehlgeschlagen (Nacharbeit);m.koch;');
    expect(registerCsv.text).toContain(';Bedarf erfassen;ausgenommen;m.koch;');
    expect(registerCsv.text).not.toMatch(/;(funktionstest|bedarf|imaging);|;(done|failed|excluded);/);
    expect((await request(sys.app).get(`/api/v1/gemeinden/${AGS}/device-register`).set(auth(`buergermeister-${OTHER}`))).status).toBe(404);
    expect((await request(sys.app).get(`/api/v1/gemeinden/${AGS}/destruction-certificates`).set(auth(`buergermeister-${OTHER}`))).status).toBe(404);
  });

  it("keeps another Gemeinde's staff and roles without task work out", async () => {
    expect((await act({ step: 'imaging', devices: ['BAU-C'], outcome: 'done' }, auth(`buergermeister-${OTHER}`))).status).toBe(404);
    expect((await act({ step: 'imaging', devices: ['BAU-C'], outcome: 'done' }, auth('d.krueger'))).status).toBe(403);
  });

  it("lets only the step's own teams record its devices: not another team, nor the Gemeinde where it has no part", async () => {
    const before = await deviceOf('BAU-C');
    for (const user of ['p.fischer', 'b.wolf', `buergermeister-${AGS}`]) {
      const refused = await act({ step: 'bedarf', devices: ['BAU-C'], outcome: 'failed', reason: 'nicht meins' }, auth(user));
      expect([user, refused.status]).toEqual([user, 403]);
      expect(refused.body.detail).toBe('Die Geräte im Schritt „Bedarf erfassen“ erfasst das Team Arbeitsplatz.');
    }
    expect(await deviceOf('BAU-C')).toEqual(before);
    // the handover is the Gemeinde's as well: its own staff get past the role check (to 200 or 409, as far as the batch is)
    expect((await act({ step: 'uebergabe', devices: ['BAU-C'], outcome: 'done', data: { uebergabeDatum: '2026-12-01', protokollUnterschrieben: true } }, auth(`buergermeister-${AGS}`))).status).not.toBe(403);
  });
});

describe('geraete.betankt with serial numbers', () => {
  const SENDER = 'softwareverteilung';
  const signed = (event: unknown) => {
    const raw = JSON.stringify(event);
    return request(sys.app).post('/api/v1/events').set('Content-Type', 'application/json')
      .set('X-Sender', SENDER).set('X-Signature', sign(EMBEDDED_INBOUND_SECRETS[SENDER], raw)).send(raw);
  };
  const stepState = async (runId: string, stepId: string) =>
    ((await request(sys.app).get(`/api/v1/runs/${runId}`).set(lead).expect(200)).body.steps as { id: string; state: string }[]).find((s) => s.id === stepId)!.state;
  const until = async (ok: () => Promise<boolean>) => {
    for (let i = 0; i < 150 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 200));
  };

  it('records those devices imaged, reports unknown serials, and completes the step once all are imaged', async () => {
    await sys.store.devices.importDevices(AGS, `onboarding-${AGS}`, ['X', 'Y'].map((x, i) => ({
      hostname: `LAGER-${x}`, serial: `LAG-${x}`, mac: `00:1A:2B:3C:6D:${String(10 + i)}`, os: 'Windows 11', model: 'HP', location: 'Lager',
    })));
    const runId = (await rollout({ batch: 'Lager', location: 'Lager' }).expect(201)).body.id as string;
    await until(async () => (await request(sys.app).get(`/api/v1/tasks/${runId}:bedarf`).set(lead)).body.state === 'open');
    // before the step waits for them (Bedarf not yet recorded): refused, nothing recorded
    const early = await signed({ id: 'swv-dev-0', type: 'geraete.betankt', subject: runId, data: { seriennummern: ['LAG-X'] } }).expect(409);
    expect(early.body.detail).toContain('noch nicht offen');
    const untouched = (await request(sys.app).get(`/api/v1/runs/${runId}/devices`).set(lead).expect(200)).body.items as { serial: string; status: string }[];
    expect(untouched.find((d) => d.serial === 'LAG-X')!.status).not.toBe('betankt');
    await request(sys.app).post(`/api/v1/runs/${runId}/devices/actions`).set(auth('m.koch'))
      .send({ step: 'bedarf', devices: ['LAG-X', 'LAG-Y'], outcome: 'done' }).expect(200);
    await until(async () => (await stepState(runId, 'imaging')) === 'active');
    expect(await stepState(runId, 'imaging')).toBe('active');

    const first = await signed({ id: 'swv-dev-1', type: 'geraete.betankt', subject: runId, data: { seriennummern: ['LAG-X', 'FREMD-1'] } }).expect(200);
    expect(first.body.devices).toEqual({ recorded: ['LAG-X'], unknownSerials: ['FREMD-1'], done: 1, total: 2 });
    expect(await stepState(runId, 'imaging')).toBe('active');
    const devices = (await request(sys.app).get(`/api/v1/runs/${runId}/devices`).set(lead).expect(200)).body.items as { serial: string; status: string; steps: Record<string, { state: string; by: string }> }[];
    expect(devices.find((d) => d.serial === 'LAG-X')).toMatchObject({ status: 'betankt', steps: { imaging: { state: 'done', by: `extern:${SENDER}` } } });

    const last = await signed({ id: 'swv-dev-2', type: 'geraete.betankt', subject: runId, data: { seriennummern: ['lag-y'] } }).expect(200);
    expect(last.body).toMatchObject({ stepId: 'imaging', devices: { recorded: ['LAG-Y'], unknownSerials: [], done: 2, total: 2 } });
    await until(async () => (await stepState(runId, 'imaging')) === 'done');
    expect(await stepState(runId, 'imaging')).toBe('done');
    // once done, a late report is refused rather than recorded again
    expect((await signed({ id: 'swv-dev-3', type: 'geraete.betankt', subject: runId, data: { seriennummern: ['LAG-X'] } })).status).toBe(409);
  });
});
