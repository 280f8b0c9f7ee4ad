// Appending to the event log: idempotent on (run, seq), contiguous per run, projections updated in the same
// transaction so the read model never disagrees with the log.
import type { DomainEvent } from '../domain/events';
import type { Queryable } from './db';
import { EventGapError, InvalidEventError } from './errors';
import { LOCK_NAMESPACE, PROJECTION_LOCK } from './locks';

export async function lastSeq(q: Queryable, runId: string): Promise<number> {
  const { rows } = await q.query<{ last: number }>(
    'SELECT coalesce(max(seq), 0)::integer AS last FROM events WHERE run_id = $1',
    [runId],
  );
  return rows[0].last;
}

function validate(e: DomainEvent): void {
  const where = `event ${String(e.runId)}#${String(e.seq)}`;
  if (typeof e.runId !== 'string' || e.runId === '') throw new InvalidEventError(`${where}: runId missing`);
  if (!Number.isInteger(e.seq) || e.seq < 1) throw new InvalidEventError(`${where}: seq must be a positive integer`);
  if (typeof e.type !== 'string' || !e.type) throw new InvalidEventError(`${where}: type missing`);
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) throw new InvalidEventError(`${where}: bad time ${e.at}`);
  // last_seq guards compare seqs of one run's stream; a snapshot of another run would compare apples and pears
  if (e.run && e.run.id !== e.runId) throw new InvalidEventError(`${where}: carries a snapshot of run ${e.run.id}`);
  if (e.task && e.task.runId !== e.runId) {
    throw new InvalidEventError(`${where}: carries task ${e.task.id} of run ${e.task.runId}`);
  }
}

/** The batch validated, each (run, seq) once: the database's gap check counts a run's new rows. */
function distinct(events: DomainEvent[]): DomainEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    validate(e);
    const key = `${e.runId}#${e.seq}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One call of the database's append_events (migration 018): the locks, the last seqs, the gap check, the insert and
 * the projections in one round trip and one transaction, whatever the number of runs in the batch.
 */
export async function appendEvents(q: Queryable, events: DomainEvent[]): Promise<{ appended: number }> {
  if (events.length === 0) return { appended: 0 };
  const rows = distinct(events).map((e) => ({
    runId: e.runId, seq: e.seq, at: e.at, type: e.type, actor: e.actor ?? null, data: e.data ?? {},
    run: e.run ?? null, task: e.task ?? null,
  }));
  try {
    const { rows: result } = await q.query<{ appended: number }>(
      'SELECT append_events($1::text::jsonb, $2, $3) AS appended',
      [JSON.stringify(rows), LOCK_NAMESPACE, PROJECTION_LOCK],
    );
    return { appended: result[0].appended };
  } catch (err) {
    throw gapOf(err) ?? err;
  }
}

/** The function's 'event_gap' as the error callers tell apart (the activity resends from the expected seq). */
function gapOf(err: unknown): EventGapError | undefined {
  const { message, detail } = err as { message?: unknown; detail?: unknown };
  if (message !== 'event_gap' || typeof detail !== 'string') return undefined;
  const gap = JSON.parse(detail) as { runId: string; expected: number; got: number };
  return new EventGapError(gap.runId, gap.expected, gap.got);
}
