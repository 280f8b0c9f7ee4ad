// Races and retries against the real engine: twenty concurrent completions of one task give one 200, nineteen 409
// and one completion event; an Idempotency-Key makes a retried start or task action return the first answer.
import request from 'supertest';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const onboarding = (ags: string) => ({
  process: 'gemeinde-onboarding',
  input: { ags, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
});

async function start(ags: string): Promise<string> {
  const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(onboarding(ags));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function events(runId: string, type: string, stepId: string): Promise<unknown[]> {
  const res = await request(sys.app).get(`/api/v1/runs/${runId}/events?limit=500`).set(auth('m.huber'));
  if (res.status !== 200) return [];
  // task events name their step in `data.stepId`, except those (claims) whose only task is this run's first one
  return (res.body.items as { type: string; data: { stepId?: string } }[]).filter((e) => e.type === type && (e.data.stepId ?? stepId) === stepId);
}

async function settledEvents(runId: string, type: string, stepId: string, atLeast: number): Promise<unknown[]> {
  for (let i = 0; i < 100 && (await events(runId, type, stepId)).length < atLeast; i++) await new Promise((r) => setTimeout(r, 100));
  // and a moment longer: a second event would have been written in the same batch or right after
  await new Promise((r) => setTimeout(r, 1000));
  return events(runId, type, stepId);
}

it('twenty concurrent completions of one task: one 200, nineteen 409, one completion event', async () => {
  const runId = await start('09181144');
  const task = `${runId}:erstgespraech`;
  const users = ['m.huber', 'j.bauer'];
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    request(sys.app).post(`/api/v1/tasks/${task}/complete`).set(auth(users[i % 2])).send({ data: { bemerkung: `Versuch ${i}` } })));
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  for (const a of answers.filter((x) => x.status === 409)) expect(a.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(await settledEvents(runId, 'task.completed', 'erstgespraech', 1)).toHaveLength(1);
});

describe('Idempotency-Key', () => {
  it('returns the first answer to a retried start instead of 409; another body under the key is 422', async () => {
    const body = onboarding('09181123');
    const first = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).set('Idempotency-Key', 'start-greifenberg-1').send(body);
    expect(first.status).toBe(201);
    const retry = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).set('Idempotency-Key', 'start-greifenberg-1').send(body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.body).toEqual(first.body);

    // without the key it is a second start of the same subject
    expect((await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(body)).status).toBe(409);
    // the key belongs to this request: a changed body under it is refused
    const changed = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).set('Idempotency-Key', 'start-greifenberg-1')
      .send({ ...body, input: { ...body.input, workstations: 4 } });
    expect(changed.status).toBe(422);
    // keys are per user: someone else's same key is their own request
    const other = await request(sys.app).post('/api/v1/runs').set(auth('f.maier')).set('Idempotency-Key', 'start-greifenberg-1').send(body);
    expect(other.status).toBe(409);
    expect(other.body.existingRunId).toBe('onboarding-09181123');
  });

  it('returns the first answer to a retried task completion (not 409), and writes one event', async () => {
    const runId = await start('09181121');
    const task = `${runId}:erstgespraech`;
    const send = () => request(sys.app).post(`/api/v1/tasks/${task}/complete`).set(auth('m.huber')).set('Idempotency-Key', 'done-1').send({});
    const first = await send();
    expect(first.status).toBe(200);
    const retries = await Promise.all([send(), send(), send()]);
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual(first.body);
    }
    expect(await settledEvents(runId, 'task.completed', 'erstgespraech', 1)).toHaveLength(1);
  });

  it('lets concurrent repeats of one key execute once (the others wait for it: 409)', async () => {
    const runId = await start('09181139');
    const task = `${runId}:erstgespraech`;
    const answers = await Promise.all(Array.from({ length: 5 }, () =>
      request(sys.app).post(`/api/v1/tasks/${task}/claim`).set(auth('j.bauer')).set('Idempotency-Key', 'claim-1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses).toContain(200);
    expect(await settledEvents(runId, 'task.claimed', 'erstgespraech', 1)).toHaveLength(1);
  });

  it('stores no failure: a corrected retry under the same key executes', async () => {
    const runId = await start('09181127');
    const task = `${runId}:erstgespraech`;
    const wrong = await request(sys.app).post(`/api/v1/tasks/${task}/return`).set(auth('m.huber')).set('Idempotency-Key', 'ret-1').send({ reason: '' });
    expect(wrong.status).toBe(422);
    const right = await request(sys.app).post(`/api/v1/tasks/${task}/return`).set(auth('m.huber')).set('Idempotency-Key', 'ret-1').send({ reason: 'Urlaub' });
    expect(right.status).toBe(200);
    expect(right.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).set('Idempotency-Key', 'mit leerzeichen').send(onboarding('09181134'));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('header.Idempotency-Key');
  });
});
