// Runs and tasks as of the latest snapshot in the event log: the database's apply_projections (migration 018). The
// same function serves a fresh append (append_events calls it with the runs just appended to, after their previous
// last seq) and a rebuild (every run, from the start), so a rebuilt read model cannot differ from one built event by
// event.
import type { Queryable } from './db';

/** the events of `runId` with seq > `after` */
export interface ProjectionScope {
  runId: string;
  after: number;
}

export async function applyProjections(tx: Queryable, scope: ProjectionScope[]): Promise<void> {
  if (scope.length === 0) return;
  await tx.query('SELECT apply_projections($1::text::jsonb, true, true)', [JSON.stringify(scope)]);
}
