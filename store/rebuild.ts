// Throws the read model away and derives it again from the event log, e.g. after a projection bug was fixed.
import type { Db } from './db';
import { LOCK_NAMESPACE, PROJECTION_LOCK } from './locks';
import { applyProjections } from './projections';

export interface RebuildCounts {
  events: number;
  runs: number;
  tasks: number;
}

const RUNS_PER_BATCH = 200;

/**
 * One transaction: readers of a server keep seeing the old projections until the new ones are complete, and a
 * failure leaves the old ones in place. Batches of runs keep each statement small.
 */
export async function rebuildProjections(db: Db): Promise<RebuildCounts> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, PROJECTION_LOCK]);
    await tx.exec('TRUNCATE task_roles, tasks, runs');
    let after = '';
    for (;;) {
      const { rows } = await tx.query<{ run_id: string }>(
        'SELECT run_id FROM events WHERE run_id > $1 GROUP BY run_id ORDER BY run_id LIMIT $2',
        [after, RUNS_PER_BATCH],
      );
      if (rows.length === 0) break;
      await applyProjections(tx, rows.map((r) => ({ runId: r.run_id, after: 0 })));
      after = rows[rows.length - 1].run_id;
    }
    const { rows } = await tx.query<RebuildCounts>(
      `SELECT (SELECT count(*) FROM events)::integer AS events, (SELECT count(*) FROM runs)::integer AS runs,
              (SELECT count(*) FROM tasks)::integer AS tasks`,
    );
    return rows[0];
  });
}
