import { Router } from 'express';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { isTenantScoped, may } from '../policy';
import { problem } from '../problem';

/** The portfolio: every running onboarding with its figures, counts by process and status, completed per year. */
export function dashboardRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/dashboard', async (_req, res) => {
    const p = principalOf(res);
    if (!may(p, 'dashboard.read')) throw problem.forbidden('Ihre Rolle sieht die Übersicht nicht.');
    // a Gemeinde user sees its own onboarding's figures and its own open work, not the teams' internal load
    res.json(await deps.store.dashboard({ ...(isTenantScoped(p) ? { agsIn: p.gemeinden, role: 'gemeinde' } : {}) }));
  });
  return r;
}
