// The portfolio's health trend (issue 15): each running onboarding's traffic light at the end of each of the last
// eight weeks (Bavarian days), from the audit trail. Tenant-scoped like the portfolio itself.
import { berlinDate, endOfBerlinDay } from '../../domain/berlin-time';
import { principalOf } from '../auth';
import { pageOf, pageQuery } from '../paging';
import { isTenantScoped } from '../policy';
import { parseOr422 } from '../problem';
import * as planning from '../planning-schemas';
import { route } from '../route';

export const TREND_WEEKS = 8;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const HEALTH_TREND_ROUTES = [
  route({
    key: 'GET /dashboard/trend', access: 'dashboard.read',
    operationId: 'getHealthTrend', tag: 'Übersicht', summary: 'Ampel der laufenden Onboardings in den letzten 8 Wochen',
    query: pageQuery, errors: [400],
    success: { status: 200, description: 'je Onboarding die Ampel am Ende jedes Tages in `weeks` (null: noch nicht gestartet)', schema: planning.healthTrendSchema },
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const q = parseOr422(pageQuery, req.query);
      const today = berlinDate(Date.now());
      // the end of today and of the same weekday in each of the seven weeks before
      const days = Array.from({ length: TREND_WEEKS }, (_, i) => addDays(today, -7 * (TREND_WEEKS - 1 - i)));
      const runs = await deps.store.listRuns({ process: 'gemeinde-onboarding', status: 'running', limit: 200, ...(isTenantScoped(p) ? { agsIn: p.gemeinden } : {}) });
      const points = await deps.store.healthTrend(runs.items.map((run) => run.id), days.map(endOfBerlinDay));
      const items = runs.items.map((run) => ({
        runId: run.id,
        ags: run.ags,
        health: points.filter((pt) => pt.runId === run.id).map((pt) => pt.health),
      }));
      res.json({ weeks: days, ...pageOf(items, q) });
    },
  }),
] as const;
