import { Client } from 'pg';
import { openPgDb } from '../../store/pg-db';
import { openStore, StoreUnavailableError } from '../../store/store';
import { backends } from './backends';

describe('an unreachable database', () => {
  it('fails to open with StoreUnavailableError, quickly', async () => {
    const started = Date.now();
    await expect(openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nothing', connectTimeoutMs: 500 }))
      .rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each(backends())('reports StoreUnavailableError after close (%s)', async (_name, backend) => {
    const t = await backend.open();
    await t.store.ping();
    await t.store.close();
    await expect(t.store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(t.store.listTasks({ limit: 5 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await t.destroy();
  });

  const server = process.env.TEST_DATABASE_URL;
  it('turns a query past its time limit into StoreUnavailableError', async () => {
    const db = openPgDb({ connectionString: server!, queryTimeoutMs: 300 });
    try {
      await expect(db.query('SELECT pg_sleep(3)')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('recovers when the server drops its connections', async () => {
    const db = openPgDb({ connectionString: server! });
    const admin = new Client({ connectionString: server });
    await admin.connect();
    try {
      const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      // the pooled connection is dead: either the pool noticed already, or the query reports the outage
      await db.query('SELECT 1').catch((err: unknown) => expect(err).toBeInstanceOf(StoreUnavailableError));
      expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
      await expect(db.transaction(async (tx) => {
        const r = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [r.rows[0].pid]);
        await tx.query('SELECT 1');
      })).rejects.toBeInstanceOf(StoreUnavailableError);
      expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await admin.end();
      await db.close();
    }
  });
});
