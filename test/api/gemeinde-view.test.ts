// What a Gemeinde's staff see of their onboarding (issue 12 item 5): only the tasks they can act on, the run's course,
// and the IT company's figures (the computed offer) only once the Bereichsleitung has released them — enforced by the
// API for every read a Gemeinde user has: task list and detail, run, audit trail (JSON and CSV), dashboard.
import request from 'supertest';
import { sampleFormData } from '../../scripts/sample-form-data';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const AGS = '09181128';
const runId = `onboarding-${AGS}`;
const GEMEINDE = `buergermeister-${AGS}`;
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const OFFER = /Angebot:|einmalig/;

interface TaskItem { id: string; stepId: string; state: string; candidateRoles: string[] }
interface StepItem { id: string; state: string; summary?: string }
interface EventItem { type: string; data: Record<string, unknown> }

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await read();
    if (ok(v) || i > 100) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tasksOf = async (user: string, query = '') =>
  (await request(sys.app).get(`/api/v1/tasks?root=${runId}${query}`).set(auth(user)).expect(200)).body.items as TaskItem[];
const openTask = (stepId: string) => eventually(() => tasksOf('a.gruber', '&state=open'), (ts) => ts.some((t) => t.stepId === stepId));
const stepsOf = async (user: string) => (await request(sys.app).get(`/api/v1/runs/${runId}`).set(auth(user)).expect(200)).body.steps as StepItem[];
const eventsOf = async (user: string) => (await request(sys.app).get(`/api/v1/runs/${runId}/events`).set(auth(user)).expect(200)).body.items as EventItem[];
const offerStep = (steps: StepItem[]) => steps.find((s) => s.id === 'angebot-berechnen')!;

async function complete(user: string, stepId: string, formId: Parameters<typeof sampleFormData>[0]) {
  await openTask(stepId);
  await request(sys.app).post(`/api/v1/tasks/${runId}:${stepId}/complete`).set(auth(user)).send({ data: sampleFormData(formId) }).expect(200);
}

describe('a Gemeinde user\'s view of its onboarding', () => {
  beforeAll(async () => {
    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
      process: 'gemeinde-onboarding',
      input: { ags: AGS, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
    }).expect(201);
    await openTask('erstgespraech');
  });

  it('lists no internal task, and an internal task is not found (404) for reading or commenting', async () => {
    expect(await tasksOf(GEMEINDE)).toEqual([]);
    expect(await tasksOf(GEMEINDE, '&role=vorstand')).toEqual([]);
    const internal = `/api/v1/tasks/${runId}:erstgespraech`;
    expect((await request(sys.app).get(internal).set(auth(GEMEINDE))).status).toBe(404);
    expect((await request(sys.app).post(`${internal}/comments`).set(auth(GEMEINDE)).send({ text: 'Hallo' })).status).toBe(404);
    expect((await request(sys.app).post(`${internal}/claim`).set(auth(GEMEINDE)).send({})).status).toBe(404);
    // staff still see it
    expect((await request(sys.app).get(internal).set(auth('m.huber'))).status).toBe(200);
  });

  it('lists its own Fragebogen and nothing of the board\'s or the Bereichsleitung\'s work', async () => {
    await complete('m.huber', 'erstgespraech', 'erledigt');
    await openTask('fragebogen');
    expect((await tasksOf(GEMEINDE)).map((t) => t.stepId)).toEqual(['fragebogen']);
    await request(sys.app).get(`/api/v1/tasks/${runId}:fragebogen`).set(auth(GEMEINDE)).expect(200);
    await complete(GEMEINDE, 'fragebogen', 'fragebogen');
    await openTask('angebot-freigabe');
    const mine = await tasksOf(GEMEINDE);
    expect(mine.map((t) => [t.stepId, t.state])).toEqual([['fragebogen', 'done']]);
    expect((await request(sys.app).get(`/api/v1/tasks/${runId}:angebot-freigabe`).set(auth(GEMEINDE))).status).toBe(404);
  });

  it('does not see the offer before its release: run, audit trail, CSV and dashboard', async () => {
    // staff see the computed offer at once
    expect(offerStep(await stepsOf('s.wagner')).summary).toMatch(OFFER);
    const step = offerStep(await stepsOf(GEMEINDE));
    expect(step.state).toBe('done');
    expect(step.summary).toBeUndefined();

    const staffTrail = await eventually(() => eventsOf('s.wagner'), (es) => es.some((e) => e.type === 'task.opened' && e.data.stepId === 'angebot-freigabe'));
    expect(JSON.stringify(staffTrail)).toMatch(OFFER);
    const trail = await eventsOf(GEMEINDE);
    expect(JSON.stringify(trail)).not.toMatch(OFFER);
    expect(trail.some((e) => e.type === 'step.done' && e.data.stepId === 'angebot-berechnen')).toBe(true); // the course stays
    const internalTaskEvents = trail.filter((e) => e.type.startsWith('task.') && ['erstgespraech', 'angebot-freigabe'].includes(String(e.data.stepId)));
    expect(internalTaskEvents).toEqual([]);
    const csv = await request(sys.app).get(`/api/v1/runs/${runId}/events`).set(auth(GEMEINDE)).set('Accept', 'text/csv').expect(200);
    expect(csv.text).not.toMatch(OFFER);
    expect(csv.text).not.toMatch(/task\.\w+;[^\n]*(angebot-freigabe|erstgespraech)/); // the steps' start and end stay

    const dashboard = (await request(sys.app).get('/api/v1/dashboard').set(auth(GEMEINDE)).expect(200)).body;
    const mine = dashboard.onboardings.find((o: { id: string }) => o.id === runId);
    expect(Object.keys(mine.tasksByTeam)).toEqual([]);
    expect(mine.openTasks).toBe(0);
    const staff = (await request(sys.app).get('/api/v1/dashboard').set(auth('s.wagner')).expect(200)).body;
    expect(staff.onboardings.find((o: { id: string }) => o.id === runId).tasksByTeam).toHaveProperty('bereichsleitung');
  });

  it('sees the offer once the Bereichsleitung has released it, but not the release task itself', async () => {
    await complete('s.wagner', 'angebot-freigabe', 'angebotFreigabe');
    const step = offerStep(await eventually(() => stepsOf(GEMEINDE), (steps) => offerStep(steps).summary !== undefined));
    expect(step.summary).toMatch(OFFER);
    await eventually(() => request(sys.app).get(`/api/v1/tasks/${runId}:angebot-freigabe`).set(auth('s.wagner')), (r) => r.body.state === 'done');
    const trail = await eventsOf(GEMEINDE);
    expect(trail.find((e) => e.type === 'step.done' && e.data.stepId === 'angebot-berechnen')?.data.summary).toMatch(OFFER);
    expect(JSON.stringify(trail)).not.toMatch(/rabattProzent/);
    expect(trail.some((e) => e.type === 'step.done' && e.data.stepId === 'angebot-freigabe')).toBe(true);
  });
});
