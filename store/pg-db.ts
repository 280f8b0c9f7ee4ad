// A PostgreSQL server through a pg connection pool: the production path (`DATABASE_URL`).
import { Pool, types as pgTypes, type CustomTypesConfig, type PoolClient } from 'pg';
import { parseDate, parseInt8, TYPE_OIDS, type Db, type Queryable, type QueryResult } from './db';
import { isUnavailable, translateError } from './errors';

export interface PgOptions {
  connectionString: string;
  /** give up connecting after this long, so a dead server turns into a 503 quickly */
  connectTimeoutMs?: number;
  /** client-side limit for one query; the server gets the same as statement_timeout */
  queryTimeoutMs?: number;
  max?: number;
}

const types: CustomTypesConfig = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TYPE_OIDS.date) return parseDate;
    if (oid === TYPE_OIDS.int8) return parseInt8;
    // pg-types declares every parser as `any`
    return pgTypes.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

function wrap(target: Pool | PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      try {
        const result = await target.query(sql, params);
        return { rows: result.rows as T[] };
      } catch (err) {
        return translateError(err);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await target.query(sql);
      } catch (err) {
        translateError(err);
      }
    },
  };
}

export function openPgDb(opts: PgOptions): Db {
  const queryTimeout = opts.queryTimeoutMs ?? 30_000;
  const pool = new Pool({
    connectionString: opts.connectionString,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 2_000,
    query_timeout: queryTimeout,
    statement_timeout: queryTimeout,
    max: opts.max ?? 10,
    keepAlive: true,
    types,
  });
  // An idle client losing its server emits 'error' on the pool; unhandled, that would kill the process. The next
  // query reports the outage instead.
  pool.on('error', () => undefined);
  const plain = wrap(pool);
  let closed = false;
  return {
    kind: 'postgres',
    ...plain,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        return translateError(err);
      }
      let broken: Error | undefined;
      // a checked-out client has no pool listener: a server dropping the connection mid-transaction would emit an
      // unhandled 'error' and take the process down; the pending query reports it instead
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (isUnavailable(err)) broken = err as Error;
        else await client.query('ROLLBACK').catch((rollbackErr: Error) => { broken = rollbackErr; });
        return translateError(err);
      } finally {
        client.off('error', onError);
        // a client whose connection broke must not go back into the pool
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
