// The stored first answers of POST requests that carried an Idempotency-Key (see api/idempotency.ts).
import type { Queryable } from './db';

export interface IdempotencyKey {
  principal: string;
  /** method and path, e.g. `POST /api/v1/runs` */
  scope: string;
  key: string;
}

export interface IdempotentResponse {
  status: number;
  body: unknown;
  location?: string;
}

export type IdempotencyClaim =
  | { claimed: true }
  | { claimed: false; fingerprint: string; pending: true }
  | { claimed: false; fingerprint: string; pending: false; response: IdempotentResponse };

export interface IdempotencyStore {
  /**
   * Takes the key for this request unless someone holds it: a pending claim younger than `staleAfterMs`, or a
   * stored answer younger than `retainMs`. Older ones are taken over (a crashed request, an expired answer).
   */
  claim(k: IdempotencyKey, fingerprint: string, opts: { staleAfterMs: number; retainMs: number }): Promise<IdempotencyClaim>;
  complete(k: IdempotencyKey, response: IdempotentResponse): Promise<void>;
  /** forgets a pending claim whose request failed, so that a retry executes again */
  release(k: IdempotencyKey): Promise<void>;
  /** deletes answers older than `retainMs`; returns how many */
  purge(retainMs: number): Promise<number>;
}

interface Row {
  fingerprint: string;
  state: 'pending' | 'done';
  status: number | null;
  location: string | null;
  body: unknown;
}

export function idempotencyStore(q: Queryable): IdempotencyStore {
  return {
    async claim(k, fingerprint, { staleAfterMs, retainMs }) {
      const taken = await q.query(
        `INSERT INTO idempotency_keys (principal, scope, key, fingerprint, state) VALUES ($1, $2, $3, $4, 'pending')
         ON CONFLICT (principal, scope, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, state = 'pending', status = NULL, location = NULL, body = NULL, created_at = now()
           WHERE (idempotency_keys.state = 'pending' AND idempotency_keys.created_at < now() - make_interval(secs => $5::double precision / 1000))
              OR idempotency_keys.created_at < now() - make_interval(secs => $6::double precision / 1000)
         RETURNING 1 AS taken`,
        [k.principal, k.scope, k.key, fingerprint, staleAfterMs, retainMs],
      );
      if (taken.rows.length) return { claimed: true };
      const { rows } = await q.query<Row>(
        'SELECT fingerprint, state, status, location, body FROM idempotency_keys WHERE principal = $1 AND scope = $2 AND key = $3',
        [k.principal, k.scope, k.key],
      );
      const row = rows[0];
      // released between the two statements: the caller may simply try again
      if (!row) return { claimed: false, fingerprint, pending: true };
      if (row.state === 'pending') return { claimed: false, fingerprint: row.fingerprint, pending: true };
      return {
        claimed: false, fingerprint: row.fingerprint, pending: false,
        response: { status: row.status ?? 200, body: row.body, ...(row.location ? { location: row.location } : {}) },
      };
    },
    async complete(k, response) {
      await q.query(
        `UPDATE idempotency_keys SET state = 'done', status = $4, location = $5, body = $6::text::jsonb
         WHERE principal = $1 AND scope = $2 AND key = $3`,
        [k.principal, k.scope, k.key, response.status, response.location ?? null, JSON.stringify(response.body ?? null)],
      );
    },
    async release(k) {
      await q.query(`DELETE FROM idempotency_keys WHERE principal = $1 AND scope = $2 AND key = $3 AND state = 'pending'`, [k.principal, k.scope, k.key]);
    },
    async purge(retainMs) {
      const { rows } = await q.query<{ n: number }>(
        `WITH gone AS (DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1::double precision / 1000) RETURNING 1)
         SELECT count(*)::integer AS n FROM gone`,
        [retainMs],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
