// Incidents become work (issue 13): an onboarding whose offer cannot be computed (no workstations, no Verfahren)
// fails its automated step for good; the project lead gets a repair task with the error and the failed input, is
// told by mail, and repairs the step with corrected input over the same retry the run page uses.
import request from 'supertest';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
const AGS = '09181139';
const RUN = `onboarding-${AGS}`;
const STEP = 'angebot-berechnen';
const REPAIR = `${RUN}:${STEP}`;
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });

async function until<T>(what: string, load: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await load();
    if (ok(v)) return v;
    if (i > 150) throw new Error(`${what}: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const task = (id: string, user = 'a.gruber') => request(sys.app).get(`/api/v1/tasks/${id}`).set(auth(user));

beforeAll(async () => {
  sys = await startSystem();
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: AGS, variant: 'dienstleistung', targetGoLive: futureDate(300), projectLead: 'a.gruber', verfahren: [], workstations: 0 },
  }).expect(201);
  await until('erstgespraech open', () => task(`${RUN}:erstgespraech`), (r) => r.body.state === 'open');
  await request(sys.app).post(`/api/v1/tasks/${RUN}:erstgespraech/complete`).set(auth('m.huber')).send({ data: {} }).expect(200);
  await until('fragebogen open', () => task(`${RUN}:fragebogen`), (r) => r.body.state === 'open');
  await request(sys.app).post(`/api/v1/tasks/${RUN}:fragebogen/complete`).set(auth(`buergermeister-${AGS}`)).send({
    data: { arbeitsplaetze: 0, server: 0, verfahrenAnzahl: 0, mitarbeiterliste: 'Vorname;Nachname;Organisationseinheit\nAnna;Huber;Kämmerei' },
  }).expect(200);
}, 120_000);
afterAll(async () => {
  await sys?.stop();
});

it('opens a repair task for the project lead with the error and the failed input, and mails the lead', async () => {
  const res = await until('repair task', () => task(REPAIR), (r) => r.status === 200 && r.body.state === 'open');
  expect(res.body).toMatchObject({
    title: 'Störung beheben: Angebot und Kostenplan berechnen', candidateRoles: ['projektleitung', 'admin'], assignee: 'a.gruber',
    incident: { stepId: STEP, error: expect.stringMatching(/Arbeitsplätze oder Verfahren/), input: expect.objectContaining({ arbeitsplaetze: 0 }) },
  });
  expect(res.body.description).toMatch(/fehlgeschlagen/);
  // the project lead and the administration are offered retry and skip, never complete; other teams nothing
  expect(res.body.allowedActions).toEqual(['unclaim', 'assign', 'return', 'comment', 'retry', 'skip']);
  expect((await task(REPAIR, 'n.lang')).body.allowedActions).toEqual(['comment', 'retry', 'skip']);
  expect((await task(REPAIR, 'k.hofmann')).body.allowedActions).toEqual([]);
  // completing is not how a step is repaired
  const complete = await request(sys.app).post(`/api/v1/tasks/${REPAIR}/complete`).set(auth('a.gruber')).send({});
  expect(complete.status).toBe(409);
  // in the inbox of the project lead, from the read model
  const inbox = await until('listed', () => request(sys.app).get(`/api/v1/tasks?root=${RUN}&role=projektleitung&state=open`).set(auth('f.maier')),
    (r) => r.body.items?.some((t: { id: string }) => t.id === REPAIR));
  expect(inbox.body.items.find((t: { id: string }) => t.id === REPAIR).incident).toEqual({ stepId: STEP, error: res.body.incident.error });
  const mail = await until('mail', () => request(sys.app).get('/api/v1/dev/mail').set(auth('a.gruber')),
    (r) => r.body.items?.some((m: { subject: string }) => m.subject.includes('Störung beheben')));
  expect(mail.body.items.find((m: { subject: string }) => m.subject.includes('Störung beheben')).runId).toBe(RUN);
});

it('repairs the step with corrected input: the step runs again, the repair task is done, the run goes on', async () => {
  const run = await request(sys.app).get(`/api/v1/runs/${RUN}`).set(auth('a.gruber'));
  expect(run.body.incidents).toEqual([{ stepId: STEP, error: expect.stringMatching(/Arbeitsplätze oder Verfahren/) }]);
  // corrected input is checked by the form it came from, at the field
  const refused = await request(sys.app).post(`/api/v1/runs/${RUN}/steps/${STEP}/retry`).set(auth('a.gruber')).send({ input: { arbeitsplaetze: 'zwölf' } });
  expect(refused.status).toBe(422);
  expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'input.arbeitsplaetze' })]);
  const retried = await request(sys.app).post(`/api/v1/runs/${RUN}/steps/${STEP}/retry`).set(auth('a.gruber'))
    .send({ input: { workstations: 12, arbeitsplaetze: 12 } });
  expect(retried.status).toBe(200);
  const done = await until('step done', () => request(sys.app).get(`/api/v1/runs/${RUN}`).set(auth('a.gruber')),
    (r) => r.body.steps?.find((s: { id: string }) => s.id === STEP)?.state === 'done');
  expect(done.body.incidents).toEqual([]);
  expect((await task(REPAIR)).body).toMatchObject({ state: 'done', completedBy: 'a.gruber' });
  const events = (await request(sys.app).get(`/api/v1/runs/${RUN}/events`).set(auth('a.gruber'))).body.items as { type: string; data: Record<string, unknown> }[];
  expect(events.filter((e) => e.data.stepId === STEP).map((e) => e.type)).toEqual(expect.arrayContaining(['step.failed', 'task.opened', 'step.retried', 'task.completed', 'step.done']));
});
