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
// Path parameters are written `{id}` (Express gets `:id`); `query` and `body` are the zod schemas the handler parses
// with (and the query check enforces); `embeddedOnly` entries exist only in the embedded demo. State several handlers
// of a file share (task actions, a run lookup) is built once per app with perDeps (api/route.ts); the task actions
// share one entry builder, taskAction() in api/routes/tasks.ts.
//
// A new module's list is spread into ROUTE_TABLE below (once per module, not per route). The policy matrix test
// (test/api/policy-matrix.test.ts) then asks for the new route's row, the OpenAPI tests find it documented.
import type { Router } from 'express';
import type { ApiDeps } from './deps';
import type { Access } from './policy';
import type { Handler, RouteEntry } from './route';
import { routeMatcher } from './route-match';
import { ADMIN_ROUTES } from './routes/admin';
import { CALENDAR_FEED_ROUTES, CALENDAR_ROUTES } from './routes/calendar';
import { CATALOG_ROUTES } from './routes/catalog';
import { DASHBOARD_ROUTES } from './routes/dashboard';
import { DEV_MAIL_ROUTES } from './routes/dev-mail';
import { DEVICE_REGISTER_ROUTES } from './routes/device-registers';
import { DEVICE_ROUTES } from './routes/devices';
import { DOCUMENT_ROUTES } from './routes/documents';
import { FORM_FILE_ROUTES } from './routes/form-files';
import { HEALTH_TREND_ROUTES } from './routes/health-trend';
import { INBOUND_EVENT_ROUTES } from './routes/inbound-events';
import { MAIL_PREFERENCE_ROUTES } from './routes/mail-preferences';
import { MESSAGE_ROUTES } from './routes/messages';
import { PLANNING_ROUTES } from './routes/planning';
import { REPORT_ROUTES } from './routes/reports';
import { RUN_BATCH_ROUTES } from './routes/run-batches';
import { RUN_CHANGE_ROUTES } from './routes/run-changes';
import { RUN_ROUTES } from './routes/runs';
import { SESSION_ROUTES } from './routes/session';
import { TASK_ROUTES } from './routes/tasks';
import { BULK_TASK_ROUTES } from './routes/tasks-bulk';
import { WEBHOOK_ROUTES } from './routes/webhooks';

/** In the order the routers used to be mounted (and the OpenAPI document lists them). */
export const ROUTE_TABLE = [
  ...INBOUND_EVENT_ROUTES,
  ...SESSION_ROUTES,
  ...CALENDAR_FEED_ROUTES,
  ...MAIL_PREFERENCE_ROUTES,
  ...CATALOG_ROUTES,
  ...RUN_ROUTES,
  ...RUN_CHANGE_ROUTES,
  ...DEVICE_ROUTES,
  ...RUN_BATCH_ROUTES,
  ...DEVICE_REGISTER_ROUTES,
  ...BULK_TASK_ROUTES,
  ...TASK_ROUTES,
  ...DOCUMENT_ROUTES,
  ...CALENDAR_ROUTES,
  ...MESSAGE_ROUTES,
  ...FORM_FILE_ROUTES,
  ...DASHBOARD_ROUTES,
  ...HEALTH_TREND_ROUTES,
  ...WEBHOOK_ROUTES,
  ...ADMIN_ROUTES,
  ...PLANNING_ROUTES,
  ...REPORT_ROUTES,
  ...DEV_MAIL_ROUTES,
] as const;

export type RouteKey = (typeof ROUTE_TABLE)[number]['key'];

/** Every route and what it needs — the role × action matrix per route (test/api/policy-matrix.test.ts). */
export const ROUTE_ACTIONS = Object.fromEntries(ROUTE_TABLE.map((entry) => [entry.key, entry.access])) as Record<RouteKey, Access>;

export const ROUTES = routeMatcher(Object.keys(ROUTE_ACTIONS) as RouteKey[]);

/** The access of the route a request is for (authorize() in api/policy.ts), if there is such a route. */
export function accessOf(method: string, path: string): Access | undefined {
  const key = ROUTES.match(method, path);
  return key ? ROUTE_ACTIONS[key] : undefined;
}

/** An earlier entry that Express would pick for a later one's path (`/x/{id}` before `/x/list`) is a mistake. */
export function checkNoShadowing(entries: readonly RouteEntry[]): void {
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
