// POST /api/v1/events end to end: a rollout waits at `imaging` until the deployment tool reports the devices imaged.
// Signed by the embedded demo sender (or with a bearer token); forged → 401, repeat → 200 with the first result,
// nothing waiting → 409, unknown subject → 404.
import request from 'supertest';
import { EMBEDDED_INBOUND_SECRETS, sign } from '../../../api/inbound-auth';
import { token, type TestSystem } from '../../helpers/system';
import { startNotifyingSystem, waitUntil } from '../../notifications/helpers';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startNotifyingSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const runId = 'rollout-09181128-charge-1';
const SENDER = 'softwareverteilung';

/** POSTs the exact bytes it signs, as a real sender would. */
function signed(event: unknown, opts: { secret?: string; sender?: string } = {}) {
  const raw = typeof event === 'string' ? event : JSON.stringify(event);
  return request(sys.app)
    .post('/api/v1/events')
    .set('Content-Type', 'application/json')
    .set('X-Sender', opts.sender ?? SENDER)
    .set('X-Signature', sign(opts.secret ?? EMBEDDED_INBOUND_SECRETS[SENDER], raw))
    .send(raw);
}

async function stepState(stepId: string): Promise<string> {
  const run = await request(sys.app).get(`/api/v1/runs/${runId}`).set(auth('m.huber'));
  return (run.body.steps as { id: string; state: string }[]).find((s) => s.id === stepId)!.state;
}

function expectProblem(res: request.Response, status: number, detail?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  if (detail) expect(res.body.detail).toMatch(detail);
}

beforeAll(async () => {
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
    .send({ process: 'arbeitsplatz-rollout', input: { ags: '09181128', batch: 'Charge 1', devices: 10, projectLead: 'a.gruber' } })
    .expect(201);
  await request(sys.app).post(`/api/v1/tasks/${encodeURIComponent(`${runId}:bedarf`)}/complete`).set(auth('m.koch'))
    .send({ data: { geraete: 10, standort: 'Rathaus' } }).expect(200);
  await waitUntil(async () => (await stepState('imaging')) === 'active', 30_000, 'imaging to wait for its event');
});

describe('POST /api/v1/events', () => {
  const imaged = { id: 'swv-4711', type: 'geraete.betankt', subject: runId, data: { geraete: 10, fehlgeschlagen: 0 } };

  it('refuses forged, unsigned and unknown senders with 401 before reading the body', async () => {
    expectProblem(await signed(imaged, { secret: 'falsches-geheimnis-123456' }), 401, /Signatur ist ungültig/);
    expectProblem(await signed(imaged, { sender: 'unbekannt' }), 401, /Signatur ist ungültig/);
    expectProblem(await request(sys.app).post('/api/v1/events').send(imaged), 401);
    // a signature over other bytes than those sent
    const tampered = await request(sys.app).post('/api/v1/events').set('Content-Type', 'application/json')
      .set('X-Sender', SENDER).set('X-Signature', sign(EMBEDDED_INBOUND_SECRETS[SENDER], JSON.stringify(imaged)))
      .send(JSON.stringify({ ...imaged, subject: 'rollout-09181128-andere' }));
    expectProblem(tampered, 401);
    expectProblem(await signed('{"id":', { sender: 'unbekannt' }), 401);
    expect(await stepState('imaging')).toBe('active');
  });

  it('answers 409 with a reason when nothing waits for the event, 404 for an unknown subject', async () => {
    const early = await signed({ id: 'swv-4710', type: 'geraete.domaene', subject: runId });
    expectProblem(early, 409, /Kein wartender Schritt für Ereignis „geraete.domaene“/);
    expectProblem(await signed({ id: 'swv-4712', type: 'geraete.betankt', subject: 'rollout-09181128-gibt-es-nicht' }), 404, /Unbekannter Gegenstand/);
    expectProblem(await signed({ id: 'swv-4713', type: 'geraete.betankt', subject: `${runId}:gibt-es-nicht` }), 404, /keinen Schritt/);
  });

  it('answers 400 for signed bytes that are no JSON and 422 for an event without type', async () => {
    expectProblem(await signed('{"id":'), 400);
    const res = await signed({ id: 'swv-4714', subject: runId });
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['type']);
  });

  it('completes the waiting external step; a repeat gets the first result', async () => {
    const res = await signed(imaged);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'swv-4711', type: 'geraete.betankt', subject: runId, runId, stepId: 'imaging', sender: SENDER });
    expect(await stepState('imaging')).toBe('done');

    const again = await signed(imaged);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect(again.headers['idempotent-replayed']).toBe('true');

    // the same id for something else is a mistake the sender must hear about
    expectProblem(await signed({ ...imaged, type: 'geraete.domaene' }), 409, /bereits für ein anderes Ereignis/);

    await waitUntil(async () => {
      const trail = await request(sys.app).get(`/api/v1/runs/${runId}/events?limit=500`).set(auth('a.gruber'));
      return (trail.body.items as { type: string; actor?: string; data: { stepId?: string } }[])
        .some((e) => e.type === 'step.done' && e.data.stepId === 'imaging' && e.actor === `extern:${SENDER}`);
    }, 15_000, 'the audit trail to name the sender');
  });

  it('accepts a bearer token of an allowed role and a task id as subject', async () => {
    await waitUntil(async () => (await stepState('domaenenbeitritt')) === 'active', 15_000, 'domaenenbeitritt');
    const joined = { id: 'ad-0815', type: 'geraete.domaene', subject: `${runId}:domaenenbeitritt` };
    expectProblem(await request(sys.app).post('/api/v1/events').set(auth('p.fischer')).send(joined), 403);
    expectProblem(await request(sys.app).post('/api/v1/events').set('Authorization', 'Bearer falsch').send(joined), 401);
    const res = await request(sys.app).post('/api/v1/events').set(auth('k.hofmann')).send(joined);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runId, stepId: 'domaenenbeitritt', sender: 'k.hofmann' });
    expect(await stepState('domaenenbeitritt')).toBe('done');
  });
});
