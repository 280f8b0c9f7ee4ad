// The portfolio's data: the server's /dashboard when it has one, page by page (the key figures always over all
// onboardings); otherwise the same figures computed from the runs and tasks the user may see (slower, and without
// the yearly statistics — the page says so).
import { isNotFound } from '../api/client';
import { api } from '../api/endpoints';
import type { Dashboard, DashboardOnboarding, Health, Role, Run, RunSummary, Task } from '../api/types';

export interface Portfolio {
  dashboard: Dashboard;
  fromServer: boolean;
}

/** the server's filters of the onboardings (the key figures stay those of all) */
export interface PortfolioFilter {
  health?: Health;
  team?: Role;
}

export const PORTFOLIO_PAGE = 50;

function query(filter: PortfolioFilter, limit: number, cursor?: string | null): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filter.health) q.set('health', filter.health);
  if (filter.team) q.set('team', filter.team);
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** The first `pages` pages of the onboardings (a reload keeps what "Weitere laden" showed), with the figures of all. */
export async function loadPortfolio(filter: PortfolioFilter = {}, pages = 1): Promise<Portfolio> {
  try {
    let dashboard = await api.dashboard(query(filter, PORTFOLIO_PAGE));
    for (let i = 1; i < pages && dashboard.nextCursor; i++) dashboard = await withNextPage(dashboard, filter);
    return { dashboard, fromServer: true };
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const [runs, tasks] = await Promise.all([api.runs(), api.tasks('state=open')]);
  const onboardings = runs.filter((r) => r.process === 'gemeinde-onboarding');
  const details = await Promise.all(onboardings.map((r) => api.run(r.id).catch(() => undefined)));
  const all = sortOnboardings(details.filter((r): r is Run => !!r).map((r) => fromRun(r, tasks)));
  const running = all.filter((o) => (o.status ?? 'running') === 'running');
  return {
    fromServer: false,
    dashboard: {
      onboardings: all.filter((o) => (!filter.health || o.health === filter.health) && (!filter.team || (o.tasksByTeam?.[filter.team]?.open ?? 0) > 0)),
      nextCursor: null,
      totals: {
        running: running.length,
        red: running.filter((o) => o.health === 'red').length,
        openTasks: running.reduce((n, o) => n + o.openTasks, 0),
        overdueTasks: running.reduce((n, o) => n + o.overdueTasks, 0),
      },
      counts: countByProcessAndStatus(runs),
    },
  };
}

/** The dashboard with the next page of onboardings appended (the figures from the newer answer). */
export async function withNextPage(dashboard: Dashboard, filter: PortfolioFilter): Promise<Dashboard> {
  const next = await api.dashboard(query(filter, PORTFOLIO_PAGE, dashboard.nextCursor));
  return { ...next, onboardings: [...dashboard.onboardings, ...next.onboardings] };
}

/** Every onboarding the filter lets through, for the CSV export (pages of the largest size). */
export async function allOnboardings(portfolio: Portfolio, filter: PortfolioFilter): Promise<DashboardOnboarding[]> {
  if (!portfolio.fromServer) return portfolio.dashboard.onboardings;
  const items: DashboardOnboarding[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: Dashboard = await api.dashboard(query(filter, 500, cursor));
    items.push(...page.onboardings);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
}

const STATUS_ORDER = ['running', 'failed', 'completed', 'cancelled'];

/** Running first, then by projected go-live (the server's pages come in the order of the target go-live). */
function sortOnboardings(list: DashboardOnboarding[]): DashboardOnboarding[] {
  return [...list].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status ?? 'running') - STATUS_ORDER.indexOf(b.status ?? 'running') || (a.projectedGoLive ?? '9').localeCompare(b.projectedGoLive ?? '9'),
  );
}

/** Tasks of an onboarding and its children: child run ids are not linked in task rows, the Gemeinde is. */
function fromRun(run: Run, openTasks: Task[]): DashboardOnboarding {
  const mine = run.status === 'running' ? openTasks.filter((t) => t.ags === run.gemeinde.ags) : [];
  const byTeam: Partial<Record<Role, { open: number; overdue: number }>> = {};
  for (const t of mine) {
    for (const r of t.candidateRoles) {
      const e = (byTeam[r] ??= { open: 0, overdue: 0 });
      e.open++;
      if (t.overdue) e.overdue++;
    }
  }
  return {
    id: run.id,
    gemeinde: run.gemeinde,
    phase: run.phase,
    phaseTitle: run.phaseTitle,
    progress: run.progress,
    health: run.health,
    ...(run.healthReasons ? { healthReasons: run.healthReasons } : {}),
    status: run.status,
    startedAt: run.startedAt,
    targetGoLive: run.targetGoLive,
    projectedGoLive: run.projectedGoLive,
    projectLead: run.contact ? { id: run.contact.id, name: run.contact.name } : undefined,
    openTasks: mine.length,
    overdueTasks: mine.filter((t) => t.overdue).length,
    tasksByTeam: byTeam,
    nextMilestones: run.steps
      .filter((s) => s.milestone && s.state !== 'done' && s.state !== 'skipped' && (s.projectedEnd ?? s.plannedEnd))
      .map((s) => ({ stepId: s.id, title: s.title, date: (s.projectedEnd ?? s.plannedEnd)! }))
      .sort((a, b) => a.date.localeCompare(b.date))
      .slice(0, 3),
  };
}

function countByProcessAndStatus(runs: RunSummary[]): Dashboard['counts'] {
  const map = new Map<string, { process: RunSummary['process']; status: RunSummary['status']; count: number }>();
  for (const r of runs) {
    const key = `${r.process}|${r.status}`;
    const e = map.get(key) ?? { process: r.process, status: r.status, count: 0 };
    e.count++;
    map.set(key, e);
  }
  return [...map.values()];
}

export function leadName(o: DashboardOnboarding): string {
  if (!o.projectLead) return '–';
  return typeof o.projectLead === 'string' ? o.projectLead : (o.projectLead.name ?? o.projectLead.id);
}
