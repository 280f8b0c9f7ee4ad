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

// Locks in one round trip, in a fixed order: first the projection lock (shared; a rebuild takes it exclusively),
// then one per run, sorted, so two batches never lock the same runs in opposite order. The unnest yields its rows
// in array order and nothing sorts them, so the locks are taken one after another as listed.
const LOCK_RUNS = `
  SELECT count(*) FROM (
    SELECT CASE WHEN u.i = 1 THEN pg_advisory_xact_lock_shared($1, $2)
                ELSE pg_advisory_xact_lock($1, hashtext(u.run_id)) END
    FROM unnest(array_prepend(NULL::text, $3::text[])) WITH ORDINALITY AS u(run_id, i)
  ) locked`;

const INSERT_EVENTS = `
  INSERT INTO events (run_id, seq, at, type, actor, data, run, task)
  SELECT e->>'runId', (e->>'seq')::integer, (e->>'at')::timestamptz, e->>'type', e->>'actor',
         coalesce(nullif(e->'data', 'null'::jsonb), '{}'::jsonb), nullif(e->'run', 'null'::jsonb),
         nullif(e->'task', 'null'::jsonb)
  FROM jsonb_array_elements($1::text::jsonb) AS e
  ON CONFLICT (run_id, seq) DO NOTHING
  RETURNING seq`;

// every run's last stored seq in one statement; a statement of its own after LOCK_RUNS, because a statement reads
// as of its start and only one that starts once the locks are held sees every earlier append of its runs
const LAST_SEQS = `
  SELECT r.run_id AS "runId", coalesce((SELECT max(seq) FROM events x WHERE x.run_id = r.run_id), 0)::integer AS last
  FROM unnest($1::text[]) AS r(run_id)`;

/**
 * BEGIN, locks, last seqs, insert, the runs and tasks projections (each only when the new events carry such a
 * snapshot), COMMIT: at most six round trips, whatever the number of runs in the batch.
 */
export async function appendEvents(db: Db, events: DomainEvent[]): Promise<{ appended: number }> {
  if (events.length === 0) return { appended: 0 };
  const byRun = groupByRun(events);
  const runIds = [...byRun.keys()].sort();
  return db.transaction(async (tx) => {
    await tx.query(LOCK_RUNS, [LOCK_NAMESPACE, PROJECTION_LOCK, runIds]);
    const { rows: lasts } = await tx.query<{ runId: string; last: number }>(LAST_SEQS, [runIds]);
    const fresh: DomainEvent[] = [];
    const scope: ProjectionScope[] = [];
    for (const { runId, last } of lasts) {
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
    await applyProjections(tx, scope, { runs: fresh.some((e) => e.run), tasks: fresh.some((e) => e.task) });
    return { appended: inserted.rows.length };
  });
}
