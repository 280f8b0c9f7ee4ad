import { openPgDb } from '../../store/pg-db';
import { migrate, loadMigrations } from '../../store/migrate';
import { openStore } from '../../store/store';
import { backends, type TestStore } from './backends';
import { openTask, startRun } from './fixtures';

// the Db below a store, for statements the Store interface rightly does not offer
async function withDb<T>(t: TestStore, fn: (db: Awaited<ReturnType<typeof rawDb>>) => Promise<T>): Promise<T> {
  const db = await rawDb(t);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function rawDb(t: TestStore) {
  if (t.location.databaseUrl) return openPgDb({ connectionString: t.location.databaseUrl });
  // PGlite holds its directory exclusively: borrow it by closing the store first
  await t.store.close();
  const { openPgliteDb } = await import('../../store/pglite-db');
  return openPgliteDb(`${t.location.dataDir}/pgdata`);
}

describe.each(backends())('schema (%s)', (name, backend) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t?.destroy());

  it('applies every migration once and nothing on a second start', async () => {
    await withDb(t, async (db) => {
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
      // two processes starting at once: one migrates, the other waits and finds nothing to do
      expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
    });
  });

  it('refuses to change or delete stored events', async () => {
    const s = startRun('schema-append-only');
    openTask(s, 'erstgespraech');
    await t.store.appendEvents(s.events);
    await withDb(t, async (db) => {
      await expect(db.query(`UPDATE events SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM events')).rejects.toThrow(/append-only/);
      await expect(db.exec('TRUNCATE events')).rejects.toThrow(/append-only/);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM events');
      expect(rows[0].n).toBe(2);
    });
  });

  it('keeps runs, tasks and events across a restart on the same database', async () => {
    const s = startRun('schema-restart');
    const task = openTask(s, 'fragebogen', { candidateRoles: ['gemeinde'] });
    await t.store.appendEvents(s.events);
    const run = await t.store.getRun('schema-restart');
    await t.store.close();

    const again = await openStore(t.location);
    try {
      expect(await again.getRun('schema-restart')).toEqual(run);
      expect(await again.getTask(task.id)).toEqual(task);
      expect(await again.lastSeq('schema-restart')).toBe(2);
    } finally {
      await again.close();
    }
  });

  if (name === 'postgres') {
    it('migrates a fresh database from two processes at once', async () => {
      const url = new URL(t.location.databaseUrl!);
      const admin = openPgDb({ connectionString: t.location.databaseUrl! });
      const fresh = `${url.pathname.slice(1)}_fresh`;
      await admin.query(`CREATE DATABASE ${fresh}`);
      url.pathname = `/${fresh}`;
      const a = openPgDb({ connectionString: url.toString() });
      const b = openPgDb({ connectionString: url.toString() });
      try {
        const applied = await Promise.all([migrate(a), migrate(b)]);
        // numerically: migration 10 sorts after 9, not after 1
        expect(applied.flat().sort((x, y) => x - y)).toEqual(loadMigrations().map((m) => m.version));
      } finally {
        await a.close();
        await b.close();
        await admin.query(`DROP DATABASE ${fresh} WITH (FORCE)`);
        await admin.close();
      }
    });
  }
});
