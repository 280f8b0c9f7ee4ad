// A run's audit trail as stored, in seq order.
import type { DomainEvent, EventType, RunSnapshot, TaskSnapshot } from '../domain/events';
import type { TaskScope } from '../domain/policy';
import type { Queryable } from './db';

export interface StoredEvent {
  runId: string;
  seq: number;
  at: string;
  type: EventType;
  actor?: string;
  data: Record<string, unknown>;
  /** who may act on the task the event concerns, for the policy's view of the trail (domain/policy.ts) */
  task?: TaskScope;
}

interface EventRow {
  run_id: string;
  seq: number;
  at: Date;
  type: EventType;
  actor: string | null;
  data: Record<string, unknown>;
}

/** The fields every event has, from its row. */
function eventOf(r: EventRow): Omit<StoredEvent, 'task'> {
  return {
    runId: r.run_id,
    seq: r.seq,
    at: r.at.toISOString(),
    type: r.type,
    ...(r.actor !== null ? { actor: r.actor } : {}),
    data: r.data,
  };
}

/** Events after `afterSeq` (default: from the start); all of them unless `limit` is given. */
export async function runEvents(
  q: Queryable,
  runId: string,
  opts: { afterSeq?: number; limit?: number } = {},
): Promise<StoredEvent[]> {
  const params: unknown[] = [runId, opts.afterSeq ?? 0];
  const limit = opts.limit !== undefined ? `LIMIT $${params.push(Math.max(0, Math.floor(opts.limit)))}` : '';
  const { rows } = await q.query<EventRow & { task_scope: TaskScope | null }>(
    `SELECT run_id, seq, at, type, actor, data,
            CASE WHEN task IS NULL THEN NULL
                 ELSE jsonb_build_object('candidateRoles', task->'candidateRoles', 'ags', task->'ags') END AS task_scope
     FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq ${limit}`,
    params,
  );
  return rows.map((r) => ({ ...eventOf(r), ...(r.task_scope !== null ? { task: r.task_scope } : {}) }));
}

/** The largest seq the events table holds (an integer column): "the latest" for runAsOf and cursors. */
export const MAX_SEQ = 2 ** 31 - 1;

/** The run as it was at event `seq`: its latest snapshot at or before that event (the log is append-only, so the
 * answer never changes). Mail about a task event needs the run's lead and name as of that event. */
export async function runAsOf(q: Queryable, runId: string, seq: number): Promise<RunSnapshot | undefined> {
  const { rows } = await q.query<{ run: RunSnapshot }>(
    'SELECT run FROM events WHERE run_id = $1 AND seq <= $2 AND run IS NOT NULL ORDER BY seq DESC LIMIT 1',
    [runId, seq],
  );
  return rows[0]?.run;
}

/**
 * The stored events `fromSeq`..`toSeq` of a run, whole, as the engine gave them: its notification activity takes
 * this range instead of the events (issue 19: they are in the workflow's history once, with the append, not twice).
 */
export async function eventBatch(q: Queryable, runId: string, fromSeq: number, toSeq: number): Promise<DomainEvent[]> {
  const { rows } = await q.query<EventRow & { run: RunSnapshot | null; task: TaskSnapshot | null }>(
    'SELECT run_id, seq, at, type, actor, data, run, task FROM events WHERE run_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
    [runId, fromSeq, toSeq],
  );
  return rows.map((r) => ({ ...eventOf(r), ...(r.run !== null ? { run: r.run } : {}), ...(r.task !== null ? { task: r.task } : {}) }));
}
