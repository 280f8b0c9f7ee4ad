// Records of the stateful step activities (network allocations, inventory numbers), one collection per kind, in
// `activity_records`. A read-decide-write sequence (list, pick the next free range, save) runs in `exclusive`: one
// transaction holding a per-collection advisory lock, so it is exclusive across every process on the database, not
// just within one. The activities see these collections through their port (activities/adapters/record-repository.ts).
import type { Db, Queryable } from './db';
import { RECORDS_LOCK_NAMESPACE } from './locks';

/** Reading and writing a collection. */
export interface RecordAccess<T> {
  /** every record, in the order they were saved */
  list(): Promise<T[]>;
  save(record: T): Promise<void>;
  /** removes every record that matches; returns how many */
  remove(match: (record: T) => boolean): Promise<number>;
}

export interface RecordRepository<T> extends RecordAccess<T> {
  /**
   * Runs `fn` exclusively: no other `exclusive` on the same collection (in this or any other process) runs at the
   * same time, and what `fn` saves or removes becomes visible all at once when it returns, or not at all when it
   * throws. Use only `access` inside (it belongs to this one call); `exclusive` does not nest.
   */
  exclusive<R>(fn: (access: RecordAccess<T>) => Promise<R>): Promise<R>;
}

export interface CollectionOptions<T> {
  /**
   * What must be unique within the collection (undefined: nothing for this record). Saving a second record with the
   * same key fails: a safeguard behind `exclusive`, not a replacement for it.
   */
  uniqueKey?: (record: T) => string | undefined;
}

export interface RecordStore {
  collection<T>(name: string, options?: CollectionOptions<T>): RecordRepository<T>;
}

function access<T>(q: Queryable, name: string, options: CollectionOptions<T>): RecordAccess<T> {
  return {
    async list() {
      const { rows } = await q.query<{ data: T }>('SELECT data FROM activity_records WHERE collection = $1 ORDER BY id', [name]);
      return rows.map((r) => r.data);
    },
    async save(record) {
      await q.query('INSERT INTO activity_records (collection, unique_key, data) VALUES ($1, $2, $3::text::jsonb)', [
        name,
        options.uniqueKey?.(record) ?? null,
        JSON.stringify(record),
      ]);
    },
    async remove(match) {
      const { rows } = await q.query<{ id: number; data: T }>('SELECT id, data FROM activity_records WHERE collection = $1', [name]);
      const ids = rows.filter((r) => match(r.data)).map((r) => r.id);
      if (ids.length === 0) return 0;
      // counts what this call deleted, should a concurrent remove have taken some of them first
      const deleted = await q.query('DELETE FROM activity_records WHERE collection = $1 AND id = ANY($2::bigint[]) RETURNING id', [name, ids]);
      return deleted.rows.length;
    },
  };
}

export function recordStore(db: Db): RecordStore {
  return {
    collection<T>(name: string, options: CollectionOptions<T> = {}): RecordRepository<T> {
      return {
        ...access(db, name, options),
        exclusive: (fn) =>
          db.transaction(async (tx) => {
            // Each statement must see what the previous lock holder committed: that is READ COMMITTED, whatever
            // the server's default (under REPEATABLE READ the snapshot would predate the lock).
            await tx.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
            // Held until COMMIT or ROLLBACK. A namespace of its own: a hashed name can never meet the fixed locks.
            await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RECORDS_LOCK_NAMESPACE, name]);
            return fn(access(tx, name, options));
          }),
      };
    },
  };
}
