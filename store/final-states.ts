// Closed runs' last states (migration 022): written once per run when its closing event is stored, read by the
// run's page. A state is the workflow's getState answer; the store keeps it whole and does not look inside.
import type { Queryable } from './db';

/** Stores a closed run's state; a second write (a retried activity) replaces the first. */
export async function saveFinalState(q: Queryable, runId: string, state: object): Promise<void> {
  await q.query(
    `INSERT INTO run_final_states (run_id, state) VALUES ($1, $2::text::jsonb)
     ON CONFLICT (run_id) DO UPDATE SET state = EXCLUDED.state, stored_at = now()`,
    [runId, JSON.stringify(state)],
  );
}

/** The closed run's stored state; none for a run still running or closed before states were stored. */
export async function finalState(q: Queryable, runId: string): Promise<object | undefined> {
  const { rows } = await q.query<{ state: object }>('SELECT state FROM run_final_states WHERE run_id = $1', [runId]);
  return rows[0]?.state;
}

/**
 * Closed runs without a stored state, by id after `afterId`: the runs that closed before states were stored, for the
 * worker's backfill (worker/final-states-backfill.ts). `closedSince` leaves out runs Temporal has removed already.
 */
export async function closedRunsWithoutFinalState(
  q: Queryable,
  o: { closedSince: Date; afterId?: string; limit: number },
): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT r.id FROM runs r
     WHERE r.status <> 'running' AND (r.completed_at IS NULL OR r.completed_at >= $1) AND r.id > $2
       AND NOT EXISTS (SELECT 1 FROM run_final_states f WHERE f.run_id = r.id)
     ORDER BY r.id LIMIT $3`,
    [o.closedSince.toISOString(), o.afterId ?? '', o.limit],
  );
  return rows.map((r) => r.id);
}
