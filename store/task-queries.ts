// Task lists (the inbox) from the `tasks` projection, soonest due first, undated last, then by id.
import type { TaskSnapshot } from '../domain/events';
import { workByScope, type WorkScope } from '../domain/policy';
import type { Queryable } from './db';
import { cursorTime, decodeCursor, encodeCursor } from './cursor';
import { clampLimit, Params } from './params';
import type { Page } from './run-queries';
import { taskFromRow, type TaskRow } from './rows';

export interface TaskFilter {
  /** without it: open, in review and done, never cancelled; `open` includes tasks in review (still work to do) */
  state?: 'open' | 'review' | 'done';
  /** tasks this role may act on (any of the task's candidate roles) */
  role?: string;
  ags?: string;
  /** tenant scope: only tasks of these Gemeinden (empty: none) */
  agsIn?: string[];
  assignee?: string;
  /** tasks of this run and all its descendant runs (the hierarchy is two deep: onboarding, then its children) */
  root?: string;
  /** true: open and past due; false: everything else */
  overdue?: boolean;
  /** only tasks due before this instant (undated ones never) */
  dueBefore?: Date;
  /**
   * A person's work: the query narrows to `scope` (domain/policy.ts, workScope); a task the scope alone makes work
   * (workByScope) is kept, `keep` decides the others (isWorkFor). Pages are filled by reading on; a page may come
   * back short, never with a task refused.
   */
  work?: { scope: WorkScope; keep: (task: TaskSnapshot) => boolean };
  now?: Date;
  limit?: number;
  cursor?: string;
}

const LISTED_STATES = ['open', 'review', 'done'] as const;
type ListedState = (typeof LISTED_STATES)[number];

/** Where one branch reads its rows from, in list order: a role's entries in task_roles, or tasks itself. */
interface Source {
  from: string;
  /** how the source reaches the tasks' own columns (none needed when it is tasks) */
  join?: string;
  state: string;
  due: string;
  id: string;
  /** whether the task is work by the scope alone (task_roles keeps it; read from tasks only for incidents: never) */
  byScope: string;
  where: string[];
}

const TASKS: Source = { from: 'tasks t', state: 't.state', due: 't.due_sort', id: 't.id', byScope: 'false', where: [] };
const byRole = (role: string): Source => ({
  from: 'task_roles r', join: 'JOIN tasks t ON t.id = r.task_id', state: 'r.state', due: 'r.due_sort', id: 'r.task_id', byScope: 'r.by_scope', where: [`r.role = ${role}`],
});

/** What a statement reads: whole tasks (a page), or only ids, sort keys and by_scope (a count). */
type Read = 'rows' | 'keys';

/**
 * The sources of one state: the role's index (a role filter), tasks (none), or for a person's work one per role of
 * the scope and the open incidents; the role filter then is a condition on the task's candidate roles.
 */
function sources(state: ListedState, f: TaskFilter, ph: Record<string, string>): Source[] {
  if (!f.work) return [f.role !== undefined ? byRole(ph.role) : TASKS];
  const { scope } = f.work;
  const all = scope.roles.map((role, i) => {
    const s = byRole(ph[`workRole${i}`]);
    return role === 'gemeinde' ? { ...s, where: [...s.where, `t.ags = ANY(${ph.workAgs}::text[])`] } : s;
  });
  if (scope.incidents && state === 'open') all.push({ ...TASKS, where: ['t.incident IS NOT NULL'] });
  return f.role === undefined ? all : all.map((s) => ({ ...s, where: [...s.where, `${ph.role} = ANY(t.candidate_roles)`] }));
}

/**
 * One ordered, limited SELECT per state and source. Each is an index range already in list order (a role filter
 * reads task_roles, the rest tasks, open incidents their partial index), so a page costs about `limit` index entries
 * however many tasks there are.
 */
function branch(state: ListedState, s: Source, f: TaskFilter, ph: Record<string, string>, read: Read): string | null {
  const where = [`${s.state} = '${state}'`, ...s.where];
  if (f.ags !== undefined) where.push(`t.ags = ${ph.ags}`);
  // one Gemeinde (the usual tenant) as equality, so the (ags, state, due_sort, id) index returns rows in list order
  if (f.agsIn !== undefined) where.push(f.agsIn.length === 1 ? `t.ags = ${ph.agsIn}` : `t.ags = ANY(${ph.agsIn}::text[])`);
  if (f.assignee !== undefined) where.push(`t.assignee = ${ph.assignee}`);
  if (f.root !== undefined) where.push(`(t.root_id = ${ph.root} OR t.run_id = ${ph.root})`);
  if (f.overdue === true) {
    if (state !== 'open') return null;
    where.push(`${s.due} < ${ph.now}::timestamptz`);
  } else if (f.overdue === false && state === 'open') {
    where.push(`${s.due} >= ${ph.now}::timestamptz`);
  }
  if (ph.dueBefore !== undefined) where.push(`${s.due} < ${ph.dueBefore}::timestamptz`);
  if (ph.afterDue !== undefined) {
    where.push(`(${s.due}, ${s.id}) > (coalesce(${ph.afterDue}::timestamptz, 'infinity'::timestamptz), ${ph.afterId})`);
  }
  // a count from task_roles alone, unless a condition names the task's own columns (any `t.`, so that a new filter
  // cannot forget it): the join reads a task per entry
  const join = s.join !== undefined && (read === 'rows' || where.some((w) => /\bt\./.test(w))) ? ` ${s.join}` : '';
  const columns = read === 'rows' ? 't.*' : `${s.id} AS id, ${s.due} AS due_sort, ${s.byScope} AS by_scope`;
  return `(SELECT ${columns} FROM ${s.from}${join} WHERE ${where.join(' AND ')} ORDER BY ${s.due}, ${s.id} LIMIT ${ph.limit})`;
}

/** The first `limit` tasks after `cursor` in list order, as one statement (a task in two branches comes once). */
function statement(f: TaskFilter, cursor: string | undefined, limit: number, read: Read = 'rows'): { sql: string; values: unknown[] } | null {
  const p = new Params();
  const ph: Record<string, string> = { limit: p.add(limit) };
  if (f.role !== undefined) ph.role = p.add(f.role);
  if (f.ags !== undefined) ph.ags = p.add(f.ags);
  if (f.agsIn !== undefined) ph.agsIn = p.add(f.agsIn.length === 1 ? f.agsIn[0] : f.agsIn);
  if (f.assignee !== undefined) ph.assignee = p.add(f.assignee);
  if (f.root !== undefined) ph.root = p.add(f.root);
  // only the open branch compares with now: a parameter no statement uses is an error in PostgreSQL
  if (f.overdue !== undefined && (f.state ?? 'open') === 'open') ph.now = p.add((f.now ?? new Date()).toISOString());
  if (f.dueBefore !== undefined) ph.dueBefore = p.add(f.dueBefore.toISOString());
  if (f.work) {
    f.work.scope.roles.forEach((role, i) => (ph[`workRole${i}`] = p.add(role)));
    if (f.work.scope.roles.includes('gemeinde')) ph.workAgs = p.add(f.work.scope.gemeinden);
  }
  if (cursor !== undefined) {
    const [dueAt, id] = decodeCursor(cursor, 2, [true, false]);
    ph.afterDue = p.add(cursorTime(dueAt));
    ph.afterId = p.add(id);
  }
  const states: readonly ListedState[] = f.state === 'open' ? ['open', 'review'] : f.state ? [f.state] : LISTED_STATES;
  const perState = states.map((state) => sources(state, f, ph));
  const branches = perState
    .flatMap((all, i) => all.map((s) => branch(states[i], s, f, ph, read)))
    .filter((b): b is string => b !== null);
  // a task is in one state, so only several sources of one state (roles, incidents) can name it twice
  const twice = perState.some((all) => all.length > 1);
  if (branches.length === 0) return null;
  const sql = branches.length === 1
    ? branches[0]
    : `SELECT ${twice ? 'DISTINCT ON (due_sort, id) ' : ''}* FROM (${branches.join(' UNION ALL ')}) u ORDER BY due_sort, id LIMIT ${ph.limit}`;
  return { sql, values: p.values };
}

/** A page's rows, whole. */
async function readRows(q: Queryable, f: TaskFilter, cursor: string | undefined, limit: number): Promise<TaskSnapshot[]> {
  const st = statement(f, cursor, limit);
  if (!st) return [];
  const { rows } = await q.query<TaskRow>(st.sql, st.values);
  return rows.map(taskFromRow);
}

const cursorOf = (t: TaskSnapshot): string => encodeCursor([t.dueAt ?? null, t.id]);

function keeps(f: TaskFilter): (t: TaskSnapshot) => boolean {
  const work = f.work;
  return work ? (t) => workByScope(t) || work.keep(t) : () => true;
}

/** How many rows a page of a person's work reads at most before it returns short (with a cursor to go on). */
const WORK_SCANS = 10;

export async function listTasks(q: Queryable, f: TaskFilter): Promise<Page<TaskSnapshot>> {
  if (f.state !== undefined && !LISTED_STATES.includes(f.state)) throw new TypeError(`unknown task state ${String(f.state)}`);
  const limit = clampLimit(f.limit);
  const keep = keeps(f);
  const items: TaskSnapshot[] = [];
  let cursor = f.cursor;
  for (let scan = 0; scan < WORK_SCANS; scan++) {
    const rows = await readRows(q, f, cursor, limit + 1);
    for (const t of rows) {
      if (!keep(t)) continue;
      if (items.length === limit) return { items, nextCursor: cursorOf(items[limit - 1]) };
      items.push(t);
    }
    if (rows.length <= limit) return { items, nextCursor: null };
    cursor = cursorOf(rows[rows.length - 1]);
  }
  // a short page: the rows read so far held fewer than `limit` tasks to keep; the next page reads on from there
  return { items, nextCursor: cursor ?? null };
}

/** How many tasks a list holds, counted up to a cap: with `capped`, at least `count`. */
export interface TaskCount {
  count: number;
  capped: boolean;
}

/** How many tasks the list of `f` holds, reading at most `cap` + 1 of them (a bounded cost at any size). */
export async function countTasks(q: Queryable, f: TaskFilter, cap: number): Promise<TaskCount> {
  const st = statement(f, undefined, cap + 1, 'keys');
  if (!st) return { count: 0, capped: false };
  if (!f.work) {
    const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${st.sql}) c`, st.values);
    return { count: Math.min(rows[0].n, cap), capped: rows[0].n > cap };
  }
  // a person's work: the entries task_roles marks as work by the scope alone are counted; only the others are read
  const { rows } = await q.query<{ n: number; byScope: number; ruled: string[] | null }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE by_scope)::int AS "byScope", array_agg(id) FILTER (WHERE NOT by_scope) AS ruled
     FROM (${st.sql}) c`,
    st.values,
  );
  const { n, byScope, ruled } = rows[0];
  const read = ruled?.length ? (await q.query<TaskRow>('SELECT * FROM tasks WHERE id = ANY($1::text[])', [ruled])).rows : [];
  const count = byScope + read.map(taskFromRow).filter(keeps(f)).length;
  return { count: Math.min(count, cap), capped: n > cap };
}

export async function getTask(q: Queryable, id: string): Promise<TaskSnapshot | undefined> {
  const { rows } = await q.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
  return rows[0] ? taskFromRow(rows[0]) : undefined;
}
