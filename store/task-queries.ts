// Task lists (the inbox) from the `tasks` projection, soonest due first, undated last, then by id.
import type { TaskSnapshot } from '../domain/events';
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
  now?: Date;
  limit?: number;
  cursor?: string;
}

const LISTED_STATES = ['open', 'review', 'done'] as const;
type ListedState = (typeof LISTED_STATES)[number];

/**
 * One ordered, limited SELECT per state. Each is an index range already in list order (a role filter reads
 * task_roles, the rest tasks), so a page costs about `limit` index entries however many tasks there are.
 */
function branch(state: ListedState, f: TaskFilter, ph: Record<string, string>): string | null {
  // the sort key (state, due_sort, id) comes from task_roles when filtering by role, else from tasks
  const k = f.role !== undefined
    ? { from: 'task_roles r JOIN tasks t ON t.id = r.task_id', state: 'r.state', due: 'r.due_sort', id: 'r.task_id' }
    : { from: 'tasks t', state: 't.state', due: 't.due_sort', id: 't.id' };
  const where = [`${k.state} = '${state}'`];
  if (f.role !== undefined) where.push(`r.role = ${ph.role}`);
  if (f.ags !== undefined) where.push(`t.ags = ${ph.ags}`);
  // one Gemeinde (the usual tenant) as equality, so the (ags, state, due_sort, id) index returns rows in list order
  if (f.agsIn !== undefined) where.push(f.agsIn.length === 1 ? `t.ags = ${ph.agsIn}` : `t.ags = ANY(${ph.agsIn}::text[])`);
  if (f.assignee !== undefined) where.push(`t.assignee = ${ph.assignee}`);
  if (f.root !== undefined) where.push(`(t.root_id = ${ph.root} OR t.run_id = ${ph.root})`);
  if (f.overdue === true) {
    if (state !== 'open') return null;
    where.push(`${k.due} < ${ph.now}::timestamptz`);
  } else if (f.overdue === false && state === 'open') {
    where.push(`${k.due} >= ${ph.now}::timestamptz`);
  }
  if (ph.afterDue !== undefined) {
    where.push(`(${k.due}, ${k.id}) > (coalesce(${ph.afterDue}::timestamptz, 'infinity'::timestamptz), ${ph.afterId})`);
  }
  return `(SELECT t.* FROM ${k.from} WHERE ${where.join(' AND ')} ORDER BY ${k.due}, ${k.id} LIMIT ${ph.limit})`;
}

export async function listTasks(q: Queryable, f: TaskFilter): Promise<Page<TaskSnapshot>> {
  if (f.state !== undefined && !LISTED_STATES.includes(f.state)) throw new TypeError(`unknown task state ${String(f.state)}`);
  const limit = clampLimit(f.limit);
  const p = new Params();
  const ph: Record<string, string> = { limit: p.add(limit + 1) };
  if (f.role !== undefined) ph.role = p.add(f.role);
  if (f.ags !== undefined) ph.ags = p.add(f.ags);
  if (f.agsIn !== undefined) ph.agsIn = p.add(f.agsIn.length === 1 ? f.agsIn[0] : f.agsIn);
  if (f.assignee !== undefined) ph.assignee = p.add(f.assignee);
  if (f.root !== undefined) ph.root = p.add(f.root);
  // only the open branch compares with now: a parameter no statement uses is an error in PostgreSQL
  if (f.overdue !== undefined && (f.state ?? 'open') === 'open') ph.now = p.add((f.now ?? new Date()).toISOString());
  if (f.cursor !== undefined) {
    const [dueAt, id] = decodeCursor(f.cursor, 2, [true, false]);
    ph.afterDue = p.add(cursorTime(dueAt));
    ph.afterId = p.add(id);
  }
  const states: readonly ListedState[] = f.state === 'open' ? ['open', 'review'] : f.state ? [f.state] : LISTED_STATES;
  const branches = states
    .map((state) => branch(state, f, ph))
    .filter((b): b is string => b !== null);
  if (branches.length === 0) return { items: [], nextCursor: null };
  const sql = branches.length === 1
    ? branches[0]
    : `SELECT * FROM (${branches.join(' UNION ALL ')}) u ORDER BY due_sort, id LIMIT ${ph.limit}`;
  const { rows } = await q.query<TaskRow>(sql, p.values);
  const items = rows.slice(0, limit).map(taskFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.dueAt ?? null, last.id]) : null };
}

export async function getTask(q: Queryable, id: string): Promise<TaskSnapshot | undefined> {
  const { rows } = await q.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
  return rows[0] ? taskFromRow(rows[0]) : undefined;
}
