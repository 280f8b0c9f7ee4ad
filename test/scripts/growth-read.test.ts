// The growth bench's bulk seed (scripts/bench/growth-read.ts) writes rows the store reads like any other: the inbox
// finds a team's open tasks, the portfolio its running onboardings with their open work, and a second step grows the
// same store without clashing ids.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedStep } from '../../scripts/bench/growth-read';
import type { Db } from '../../store/db';
import { migrate } from '../../store/migrate';
import { openPgliteDb } from '../../store/pglite-db';
import { storeOn } from '../../store/store';

describe('growth bench seed', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'growth-seed-'));
    db = await openPgliteDb(path.join(dir, 'pgdata'));
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seeds runs and tasks the inbox and the portfolio read, in steps', async () => {
    const store = storeOn(db);
    const now = Date.now();
    await seedStep(db, { runs: 0, tasks: 0 }, { runs: 30, tasks: 300 }, now);
    await seedStep(db, { runs: 30, tasks: 300 }, { runs: 100, tasks: 1000 }, now);
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
    expect(await count('SELECT count(*)::integer AS n FROM runs')).toBe(100);
    expect(await count("SELECT count(*)::integer AS n FROM tasks WHERE state = 'open'")).toBe(1000);
    expect(await count("SELECT count(*)::integer AS n FROM tasks WHERE state = 'done'")).toBe(1000);
    // every open task belongs to a running run of the store
    expect(await count(`SELECT count(*)::integer AS n FROM tasks t LEFT JOIN runs r ON r.id = t.run_id
      WHERE t.state = 'open' AND (r.id IS NULL OR r.status <> 'running')`)).toBe(0);

    const inbox = await store.listTasks({ state: 'open', role: 'netzwerk', limit: 50 });
    expect(inbox.items).toHaveLength(50);
    expect(inbox.items.every((t) => t.candidateRoles.includes('netzwerk') && t.state === 'open')).toBe(true);

    const portfolio = await store.dashboard({ now: new Date(now) });
    // one run in ten is an onboarding, every third of them running: groups 0, 3, 6, 9
    expect(portfolio.onboardings).toHaveLength(4);
    expect(portfolio.onboardings.reduce((n, o) => n + o.openTasks, 0)).toBe(1000);
  });
});
