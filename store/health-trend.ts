// The health trend of runs (issue 15, portfolio): each run's traffic light as it stood at given instants, read from
// the audit trail — every event that changes a run carries the run's snapshot, health included — so the trend needs
// no snapshots of its own and holds for runs started long before it existed.
import type { Health } from '../domain/types';
import type { Queryable } from './db';

export interface HealthAt {
  runId: string;
  /** ISO instant */
  at: string;
  /** null: the run had not started yet */
  health: Health | null;
}

export async function healthTrend(q: Queryable, runIds: string[], instants: string[]): Promise<HealthAt[]> {
  if (!runIds.length || !instants.length) return [];
  const { rows } = await q.query<{ run_id: string; at: Date | string; health: Health | null }>(
    `SELECT r.run_id, w.at, e.health
       FROM unnest($1::text[]) AS r(run_id)
       CROSS JOIN unnest($2::timestamptz[]) AS w(at)
       LEFT JOIN LATERAL (
         SELECT ev.run->>'health' AS health FROM events ev
          WHERE ev.run_id = r.run_id AND ev.run IS NOT NULL AND ev.at <= w.at
          ORDER BY ev.seq DESC LIMIT 1
       ) e ON true
      ORDER BY r.run_id, w.at`,
    [runIds, instants],
  );
  return rows.map((r) => ({ runId: r.run_id, at: new Date(r.at).toISOString(), health: r.health }));
}
