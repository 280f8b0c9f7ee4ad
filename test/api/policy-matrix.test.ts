// The whole authorisation matrix against the running API: every route × every role (one demo user each, and a
// Gemeinde user of the run's own and of another Gemeinde). Allowed roles reach validation — bodies here are
// deliberately invalid, so nothing changes and the answer is 422 — and denied roles get 403; Gemeinde users see
// their own Gemeinde only (lists filtered, another's resources 404). Every successful answer is checked against the
// schema the OpenAPI document publishes for it.
import request from 'supertest';
import { ROLES, type Role } from '../../domain/types';
import { OPERATIONS } from '../../api/openapi/operations';
import { may, type Access } from '../../api/policy';
import { ROUTE_ACTIONS, type RouteKey } from '../../api/route-table';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
const AGS = '09181128';
const RUN = `onboarding-${AGS}`;
// the Gemeinde's own Fragebogen: every role may see it (an internal task is not found for a Gemeinde user)
const TASK = `${RUN}:fragebogen`;

const USER: Record<Role, string> = {
  vorstand: 'm.huber', bereichsleitung: 's.wagner', projektleitung: 'a.gruber', netzwerk: 'k.hofmann', arbeitsplatz: 'm.koch',
  verfahren: 'p.fischer', datenschutz: 'b.wolf', isb: 'r.schwarz', gemeinde: `buergermeister-${AGS}`, admin: 'd.krueger',
};
const FOREIGN = 'buergermeister-09181130';

// What DOMAIN.md's role table says, written out — not derived from api/policy.ts, which is checked against it.
const ALL = [...ROLES];
const LEAD: Role[] = ['projektleitung', 'admin'];
const WORKERS = ALL.filter((r) => r !== 'admin');
const ADMIN: Role[] = ['admin'];
const REPORTERS: Role[] = ['admin', 'arbeitsplatz', 'netzwerk'];
// the year plan and the monthly report: the board, the project leads, the administration
const PLANNERS: Role[] = ['vorstand', 'projektleitung', 'admin'];

interface Row {
  route: RouteKey;
  path: string;
  allowed: Role[] | 'everyone';
  /** answer for an allowed role: 200 for reads; 422 for actions (invalid body); 404 for unknown ids */
  ok: number;
  body?: unknown;
  /** Gemeinde scoping: lists are filtered to the own AGS, single resources of another Gemeinde are 404 */
  tenant?: 'list' | 'single';
  /** where a list keeps its items' AGS */
  agsOf?: (item: any) => string;
}

const bad = { unbekanntesFeld: 1 };
const ROWS: Row[] = [
  { route: 'GET /auth/config', path: '/auth/config', allowed: 'everyone', ok: 200 },
  { route: 'GET /dev/users', path: '/dev/users', allowed: 'everyone', ok: 200 },
  { route: 'POST /events', path: '/events', allowed: REPORTERS, ok: 422, body: bad },
  { route: 'GET /me', path: '/me', allowed: ALL, ok: 200 },
  { route: 'POST /me/calendar', path: '/me/calendar', allowed: ALL, ok: 201 },
  { route: 'GET /calendar/{token}', path: '/calendar/gibt-es-nicht-gibt-es-nicht.ics', allowed: 'everyone', ok: 404 },
  { route: 'GET /runs/{id}/calendar.ics', path: `/runs/${RUN}/calendar.ics`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'GET /me/mail-preferences', path: '/me/mail-preferences', allowed: ALL, ok: 200 },
  { route: 'PUT /me/mail-preferences', path: '/me/mail-preferences', allowed: ALL, ok: 422, body: bad },
  { route: 'GET /dev/mail', path: '/dev/mail', allowed: ALL, ok: 200 },
  { route: 'GET /catalog/verfahren', path: '/catalog/verfahren?q=ewo', allowed: ALL, ok: 200 },
  { route: 'GET /catalog/gemeinden', path: '/catalog/gemeinden', allowed: ALL, ok: 200, tenant: 'list', agsOf: (g) => g.ags },
  { route: 'GET /catalog/services', path: '/catalog/services', allowed: ALL, ok: 200 },
  { route: 'GET /catalog/processes', path: '/catalog/processes', allowed: ALL, ok: 200 },
  { route: 'POST /runs', path: '/runs', allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /plan-preview', path: '/plan-preview', allowed: LEAD, ok: 422, body: bad },
  { route: 'GET /runs', path: '/runs', allowed: ALL, ok: 200, tenant: 'list', agsOf: (r) => r.gemeinde.ags },
  { route: 'GET /runs/{id}', path: `/runs/${RUN}`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'GET /runs/{id}/events', path: `/runs/${RUN}/events`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'POST /runs/{id}/cancel', path: `/runs/${RUN}/cancel`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/steps/{stepId}/retry', path: `/runs/${RUN}/steps/erstgespraech/retry`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/steps/{stepId}/skip', path: `/runs/${RUN}/steps/erstgespraech/skip`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/target', path: `/runs/${RUN}/target`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/lead', path: `/runs/${RUN}/lead`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/verfahren', path: `/runs/${RUN}/verfahren`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/verfahren/{verfahrenId}/remove', path: `/runs/${RUN}/verfahren/ok-fis/remove`, allowed: LEAD, ok: 422, body: bad },
  { route: 'GET /tasks', path: '/tasks', allowed: ALL, ok: 200, tenant: 'list', agsOf: (t) => t.ags },
  { route: 'GET /tasks/counts', path: '/tasks/counts', allowed: ALL, ok: 200 },
  { route: 'GET /tasks/{id}', path: `/tasks/${TASK}`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'POST /tasks/{id}/complete', path: `/tasks/${TASK}/complete`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /tasks/{id}/claim', path: `/tasks/${TASK}/claim`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /tasks/{id}/unclaim', path: `/tasks/${TASK}/unclaim`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /tasks/{id}/return', path: `/tasks/${TASK}/return`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /tasks/{id}/approve', path: `/tasks/${TASK}/approve`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /tasks/{id}/reject', path: `/tasks/${TASK}/reject`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /tasks/{id}/assign', path: `/tasks/${TASK}/assign`, allowed: WORKERS, ok: 422, body: bad },
  { route: 'GET /tasks/{id}/assignees', path: `/tasks/${TASK}/assignees`, allowed: WORKERS, ok: 200, tenant: 'single' },
  { route: 'POST /tasks/{id}/comments', path: `/tasks/${TASK}/comments`, allowed: ALL, ok: 422, body: bad },
  { route: 'POST /tasks/bulk', path: '/tasks/bulk', allowed: WORKERS, ok: 422, body: bad },
  { route: 'POST /runs/{id}/documents', path: `/runs/${RUN}/documents`, allowed: ALL, ok: 415, body: bad },
  { route: 'GET /runs/{id}/documents', path: `/runs/${RUN}/documents`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'GET /gemeinden/{ags}/devices', path: `/gemeinden/${AGS}/devices`, allowed: ALL, ok: 200, tenant: 'single' },
  // the onboarding run tracks no devices of its own: not found for everyone who may read runs
  { route: 'GET /gemeinden/{ags}/device-register', path: `/gemeinden/${AGS}/device-register`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'GET /gemeinden/{ags}/destruction-certificates', path: `/gemeinden/${AGS}/destruction-certificates`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'GET /runs/{id}/devices', path: `/runs/${RUN}/devices`, allowed: ALL, ok: 404 },
  { route: 'POST /runs/{id}/devices/actions', path: `/runs/${RUN}/devices/actions`, allowed: WORKERS, ok: 404, body: bad },
  { route: 'GET /runs/{id}/batches', path: `/runs/${RUN}/batches`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'POST /runs/{id}/batches/move', path: `/runs/${RUN}/batches/move`, allowed: LEAD, ok: 422, body: bad },
  { route: 'POST /runs/{id}/batches/exclude', path: `/runs/${RUN}/batches/exclude`, allowed: LEAD, ok: 422, body: bad },
  { route: 'GET /documents/{id}', path: '/documents/gibt-es-nicht', allowed: ALL, ok: 404 },
  { route: 'DELETE /documents/{id}', path: '/documents/gibt-es-nicht', allowed: ADMIN, ok: 404 },
  { route: 'GET /runs/{id}/messages', path: `/runs/${RUN}/messages`, allowed: ALL, ok: 200, tenant: 'single' },
  { route: 'POST /runs/{id}/messages', path: `/runs/${RUN}/messages`, allowed: ['gemeinde', 'projektleitung', 'admin'], ok: 422, body: bad },
  { route: 'POST /forms/{formId}/fields/{field}/check', path: '/forms/inventur/fields/inventarCsv/check', allowed: WORKERS, ok: 422, body: bad },
  { route: 'GET /dashboard', path: '/dashboard', allowed: ALL, ok: 200, tenant: 'list', agsOf: (o) => o.gemeinde.ags },
  { route: 'GET /dashboard/trend', path: '/dashboard/trend', allowed: ALL, ok: 200, tenant: 'list', agsOf: (o) => o.ags },
  { route: 'GET /webhooks', path: '/webhooks', allowed: ADMIN, ok: 200 },
  { route: 'POST /webhooks', path: '/webhooks', allowed: ADMIN, ok: 422, body: bad },
  { route: 'DELETE /webhooks/{id}', path: '/webhooks/wh-gibt-es-nicht', allowed: ADMIN, ok: 404 },
  { route: 'GET /webhooks/{id}/deliveries', path: '/webhooks/wh-gibt-es-nicht/deliveries', allowed: ADMIN, ok: 404 },
  { route: 'GET /admin/people', path: '/admin/people', allowed: ADMIN, ok: 200 },
  { route: 'GET /people', path: '/people', allowed: ALL, ok: 200 },
  // the demo system has no directory to synchronise
  { route: 'POST /admin/directory/sync', path: '/admin/directory/sync', allowed: ADMIN, ok: 409 },
  { route: 'GET /planning/pipeline', path: '/planning/pipeline', allowed: PLANNERS, ok: 200 },
  { route: 'POST /planning/pipeline', path: '/planning/pipeline', allowed: PLANNERS, ok: 422, body: bad },
  { route: 'GET /planning/pipeline/{id}', path: '/planning/pipeline/plan-gibt-es-nicht', allowed: PLANNERS, ok: 404 },
  { route: 'PATCH /planning/pipeline/{id}', path: '/planning/pipeline/plan-gibt-es-nicht', allowed: PLANNERS, ok: 422, body: bad },
  { route: 'DELETE /planning/pipeline/{id}', path: '/planning/pipeline/plan-gibt-es-nicht', allowed: PLANNERS, ok: 404 },
  { route: 'GET /planning/capacity', path: '/planning/capacity', allowed: PLANNERS, ok: 200 },
  { route: 'POST /planning/what-if', path: '/planning/what-if', allowed: PLANNERS, ok: 422, body: bad },
  { route: 'GET /planning/teams', path: '/planning/teams', allowed: PLANNERS, ok: 200 },
  { route: 'PUT /planning/teams/{role}', path: '/planning/teams/verfahren', allowed: ADMIN, ok: 422, body: bad },
  { route: 'POST /planning/absences', path: '/planning/absences', allowed: ADMIN, ok: 422, body: bad },
  { route: 'DELETE /planning/absences/{id}', path: '/planning/absences/abw-gibt-es-nicht', allowed: ADMIN, ok: 404 },
  { route: 'GET /reports/portfolio/{month}', path: '/reports/portfolio/2026-11', allowed: PLANNERS, ok: 200 },
];

const SUCCESS = new Map(OPERATIONS.map((o) => [o.key, o.success.schema]));

function call(row: Row, user?: string, body = row.body) {
  const method = row.route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = request(sys.app)[method](`/api/v1${row.path}`);
  if (user) req = req.set('Authorization', `Bearer ${token(user)}`);
  return body !== undefined ? req.send(body as object) : req;
}

/** the successful answer has the documented shape (zod parse of the published response schema) */
function expectDocumented(row: Row, res: request.Response) {
  const schema = SUCCESS.get(row.route);
  if (!schema || res.status >= 300) return;
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) throw new Error(`${row.route}: answer does not match its documented schema: ${parsed.error.message}`);
}

beforeAll(async () => {
  sys = await startSystem();
  await request(sys.app).post('/api/v1/runs').set('Authorization', `Bearer ${token('a.gruber')}`).send({
    process: 'gemeinde-onboarding',
    input: { ags: AGS, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
  }).expect(201);
  // another Gemeinde's run, so that filtered lists have something to filter
  await request(sys.app).post('/api/v1/runs').set('Authorization', `Bearer ${token('a.gruber')}`).send({
    process: 'verfahren-migration', input: { ags: '09181130', verfahrenId: 'ok-ewo' },
  }).expect(201);
  // the board's Erstgespräch done, so that the Gemeinde's Fragebogen is open
  for (let i = 0; ; i++) {
    const done = await request(sys.app).post(`/api/v1/tasks/${RUN}:erstgespraech/complete`).set('Authorization', `Bearer ${token('m.huber')}`)
      .send({ data: { bemerkung: 'Gemeinderat informiert' } });
    if (done.status === 200) break;
    if (i > 100) throw new Error(`the Erstgespräch could not be completed: ${done.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let i = 0; i < 100; i++) {
    const runs = await sys.store.listRuns({ limit: 10 });
    const tasks = await sys.store.listTasks({ limit: 50, now: new Date() });
    if (runs.items.length >= 2 && tasks.items.some((t) => t.id === TASK)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the read model did not catch up');
});
afterAll(async () => {
  await sys?.stop();
});

it('has a row for every route of the policy, and the policy grants exactly the roles of the table', () => {
  expect(ROWS.map((r) => r.route).sort()).toEqual(Object.keys(ROUTE_ACTIONS).sort());
  for (const row of ROWS) {
    const access: Access = ROUTE_ACTIONS[row.route];
    if (row.allowed === 'everyone') {
      expect(access).toBe('public');
    } else if (access === 'authenticated') {
      expect(row.allowed).toEqual(ALL);
    } else if (access !== 'public' && access !== 'signed') {
      const granted = ROLES.filter((role) => may({ id: 'x', name: 'x', roles: [role], gemeinden: [AGS] }, access));
      expect({ route: row.route, roles: granted }).toEqual({ route: row.route, roles: [...row.allowed].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)) });
    }
  }
});

describe.each(ROWS)('$route', (row) => {
  it('answers every role as the matrix says', async () => {
    const roles = [...ROLES];
    const answers = await Promise.all(roles.map(async (role) => [role, await call(row, USER[role])] as const));
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [role, res] of answers) {
      got[role] = res.status;
      want[role] = row.allowed === 'everyone' || row.allowed.includes(role) ? row.ok : 403;
      if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expectDocumented(row, res);
    }
    expect(got).toEqual(want);
  });

  if (row.allowed !== 'everyone') {
    it('answers 401 without a token and with a bad one', async () => {
      expect((await call(row)).status).toBe(401);
      const forged = await call(row).set('Authorization', 'Bearer demo-niemand');
      expect(forged.status).toBe(401);
    });
  }

  if (row.tenant === 'single') {
    it('hides it from another Gemeinde (404) and shows it to its own', async () => {
      expect((await call(row, FOREIGN)).status).toBe(404);
      expect((await call(row, USER.gemeinde)).status).toBe(200);
    });
  }

  if (row.tenant === 'list') {
    it('lists only the own Gemeinde for Gemeinde users, everything for staff', async () => {
      const items = (res: request.Response) => (row.route === 'GET /dashboard' ? res.body.onboardings : res.body.items) as unknown[];
      const own = items(await call(row, USER.gemeinde));
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((i) => row.agsOf!(i) === AGS)).toBe(true);
      const foreign = items(await call(row, FOREIGN));
      expect(foreign.every((i) => row.agsOf!(i) === '09181130')).toBe(true);
      const staff = items(await call(row, 'm.huber')).map(row.agsOf!);
      expect(staff).toContain(AGS);
      if (row.route !== 'GET /dashboard' && row.route !== 'GET /dashboard/trend' && row.route !== 'GET /tasks') expect(staff).toContain('09181130');
    });
  }
});

describe('actions on another Gemeinde\'s task (valid input)', () => {
  it.each([
    ['complete', {}],
    ['claim', {}],
    ['unclaim', {}],
    ['return', { reason: 'nicht zuständig' }],
    ['assign', { assignee: FOREIGN }],
    ['comments', { text: 'Hallo' }],
  ])('%s answers 404, as if the task did not exist', async (action, body) => {
    const res = await request(sys.app).post(`/api/v1/tasks/${TASK}/${action}`).set('Authorization', `Bearer ${token(FOREIGN)}`).send(body);
    expect(res.status).toBe(404);
    const unknown = await request(sys.app).post(`/api/v1/tasks/${RUN}:gibt-es-nicht/${action}`).set('Authorization', `Bearer ${token(FOREIGN)}`).send(body);
    expect(unknown.body.detail).toBe(res.body.detail);
  });

  it('run actions: another Gemeinde\'s run is 404 as for reading it; on its own run the Gemeinde lacks the role (403)', async () => {
    const cancel = (path: string) => request(sys.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token(FOREIGN)}`).send({ reason: 'x' });
    expect((await cancel(`/runs/${RUN}/cancel`)).status).toBe(404);
    expect((await cancel('/runs/migration-09181130-ok-ewo/cancel')).status).toBe(403);
    expect((await cancel(`/runs/${RUN}/steps/erstgespraech/skip`)).status).toBe(404);
    expect((await cancel(`/runs/${RUN}/target`)).status).toBe(404);
  });
});
