// The totals store/dashboard.ts reads, kept by migration 017's triggers (open tasks: 023's), must always equal a fresh
// aggregate of `runs` and `tasks`: after inserts, status changes, completions, changes of Gemeinde or dates, deletes,
// and a rebuild's TRUNCATE. Open tasks are the task lists' open ones: in review (four eyes) included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../store/db';
import { loadMigrations, migrate } from '../../store/migrate';
import { openPgDb } from '../../store/pg-db';
import { openPgliteDb } from '../../store/pglite-db';
import { backends, type TestStore } from './backends';

const BERLIN = `'Europe/Berlin'`;

/** The totals as the triggers keep them and as the tables say they are, each in one order. */
async function totals(db: Db) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    kept: {
      counts: await q('SELECT ags, process, status, count FROM run_counts ORDER BY 1, 2, 3'),
      durations: await q('SELECT ags, year, process, count, sum_days::integer AS sum, min_days AS min, max_days AS max FROM run_durations ORDER BY 1, 2, 3'),
      open: await q('SELECT root_id, role, open FROM open_task_counts ORDER BY 1, 2'),
    },
    fresh: {
      counts: await q('SELECT ags, process, status, count(*)::integer AS count FROM runs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'),
      durations: await q(`SELECT ags, year, process, count(*)::integer AS count, sum(days)::integer AS sum, min(days) AS min, max(days) AS max
        FROM (SELECT ags, process, extract(year FROM completed_at AT TIME ZONE ${BERLIN})::integer AS year,
                     (completed_at AT TIME ZONE ${BERLIN})::date - (started_at AT TIME ZONE ${BERLIN})::date AS days
              FROM runs WHERE status = 'completed' AND completed_at IS NOT NULL) c
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
      open: await q(`SELECT root_id, role, open FROM (
          SELECT root_id, '' AS role, count(*)::integer AS open FROM tasks WHERE state IN ('open', 'review') GROUP BY root_id
          UNION ALL SELECT root_id, role, count(*)::integer FROM task_roles WHERE state IN ('open', 'review') GROUP BY root_id, role) o
        ORDER BY 1, 2`),
    },
  };
}

async function expectInStep(db: Db): Promise<Awaited<ReturnType<typeof totals>>['kept']> {
  const { kept, fresh } = await totals(db);
  expect(kept).toEqual(fresh);
  return kept;
}

/** Runs: [id, process, status, ags, started_at, completed_at] */
async function insertRuns(db: Db, rows: [string, string, string, string, string, string | null][]): Promise<void> {
  for (const [id, process, status, ags, startedAt, completedAt] of rows) {
    await db.query(
      `INSERT INTO runs (id, process, title, status, root_id, ags, gemeinde_name, phase, phase_title, progress, health,
         started_at, completed_at, last_seq)
       VALUES ($1, $2, $1, $3, $1, $4, 'G', 'p', 'P', 0, 'green', $5, $6, 1)`,
      [id, process, status, ags, startedAt, completedAt],
    );
  }
}

async function insertTask(db: Db, id: string, rootId: string, roles: string[], state = 'open'): Promise<void> {
  await db.query(
    `INSERT INTO tasks (id, run_id, root_id, step_id, process, title, description, kind, state, candidate_roles, ags,
       gemeinde_name, opened_at, due_at, approvals, last_seq)
     VALUES ($1, $2, $2, $1, 'gemeinde-onboarding', 'T', 'D', 'manual', $3, $4, '09181128', 'G', now(), now(), '{}'::jsonb, 1)`,
    [id, rootId, state, roles],
  );
}

async function exercise(db: Db): Promise<void> {
  await insertRuns(db, [
    ['a', 'gemeinde-onboarding', 'running', '09181128', '2025-03-01T10:00:00Z', null],
    ['b', 'gemeinde-onboarding', 'completed', '09181128', '2025-01-10T09:00:00Z', '2025-06-10T15:00:00Z'],
    // completed on the last evening of 2025 in UTC: 1 January 2026 in Berlin, a year and a day later
    ['c', 'gemeinde-onboarding', 'completed', '09181128', '2025-09-01T09:00:00Z', '2025-12-31T23:30:00Z'],
    ['d', 'verfahren-migration', 'completed', '09181130', '2025-02-01T09:00:00Z', '2025-03-03T09:00:00Z'],
    ['e', 'verfahren-migration', 'completed', '09181130', '2025-02-01T09:00:00Z', '2025-02-11T09:00:00Z'],
    ['f', 'verfahren-migration', 'completed', '09181130', '2025-02-01T09:00:00Z', '2025-05-02T09:00:00Z'],
    ['g', 'arbeitsplatz-rollout', 'cancelled', '09181130', '2025-02-01T09:00:00Z', '2025-02-05T09:00:00Z'],
  ]);
  let kept = await expectInStep(db);
  expect(kept.durations).toContainEqual({ ags: '09181128', year: 2026, process: 'gemeinde-onboarding', count: 1, sum: 122, min: 122, max: 122 });
  expect(kept.durations).toContainEqual({ ags: '09181130', year: 2025, process: 'verfahren-migration', count: 3, sum: 130, min: 10, max: 90 });

  // a newer snapshot of the same run (progress, phase) leaves the totals alone; a completion moves the run
  await db.query(`UPDATE runs SET progress = 0.5, phase = 'netz' WHERE id = 'a'`);
  await expectInStep(db);
  await db.query(`UPDATE runs SET status = 'completed', completed_at = '2025-08-01T09:00:00Z' WHERE id = 'a'`);
  kept = await expectInStep(db);
  expect(kept.counts).not.toContainEqual(expect.objectContaining({ ags: '09181128', status: 'running' }));

  // the shortest and the longest of a group leave it: its extremes come from the runs that remain
  await db.query(`DELETE FROM runs WHERE id = 'e'`);
  kept = await expectInStep(db);
  expect(kept.durations).toContainEqual({ ags: '09181130', year: 2025, process: 'verfahren-migration', count: 2, sum: 120, min: 30, max: 90 });
  await db.query(`UPDATE runs SET completed_at = '2025-02-21T09:00:00Z' WHERE id = 'f'`);
  await expectInStep(db);
  // a run moves to another Gemeinde, and back to running (a repaired projection)
  await db.query(`UPDATE runs SET ags = '09181132' WHERE id = 'd'`);
  await expectInStep(db);
  await db.query(`UPDATE runs SET status = 'running', completed_at = NULL WHERE id = 'b'`);
  await expectInStep(db);
  // many rows in one statement, some of them in the same group
  await db.query(`UPDATE runs SET status = 'failed' WHERE ags = '09181130'`);
  await expectInStep(db);
  await db.query(`DELETE FROM runs WHERE id IN ('c', 'd')`);
  await expectInStep(db);

  // open tasks per root and role: opened, a role added, completed, moved, deleted
  await insertTask(db, 't1', 'a', ['netzwerk', 'isb']);
  await insertTask(db, 't2', 'a', ['netzwerk']);
  await insertTask(db, 't3', 'b', ['gemeinde']);
  await insertTask(db, 't4', 'b', ['gemeinde'], 'done');
  kept = await expectInStep(db);
  expect(kept.open).toEqual([
    { root_id: 'a', role: '', open: 2 }, { root_id: 'a', role: 'isb', open: 1 }, { root_id: 'a', role: 'netzwerk', open: 2 },
    { root_id: 'b', role: '', open: 1 }, { root_id: 'b', role: 'gemeinde', open: 1 },
  ]);
  await db.query(`UPDATE tasks SET title = 'neu', due_at = now() + interval '1 day' WHERE id = 't1'`);
  await expectInStep(db);
  await db.query(`UPDATE tasks SET candidate_roles = '{netzwerk,verfahren}' WHERE id = 't2'`);
  await expectInStep(db);
  // submitted for a second approval (four eyes) it is still open work; approved, it is done
  await db.query(`UPDATE tasks SET state = 'review' WHERE id = 't1'`);
  kept = await expectInStep(db);
  expect(kept.open).toContainEqual({ root_id: 'a', role: 'isb', open: 1 });
  await db.query(`UPDATE tasks SET state = 'done' WHERE id = 't1'`);
  await db.query(`UPDATE tasks SET state = 'open' WHERE id = 't4'`);
  await expectInStep(db);
  await db.query(`UPDATE tasks SET root_id = 'a' WHERE id = 't3'`);
  await expectInStep(db);
  await db.query(`DELETE FROM tasks WHERE id = 't2'`);
  kept = await expectInStep(db);
  expect(kept.open).toEqual([
    { root_id: 'a', role: '', open: 1 }, { root_id: 'a', role: 'gemeinde', open: 1 },
    { root_id: 'b', role: '', open: 1 }, { root_id: 'b', role: 'gemeinde', open: 1 },
  ]);

  // a rebuild empties the read model with TRUNCATE
  await db.exec('TRUNCATE task_roles, tasks, runs');
  kept = await expectInStep(db);
  expect(kept).toEqual({ counts: [], durations: [], open: [] });
}

describe.each(backends())('portfolio totals kept by triggers (%s)', (_name, backend) => {
  let t: TestStore;
  let db: Db;
  beforeAll(async () => {
    t = await backend.open();
    if (t.location.databaseUrl) {
      db = openPgDb({ connectionString: t.location.databaseUrl });
    } else {
      // PGlite holds its directory exclusively: borrow it by closing the store first
      await t.store.close();
      db = await openPgliteDb(`${t.location.dataDir}/pgdata`);
    }
  });
  afterAll(async () => {
    await db?.close();
    await t?.destroy();
  });

  it('equal a fresh aggregate after every kind of change', async () => {
    await exercise(db);
  });
});

describe('portfolio totals of a store that had runs before (pglite)', () => {
  it('are filled from the rows there are when the migration runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'totals-backfill-'));
    const db = await openPgliteDb(path.join(dir, 'pgdata'));
    try {
      await migrate(db, loadMigrations().filter((m) => m.version < 17));
      await insertRuns(db, [
        ['a', 'gemeinde-onboarding', 'running', '09181128', '2025-03-01T10:00:00Z', null],
        ['b', 'gemeinde-onboarding', 'completed', '09181128', '2025-01-10T09:00:00Z', '2025-06-10T15:00:00Z'],
        ['c', 'gemeinde-onboarding', 'completed', '09181128', '2025-09-01T09:00:00Z', '2025-12-31T23:30:00Z'],
      ]);
      await insertTask(db, 't1', 'a', ['netzwerk', 'isb']);
      await insertTask(db, 't2', 'a', ['netzwerk'], 'done');
      await insertTask(db, 't3', 'a', ['verfahren'], 'review');
      expect(await migrate(db)).toEqual(loadMigrations().filter((m) => m.version >= 17).map((m) => m.version));
      const kept = await expectInStep(db);
      expect(kept.counts).toHaveLength(2);
      expect(kept.durations).toHaveLength(2);
      expect(kept.open).toEqual([
        { root_id: 'a', role: '', open: 2 }, { root_id: 'a', role: 'isb', open: 1 }, { root_id: 'a', role: 'netzwerk', open: 1 },
        { root_id: 'a', role: 'verfahren', open: 1 },
      ]);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
