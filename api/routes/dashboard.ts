import { principalOf } from '../auth';
import { dashboardQuery } from '../schemas';
import { dashboardSchema } from '../openapi/responses';
import { DENIED, isTenantScoped, may } from '../policy';
import { parseOr422, problem } from '../problem';
import { route } from '../route';

/**
 * The portfolio: a page of the running onboardings with their figures (in the order of their target go-live, paged
 * by a keyset cursor), the key figures over all of them, counts by process and status, and the completed runs per year.
 */
export const DASHBOARD_ROUTES = [
  route({
    key: 'GET /dashboard', access: 'dashboard.read',
    operationId: 'getDashboard', tag: 'Übersicht', summary: 'Portfolio: laufende Onboardings, Zählungen, Abschlüsse je Jahr',
    query: dashboardQuery, success: { status: 200, description: 'die Übersicht', schema: dashboardSchema }, errors: [400],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      if (!may(p, 'dashboard.read')) throw problem.forbidden(DENIED['dashboard.read']);
      const q = parseOr422(dashboardQuery, req.query);
      // a Gemeinde user sees its own onboarding's figures and its own open work, not the teams' internal load
      res.json(await deps.store.dashboard({
        limit: q.limit, ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.health ? { health: q.health } : {}), ...(q.team ? { team: q.team } : {}),
        ...(isTenantScoped(p) ? { agsIn: p.gemeinden, role: 'gemeinde' } : {}),
      }));
    },
  }),
] as const;
