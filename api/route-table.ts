// THE ROUTE TABLE: every operation of /api/v1, declared once. Each entry (api/route.ts) names its method and path,
// its access (the policy action of api/policy.ts, or public/signed/authenticated), its documentation (request schemas
// in zod, the answer) and its handler. From this one table come:
//   - the mounting on the Express app (mountRoutes, in table order: public and signed entries before authentication,
//     the others after it; an entry may never be shadowed by an earlier one — checked when this file loads, so that
//     Express and route-match.ts, which prefers the most literal path, always agree on which route a request is for);
//   - authorisation: ROUTE_ACTIONS and accessOf() feed authorize() in api/policy.ts, the one place of the check;
//   - the OpenAPI document (api/openapi/document.ts, via OPERATIONS) and the query check (api/query-check.ts).
//
// Adding a route is one entry plus its handler, in the handler file of its module (api/routes/<module>.ts):
//
//   export const DASHBOARD_ROUTES = [
//     route({
//       key: 'GET /dashboard', access: 'dashboard.read',
//       operationId: 'getDashboard', tag: 'Übersicht', summary: 'Portfolio: …',
//       success: { status: 200, description: 'die Übersicht', schema: dashboardSchema },
//       handler: (deps) => async (_req, res) => { … },
//     }),
//   ] as const;
//
// A new module's list is spread into ROUTE_TABLE below (once per module, not per route). The policy matrix test
// (test/api/policy-matrix.test.ts) then asks for the new route's row, the OpenAPI tests find it documented.
import type { Router } from 'express';
import type { ApiDeps } from './deps';
import type { Access } from './policy';
import type { Handler, RouteEntry } from './route';
import { routeMatcher } from './route-match';
import { DASHBOARD_ROUTES } from './routes/dashboard';
import { REPORT_ROUTES } from './routes/reports';
import { SESSION_ROUTES } from './routes/session';
import { TASK_ROUTES } from './routes/tasks';

export const ROUTE_TABLE = [
  ...SESSION_ROUTES,
  ...TASK_ROUTES,
  ...DASHBOARD_ROUTES,
  ...REPORT_ROUTES,
] as const;

/** Routes not yet in the table: still mounted by api/app.ts as Express routers, documented in OPERATIONS. */
const UNCONVERTED = {
  'GET /dev/users': 'public',
  'POST /events': 'signed',
  'POST /me/calendar': 'authenticated',
  'GET /calendar/{token}': 'public',
  // each person's own mail preferences (the user id comes from the token)
  'GET /me/mail-preferences': 'authenticated',
  'PUT /me/mail-preferences': 'authenticated',
  'GET /dev/mail': 'authenticated',
  'GET /catalog/verfahren': 'catalog.read',
  'GET /catalog/gemeinden': 'catalog.read',
  'GET /catalog/services': 'catalog.read',
  'GET /catalog/processes': 'catalog.read',
  'POST /runs': 'run.start',
  'POST /plan-preview': 'run.start',
  'GET /runs': 'run.read',
  'GET /runs/{id}': 'run.read',
  'GET /runs/{id}/events': 'audit.read',
  'GET /runs/{id}/calendar.ics': 'run.read',
  'POST /runs/{id}/cancel': 'run.cancel',
  'POST /runs/{id}/steps/{stepId}/retry': 'run.repair',
  'POST /runs/{id}/steps/{stepId}/skip': 'run.repair',
  'POST /runs/{id}/target': 'run.steer',
  'POST /runs/{id}/lead': 'run.steer',
  'POST /runs/{id}/verfahren': 'run.steer',
  'POST /runs/{id}/verfahren/{verfahrenId}/remove': 'run.steer',
  // one action for many tasks: each task is checked as by its single route (assign needs task.assign there)
  'POST /tasks/bulk': 'task.work',
  // checking an export before submitting a form stores nothing: whoever works on tasks may
  'POST /forms/{formId}/fields/{field}/check': 'task.work',
  'GET /dashboard/trend': 'dashboard.read',
  'GET /webhooks': 'webhook.manage',
  'POST /webhooks': 'webhook.manage',
  'DELETE /webhooks/{id}': 'webhook.manage',
  'POST /runs/{id}/documents': 'document.upload',
  'GET /runs/{id}/documents': 'document.read',
  'GET /documents/{id}': 'document.read',
  'DELETE /documents/{id}': 'document.delete',
  'GET /runs/{id}/messages': 'message.read',
  'POST /runs/{id}/messages': 'message.write',
  'GET /webhooks/{id}/deliveries': 'webhook.manage',
  // devices of a Gemeinde and of a rollout batch (issue 14); the tenant rule is the route's (domain/policy.ts)
  'GET /gemeinden/{ags}/devices': 'run.read',
  'GET /runs/{id}/devices': 'run.read',
  'POST /runs/{id}/devices/actions': 'task.work',
  'GET /gemeinden/{ags}/device-register': 'run.read',
  'GET /gemeinden/{ags}/destruction-certificates': 'run.read',
  'GET /admin/people': 'people.manage',
  'GET /people': 'authenticated',
  'POST /admin/directory/sync': 'people.manage',
  'GET /planning/pipeline': 'planning.manage',
  'POST /planning/pipeline': 'planning.manage',
  'GET /planning/pipeline/{id}': 'planning.manage',
  'PATCH /planning/pipeline/{id}': 'planning.manage',
  'DELETE /planning/pipeline/{id}': 'planning.manage',
  'GET /planning/capacity': 'planning.manage',
  'POST /planning/what-if': 'planning.manage',
  'GET /planning/teams': 'planning.manage',
  'PUT /planning/teams/{role}': 'capacity.manage',
  'POST /planning/absences': 'capacity.manage',
  'DELETE /planning/absences/{id}': 'capacity.manage',
} as const satisfies Record<string, Access>;

export type RouteKey = (typeof ROUTE_TABLE)[number]['key'] | keyof typeof UNCONVERTED;

/** Every route and what it needs — the role × action matrix per route (test/api/policy-matrix.test.ts). */
export const ROUTE_ACTIONS = {
  ...UNCONVERTED,
  ...Object.fromEntries(ROUTE_TABLE.map((entry) => [entry.key, entry.access])),
} as Record<RouteKey, Access>;

export const ROUTES = routeMatcher(Object.keys(ROUTE_ACTIONS) as RouteKey[]);

/** The access of the route a request is for (authorize() in api/policy.ts), if there is such a route. */
export function accessOf(method: string, path: string): Access | undefined {
  const key = ROUTES.match(method, path);
  return key ? ROUTE_ACTIONS[key] : undefined;
}

/** An earlier entry that Express would pick for a later one's path (`/x/{id}` before `/x/list`) is a mistake. */
function checkNoShadowing(entries: readonly RouteEntry[]): void {
  entries.forEach((later, i) => {
    const [method, path] = later.key.split(' ');
    const earlier = entries.slice(0, i).find((e) => routeMatcher([e.key]).match(method, path));
    if (earlier) throw new Error(`route table: ${earlier.key} comes before ${later.key} and would answer it`);
  });
}
checkNoShadowing(ROUTE_TABLE);

const isOpen = (access: Access) => access === 'public' || access === 'signed';

/**
 * Mounts the table's entries on the API router, in table order: `open` the ones that need no bearer token (before
 * authentication), `protected` all others. Entries that exist only in the embedded demo are mounted only there.
 */
export function mountRoutes(router: Router, deps: ApiDeps, which: 'open' | 'protected'): void {
  const demo = deps.embedded && (deps.authConfig?.mode ?? 'demo') === 'demo';
  for (const entry of ROUTE_TABLE as readonly RouteEntry[]) {
    if (isOpen(entry.access) !== (which === 'open')) continue;
    if (entry.embeddedOnly && !demo) continue;
    const [method, template] = entry.key.split(' ');
    const handlers: Handler[] = [entry.handler(deps)].flat();
    const path = template.replace(/\{(\w+)\}/g, ':$1');
    router[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path, ...handlers);
  }
}
