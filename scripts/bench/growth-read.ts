// Growth of the read model (issue 19, goal 4): the inbox at 1,000 / 10,000 / 100,000 open tasks and the portfolio at
// 100 / 1,000 / 10,000 runs, each read through the API. The three sizes are steps of one growing store: every step
// adds runs and tasks in bulk (multi-row INSERT … SELECT FROM unnest, thousands of rows per statement) straight into
// the read model, `runs` and `tasks` (the trigger fills `task_roles` as for every task). The event path is not what
// grows here, and 200,000 tasks through appendEvents would take longer than the whole benchmark may; the API reads
// the same tables either way. One run in ten is an onboarding, a third of those still running; each step has ten
// open and ten finished tasks per run, spread over every team, due dates around today.
import { performance } from 'node:perf_hooks';
import { DEMO_USERS } from '../../config/users';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { ROLES, type Role } from '../../domain/types';
import type { Db } from '../../store/db';
import { vacuumProjections } from '../../store/maintenance';
import { countTasks, listTasks } from '../../store/task-queries';
import { inboxViews, TASK_COUNT_CAP, taskFilter } from '../../api/task-filter';
import { dashboard } from '../../store/dashboard';
import type { Queryable } from '../../store/db';
import { fetchHttp } from '../bot';
import { inboxFilter, INBOX_REQUESTS, openInbox } from './inbox-load';
import { percentiles, round } from './stats';

export interface GrowthPoint {
  size: number;
  p50Ms: number;
  p95Ms: number;
}

export interface ReadGrowth {
  /** the inbox as a person opens it: the first page of their work and the counts, in parallel (inbox-load.ts) */
  inbox: GrowthPoint[];
  /** of which GET /tasks/counts alone */
  inboxCounts: GrowthPoint[];
  portfolio: GrowthPoint[];
  goals: { inboxP50MsAt100k: number; portfolioP50MsAt10k: number };
  /** the store measured (pglite: the embedded process's own store, as in the `read` phase) */
  backend: string;
  seedSeconds: number[];
  /** EXPLAIN ANALYZE of the inbox's statement at the largest size, for a figure that misses its goal */
  inboxPlan?: string;
  /** the counts' statements at the largest size (assigned, work, all): each one's execution time and plan */
  inboxCountsProfile?: { statement: string; executionMs: number; plan: string }[];
  /** the portfolio's statements at the largest size: each one's execution time (EXPLAIN ANALYZE) and plan's top */
  portfolioProfile?: { statement: string; executionMs: number; plan: string }[];
}

export const READ_GOALS = { inboxP50MsAt100k: 20, portfolioP50MsAt10k: 50 };
const DAY = 86_400_000;
const TEAMS = ROLES.filter((r) => r !== 'admin' && r !== 'vorstand');
const CHUNK = 5000;

/** Inserts `rows` (arrays of column values, all as text) through one unnest per column, CHUNK rows a statement. */
async function insertRows(db: Db, sql: (cols: string[]) => string, width: number, rows: (string | null)[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const columns = Array.from({ length: width }, (_, c) => chunk.map((r) => r[c]));
    await db.query(sql(columns.map((_, c) => `$${c + 1}::text[]`)), columns);
  }
}

function runRows(from: number, to: number, now: number): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = from; i < to; i++) {
    const group = Math.floor(i / 10);
    const g = GEMEINDEN[group % GEMEINDEN.length];
    const rootRunning = group % 3 === 0;
    const onboarding = i % 10 === 0;
    const running = rootRunning && (onboarding || i % 10 < 6);
    const startedAt = running ? now - (group % 200) * DAY : now - (300 + (i * 7) % 1200) * DAY;
    const target = startedAt + 240 * DAY;
    const process = onboarding ? 'gemeinde-onboarding' : i % 10 < 7 ? 'verfahren-migration' : 'arbeitsplatz-rollout';
    rows.push([
      `growth-${process}-${i}`, process, `${process} ${i}`, running ? 'running' : 'completed',
      onboarding ? null : `growth-gemeinde-onboarding-${group * 10}`, `growth-gemeinde-onboarding-${group * 10}`,
      g.ags, g.name, running ? 'bestandsaufnahme' : 'abschluss', running ? 'Bestandsaufnahme' : 'Abschluss',
      running ? String((i % 80) / 100) : '1', ['green', 'green', 'amber', 'red'][i % 4],
      onboarding ? iso(target).slice(0, 10) : null, onboarding ? iso(target + (i % 30) * DAY).slice(0, 10) : null,
      onboarding ? `pl-${1 + (group % 4)}` : null, iso(startedAt), running ? null : iso(startedAt + (60 + (i % 90)) * DAY),
      onboarding && running ? JSON.stringify([{ stepId: 'golive', title: 'Go-live', date: iso(target).slice(0, 10) }]) : '[]',
    ]);
  }
  return rows;
}

/** Tasks n in [from, to): open ones on the running runs among the first `runs`, finished ones on any of them. */
function taskRows(from: number, to: number, runs: number, open: boolean, now: number): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const runningGroups = Math.floor((Math.floor(runs / 10) - 1) / 3) + 1;
  for (let n = from; n < to; n++) {
    // a running group is a multiple of 3; in it the onboarding (0) and the running children 1–5
    const group = 3 * (n % runningGroups);
    const i = open ? group * 10 + (Math.floor(n / runningGroups) % 6) : (n * 7919) % runs;
    const onboarding = i % 10 === 0;
    const process = onboarding ? 'gemeinde-onboarding' : i % 10 < 7 ? 'verfahren-migration' : 'arbeitsplatz-rollout';
    const g = GEMEINDEN[Math.floor(i / 10) % GEMEINDEN.length];
    const roles = n % 4 === 0 ? [TEAMS[n % TEAMS.length], TEAMS[(n + 3) % TEAMS.length]] : [TEAMS[(n * 13) % TEAMS.length]];
    const opened = now - (n % 60) * DAY;
    rows.push([
      `growth-${process}-${i}/step-${n}`, `growth-${process}-${i}`, `growth-gemeinde-onboarding-${Math.floor(i / 10) * 10}`,
      `step-${n}`, process, `Aufgabe ${n}`, 'Synthetischer Schritt für Messungen.', ['manual', 'manual', 'external', 'wait'][n % 4],
      open ? 'open' : 'done', roles.join(','), g.ags, g.name, n % 5 === 0 ? `${roles[0]}-1` : null, iso(opened),
      n % 10 === 0 ? null : iso(now + ((n % 100) - 20) * DAY), open ? null : iso(opened + DAY), open ? null : `${roles[0]}-1`,
    ]);
  }
  return rows;
}

export async function seedStep(db: Db, from: { runs: number; tasks: number }, to: { runs: number; tasks: number }, now: number): Promise<void> {
  await insertRows(db, (c) => `INSERT INTO runs (id, process, title, status, parent_id, root_id, ags, gemeinde_name, phase, phase_title,
      progress, health, target_go_live, projected_go_live, project_lead, started_at, completed_at, next_milestones, last_seq)
    SELECT a, b, c, d, e, f, g, h, i, j, k::float8, l, m::date, n::date, o, p::timestamptz, q::timestamptz, r::jsonb, 1
    FROM unnest(${c.join(', ')}) AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r)`, 18, runRows(from.runs, to.runs, now));
  const taskSql = (c: string[]) => `INSERT INTO tasks (id, run_id, root_id, step_id, process, title, description, kind, state,
      candidate_roles, ags, gemeinde_name, assignee, opened_at, due_at, completed_at, completed_by, approvals, form_id, last_seq)
    SELECT a, b, c, d, e, f, g, h, i, string_to_array(j, ','), k, l, m, n::timestamptz, o::timestamptz, p::timestamptz, q,
      '{"required":1,"given":[]}'::jsonb, 'erledigt', 1
    FROM unnest(${c.join(', ')}) AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q)`;
  await insertRows(db, taskSql, 17, taskRows(from.tasks, to.tasks, to.runs, true, now));
  // finished tasks numbered after every open one there will ever be, so the two never share an id
  await insertRows(db, taskSql, 17, taskRows(10_000_000 + from.tasks, 10_000_000 + to.tasks, to.runs, false, now));
  await vacuumProjections(db);
}

/** The statements `fn` sends, EXPLAINed (ANALYZE) with their real parameters, one after another. */
async function plans(db: Db, fn: (q: Queryable) => Promise<unknown>): Promise<{ statement: string; executionMs: number; plan: string }[]> {
  const sent: { sql: string; params: unknown[] }[] = [];
  await fn({ query: (sql, params = []) => (sent.push({ sql, params }), db.query(sql, params)), exec: (sql) => db.exec(sql) });
  const out = [];
  for (const s of sent) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${s.sql}`, s.params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? NaN);
    out.push({ statement: s.sql.replace(/\s+/g, ' ').trim().slice(0, 160), executionMs: ms, plan: plan.join('\n') });
  }
  return out;
}

async function sample(iterations: number, fn: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return percentiles(ms);
}

export async function measureReadGrowth(
  sys: { baseUrl: string; db: Db },
  opts: { steps?: { runs: number; openTasks: number }[]; iterations: number; log: (l: string) => void },
): Promise<ReadGrowth> {
  const steps = opts.steps ?? [{ runs: 100, openTasks: 1000 }, { runs: 1000, openTasks: 10_000 }, { runs: 10_000, openTasks: 100_000 }];
  const http = fetchHttp(sys.baseUrl);
  const members = (['netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'projektleitung', 'bereichsleitung'] as Role[])
    .map((role) => DEMO_USERS.find((u) => u.roles.includes(role))!);
  const board = DEMO_USERS.find((u) => u.id === 'm.huber')!;
  const get = async (path: string, token: string): Promise<void> => {
    const res = await http('GET', path, token);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  };
  const result: ReadGrowth = { inbox: [], inboxCounts: [], portfolio: [], goals: READ_GOALS, backend: sys.db.kind, seedSeconds: [] };
  const now = Date.now();
  let at = { runs: 0, tasks: 0 };
  for (const step of steps) {
    const t0 = performance.now();
    const to = { runs: step.runs, tasks: step.openTasks };
    await seedStep(sys.db, at, to, now);
    at = to;
    result.seedSeconds.push(round((performance.now() - t0) / 1000, 1));
    const inbox = await sample(opts.iterations, (i) => openInbox(get, members[i % members.length].token));
    const counts = await sample(opts.iterations, (i) => get(INBOX_REQUESTS[1], members[i % members.length].token));
    const portfolio = await sample(Math.max(20, Math.round(opts.iterations / 4)), () => get('/api/v1/dashboard', board.token));
    result.inbox.push({ size: step.openTasks, p50Ms: inbox.p50, p95Ms: inbox.p95 });
    result.inboxCounts.push({ size: step.openTasks, p50Ms: counts.p50, p95Ms: counts.p95 });
    result.portfolio.push({ size: step.runs, p50Ms: portfolio.p50, p95Ms: portfolio.p95 });
    opts.log(`  ${step.runs} runs, ${step.openTasks} open tasks (seeded in ${result.seedSeconds.at(-1)} s): inbox p50 ${inbox.p50} ms (counts alone ${counts.p50} ms), portfolio p50 ${portfolio.p50} ms`);
  }
  result.inboxPlan = (await plans(sys.db, (q) => listTasks(q, inboxFilter(members[0]))))[0].plan;
  const views = Object.values(inboxViews(members[0])).map((view) => taskFilter(members[0], view, new Date())!);
  result.inboxCountsProfile = await plans(sys.db, (q) => Promise.all(views.map((f) => countTasks(q, f, TASK_COUNT_CAP))));
  opts.log(`  the inbox's counts at ${at.runs} runs: ${result.inboxCountsProfile.map((p) => `${p.executionMs} ms`).join(', ')}`);
  result.portfolioProfile = await plans(sys.db, (q) => dashboard(q, {}));
  opts.log(`  portfolio's statements at ${at.runs} runs: ${result.portfolioProfile.map((p) => `${p.executionMs} ms`).join(', ')}`);
  return result;
}
