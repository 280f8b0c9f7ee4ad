// The one seam between the store's SQL and the two ways of running PostgreSQL (embedded PGlite, a pg server).
// Everything above it is shared; the adapters only move SQL and rows.

export interface QueryResult<T> {
  rows: T[];
}

export interface Queryable {
  /** one statement with $1… parameters */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** a script of several statements without parameters (migrations) */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** BEGIN … COMMIT around `fn`, ROLLBACK when it throws; use only `tx` inside, never the Db itself */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Both drivers get the same row shapes: calendar dates stay `YYYY-MM-DD` strings (a Date would shift them by the
 * local offset) and bigint counts become numbers (they never get near 2^53). pglite-worker.js sets the same.
 */
export const TYPE_OIDS = { int8: 20, date: 1082 } as const;
export const parseDate = (value: string): string => value;
export const parseInt8 = (value: string): number => Number(value);
