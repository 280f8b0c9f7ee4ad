// The portfolio's data: the server's /dashboard when it has one; otherwise the same figures computed from the
// runs and tasks the user may see (slower, and without the yearly statistics — the page says so).
import { isNotFound } from '../api/client';
import { api } from '../api/endpoints';
import type { Dashboard, DashboardOnboarding, Role, Run, RunSummary, Task } from '../api/types';

export interface Portfolio {
  dashboard: Dashboard;
  fromServer: boolean;
}

export async function loadPortfolio(): Promise<Portfolio> {
  try {
    return { dashboard: await api.dashboard(), fromServer: true };
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const [runs, tasks] = await Promise.all([api.runs(), api.tasks('state=open')]);
  const onboardings = runs.filter((r) => r.process === 'gemeinde-onboarding');
  const details = await Promise.all(onboardings.map((r) => api.run(r.id).catch(() => undefined)));
  return {
    fromServer: false,
    dashboard: {
      onboardings: details.filter((r): r is Run => !!r).map((r) => fromRun(r, tasks)),
      counts: countByProcessAndStatus(runs),
    },
  };
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
