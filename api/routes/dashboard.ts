import { principalOf } from '../auth';
import { cursorNumber, numberCursor } from '../paging';
import { parseOr422 } from '../problem';
import { dashboardQuery } from '../schemas';
import { dashboardSchema } from '../openapi/responses';
import { DENIED, isTenantScoped, may } from '../policy';
import { problem } from '../problem';
import { route } from '../route';

/**
 * The portfolio: a page of the running onboardings with their figures (in the order of their target go-live; the
 * cursor is the position after the page), the key figures over all of them, counts by process and status, and the
 * completed runs per year.
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
      const { next, ...board } = await deps.store.dashboard({
        limit: q.limit, offset: cursorNumber(q.cursor) ?? 0,
        ...(q.health ? { health: q.health } : {}), ...(q.team ? { team: q.team } : {}),
        ...(isTenantScoped(p) ? { agsIn: p.gemeinden, role: 'gemeinde' } : {}),
      });
      res.json({ ...board, nextCursor: next === undefined ? null : numberCursor(next) });
    },
  }),
] as const;
