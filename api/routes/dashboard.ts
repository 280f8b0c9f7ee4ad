import { principalOf } from '../auth';
import { dashboardSchema } from '../openapi/responses';
import { DENIED, isTenantScoped, may } from '../policy';
import { problem } from '../problem';
import { route } from '../route';

/** The portfolio: every running onboarding with its figures, counts by process and status, completed per year. */
export const DASHBOARD_ROUTES = [
  route({
    key: 'GET /dashboard', access: 'dashboard.read',
    operationId: 'getDashboard', tag: 'Übersicht', summary: 'Portfolio: laufende Onboardings, Zählungen, Abschlüsse je Jahr',
    success: { status: 200, description: 'die Übersicht', schema: dashboardSchema },
    handler: (deps) => async (_req, res) => {
      const p = principalOf(res);
      if (!may(p, 'dashboard.read')) throw problem.forbidden(DENIED['dashboard.read']);
      // a Gemeinde user sees its own onboarding's figures and its own open work, not the teams' internal load
      res.json(await deps.store.dashboard({ ...(isTenantScoped(p) ? { agsIn: p.gemeinden, role: 'gemeinde' } : {}) }));
    },
  }),
] as const;
