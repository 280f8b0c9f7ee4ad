// Appending to the event log: idempotent on (run, seq), contiguous per run, projections updated in the same
// transaction so the read model never disagrees with the log.
import type { DomainEvent } from '../domain/events';
import type { Db, Queryable } from './db';
import { EventGapError, InvalidEventError } from './errors';
import { LOCK_NAMESPACE, PROJECTION_LOCK } from './locks';
import { projectionUpserts } from './projections';

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

// Locks in one round trip, in a fixed order: first the projection lock (shared; a rebuild takes it exclusively),
// then one per run, sorted, so two batches never lock the same runs in opposite order. The unnest yields its rows
// in array order and nothing sorts them, so the locks are taken one after another as listed.
const LOCK_RUNS = `
  SELECT count(*) FROM (
    SELECT CASE WHEN u.i = 1 THEN pg_advisory_xact_lock_shared($1, $2)
                ELSE pg_advisory_xact_lock($1, hashtext(u.run_id)) END
    FROM unnest(array_prepend(NULL::text, $3::text[])) WITH ORDINALITY AS u(run_id, i)
  ) locked`;

const { runs: UPSERT_RUNS, tasks: UPSERT_TASKS } = projectionUpserts('inserted e');

// One statement after the locks: each run's last stored seq, the batch's events after it, and the runs/tasks
// projections over exactly the rows inserted. It must be a statement of its own after LOCK_RUNS: a statement reads
// as of its start, so only one that starts once the locks are held sees every earlier append of its runs.
// Data-modifying CTEs all run to completion whether or not the final SELECT reads them.
const APPEND = `
  WITH batch AS (
    SELECT e->>'runId' AS run_id, (e->>'seq')::integer AS seq, e FROM jsonb_array_elements($1::text::jsonb) AS e
  ), last AS (
    SELECT r.run_id, coalesce((SELECT max(seq) FROM events x WHERE x.run_id = r.run_id), 0)::integer AS last
    FROM (SELECT DISTINCT run_id FROM batch) r
  ), inserted AS (
    INSERT INTO events (run_id, seq, at, type, actor, data, run, task)
    SELECT b.run_id, b.seq, (e->>'at')::timestamptz, e->>'type', e->>'actor',
           coalesce(nullif(e->'data', 'null'::jsonb), '{}'::jsonb), nullif(e->'run', 'null'::jsonb),
           nullif(e->'task', 'null'::jsonb)
    FROM batch b JOIN last l ON l.run_id = b.run_id
    WHERE b.seq > l.last
    ON CONFLICT (run_id, seq) DO NOTHING
    RETURNING seq, run_id, run, task
  ), projected_runs AS (${UPSERT_RUNS}
  ), projected_tasks AS (${UPSERT_TASKS}
  )
  SELECT l.run_id AS "runId", l.last, (SELECT count(*) FROM inserted i WHERE i.run_id = l.run_id)::integer AS appended
  FROM last l`;

/**
 * Four round trips whatever the batch (BEGIN, locks, append, COMMIT). The append inserts before the gap check: a
 * batch that does not continue its run throws here, and the rollback takes back the events and projections.
 */
export async function appendEvents(db: Db, events: DomainEvent[]): Promise<{ appended: number }> {
  if (events.length === 0) return { appended: 0 };
  const byRun = groupByRun(events);
  const runIds = [...byRun.keys()].sort();
  const rows = runIds.flatMap((runId) => (byRun.get(runId) ?? []).map((e) => ({
    runId: e.runId, seq: e.seq, at: e.at, type: e.type, actor: e.actor ?? null, data: e.data ?? {},
    run: e.run ?? null, task: e.task ?? null,
  })));
  return db.transaction(async (tx) => {
    await tx.query(LOCK_RUNS, [LOCK_NAMESPACE, PROJECTION_LOCK, runIds]);
    const result = await tx.query<{ runId: string; last: number; appended: number }>(APPEND, [JSON.stringify(rows)]);
    let appended = 0;
    for (const { runId, last, appended: n } of result.rows) {
      continuation(runId, byRun.get(runId) ?? [], last);
      appended += n;
    }
    return { appended };
  });
}
