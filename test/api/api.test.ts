// The HTTP contract of API.md against a real dev server and worker: every status code the API answers so far.
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
const onboarding = (ags: string, over: Record<string, unknown> = {}) => ({
  process: 'gemeinde-onboarding',
  input: { ags, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3, ...over },
});

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
}

describe('health and auth', () => {
  it('answers health and readiness without a token', async () => {
    expect((await request(sys.app).get('/healthz')).status).toBe(200);
    const ready = await request(sys.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.temporal).toBe('ok');
  });

  it('lists demo users without a token: two per role and two per Gemeinde', async () => {
    const res = await request(sys.app).get('/api/v1/dev/users');
    expect(res.status).toBe(200);
    const items = res.body.items as { roles: string[]; gemeinden: string[]; token: string }[];
    for (const role of ['vorstand', 'bereichsleitung', 'projektleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'admin']) {
      expect(items.filter((u) => u.roles.includes(role)).length).toBeGreaterThanOrEqual(2);
    }
    expect(items.filter((u) => u.gemeinden.includes('09181130')).length).toBeGreaterThanOrEqual(2);
  });

  it('answers 401 without a token and with a bad one', async () => {
    expectProblem(await request(sys.app).get('/api/v1/runs'), 401);
    expectProblem(await request(sys.app).get('/api/v1/tasks').set('Authorization', 'Bearer nope'), 401);
    expectProblem(await request(sys.app).get('/api/v1/catalog/verfahren').set('Authorization', 'Basic abc'), 401);
  });

  it('answers unknown routes with a problem 404', async () => {
    expectProblem(await request(sys.app).get('/api/v1/nothing').set(auth('m.huber')), 404);
  });
});

describe('catalogue', () => {
  it('lists 300+ Verfahren, filters by name, and the processes with their steps', async () => {
    const all = await request(sys.app).get('/api/v1/catalog/verfahren?limit=500').set(auth('p.fischer'));
    expect(all.body.items.length).toBeGreaterThanOrEqual(300);
    expect(all.body.nextCursor).toBeNull();
    const ewo = await request(sys.app).get('/api/v1/catalog/verfahren?q=ewo').set(auth('p.fischer'));
    expect(ewo.body.items.map((v: { id: string }) => v.id)).toContain('ok-ewo');
    const processes = await request(sys.app).get('/api/v1/catalog/processes').set(auth('p.fischer'));
    expect(processes.body.items.map((p: { id: string }) => p.id).sort()).toEqual(['arbeitsplatz-rollout', 'gemeinde-onboarding', 'verfahren-migration']);
  });

  it('shows a Gemeinde user only their Gemeinde', async () => {
    const res = await request(sys.app).get('/api/v1/catalog/gemeinden').set(auth('buergermeister-09181139'));
    expect(res.body.items.map((g: { ags: string }) => g.ags)).toEqual(['09181139']);
    const staff = await request(sys.app).get('/api/v1/catalog/gemeinden').set(auth('m.huber'));
    expect(staff.body.items).toHaveLength(10);
  });
});

describe('runs', () => {
  it('starts a run: 201 with Location, readable id and the plan', async () => {
    const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(onboarding('09181130'));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/runs/onboarding-09181130');
    expect(res.body).toMatchObject({ id: 'onboarding-09181130', status: 'running', gemeinde: { ags: '09181130', name: 'Landsberg am Lech' },
      health: expect.stringMatching(/green|amber|red/), contact: { id: 'a.gruber', name: 'Andrea Gruber' } });
    expect(res.body.steps.length).toBeGreaterThan(25);
    // the answer is the run at its start (from its plan); the first workflow task then opens the first task
    expect(res.body.steps[0]).toMatchObject({ id: 'erstgespraech', state: 'ready', kind: 'manual', plannedStart: expect.any(String) });
    expect(res.body.steps[1]).toMatchObject({ state: 'pending' });
    const live = await request(sys.app).get('/api/v1/runs/onboarding-09181130').set(auth('a.gruber')).expect(200);
    expect(live.body.steps[0]).toMatchObject({ id: 'erstgespraech', state: 'active', plannedStart: res.body.steps[0].plannedStart });
    expect(live.body.projectedGoLive).toBe(res.body.projectedGoLive);
  });

  it('answers 409 with existingRunId for a second start of the same Gemeinde', async () => {
    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(onboarding('09181114'));
    const res = await request(sys.app).post('/api/v1/runs').set(auth('f.maier')).send(onboarding('09181114'));
    expectProblem(res, 409);
    expect(res.body.existingRunId).toBe('onboarding-09181114');
  });

  it('answers 422 with field errors for invalid input', async () => {
    const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
      .send(onboarding('123', { workstations: -1, variant: 'irgendwas' }));
    expectProblem(res, 422);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['input.ags', 'input.workstations', 'input.variant']));

    const semantic = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
      .send(onboarding('09181199', { verfahren: ['gibt-es-nicht'], projectLead: 'p.fischer', targetGoLive: '2020-01-01' }));
    expectProblem(semantic, 422);
    expect((semantic.body.errors as { path: string }[]).map((e) => e.path).sort())
      .toEqual(['input.ags', 'input.projectLead', 'input.targetGoLive', 'input.verfahren.0']);

    expectProblem(await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({ process: 'nope', input: {} }), 422);
    expectProblem(await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({ ...onboarding('09181121'), extra: 1 }), 422);
  });

  it('words every field error in German, also where a schema names no message of its own', async () => {
    const { input } = onboarding('09181122');
    const res = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
      .send({ process: 'gemeinde-onboarding', input: { ...input, verfahren: undefined, workstations: 'viele', batchSize: 2.5 }, extra: 1 });
    expectProblem(res, 422);
    const byPath = Object.fromEntries((res.body.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      'input.verfahren': 'Pflichtfeld',
      'input.workstations': 'Bitte eine Zahl eingeben',
      'input.batchSize': 'Bitte eine ganze Zahl eingeben',
    });
    // no English default text anywhere
    for (const message of Object.values(byPath)) expect(message).not.toMatch(/Invalid|expected|received|Too (big|small)|Unrecognized/);
  });

  it('answers 400 for malformed JSON and 415 for other content types', async () => {
    expectProblem(await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).set('Content-Type', 'application/json').send('{"process":'), 400);
    expectProblem(await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).set('Content-Type', 'text/plain').send('hallo'), 415);
  });

  it('answers 403 when the role may not start runs', async () => {
    expectProblem(await request(sys.app).post('/api/v1/runs').set(auth('p.fischer')).send(onboarding('09181121')), 403);
    expectProblem(await request(sys.app).post('/api/v1/runs').set(auth('buergermeister-09181121')).send(onboarding('09181121')), 403);
  });

  it('lists runs with filters; a Gemeinde user sees only their own; another Gemeinde\'s run is 404', async () => {
    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
      .send({ process: 'verfahren-migration', input: { ags: '09181127', verfahrenId: 'ok-ewo' } }).expect(201);
    const list = await eventuallyList(() => request(sys.app).get('/api/v1/runs?process=verfahren-migration').set(auth('m.huber')), 1);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain('migration-09181127-ok-ewo');
    const own = await request(sys.app).get('/api/v1/runs').set(auth('buergermeister-09181127'));
    expect(own.body.items.every((r: { gemeinde: { ags: string } }) => r.gemeinde.ags === '09181127')).toBe(true);
    expectProblem(await request(sys.app).get('/api/v1/runs/migration-09181127-ok-ewo').set(auth('buergermeister-09181130')), 404);
    expectProblem(await request(sys.app).get('/api/v1/runs/gibt-es-nicht').set(auth('m.huber')), 404);
    expectProblem(await request(sys.app).get('/api/v1/runs?limit=9999').set(auth('m.huber')), 422);
  });

  it('cancels a run: 403 for a technician, 202 for the project lead, then cancelled', async () => {
    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber'))
      .send({ process: 'arbeitsplatz-rollout', input: { ags: '09181134', batch: 'Rathaus', devices: 4 } }).expect(201);
    const id = 'rollout-09181134-rathaus';
    expectProblem(await request(sys.app).post(`/api/v1/runs/${id}/cancel`).set(auth('m.koch')).send({ reason: 'x' }), 403);
    expectProblem(await request(sys.app).post(`/api/v1/runs/${id}/cancel`).set(auth('a.gruber')).send({}), 422);
    const res = await request(sys.app).post(`/api/v1/runs/${id}/cancel`).set(auth('a.gruber')).send({ reason: 'Charge verschoben' });
    expect(res.status).toBe(202);
    const after = await eventuallyRun(id, (r) => r.status === 'cancelled');
    expect(after.cancelReason).toBe('Charge verschoben');
    expectProblem(await request(sys.app).post(`/api/v1/runs/${id}/cancel`).set(auth('a.gruber')).send({ reason: 'nochmal' }), 409);
  });
});

describe("the run's trail", () => {
  it('holds a paper uploaded and a message posted beside the workflow, in order, by kind and side, without names or text', async () => {
    const runId = 'onboarding-09181123';
    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(onboarding('09181123')).expect(201);
    await eventuallyRun(runId, (r) => r.id === runId);
    await request(sys.app).post(`/api/v1/runs/${runId}/messages`).set(auth('buergermeister-09181123')).send({ text: 'Wann kommt der Vertrag?' }).expect(201);
    await request(sys.app).post(`/api/v1/runs/${runId}/documents`).set(auth('a.gruber'))
      .attach('file', Buffer.from('%PDF-1.4\n% Entwurf\n%%EOF\n', 'latin1'), 'Vertrag Entwurf.pdf').field('kind', 'vertrag-vorlage').expect(201);
    const noted = (items: { type: string }[]) => items.filter((e) => e.type === 'message.posted' || e.type === 'document.uploaded');
    const trail = await eventuallyList(async () => {
      const res = await request(sys.app).get(`/api/v1/runs/${runId}/events?limit=200`).set(auth('buergermeister-09181123'));
      return { ...res, status: res.status, body: { items: noted(res.body.items ?? []) } } as request.Response;
    }, 2);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ type: 'message.posted', actor: 'buergermeister-09181123', data: { messageId: expect.any(String), side: 'gemeinde' } }),
      expect.objectContaining({ type: 'document.uploaded', actor: 'a.gruber', data: { documentId: expect.any(String), kind: 'vertrag-vorlage' } }),
    ]);
  });
});

describe('tasks', () => {
  const runId = 'onboarding-09181132';
  const first = `${runId}:erstgespraech`;
  beforeAll(async () => {
    await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(onboarding('09181132')).expect(201);
  });

  it('lists tasks with filters, incl. root', async () => {
    const mine = await eventuallyList(() => request(sys.app).get(`/api/v1/tasks?root=${runId}&role=vorstand&state=open`).set(auth('m.huber')), 1);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([first]);
    expect(mine.body.items[0]).toMatchObject({ state: 'open', candidateRoles: ['vorstand'], ags: '09181132', overdue: false,
      approvals: { required: 1, given: [] }, form: { id: 'erledigt', schema: expect.objectContaining({ type: 'object' }) } });
    const none = await request(sys.app).get(`/api/v1/tasks?root=${runId}&role=netzwerk`).set(auth('m.huber'));
    expect(none.body.items).toEqual([]);
    expectProblem(await request(sys.app).get('/api/v1/tasks?overdue=vielleicht').set(auth('m.huber')), 422);
  });

  it('claims, unclaims, assigns, comments and returns', async () => {
    const claimed = await request(sys.app).post(`/api/v1/tasks/${first}/claim`).set(auth('m.huber'));
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBe('m.huber');
    expectProblem(await request(sys.app).post(`/api/v1/tasks/${first}/claim`).set(auth('j.bauer')), 409);
    expect((await request(sys.app).post(`/api/v1/tasks/${first}/unclaim`).set(auth('m.huber'))).body.assignee).toBeUndefined();
    // the assign dialog offers whom the assign route accepts: the board, for the board's Erstgespräch
    const offered = await request(sys.app).get(`/api/v1/tasks/${first}/assignees`).set(auth('a.gruber'));
    expect(offered.status).toBe(200);
    expect(offered.body.items).toEqual([
      { id: 'm.huber', name: 'Maria Huber', roles: ['vorstand'], gemeinden: [] },
      { id: 'j.bauer', name: 'Josef Bauer', roles: ['vorstand'], gemeinden: [] },
    ]);
    expectProblem(await request(sys.app).get(`/api/v1/tasks/${runId}:gibt-es-nicht/assignees`).set(auth('a.gruber')), 404);
    expectProblem(await request(sys.app).post(`/api/v1/tasks/${first}/assign`).set(auth('a.gruber')).send({ assignee: 'p.fischer' }), 422);
    expect((await request(sys.app).post(`/api/v1/tasks/${first}/assign`).set(auth('a.gruber')).send({ assignee: 'j.bauer' })).body.assignee).toBe('j.bauer');
    const commented = await request(sys.app).post(`/api/v1/tasks/${first}/comments`).set(auth('j.bauer')).send({ text: 'Termin am 12.' });
    expect(commented.status).toBe(201);
    expect(commented.body.comments.at(-1)).toMatchObject({ user: 'j.bauer', text: 'Termin am 12.' });
    expectProblem(await request(sys.app).post(`/api/v1/tasks/${first}/return`).set(auth('j.bauer')).send({ reason: '' }), 422);
    const returned = await request(sys.app).post(`/api/v1/tasks/${first}/return`).set(auth('j.bauer')).send({ reason: 'Urlaub' });
    expect(returned.body).toMatchObject({ returnReason: 'Urlaub' });
    expect(returned.body.assignee).toBeUndefined();
  });

  it('completes with form validation (422), role (403), tenant (404) and state (409) checks', async () => {
    expectProblem(await request(sys.app).post(`/api/v1/tasks/${first}/complete`).set(auth('p.fischer')).send({}), 403);
    expectProblem(await request(sys.app).post(`/api/v1/tasks/${first}/complete`).set(auth('buergermeister-09181130')).send({}), 404);
    const done = await request(sys.app).post(`/api/v1/tasks/${first}/complete`).set(auth('m.huber')).send({ data: { bemerkung: 'Gemeinderat informiert' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', completedBy: 'm.huber', data: { bemerkung: 'Gemeinderat informiert' } });
    expectProblem(await request(sys.app).post(`/api/v1/tasks/${first}/complete`).set(auth('j.bauer')).send({}), 409);

    const fragebogen = `${runId}:fragebogen`;
    const invalid = await request(sys.app).post(`/api/v1/tasks/${fragebogen}/complete`).set(auth('buergermeister-09181132'))
      .send({ data: { arbeitsplaetze: 'viele', server: 2 } });
    expectProblem(invalid, 422);
    expect((invalid.body.errors as { path: string }[]).map((e) => e.path)).toEqual(expect.arrayContaining(['data.arbeitsplaetze', 'data.verfahrenAnzahl', 'data.mitarbeiterliste']));
    expectProblem(await request(sys.app).post('/api/v1/tasks/unbekannt/complete').set(auth('m.huber')).send({}), 404);
  });

  it('returns the task from a task page and hides other Gemeinden\'s tasks', async () => {
    const res = await request(sys.app).get(`/api/v1/tasks/${runId}:fragebogen`).set(auth('geschaeftsleitung-09181132'));
    expect(res.status).toBe(200);
    expect(res.body.form.schema.properties.arbeitsplaetze.type).toBe('integer');
    expectProblem(await request(sys.app).get(`/api/v1/tasks/${runId}:fragebogen`).set(auth('geschaeftsleitung-09181130')), 404);
    const foreign = await request(sys.app).get('/api/v1/tasks?state=open').set(auth('geschaeftsleitung-09181130'));
    expect(foreign.body.items.every((t: { ags: string }) => t.ags === '09181130')).toBe(true);
  });
});

async function eventuallyList(call: () => request.Test | Promise<request.Response>, min: number) {
  for (let i = 0; ; i++) {
    const res = await call();
    if (res.status === 200 && res.body.items.length >= min) return res;
    if (i > 50) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function eventuallyRun(id: string, ok: (run: Record<string, unknown>) => boolean) {
  for (let i = 0; ; i++) {
    const res = await request(sys.app).get(`/api/v1/runs/${id}`).set(auth('m.huber'));
    if (ok(res.body) || i > 50) return res.body;
    await new Promise((r) => setTimeout(r, 200));
  }
}
