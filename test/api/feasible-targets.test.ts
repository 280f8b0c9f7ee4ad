// Issue 15, item 1: a target before the earliest feasible go-live needs a reason (422 naming the date without one),
// the start form can ask for that date first, and a fresh run with a feasible target is green.
import request from 'supertest';
import { germanDate } from '../../domain/health';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const input = { variant: 'mitglied', projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 };

async function earliest(): Promise<string> {
  const res = await request(sys.app).post('/api/v1/plan-preview').set(auth('a.gruber'))
    .send({ process: 'gemeinde-onboarding', input: { variant: 'mitglied', verfahren: ['ok-fis'], workstations: 3 } });
  expect(res.status).toBe(200);
  return res.body.earliestGoLive as string;
}

it('previews the earliest feasible go-live from what the start form knows', async () => {
  const date = await earliest();
  expect(date > futureDate(200)).toBe(true); // Satzungsänderung, Beschluss, a migration with its Parallelbetrieb
  const more = await request(sys.app).post('/api/v1/plan-preview').set(auth('a.gruber'))
    .send({ process: 'gemeinde-onboarding', input: { variant: 'mitglied', verfahren: ['ok-fis', 'ok-ewo', 'ok-pws', 'pass-ausweis', 'fundsachen', 'veranstaltungen'], workstations: 3, migrationConcurrency: 1 } });
  expect(more.body.earliestGoLive > date).toBe(true); // six migrations one after another take longer
  const unknown = await request(sys.app).post('/api/v1/plan-preview').set(auth('a.gruber'))
    .send({ process: 'gemeinde-onboarding', input: { variant: 'mitglied', verfahren: ['gibt-es-nicht'] } });
  expect(unknown.status).toBe(422);
  expect((await request(sys.app).post('/api/v1/plan-preview').set(auth('m.koch')).send({ process: 'gemeinde-onboarding', input: { variant: 'mitglied' } })).status).toBe(403);
});

it('refuses a target before the earliest feasible go-live without a reason, naming the date at the field', async () => {
  const date = await earliest();
  const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'gemeinde-onboarding', input: { ags: '09181130', targetGoLive: futureDate(120), ...input } });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ path: 'input.targetGoLive', message: expect.stringContaining(`Frühestens machbar ist der ${germanDate(date)}`) }]);
});

it('accepts it with a reason and shows the run as ambitious, amber with its reason', async () => {
  const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: '09181130', targetGoLive: futureDate(120), targetReason: 'Gemeinderat will vor der Kommunalwahl umstellen', ...input },
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ ambitious: true, health: 'amber' });
  expect(res.body.healthReasons).toEqual([{ kind: 'ambitious', text: expect.stringMatching(/^Ambitioniertes Ziel: .* vor dem frühesten machbaren Go-live/) }]);
  // the reason stays in the audit trail with the start, and who started the run
  let events: { type: string }[] = [];
  for (let i = 0; i < 50 && !events.length; i++) {
    await new Promise((r) => setTimeout(r, 100));
    events = (await request(sys.app).get(`/api/v1/runs/${res.body.id}/events`).set(auth('a.gruber'))).body.items ?? [];
  }
  expect(events[0]).toMatchObject({ type: 'run.started', actor: 'a.gruber', data: { targetReason: 'Gemeinderat will vor der Kommunalwahl umstellen' } });
  // the portfolio says why, too
  const dashboard = (await request(sys.app).get('/api/v1/dashboard').set(auth('m.huber'))).body;
  const row = dashboard.onboardings.find((o: { id: string }) => o.id === res.body.id);
  expect(row).toMatchObject({ health: 'amber', healthReasons: [{ kind: 'ambitious', text: expect.stringContaining('Ambitioniertes Ziel') }] });
});

it('starts a run with a feasible target green, without reasons, and keeps it green once it runs', async () => {
  const date = await earliest();
  const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'gemeinde-onboarding', input: { ags: '09181128', targetGoLive: date, ...input } });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ health: 'green', healthReasons: [], plannedGoLive: date, projectedGoLive: date, progress: 0 });
  expect(res.body.ambitious).toBeUndefined();
  // the workflow's own view, after its first tasks opened
  let run = res.body;
  for (let i = 0; i < 50 && !run.steps.some((s: { state: string }) => s.state === 'active'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    run = (await request(sys.app).get(`/api/v1/runs/${res.body.id}`).set(auth('a.gruber'))).body;
  }
  expect(run).toMatchObject({ health: 'green', healthReasons: [], projectedGoLive: date });
});
