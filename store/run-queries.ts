// Run lists and single runs from the `runs` projection, newest started first.
import type { RunSnapshot } from '../domain/events';
import type { Queryable } from './db';
import { cursorTime, decodeCursor, encodeCursor } from './cursor';
import { clampLimit, Params } from './params';
import { runFromRow, type RunRow } from './rows';

export interface RunFilter {
  process?: string;
  status?: string;
  ags?: string;
  /** tenant scope: only runs of these Gemeinden (empty: none) */
  agsIn?: string[];
  parent?: string;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function listRuns(q: Queryable, filter: RunFilter): Promise<Page<RunSnapshot>> {
  const limit = clampLimit(filter.limit);
  const p = new Params();
  const where: string[] = [];
  if (filter.process !== undefined) where.push(`process = ${p.add(filter.process)}`);
  if (filter.status !== undefined) where.push(`status = ${p.add(filter.status)}`);
  if (filter.ags !== undefined) where.push(`ags = ${p.add(filter.ags)}`);
  if (filter.agsIn !== undefined) where.push(`ags = ANY(${p.add(filter.agsIn)}::text[])`);
  if (filter.parent !== undefined) where.push(`parent_id = ${p.add(filter.parent)}`);
  if (filter.cursor !== undefined) {
    const [startedAt, id] = decodeCursor(filter.cursor, 2);
    where.push(`(started_at, id) < (${p.add(cursorTime(startedAt))}::timestamptz, ${p.add(id)})`);
  }
  const { rows } = await q.query<RunRow>(
    `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY started_at DESC, id DESC LIMIT ${p.add(limit + 1)}`,
    p.values,
  );
  const items = rows.slice(0, limit).map(runFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.startedAt, last.id]) : null };
}

export async function getRun(q: Queryable, id: string): Promise<RunSnapshot | undefined> {
  return (await getRuns(q, [id]))[0];
}

/** the runs of these ids that exist, in no particular order: one statement for a page's worth of lookups */
export async function getRuns(q: Queryable, ids: readonly string[]): Promise<RunSnapshot[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<RunRow>('SELECT * FROM runs WHERE id = ANY($1::text[])', [ids]);
  return rows.map(runFromRow);
}
