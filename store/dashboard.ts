// The portfolio: a page of the running onboardings with their open work by team, the key figures over all of them,
// run counts, and completed runs per year (the counts and durations kept by migration 017's triggers).
import type { RunSnapshot } from '../domain/events';
import type { Queryable } from './db';
import { decodeCursor, encodeCursor } from './cursor';
import { InvalidCursorError } from './errors';
import { clampLimit, Params } from './params';
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
  /** when the onboarding started (the year plan's bar begins there) */
  startedAt: string;
  /** open tasks of the onboarding and all its child runs */
  openTasks: number;
  overdueTasks: number;
  /** per candidate role; a task open for two roles counts for both teams */
  tasksByTeam: Record<string, TeamLoad>;
  nextMilestones: NonNullable<RunSnapshot['nextMilestones']>;
}

export interface Dashboard {
  /** one page of the running onboardings, in the order of their target go-live */
  onboardings: OnboardingSummary[];
  /** the key after this page (opaque), null on the last page */
  nextCursor: string | null;
  /** over every running onboarding in scope (not only this page): the portfolio's key figures */
  totals: { running: number; red: number; openTasks: number; overdueTasks: number };
  counts: { process: string; status: string; count: number }[];
  /** durations in calendar days (Europe/Berlin), from start to completion */
  completedByYear: { year: number; process: string; count: number; avgDays: number; minDays: number; maxDays: number }[];
}

export interface DashboardOptions {
  /** tenant scope: only these Gemeinden (empty: none) */
  agsIn?: string[];
  /** count only open tasks of this candidate role (a Gemeinde user's figures: its own work, not the teams') */
  role?: string;
  /** the page of onboardings: how many, after which (a `nextCursor`; a forged one: InvalidCursorError) */
  limit?: number;
  cursor?: string;
  /** only onboardings of this traffic light, or with open tasks for this team */
  health?: string;
  team?: string;
  now?: Date;
}

export const DEFAULT_PAGE = 50;

// Keyset paging in the list's order (target go-live with undated last, Gemeinde, id): a page stays right while
// onboardings start or finish between two requests.
function cursorAfter(row: RunRow): string {
  return encodeCursor([row.target_go_live ?? null, row.gemeinde_name, row.id]);
}

function after(p: Params, cursor: string): string {
  const [target, name, id] = decodeCursor(cursor, 3, [true, false, false]);
  if (target !== null && !/^\d{4}-\d{2}-\d{2}$/.test(target)) throw new InvalidCursorError();
  const rest = `(gemeinde_name, id) > (${p.add(name)}::text, ${p.add(id)}::text)`;
  if (target === null) return `AND target_go_live IS NULL AND ${rest}`;
  const t = p.add(target);
  return `AND (target_go_live > ${t}::date OR target_go_live IS NULL OR (target_go_live = ${t}::date AND ${rest}))`;
}

export async function dashboard(q: Queryable, opts: DashboardOptions = {}): Promise<Dashboard> {
  const now = (opts.now ?? new Date()).toISOString();
  const limit = clampLimit(opts.limit, DEFAULT_PAGE);
  const p = new Params();
  const scope = opts.agsIn !== undefined ? `AND ags = ANY(${p.add(opts.agsIn)}::text[])` : '';
  const running = `process = 'gemeinde-onboarding' AND status = 'running' ${scope}`;
  // a team's open work as the page shows it: for a Gemeinde user only its own role's
  const team = opts.team === undefined ? undefined : opts.role === undefined || opts.role === opts.team ? opts.team : null;
  const pq = p.copy();
  const filters = [
    opts.cursor !== undefined ? after(pq, opts.cursor) : '',
    opts.health !== undefined ? `AND health = ${pq.add(opts.health)}` : '',
    team === null ? 'AND false' : team !== undefined
      ? `AND EXISTS (SELECT FROM task_roles tr WHERE tr.root_id = runs.id AND tr.state IN ('open', 'review') AND tr.role = ${pq.add(team)})` : '',
  ].join(' ');

  const [page, totals, open, counts, completed] = await Promise.all([
    q.query<RunRow>(
      `SELECT * FROM runs WHERE ${running} ${filters}
       ORDER BY target_go_live NULLS LAST, gemeinde_name, id LIMIT ${pq.add(limit + 1)}`,
      pq.values,
    ),
    q.query<{ running: number; red: number }>(
      `SELECT count(*)::integer AS running, count(*) FILTER (WHERE health = 'red')::integer AS red FROM runs WHERE ${running}`,
      p.values,
    ),
    openTasksOfAll(q, running, p, now, opts.role),
    // kept by the triggers of migration 017, a few rows per Gemeinde
    q.query<{ process: string; status: string; count: number }>(
      `SELECT process, status, sum(count)::integer AS count FROM run_counts WHERE true ${scope}
       GROUP BY process, status HAVING sum(count) > 0 ORDER BY process, status`,
      p.values,
    ),
    q.query<Dashboard['completedByYear'][number]>(
      `SELECT year, process, sum(count)::integer AS count,
              round(sum(sum_days)::numeric / sum(count), 1)::double precision AS "avgDays",
              min(min_days) AS "minDays", max(max_days) AS "maxDays"
       FROM run_durations WHERE true ${scope}
       GROUP BY year, process HAVING sum(count) > 0 ORDER BY year, process`,
      p.values,
    ),
  ]);

  const rows = page.rows.slice(0, limit);
  const load = await openTasksByRoot(q, rows.map((r) => r.id), now, opts.role);
  const onboardings = rows.map((row): OnboardingSummary => {
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
      startedAt: run.startedAt,
      openTasks: l?.open ?? 0,
      overdueTasks: l?.overdue ?? 0,
      tasksByTeam: l?.byTeam ?? {},
      nextMilestones: run.nextMilestones ?? [],
    };
  });
  return {
    onboardings,
    nextCursor: page.rows.length > limit ? cursorAfter(rows[rows.length - 1]) : null,
    totals: { ...totals.rows[0], openTasks: open.open, overdueTasks: open.overdue },
    counts: counts.rows,
    completedByYear: completed.rows,
  };
}

/**
 * Open and overdue tasks below every running onboarding in scope (the sum of all pages' figures): the open ones
 * (in review too, migration 023) from the counts kept by the trigger, the overdue ones an index range over the
 * overdue tasks alone. Both as the task lists count them: open includes review, overdue is open past its due time.
 */
async function openTasksOfAll(q: Queryable, running: string, scope: Params, now: string, role?: string): Promise<TeamLoad> {
  const p = scope.copy();
  const roots = `(SELECT id FROM runs WHERE ${running})`;
  const { rows } = await q.query<TeamLoad>(
    `SELECT (SELECT coalesce(sum(open), 0)::integer FROM open_task_counts WHERE role = ${p.add(role ?? '')} AND root_id IN ${roots}) AS open,
            (SELECT count(*)::integer FROM ${role === undefined ? 'tasks' : 'task_roles'}
             WHERE state = 'open' AND due_sort < ${p.add(now)}::timestamptz AND root_id IN ${roots}
             ${role === undefined ? '' : `AND role = ${p.add(role)}`}) AS overdue`,
    p.values,
  );
  return rows[0];
}

interface RootLoad extends TeamLoad {
  byTeam: Record<string, TeamLoad>;
}

/** Open and overdue tasks below each root run, in total and per candidate role. */
async function openTasksByRoot(q: Queryable, roots: string[], now: string, role?: string): Promise<Map<string, RootLoad>> {
  const load = new Map<string, RootLoad>();
  if (roots.length === 0) return load;
  // role '' holds a root's open tasks once each; the other rows, per candidate role
  const params = role === undefined ? [roots, now] : [roots, now, role];
  const [open, overdue, overdueByTeam] = await Promise.all([
    q.query<{ root_id: string; role: string; open: number }>(
      `SELECT root_id, role, open FROM open_task_counts WHERE root_id = ANY($1::text[]) ${role === undefined ? '' : `AND role = $2`}`,
      role === undefined ? [roots] : [roots, role],
    ),
    role === undefined
      ? q.query<{ root_id: string; role: string; overdue: number }>(
        `SELECT root_id, '' AS role, count(*)::integer AS overdue FROM tasks
         WHERE root_id = ANY($1::text[]) AND state = 'open' AND due_sort < $2::timestamptz GROUP BY root_id`,
        params,
      )
      : { rows: [] },
    q.query<{ root_id: string; role: string; overdue: number }>(
      `SELECT root_id, role, count(*)::integer AS overdue FROM task_roles
       WHERE root_id = ANY($1::text[]) AND state = 'open' AND due_sort < $2::timestamptz ${role === undefined ? '' : 'AND role = $3'}
       GROUP BY root_id, role`,
      params,
    ),
  ]);
  const overdueOf = new Map([...overdue.rows, ...overdueByTeam.rows].map((r) => [`${r.root_id}|${r.role}`, r.overdue]));
  const total = role ?? '';
  for (const r of open.rows) {
    const l = load.get(r.root_id) ?? { open: 0, overdue: 0, byTeam: {} };
    load.set(r.root_id, l);
    const figures = { open: r.open, overdue: overdueOf.get(`${r.root_id}|${r.role}`) ?? 0 };
    if (r.role === total) Object.assign(l, figures);
    if (r.role !== '') l.byTeam[r.role] = figures;
  }
  return load;
}
