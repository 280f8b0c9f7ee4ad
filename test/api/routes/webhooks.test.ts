// Outbound webhooks through the API: admins manage subscriptions, the secret is shown once, a run's events reach a
// receiver on loopback signed with HMAC-SHA256, and the delivery log lists every attempt.
import request from 'supertest';
import { token, type TestSystem } from '../../helpers/system';
import { startNotifyingSystem, waitUntil, webhookReceiver, type WebhookReceiver } from '../../notifications/helpers';
import { lightApp } from '../support/light-app';

let sys: TestSystem;
let receiver: WebhookReceiver;
let secret = '';
beforeAll(async () => {
  sys = await startNotifyingSystem();
  receiver = await webhookReceiver(() => secret);
});
afterAll(async () => {
  await receiver?.close();
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });

describe('subscriptions', () => {
  it('are for admins only', async () => {
    for (const user of ['a.gruber', 'm.huber', 'buergermeister-09181128']) {
      expect((await request(sys.app).get('/api/v1/webhooks').set(auth(user))).status).toBe(403);
      expect((await request(sys.app).post('/api/v1/webhooks').set(auth(user)).send({ url: 'https://x.example', events: ['*'] })).status).toBe(403);
    }
    expect((await request(sys.app).get('/api/v1/webhooks')).status).toBe(401);
  });

  it('validate URL, event types and secret (422 with field errors)', async () => {
    const res = await request(sys.app).post('/api/v1/webhooks').set(auth('d.krueger'))
      .send({ url: 'ftp://files.example/hook', events: ['task.*', 'gibts.nicht'], secret: 'kurz' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['events.1', 'secret', 'url']);
    expect((await request(sys.app).post('/api/v1/webhooks').set(auth('d.krueger')).send({ url: 'https://x.example', events: [] })).status).toBe(422);
    expect((await request(sys.app).post('/api/v1/webhooks').set(auth('d.krueger')).send({ url: 'javascript:alert(1)', events: ['*'] })).status).toBe(422);
  });

  it('refuse targets inside this server or its cloud, and ports fetch never sends to, at the field, unless loopback is allowed (development, tests)', async () => {
    const app = lightApp(); // WEBHOOK_ALLOW_LOOPBACK unset, as in production
    const refusal = async (url: string) => {
      const res = await request(app).post('/api/v1/webhooks').set(auth('d.krueger')).send({ url, events: ['*'] });
      expect([url, res.status]).toEqual([url, 422]);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].path).toBe('url');
      return res.body.errors[0].message as string;
    };
    expect(await refusal('http://169.254.169.254/latest/meta-data')).toBe('An diese Adresse werden keine Webhooks gesendet: 169.254.169.254 ist eine Link-Local-, Multicast- oder unbestimmte Adresse.');
    expect(await refusal('http://127.0.0.1:3000/hook')).toBe('An diese Adresse werden keine Webhooks gesendet: 127.0.0.1 ist dieser Server selbst (Loopback).');
    expect(await refusal('https://tickets.ku-it.example:25/hook')).toBe('An diese Adresse werden keine Webhooks gesendet: Port 25 ist gesperrt: er gehört zu einem anderen Protokoll, dorthin wird nicht gesendet.');
    for (const url of ['http://localhost/x', 'http://api.localhost/x', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://2130706433/x', 'http://0.0.0.0/x']) await refusal(url);
    // allowed where loopback is (this system): the cloud's metadata address still not
    const metadata = await request(sys.app).post('/api/v1/webhooks').set(auth('d.krueger')).send({ url: 'http://169.254.169.254/', events: ['*'] });
    expect(metadata.status).toBe(422);
  });

  it('return the secret once, list without it, delete with 204 and then 404', async () => {
    const created = await request(sys.app).post('/api/v1/webhooks').set(auth('d.krueger'))
      .send({ url: 'https://cmdb.ku-it.example/hooks', events: ['run.*'], description: 'CMDB' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^wh-/), url: 'https://cmdb.ku-it.example/hooks', events: ['run.*'], createdBy: 'd.krueger' });
    expect(created.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.headers.location).toBe(`/api/v1/webhooks/${created.body.id}`);
    const list = await request(sys.app).get('/api/v1/webhooks').set(auth('n.lang'));
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, description: 'CMDB' })]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    expect((await request(sys.app).delete(`/api/v1/webhooks/${created.body.id}`).set(auth('n.lang'))).status).toBe(204);
    expect((await request(sys.app).delete(`/api/v1/webhooks/${created.body.id}`).set(auth('n.lang'))).status).toBe(404);
    expect((await request(sys.app).get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(auth('n.lang'))).status).toBe(404);
    expect((await request(sys.app).get('/api/v1/webhooks').set(auth('n.lang'))).body.items).toEqual([]);
  });
});

describe('deliveries', () => {
  it('post a run\'s events signed to the receiver and log each attempt, retrying a refusal', async () => {
    secret = 'ein-langes-geheimnis-fuer-den-empfaenger';
    const created = await request(sys.app).post('/api/v1/webhooks').set(auth('d.krueger'))
      .send({ url: receiver.url, events: ['task.opened', 'run.started'], secret });
    expect(created.status).toBe(201);
    expect(created.body.secret).toBe(secret);
    receiver.respondWith.push(500); // the first delivery is refused once: the worker's webhook retry brings it again

    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
      .send({ process: 'arbeitsplatz-rollout', input: { ags: '09181132', batch: 'Bauhof', devices: 3 } }).expect(201);
    const runId = 'rollout-09181132-bauhof';
    const hooks = await receiver.waitFor(2);
    expect(hooks.map((h) => h.body.type)).toEqual(['run.started', 'task.opened']);
    expect(hooks.every((h) => h.signatureValid)).toBe(true);
    const [started, opened] = hooks.map((h) => h.body.id);
    expect(started).toBe(`${runId}:1`);
    expect(hooks[1].body).toMatchObject({ id: expect.stringMatching(new RegExp(`^${runId}:\\d+$`)), runId, type: 'task.opened', task: { id: `${runId}:bedarf`, candidateRoles: ['arbeitsplatz'] } });
    expect(hooks[1].headers['x-event-id']).toBe(opened);

    let log: request.Response | undefined;
    await waitUntil(async () => {
      log = await request(sys.app).get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(auth('d.krueger'));
      return log.body.items.length >= 3;
    }, 15_000, 'the delivery log');
    const attempts = (log!.body.items as { eventId: string; type: string; attempt: number; statusCode: number; error: string | null }[])
      .map(({ eventId, type, attempt, statusCode, error }) => ({ eventId, type, attempt, statusCode, error }))
      .sort((a, b) => a.eventId.localeCompare(b.eventId) || a.attempt - b.attempt);
    expect(attempts).toEqual([
      { eventId: started, type: 'run.started', attempt: 1, statusCode: 500, error: 'HTTP 500' },
      { eventId: started, type: 'run.started', attempt: 2, statusCode: 200, error: null },
      { eventId: opened, type: 'task.opened', attempt: 1, statusCode: 200, error: null },
    ]);
    expect(JSON.stringify(log!.body)).not.toContain(secret);
    // each attempt names its run, as people know it
    expect(log!.body.items.map((a: { run?: { id: string; name: string } }) => a.run)).toEqual(Array(3).fill({ id: runId, name: expect.stringMatching(/^Penzing – Arbeitsplatz-Rollout/) }));
    const page = await request(sys.app).get(`/api/v1/webhooks/${created.body.id}/deliveries?limit=2`).set(auth('d.krueger'));
    expect(page.body.items).toHaveLength(2);
    const rest = await request(sys.app).get(`/api/v1/webhooks/${created.body.id}/deliveries?limit=2&cursor=${page.body.nextCursor}`).set(auth('d.krueger'));
    expect(rest.body.items).toHaveLength(1);
  });
});
