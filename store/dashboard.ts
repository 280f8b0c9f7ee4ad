// The portfolio: every running onboarding with its open work by team, run counts, and completed runs per year.
import type { RunSnapshot } from '../domain/events';
import type { Queryable } from './db';
import { Params } from './params';
import { runFromRow, type RunRow } from './rows';

export interface TeamLoad {
  open: number;
  overdue: number;
}

export interface OnboardingSummary {
  id: string;
  gemeinde: { ags: string; name: string };
  phase: string;
  phaseTitle: string;
  progress: number;
  health: RunSnapshot['health'];
  /** why the onboarding is amber or red, in German (empty when green) */
  healthReasons: NonNullable<RunSnapshot['healthReasons']>;
  targetGoLive?: string;
  projectedGoLive?: string;
  projectLead?: string;
  /** open tasks of the onboarding and all its child runs */
  openTasks: number;
  overdueTasks: number;
  /** per candidate role; a task open for two roles counts for both teams */
  tasksByTeam: Record<string, TeamLoad>;
  nextMilestones: NonNullable<RunSnapshot['nextMilestones']>;
}

export interface Dashboard {
  onboardings: OnboardingSummary[];
  counts: { process: string; status: string; count: number }[];
  /** durations in calendar days (Europe/Berlin), from start to completion */
  completedByYear: { year: number; process: string; count: number; avgDays: number; minDays: number; maxDays: number }[];
}

export interface DashboardOptions {
  /** tenant scope: only these Gemeinden (empty: none) */
  agsIn?: string[];
  /** count only open tasks of this candidate role (a Gemeinde user's figures: its own work, not the teams') */
  role?: string;
  now?: Date;
}

const TIME_ZONE = 'Europe/Berlin';

export async function dashboard(q: Queryable, opts: DashboardOptions = {}): Promise<Dashboard> {
  const now = (opts.now ?? new Date()).toISOString();
  const p = new Params();
  const scope = opts.agsIn !== undefined ? `AND ags = ANY(${p.add(opts.agsIn)}::text[])` : '';

  const [running, counts, completed] = await Promise.all([
    q.query<RunRow>(
      `SELECT * FROM runs WHERE process = 'gemeinde-onboarding' AND status = 'running' ${scope}
       ORDER BY target_go_live NULLS LAST, gemeinde_name, id`,
      p.values,
    ),
    q.query<{ process: string; status: string; count: number }>(
      `SELECT process, status, count(*)::integer AS count FROM runs WHERE true ${scope}
       GROUP BY process, status ORDER BY process, status`,
      p.values,
    ),
    q.query<Dashboard['completedByYear'][number]>(
      `SELECT year, process, count(*)::integer AS count, round(avg(days), 1)::double precision AS "avgDays",
              min(days) AS "minDays", max(days) AS "maxDays"
       FROM (
         SELECT process,
                extract(year FROM completed_at AT TIME ZONE '${TIME_ZONE}')::integer AS year,
                (completed_at AT TIME ZONE '${TIME_ZONE}')::date - (started_at AT TIME ZONE '${TIME_ZONE}')::date AS days
         FROM runs WHERE status = 'completed' AND completed_at IS NOT NULL ${scope}
       ) c
       GROUP BY year, process ORDER BY year, process`,
      p.values,
    ),
  ]);

  const roots = running.rows.map((r) => r.id);
  const load = await openTasksByRoot(q, roots, now, opts.role);
  const onboardings = running.rows.map((row): OnboardingSummary => {
    const run = runFromRow(row);
    const l = load.get(run.id);
    return {
      id: run.id,
      gemeinde: { ags: run.ags, name: run.gemeindeName },
      phase: run.phase,
      phaseTitle: run.phaseTitle,
      progress: run.progress,
      health: run.health,
      healthReasons: run.healthReasons ?? [],
      targetGoLive: run.targetGoLive,
      projectedGoLive: run.projectedGoLive,
      projectLead: run.projectLead,
      openTasks: l?.open ?? 0,
      overdueTasks: l?.overdue ?? 0,
      tasksByTeam: l?.byTeam ?? {},
      nextMilestones: run.nextMilestones ?? [],
    };
  });
  return { onboardings, counts: counts.rows, completedByYear: completed.rows };
}

interface RootLoad extends TeamLoad {
  byTeam: Record<string, TeamLoad>;
}

/** Open and overdue tasks below each root run, in total and per candidate role. */
async function openTasksByRoot(q: Queryable, roots: string[], now: string, role?: string): Promise<Map<string, RootLoad>> {
  const load = new Map<string, RootLoad>();
  if (roots.length === 0) return load;
  const count = `count(*)::integer AS open, count(*) FILTER (WHERE due_sort < $2::timestamptz)::integer AS overdue`;
  const [totals, teams] = await Promise.all([
    role === undefined
      ? q.query<{ root_id: string; open: number; overdue: number }>(
        `SELECT root_id, ${count} FROM tasks WHERE root_id = ANY($1::text[]) AND state = 'open' GROUP BY root_id`,
        [roots, now],
      )
      : q.query<{ root_id: string; open: number; overdue: number }>(
        `SELECT root_id, ${count} FROM task_roles WHERE root_id = ANY($1::text[]) AND state = 'open' AND role = $3 GROUP BY root_id`,
        [roots, now, role],
      ),
    q.query<{ root_id: string; role: string; open: number; overdue: number }>(
      `SELECT root_id, role, ${count} FROM task_roles WHERE root_id = ANY($1::text[]) AND state = 'open'
       ${role === undefined ? '' : 'AND role = $3'} GROUP BY root_id, role`,
      role === undefined ? [roots, now] : [roots, now, role],
    ),
  ]);
  for (const t of totals.rows) load.set(t.root_id, { open: t.open, overdue: t.overdue, byTeam: {} });
  for (const t of teams.rows) {
    const l = load.get(t.root_id);
    if (l) l.byTeam[t.role] = { open: t.open, overdue: t.overdue };
  }
  return load;
}
