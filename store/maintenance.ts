// Planner statistics and visibility maps for the projections. A server's autovacuum keeps them current; PGlite runs
// without background workers, so without this its planner never learns table sizes and the index-only scans the
// portfolio relies on stay off.
import type { Db } from './db';

const PROJECTIONS = 'runs, tasks, task_roles';
/** appended events between two vacuums of an embedded database */
export const VACUUM_EVERY = 5_000;

export async function vacuumProjections(db: Db): Promise<void> {
  await db.exec(`VACUUM ANALYZE ${PROJECTIONS}`);
}

export interface Maintenance {
  /** count appended events; an embedded database is vacuumed in the background every VACUUM_EVERY of them */
  appended(n: number): void;
  /** waits for a background vacuum, so close() does not pull the database from under it */
  settle(): Promise<void>;
}

export function maintenance(db: Db): Maintenance {
  let since = 0;
  let running: Promise<void> = Promise.resolve();
  return {
    appended(n) {
      if (db.kind !== 'pglite') return;
      since += n;
      if (since < VACUUM_EVERY) return;
      since = 0;
      // best effort: statistics a little stale are harmless, and the next round tries again
      running = running.then(() => vacuumProjections(db)).catch(() => undefined);
    },
    settle: () => running,
  };
}
