// Hardening of the HTTP surface, without a workflow engine behind it: security headers, size and type limits,
// one policy for unknown input, 405, request ids, no stack traces, rate limits with Retry-After, and logs that
// carry the request id but never a token or personal data.
import request from 'supertest';
import { createLogger } from '../../api/logger';
import { lightApp } from './support/light-app';

const auth = (user = 'a.gruber') => ({ Authorization: `Bearer demo-${user}` });

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), requestId: res.headers['x-request-id'] });
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('headers', () => {
  const app = lightApp();

  it('sets security headers on API answers and on the web UI', async () => {
    for (const path of ['/api/v1/catalog/services', '/', '/openapi.json']) {
      const res = await request(app).get(path).set(auth());
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS when served over https', async () => {
    const res = await request(lightApp({ publicUrl: 'https://onboarding.ku-it.example' })).get('/healthz');
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
  });
});

describe('input', () => {
  const app = lightApp();

  it('answers 413 for a body over 2 MB, 415 for non-JSON, 400 for broken JSON — all as problems', async () => {
    expectProblem(await request(app).post('/api/v1/runs').set(auth()).set('Content-Type', 'application/json')
      .send(JSON.stringify({ process: 'gemeinde-onboarding', input: { notes: 'x'.repeat(2_200_000) } })), 413);
    expectProblem(await request(app).post('/api/v1/runs').set(auth()).set('Content-Type', 'text/plain').send('hallo'), 415);
    expectProblem(await request(app).post('/api/v1/runs').set(auth()).set('Content-Type', 'application/json').send('{"a":'), 400);
  });

  it('refuses unknown fields and unknown query parameters alike (422)', async () => {
    const body = await request(app).post('/api/v1/runs').set(auth()).send({ process: 'gemeinde-onboarding', input: {}, admin: true });
    expectProblem(body, 422);
    const query = await request(app).get('/api/v1/catalog/services?debug=1').set(auth());
    expectProblem(query, 422);
    expect(query.body.errors).toEqual([expect.objectContaining({ path: 'query' })]);
    expectProblem(await request(app).get('/api/v1/auth/config?x=1'), 422);
    expectProblem(await request(app).get('/api/v1/catalog/verfahren?q=a&q=b').set(auth()), 422);
  });

  it('refuses text the database cannot store: NUL and unpaired surrogates, in bodies, keys, queries and paths', async () => {
    const nul = await request(app).post('/api/v1/tasks/x:y/comments').set(auth()).send({ text: 'Hallo\u0000Welt' });
    expectProblem(nul, 422);
    expect(nul.body.errors).toEqual([{ path: 'text', message: expect.stringContaining('NUL') }]);
    expectProblem(await request(app).post('/api/v1/tasks/x:y/comments').set(auth()).set('Content-Type', 'application/json')
      .send('{"text":"\\ud800 allein"}'), 422);
    expectProblem(await request(app).post('/api/v1/runs').set(auth()).send({ ['a\u0000']: 1 }), 422);
    expectProblem(await request(app).get('/api/v1/runs?parent=%00').set(auth()), 422);
    expectProblem(await request(app).get('/api/v1/runs/onboarding%00').set(auth()), 404);
    expectProblem(await request(app).get('/api/v1/runs/%E0%A4%A').set(auth()), 400);
    // umlauts and emoji are of course fine
    expect((await request(app).get('/api/v1/catalog/verfahren?q=Gr%C3%BC%C3%9F%F0%9F%98%80').set(auth())).status).toBe(200);
  });

  it('checks credentials before it even looks at the query', async () => {
    expectProblem(await request(app).get('/api/v1/catalog/services?debug=1'), 401);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await request(app).put('/api/v1/runs').set(auth()).send({});
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('POST, GET');
  });
});

describe('errors', () => {
  const app = lightApp();

  it('echoes a well-formed request id and makes one up otherwise', async () => {
    const given = await request(app).get('/api/v1/runs/x').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    expect(given.body.requestId).toBe('abc-123');
    const invented = await request(app).get('/api/v1/runs/x').set('X-Request-Id', 'bad id with spaces <script>');
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets no stack trace or internal message out of a 500', async () => {
    // the light app has no workflow engine: reading a run fails inside the route
    const res = await request(app).get('/api/v1/runs/onboarding-09181128').set(auth());
    expectProblem(res, 500);
    expect(res.text).not.toContain('light app');
    expect(res.body.detail).toBe('Ein unerwarteter Fehler ist aufgetreten.');
  });
});

describe('rate limits', () => {
  it('limits per token: 429 with Retry-After, other tokens unaffected', async () => {
    const app = lightApp({ rateLimit: { perMinutePerToken: 3, perMinutePerAddress: 1000 } });
    for (let i = 0; i < 3; i++) expect((await request(app).get('/api/v1/me').set(auth('m.huber'))).status).toBe(200);
    const limited = await request(app).get('/api/v1/me').set(auth('m.huber'));
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(app).get('/api/v1/me').set(auth('j.bauer'))).status).toBe(200);
  });

  it('limits per address, whatever the token, but never the health probes', async () => {
    const app = lightApp({ rateLimit: { perMinutePerToken: 1000, perMinutePerAddress: 5 } });
    const users = ['m.huber', 'j.bauer', 's.wagner', 't.schmid', 'a.gruber', 'f.maier'];
    const statuses = [];
    for (const u of users) statuses.push((await request(app).get('/api/v1/me').set(auth(u))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expectProblem(await request(app).get('/api/v1/auth/config'), 429);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});

describe('logs', () => {
  it('carry the request id in every line, and neither tokens nor bodies nor query strings', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const app = lightApp({ logger });
    const ok = await request(app).get('/api/v1/catalog/verfahren?q=Personalgeheimnis').set(auth('m.huber'));
    const bodyRes = await request(app).post('/api/v1/runs').set(auth('a.gruber'))
      .send({ process: 'gemeinde-onboarding', input: { notes: 'Max Mustermann, geb. 01.02.1970' } });
    const failed = await request(app).get('/api/v1/runs/onboarding-09181128').set(auth('a.gruber'));
    const denied = await request(app).get('/api/v1/runs').set('Authorization', 'Bearer geheimes-token-123');
    expect(failed.status).toBe(500);

    const text = lines.join('');
    for (const secret of ['demo-m.huber', 'demo-a.gruber', 'geheimes-token-123', 'Personalgeheimnis', 'Mustermann']) expect(text).not.toContain(secret);
    const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { id?: string }; msg: string; level: number; err?: { message: string } });
    for (const res of [ok, bodyRes, failed, denied]) {
      expect(parsed.some((l) => l.reqId === res.headers['x-request-id'] && l.req?.id === l.reqId)).toBe(true);
    }
    for (const l of parsed) expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
    // the failure is logged with its cause, for the operator only
    const error = parsed.find((l) => l.level >= 50 && l.reqId === failed.headers['x-request-id']);
    expect(error?.err?.message).toContain('light app');
  });
});
