// Appending to the event log: idempotent on (run, seq), contiguous per run, projections updated in the same
// transaction so the read model never disagrees with the log.
import type { DomainEvent } from '../domain/events';
import type { Db, Queryable } from './db';
import { EventGapError, InvalidEventError } from './errors';
import { LOCK_NAMESPACE, PROJECTION_LOCK } from './locks';
import { applyProjections, type ProjectionScope } from './projections';

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

/** Events per run in seq order, duplicates within the batch dropped. */
function groupByRun(events: DomainEvent[]): Map<string, DomainEvent[]> {
  const byRun = new Map<string, DomainEvent[]>();
  for (const e of events) {
    validate(e);
    const list = byRun.get(e.runId) ?? [];
    list.push(e);
    byRun.set(e.runId, list);
  }
  for (const [runId, list] of byRun) {
    list.sort((a, b) => a.seq - b.seq);
    byRun.set(runId, list.filter((e, i) => i === 0 || e.seq !== list[i - 1].seq));
  }
  return byRun;
}

/** The events after `last`, refused unless they continue it without a hole. */
function continuation(runId: string, events: DomainEvent[], last: number): DomainEvent[] {
  const newer = events.filter((e) => e.seq > last);
  newer.forEach((e, i) => {
    const expected = i === 0 ? last + 1 : newer[i - 1].seq + 1;
    if (e.seq !== expected) throw new EventGapError(runId, expected, e.seq);
  });
  return newer;
}

const INSERT_EVENTS = `
  INSERT INTO events (run_id, seq, at, type, actor, data, run, task)
  SELECT e->>'runId', (e->>'seq')::integer, (e->>'at')::timestamptz, e->>'type', e->>'actor',
         coalesce(nullif(e->'data', 'null'::jsonb), '{}'::jsonb), nullif(e->'run', 'null'::jsonb),
         nullif(e->'task', 'null'::jsonb)
  FROM jsonb_array_elements($1::text::jsonb) AS e
  ON CONFLICT (run_id, seq) DO NOTHING
  RETURNING seq`;

export async function appendEvents(db: Db, events: DomainEvent[]): Promise<{ appended: number }> {
  if (events.length === 0) return { appended: 0 };
  const byRun = groupByRun(events);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [LOCK_NAMESPACE, PROJECTION_LOCK]);
    const fresh: DomainEvent[] = [];
    const scope: ProjectionScope[] = [];
    // one run's appends queue behind each other, so "last stored seq" stays true until we commit; sorted to rule
    // out two batches locking the same runs in opposite order
    for (const runId of [...byRun.keys()].sort()) {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, runId]);
      const last = await lastSeq(tx, runId);
      const newer = continuation(runId, byRun.get(runId) ?? [], last);
      if (newer.length === 0) continue;
      fresh.push(...newer);
      scope.push({ runId, after: last });
    }
    if (fresh.length === 0) return { appended: 0 };
    const rows = fresh.map((e) => ({
      runId: e.runId, seq: e.seq, at: e.at, type: e.type, actor: e.actor ?? null, data: e.data ?? {},
      run: e.run ?? null, task: e.task ?? null,
    }));
    const inserted = await tx.query(INSERT_EVENTS, [JSON.stringify(rows)]);
    await applyProjections(tx, scope);
    return { appended: inserted.rows.length };
  });
}
