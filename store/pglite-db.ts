// Embedded PostgreSQL (PGlite, WASM) with its files under a directory: the zero-setup default of `npm start`.
// PGlite runs in a worker thread (pglite-worker.js says why); this side turns its messages back into a Db.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, QueryResult } from './db';
import { StoreUnavailableError, translateError } from './errors';

type Op = 'query' | 'exec' | 'close';

interface Reply {
  id: number;
  ready?: boolean;
  rows?: unknown[];
  error?: { message: string } & Record<string, string>;
}

/** The worker's error as an Error of this thread, with the driver's fields (code, detail …) kept. */
function revive(error: NonNullable<Reply['error']>): Error {
  return Object.assign(new Error(error.message), error);
}

export async function openPgliteDb(dir: string): Promise<Db> {
  fs.mkdirSync(dir, { recursive: true });
  const worker = new Worker(path.join(__dirname, 'pglite-worker.js'), { workerData: { dir } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: unknown) => void }>();
  let nextId = 1;
  let gone: StoreUnavailableError | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  const fail = (why: string) => {
    gone ??= new StoreUnavailableError(`embedded database unavailable: ${why}`);
    for (const p of pending.values()) p.reject(gone);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.error) p.reject(revive(reply.error));
    else p.resolve(reply.rows ?? []);
  });
  worker.on('error', (err) => fail(err.message));
  worker.on('exit', (code) => fail(`worker exited (${code})`));

  const send = async (op: Op, sql?: string, params?: unknown[]): Promise<unknown[]> => {
    if (gone) throw gone;
    const id = nextId++;
    const reply = new Promise<unknown[]>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ id, op, sql, params });
    try {
      return await reply;
    } catch (err) {
      return translateError(err);
    }
  };

  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err instanceof Error ? err : new Error(String(err));
  }

  // One session: a transaction holds it from BEGIN to COMMIT, everything else queues behind.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  const direct: Queryable = {
    query: async <T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> => ({
      rows: (await send('query', sql, params)) as T[],
    }),
    exec: async (sql: string) => {
      await send('exec', sql);
    },
  };
  let closed = false;

  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      exclusive(async () => {
        await direct.exec('BEGIN');
        try {
          const result = await fn(direct);
          await direct.exec('COMMIT');
          return result;
        } catch (err) {
          await direct.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    close: () =>
      exclusive(async () => {
        if (closed) return;
        closed = true;
        // PGlite flushes its files on close; only then may the thread go
        await send('close').catch(() => undefined);
        fail('closed');
        await worker.terminate();
      }),
  };
}
