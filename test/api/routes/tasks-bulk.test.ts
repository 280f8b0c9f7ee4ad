// POST /api/v1/tasks/bulk (issue 14): one action for many tasks through the same code as the single task actions —
// one result per task, a refusal (task not open, not found, another Gemeinde's, data its form refuses) is that
// task's problem and the others go on; an invalid request as a whole is 422 with German field errors.
import request from 'supertest';
import { bulkTasksResponse } from '../../../api/routes/tasks-bulk';
import { futureDate, startSystem, token, type TestSystem } from '../../helpers/system';

let sys: TestSystem;
const A = '09181128';
const B = '09181130';
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const bedarf = (ags: string, n: number) => `rollout-${ags}-charge-${n}:bedarf`;
const FRAGEBOGEN = `onboarding-${A}:fragebogen`;

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen`);
}

function bulk(user: string, body: unknown) {
  return request(sys.app).post('/api/v1/tasks/bulk').set(auth(user)).send(body as object);
}

/** the answer is documented and has one result per task asked, in order */
function resultsOf(res: request.Response, taskIds: string[]) {
  expect(res.status).toBe(200);
  const parsed = bulkTasksResponse.parse(res.body);
  expect(parsed.results.map((r) => r.taskId)).toEqual(taskIds);
  return Object.fromEntries(parsed.results.map((r) => [r.taskId, r]));
}

beforeAll(async () => {
  sys = await startSystem();
  const start = (body: object) => request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send(body).expect(201);
  for (const n of [1, 2, 3, 4]) await start({ process: 'arbeitsplatz-rollout', input: { ags: A, batch: `Charge ${n}`, devices: 10 * n, projectLead: 'a.gruber' } });
  await start({ process: 'arbeitsplatz-rollout', input: { ags: B, batch: 'Charge 1', devices: 5, projectLead: 'a.gruber' } });
  await start({ process: 'gemeinde-onboarding', input: { ags: A, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: [], workstations: 0 } });
  await until('the Erstgespräch to be completed', async () =>
    (await request(sys.app).post(`/api/v1/tasks/${`onboarding-${A}:erstgespraech`}/complete`).set(auth('m.huber')).send({ data: { bemerkung: 'Gemeinderat informiert' } })).status === 200);
  const wanted = [bedarf(A, 1), bedarf(A, 2), bedarf(A, 3), bedarf(A, 4), bedarf(B, 1), FRAGEBOGEN];
  await until('the tasks to open', async () => {
    const open = await Promise.all(wanted.map((id) => request(sys.app).get(`/api/v1/tasks/${id}`).set(auth('a.gruber'))));
    return open.every((r) => r.status === 200 && r.body.state === 'open');
  });
}, 120_000);
afterAll(async () => {
  await sys?.stop();
});

describe('POST /api/v1/tasks/bulk', () => {
  it('refuses an invalid request as a whole with 422 and German field errors', async () => {
    const nothing = await bulk('m.koch', { action: 'löschen', taskIds: [] });
    expect(nothing.status).toBe(422);
    expect(nothing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(nothing.body.errors).toEqual(expect.arrayContaining([
      { path: 'action', message: 'Bitte eine Aktion wählen: complete, claim, unclaim oder assign' },
      { path: 'taskIds', message: 'Bitte mindestens eine Aufgabe angeben' },
    ]));

    const tooMany = await bulk('m.koch', { action: 'claim', taskIds: Array.from({ length: 201 }, (_, i) => `rollout-${A}-charge-${i}:bedarf`) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ path: 'taskIds', message: 'Höchstens 200 Aufgaben auf einmal' }]);

    const twice = await bulk('m.koch', { action: 'claim', taskIds: [bedarf(A, 1), bedarf(A, 1)] });
    expect(twice.body.errors).toEqual([{ path: 'taskIds', message: 'Eine Aufgabe ist doppelt genannt' }]);

    const noAssignee = await bulk('a.gruber', { action: 'assign', taskIds: [bedarf(A, 1)] });
    expect(noAssignee.status).toBe(422);
    expect(noAssignee.body.errors).toEqual([{ path: 'assignee', message: 'Bitte angeben, wem die Aufgaben zugewiesen werden' }]);

    const dataOnClaim = await bulk('m.koch', { action: 'claim', taskIds: [bedarf(A, 1)], data: { geraete: 1 }, unbekannt: 1 });
    expect(dataOnClaim.status).toBe(422);
    expect(dataOnClaim.body.errors).toEqual(expect.arrayContaining([
      { path: '(root)', message: 'Unbekanntes Feld: unbekannt (erlaubt: action, taskIds, data, comment, assignee)' },
      { path: 'data', message: 'Formulardaten gibt es nur beim Erledigen (complete)' },
    ]));

    const wrongTypes = await bulk('m.koch', { action: 'complete', taskIds: [5, ''], comment: 3 });
    expect(wrongTypes.body.errors).toEqual([
      { path: 'taskIds.0', message: 'Eine Aufgaben-ID ist ein Text' },
      { path: 'taskIds.1', message: 'Eine Aufgaben-ID darf nicht leer sein' },
      { path: 'comment', message: 'Der Kommentar ist ein Text' },
    ]);

    const notJson = await request(sys.app).post('/api/v1/tasks/bulk').set(auth('m.koch')).set('Content-Type', 'application/json').send('{"action":');
    expect(notJson.status).toBe(400);
  });

  it('checks every task as its single action does: data its form refuses is each task\'s 422', async () => {
    const ids = [bedarf(A, 1), bedarf(A, 2)];
    const results = resultsOf(await bulk('m.koch', { action: 'complete', taskIds: ids, data: { geraete: -1 } }), ids);
    for (const id of ids) {
      expect(results[id].status).toBe(422);
      expect(results[id].problem?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'data.geraete' })]));
    }
    // nothing changed
    expect((await request(sys.app).get(`/api/v1/tasks/${bedarf(A, 1)}`).set(auth('m.koch'))).body.state).toBe('open');
  });

  it('completes what it may and gives each refused task its own problem', async () => {
    // one task done before: no longer open
    await request(sys.app).post(`/api/v1/tasks/${bedarf(A, 3)}/complete`).set(auth('m.koch')).send({ data: { geraete: 30, standort: 'Bauhof' } }).expect(200);
    const ids = [bedarf(A, 1), bedarf(A, 3), `rollout-${A}-charge-99:bedarf`, bedarf(A, 2), bedarf(B, 1)];
    const results = resultsOf(await bulk('m.koch', { action: 'complete', taskIds: ids, data: { geraete: 10, standort: 'Rathaus' }, comment: 'gemeinsam erfasst' }), ids);
    for (const id of [bedarf(A, 1), bedarf(A, 2), bedarf(B, 1)]) {
      expect(results[id]).toMatchObject({ status: 200, task: { id, state: 'done', data: { geraete: 10, standort: 'Rathaus' } } });
    }
    expect(results[bedarf(A, 3)]).toMatchObject({ status: 409, problem: { status: 409, title: 'Konflikt' } });
    expect(results[bedarf(A, 3)].problem?.detail).toMatch(/nicht (mehr )?offen|erledigt/i);
    expect(results[`rollout-${A}-charge-99:bedarf`]).toMatchObject({ status: 404, problem: { detail: 'Aufgabe nicht gefunden.' } });
    const done = await request(sys.app).get(`/api/v1/tasks/${bedarf(A, 2)}`).set(auth('m.koch'));
    expect(done.body.comments).toEqual([expect.objectContaining({ text: 'gemeinsam erfasst', user: 'm.koch' })]);
  });

  it('keeps tenants apart: a Gemeinde acts on its own tasks only, another\'s and internal ones are not found', async () => {
    const ids = [FRAGEBOGEN, bedarf(B, 1), bedarf(A, 4), `onboarding-${B}:fragebogen`];
    const results = resultsOf(await bulk(`buergermeister-${A}`, { action: 'claim', taskIds: ids }), ids);
    expect(results[FRAGEBOGEN]).toMatchObject({ status: 200, task: { id: FRAGEBOGEN, assignee: `buergermeister-${A}` } });
    for (const id of ids.slice(1)) expect(results[id]).toMatchObject({ status: 404, problem: { detail: 'Aufgabe nicht gefunden.' } });
    // the same answer as the single route gives
    const single = await request(sys.app).post(`/api/v1/tasks/${bedarf(A, 4)}/claim`).set(auth(`buergermeister-${A}`)).send({});
    expect(single.status).toBe(404);
    // the other Gemeinde's user cannot touch A's Fragebogen either
    const foreign = resultsOf(await bulk(`buergermeister-${B}`, { action: 'unclaim', taskIds: [FRAGEBOGEN] }), [FRAGEBOGEN]);
    expect(foreign[FRAGEBOGEN].status).toBe(404);
  });

  it('claims, unclaims and assigns many tasks; assigning to someone outside the team is each task\'s 422', async () => {
    const ids = [bedarf(A, 4)];
    expect(resultsOf(await bulk('m.koch', { action: 'claim', taskIds: ids }), ids)[bedarf(A, 4)]).toMatchObject({ status: 200, task: { assignee: 'm.koch' } });
    const unclaimed = resultsOf(await bulk('m.koch', { action: 'unclaim', taskIds: ids }), ids)[bedarf(A, 4)];
    expect(unclaimed.status).toBe(200);
    expect(unclaimed.task?.assignee).toBeUndefined();
    const outside = resultsOf(await bulk('a.gruber', { action: 'assign', taskIds: ids, assignee: 'p.fischer' }), ids)[bedarf(A, 4)];
    expect(outside).toMatchObject({ status: 422, problem: { errors: [{ path: 'assignee', message: 'Die Person gehört zu keiner zuständigen Rolle dieser Aufgabe' }] } });
    const assigned = resultsOf(await bulk('a.gruber', { action: 'assign', taskIds: ids, assignee: 'm.koch' }), ids)[bedarf(A, 4)];
    expect(assigned).toMatchObject({ status: 200, task: { assignee: 'm.koch' } });
  });

  it('is refused to the administration, which works on no tasks (403)', async () => {
    const res = await bulk('d.krueger', { action: 'claim', taskIds: [bedarf(A, 4)] });
    expect(res.status).toBe(403);
  });
});

describe('rollout tasks name their batch', () => {
  it('lists and shows a rollout task with its batch name and device count, other tasks without', async () => {
    const list = await request(sys.app).get(`/api/v1/tasks?ags=${A}&limit=500`).set(auth('a.gruber')).expect(200);
    const byId = new Map((list.body.items as { id: string; batch?: unknown }[]).map((t) => [t.id, t]));
    expect(byId.get(bedarf(A, 2))?.batch).toEqual({ name: 'Charge 2', devices: 20 });
    expect(byId.get(FRAGEBOGEN)).toBeDefined();
    expect(byId.get(FRAGEBOGEN)?.batch).toBeUndefined();
    const one = await request(sys.app).get(`/api/v1/tasks/${bedarf(A, 4)}`).set(auth('m.koch')).expect(200);
    expect(one.body.batch).toEqual({ name: 'Charge 4', devices: 40 });
  });
});
