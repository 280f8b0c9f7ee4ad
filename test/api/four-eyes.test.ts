// Four eyes as a review over HTTP (issue 13): a migration is driven to its acceptance step, which one person
// submits, a second rejects with a reason, the first corrects and a second approves; the same person approving and
// approving a task not in review are 409 with a clear German message.
import request from 'supertest';
import { taskSchema } from '../../api/openapi/responses';
import { berlinDate } from '../../domain/berlin-time';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
const SIGNED_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const AGS = '09181128';
const RUN = `migration-${AGS}-ok-fis`;
const ABNAHME = `${RUN}:abnahme`;
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const CSV = 'id;betrag\n1;10\n2;20\n';

async function openTask(stepId: string) {
  for (let i = 0; ; i++) {
    const res = await request(sys.app).get(`/api/v1/tasks/${RUN}:${stepId}`).set(auth('a.gruber'));
    if (res.status === 200 && res.body.state === 'open') return res.body;
    if (i > 100) throw new Error(`task ${stepId} did not open: ${JSON.stringify(res.body).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function complete(stepId: string, user: string, data: Record<string, unknown>) {
  await openTask(stepId);
  const res = await request(sys.app).post(`/api/v1/tasks/${RUN}:${stepId}/complete`).set(auth(user)).send({ data });
  if (res.status !== 200) throw new Error(`${stepId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function expectConflict(res: request.Response, message: RegExp) {
  expect(res.status).toBe(409);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(message);
}

beforeAll(async () => {
  sys = await startSystem();
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'verfahren-migration', input: { ags: AGS, verfahrenId: 'ok-fis', projectLead: 'a.gruber', targetGoLive: futureDate(200) } })
    .expect(201);
  await complete('steckbrief', 'p.fischer', { fachamt: 'Kämmerei', keyUser: 'Sachgebietsleitung', version: '5.2', betriebsart: 'rechenzentrum' });
  await complete('herstellertermin', 'p.fischer', {});
  await complete('datenbereinigung', `buergermeister-${AGS}`, {});
  await complete('testexport', 'c.schneider', { quelleCsv: CSV, zielCsv: CSV, schluessel: 'id', summenfelder: ['betrag'] });
  await complete('funktionstest', `buergermeister-${AGS}`, { testfaelle: 12, fehlgeschlagen: 0 });
  await complete('schulung', 'p.fischer', { datum: futureDate(0), teilnehmende: 6 });
  await openTask('abnahme');
  // the acceptance needs its signed protocol (issue 16)
  await request(sys.app).post(`/api/v1/runs/${RUN}/documents`).set(auth(`buergermeister-${AGS}`))
    .field('kind', 'abnahmeprotokoll').attach('file', SIGNED_PDF, 'Abnahmeprotokoll.pdf').expect(201);
}, 120_000);
afterAll(async () => {
  await sys?.stop();
});

describe('four eyes as a review', () => {
  const first = { abnahmeDatum: berlinDate(new Date()), maengel: 'Druckvorlage Mahnung fehlt' };
  const corrected = { abnahmeDatum: berlinDate(new Date()) };

  it('refuses approving or rejecting a task that is not in review (409)', async () => {
    expectConflict(await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/approve`).set(auth('c.schneider')).send({}), /wartet nicht auf eine Freigabe/);
    expectConflict(await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/reject`).set(auth('c.schneider')).send({ reason: 'x' }), /wartet nicht auf eine Freigabe/);
  });

  it('submits: the task is in review and shows who submitted what and when, to everyone', async () => {
    const res = await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/complete`).set(auth('p.fischer')).send({ data: first });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'review', submission: { data: first, by: 'p.fischer', at: expect.any(String) }, reviews: [] });
    expect(res.body.allowedActions).toEqual(['comment']);
    expect(taskSchema.safeParse(res.body).success).toBe(true);
    const seen = await request(sys.app).get(`/api/v1/tasks/${ABNAHME}`).set(auth(`buergermeister-${AGS}`)).expect(200);
    expect(seen.body.submission).toMatchObject({ data: first, by: 'p.fischer' });
    // the read model lists it as in review (without the data)
    let listed: { id: string; submission?: { by: string } }[] = [];
    for (let i = 0; i < 50 && !listed.some((t) => t.id === ABNAHME); i++) {
      listed = (await request(sys.app).get(`/api/v1/tasks?root=${RUN}&state=review`).set(auth('a.gruber'))).body.items;
      if (!listed.some((t) => t.id === ABNAHME)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed.find((t) => t.id === ABNAHME)).toMatchObject({ state: 'review', submission: { by: 'p.fischer' } });
    // still work to do: the inbox of open tasks shows it to the reviewers
    const open = await request(sys.app).get(`/api/v1/tasks?root=${RUN}&state=open&role=gemeinde`).set(auth(`buergermeister-${AGS}`));
    expect(open.body.items.map((t: { id: string; state: string }) => [t.id, t.state])).toContainEqual([ABNAHME, 'review']);
  });

  it('tells each caller what they may do with the submitted task (allowedActions, domain/policy.ts)', async () => {
    const actions = async (user: string) => (await request(sys.app).get(`/api/v1/tasks/${ABNAHME}`).set(auth(user)).expect(200)).body.allowedActions;
    // the submitter may only comment; a second person of a candidate role decides
    expect(await actions('p.fischer')).toEqual(['comment']);
    expect(await actions('c.schneider')).toEqual(['approve', 'reject', 'comment']);
    expect(await actions(`buergermeister-${AGS}`)).toEqual(['approve', 'reject', 'comment']);
    // another team reads the task but may do nothing with it
    expect(await actions('k.hofmann')).toEqual([]);
    // the task in the list carries the caller's actions too
    const listed = await request(sys.app).get(`/api/v1/tasks?root=${RUN}&state=review`).set(auth('p.fischer')).expect(200);
    expect(listed.body.items.find((t: { id: string }) => t.id === ABNAHME).allowedActions).toEqual(['comment']);
  });

  it('refuses the submitter approving their own entry (409), and nobody enters data again', async () => {
    expectConflict(await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/approve`).set(auth('p.fischer')).send({}), /Vier-Augen-Prinzip: Sie haben die Daten selbst eingegeben/);
    expectConflict(await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/complete`).set(auth('c.schneider')).send({ data: corrected }), /nicht mehr offen/);
    expect((await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/approve`).set(auth('k.hofmann')).send({})).status).toBe(403);
    expect((await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/approve`).set(auth('buergermeister-09181130')).send({})).status).toBe(404);
  });

  it('rejects with a reason (422 without): back to open, data kept, reason shown', async () => {
    const missing = await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/reject`).set(auth('c.schneider')).send({ reason: ' ' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const res = await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/reject`).set(auth('c.schneider')).send({ reason: 'Mängel sind behoben, bitte austragen' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'open', data: first, returnReason: 'Mängel sind behoben, bitte austragen',
      reviews: [{ by: 'c.schneider', decision: 'rejected', reason: 'Mängel sind behoben, bitte austragen' }],
    });
  });

  it('approves the corrected entry by a second person: done, and the step records the submitted data', async () => {
    await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/complete`).set(auth('p.fischer')).send({ data: corrected }).expect(200);
    const res = await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/approve`).set(auth(`buergermeister-${AGS}`)).send({ comment: 'Abnahme erteilt' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'done', completedBy: `buergermeister-${AGS}`, });
    expect(res.body.data).toEqual(corrected); // the correction, not merged with the first round
    expect(res.body.reviews.map((r: { decision: string }) => r.decision)).toEqual(['rejected', 'approved']);
    expect(res.body.approvals.given.map((a: { user: string }) => a.user)).toEqual(['p.fischer', `buergermeister-${AGS}`]);
    expectConflict(await request(sys.app).post(`/api/v1/tasks/${ABNAHME}/approve`).set(auth('a.gruber')).send({}), /wartet nicht auf eine Freigabe/);

    // the audit trail keeps every round
    let types: string[] = [];
    for (let i = 0; i < 50 && !types.includes('task.completed'); i++) {
      const events = (await request(sys.app).get(`/api/v1/runs/${RUN}/events`).set(auth('a.gruber'))).body.items as { type: string; data: { stepId?: string } }[];
      types = events.filter((e) => e.data.stepId === 'abnahme' && e.type.startsWith('task.')).map((e) => e.type);
      if (!types.includes('task.completed')) await new Promise((r) => setTimeout(r, 200));
    }
    expect(types.filter((t) => t !== 'task.opened')).toEqual(['task.submitted', 'task.rejected', 'task.submitted', 'task.approved', 'task.completed']);
  });
});
