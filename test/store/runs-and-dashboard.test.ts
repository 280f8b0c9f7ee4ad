import type { RunSnapshot } from '../../domain/events';
import { InvalidCursorError } from '../../store/errors';
import { backends, type TestStore } from './backends';
import { at, DAY, openTask, RunStream, startRun, T0 } from './fixtures';

const NOW = new Date(T0 + 10 * DAY);

function finish(s: RunStream, status: 'completed' | 'cancelled' | 'failed', completedAt: string): void {
  s.run = { ...s.run, status, completedAt, progress: status === 'completed' ? 1 : s.run.progress };
  s.emit(`run.${status}`, completedAt, { actor: 'system', run: s.run });
}

/**
 * Kaufering: running onboarding with a migration child; Landsberg: running onboarding; Penzing: completed in 2025;
 * Igling: completed in 2026; Utting: cancelled. Tasks below the running ones, some overdue at NOW.
 */
function portfolio(): RunStream[] {
  const kau = startRun('db-kaufering', {
    ags: '09181128', gemeindeName: 'Kaufering', phase: 'netz', phaseTitle: 'Netz', progress: 0.4, health: 'amber',
    healthReasons: [{ kind: 'late', stepId: 'netzanbindung', text: '„Anbindung an das Behördennetz“ 9 Arbeitstage überfällig' }],
    targetGoLive: '2026-09-01', projectedGoLive: '2026-09-20', projectLead: 'pl-1', startedAt: at(-100),
    nextMilestones: [{ stepId: 'golive', title: 'Go-live', date: '2026-09-20' }],
  });
  const kauMig = startRun('db-kaufering-mig', {
    process: 'verfahren-migration', parentId: 'db-kaufering', rootId: 'db-kaufering', ags: '09181128', startedAt: at(-20),
  });
  const lan = startRun('db-landsberg', {
    ags: '09181130', gemeindeName: 'Landsberg am Lech', targetGoLive: '2026-07-01', startedAt: at(-50), projectLead: 'pl-2',
  });
  const pen = startRun('db-penzing', { ags: '09181132', gemeindeName: 'Penzing', startedAt: '2025-01-10T09:00:00.000Z' });
  finish(pen, 'completed', '2025-06-10T15:00:00.000Z'); // 151 days
  const pen2 = startRun('db-penzing-mig', {
    process: 'verfahren-migration', parentId: 'db-penzing', rootId: 'db-penzing', ags: '09181132',
    startedAt: '2025-02-01T09:00:00.000Z',
  });
  finish(pen2, 'completed', '2025-03-03T09:00:00.000Z'); // 30 days
  const igl = startRun('db-igling', { ags: '09181127', gemeindeName: 'Igling', startedAt: '2025-09-01T09:00:00.000Z' });
  finish(igl, 'completed', '2026-01-31T23:30:00.000Z'); // Berlin: 1 February 2026, 153 days
  const utt = startRun('db-utting', { ags: '09181144', gemeindeName: 'Utting am Ammersee', startedAt: at(-30) });
  finish(utt, 'cancelled', at(-5));

  openTask(kau, 'netz-1', { candidateRoles: ['netzwerk'], dueAt: at(15) });
  openTask(kau, 'netz-2', { candidateRoles: ['netzwerk', 'isb'], dueAt: at(2) }); // overdue
  openTask(kau, 'pl-1', { candidateRoles: ['projektleitung'] });
  const done = openTask(kau, 'done-1', { candidateRoles: ['netzwerk'], dueAt: at(1) });
  kau.emit('task.completed', at(3), { task: { ...done, state: 'done', completedAt: at(3) } });
  openTask(kauMig, 'steckbrief', { candidateRoles: ['verfahren'], dueAt: at(9) }); // overdue, counted for the root
  openTask(lan, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: at(12) });
  openTask(utt, 'left-over', { candidateRoles: ['gemeinde'], dueAt: at(1) }); // below a cancelled run: not listed
  return [kau, kauMig, lan, pen, pen2, igl, utt];
}

describe.each(backends())('runs and portfolio (%s)', (_name, backend) => {
  let t: TestStore;
  let runs: RunSnapshot[];
  beforeAll(async () => {
    t = await backend.open();
    const streams = portfolio();
    runs = streams.map((s) => s.run);
    await t.store.appendEvents(streams.flatMap((s) => s.events));
  });
  afterAll(() => t?.destroy());

  const ids = (items: RunSnapshot[]) => items.map((r) => r.id);

  it('lists runs newest first with every filter', async () => {
    const newestFirst = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).map((r) => r.id);
    expect(ids((await t.store.listRuns({ limit: 50 })).items)).toEqual(newestFirst);
    expect(ids((await t.store.listRuns({ process: 'verfahren-migration', limit: 50 })).items))
      .toEqual(['db-kaufering-mig', 'db-penzing-mig']);
    expect(ids((await t.store.listRuns({ status: 'running', limit: 50 })).items))
      .toEqual(['db-kaufering-mig', 'db-landsberg', 'db-kaufering']);
    expect(ids((await t.store.listRuns({ ags: '09181132', limit: 50 })).items)).toEqual(['db-penzing-mig', 'db-penzing']);
    expect(ids((await t.store.listRuns({ agsIn: ['09181128', '09181127'], limit: 50 })).items))
      .toEqual(['db-kaufering-mig', 'db-kaufering', 'db-igling']);
    expect((await t.store.listRuns({ agsIn: [], limit: 50 })).items).toEqual([]);
    expect(ids((await t.store.listRuns({ parent: 'db-kaufering', limit: 50 })).items)).toEqual(['db-kaufering-mig']);
    expect(await t.store.getRun('db-kaufering')).toEqual(runs[0]);
    expect(await t.store.getRun('nope')).toBeUndefined();
    expect(await t.store.getRuns(['nope', 'db-kaufering'])).toEqual([runs[0]]);
    expect(await t.store.getRuns([])).toEqual([]);
  });

  it('pages runs without duplicates or holes', async () => {
    const all = ids((await t.store.listRuns({ limit: 50 })).items);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.store.listRuns({ limit: 2, cursor });
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('shows running onboardings with their open work by team', async () => {
    const d = await t.store.dashboard({ now: NOW });
    expect(d.onboardings).toEqual([
      {
        id: 'db-landsberg', gemeinde: { ags: '09181130', name: 'Landsberg am Lech' }, phase: 'anbahnung',
        phaseTitle: 'Anbahnung', progress: 0, health: 'green', healthReasons: [], targetGoLive: '2026-07-01', projectedGoLive: undefined,
        projectLead: 'pl-2', startedAt: at(-50), openTasks: 1, overdueTasks: 0, tasksByTeam: { gemeinde: { open: 1, overdue: 0 } },
        nextMilestones: [],
      },
      {
        id: 'db-kaufering', gemeinde: { ags: '09181128', name: 'Kaufering' }, phase: 'netz', phaseTitle: 'Netz',
        progress: 0.4, health: 'amber', targetGoLive: '2026-09-01', projectedGoLive: '2026-09-20', projectLead: 'pl-1', startedAt: at(-100),
        healthReasons: [{ kind: 'late', stepId: 'netzanbindung', text: '„Anbindung an das Behördennetz“ 9 Arbeitstage überfällig' }],
        openTasks: 4, overdueTasks: 2,
        tasksByTeam: {
          netzwerk: { open: 2, overdue: 1 },
          isb: { open: 1, overdue: 1 },
          projektleitung: { open: 1, overdue: 0 },
          verfahren: { open: 1, overdue: 1 },
        },
        nextMilestones: [{ stepId: 'golive', title: 'Go-live', date: '2026-09-20' }],
      },
    ]);
  });

  it('counts runs by process and status and completed runs per year', async () => {
    const d = await t.store.dashboard({ now: NOW });
    expect(d.counts).toEqual([
      { process: 'gemeinde-onboarding', status: 'cancelled', count: 1 },
      { process: 'gemeinde-onboarding', status: 'completed', count: 2 },
      { process: 'gemeinde-onboarding', status: 'running', count: 2 },
      { process: 'verfahren-migration', status: 'completed', count: 1 },
      { process: 'verfahren-migration', status: 'running', count: 1 },
    ]);
    expect(d.completedByYear).toEqual([
      { year: 2025, process: 'gemeinde-onboarding', count: 1, avgDays: 151, minDays: 151, maxDays: 151 },
      { year: 2025, process: 'verfahren-migration', count: 1, avgDays: 30, minDays: 30, maxDays: 30 },
      { year: 2026, process: 'gemeinde-onboarding', count: 1, avgDays: 153, minDays: 153, maxDays: 153 },
    ]);
  });

  it('shows a tenant only its own Gemeinden', async () => {
    const d = await t.store.dashboard({ agsIn: ['09181128', '09181132'], now: NOW });
    expect(d.onboardings.map((o) => o.id)).toEqual(['db-kaufering']);
    expect(d.counts.reduce((n, c) => n + c.count, 0)).toBe(4);
    expect(d.completedByYear.map((c) => [c.year, c.process])).toEqual([
      [2025, 'gemeinde-onboarding'], [2025, 'verfahren-migration'],
    ]);
    expect(d.totals).toEqual({ running: 1, red: 0, openTasks: 4, overdueTasks: 2 });
    expect(await t.store.dashboard({ agsIn: [], now: NOW })).toEqual({
      onboardings: [], nextCursor: null, totals: { running: 0, red: 0, openTasks: 0, overdueTasks: 0 }, counts: [], completedByYear: [],
    });
  });

  it('counts for a Gemeinde user only the open work of its own role, not the teams\' internal load', async () => {
    const d = await t.store.dashboard({ agsIn: ['09181128', '09181130'], role: 'gemeinde', now: NOW });
    const byId = Object.fromEntries(d.onboardings.map((o) => [o.id, o]));
    // Kaufering's open tasks are all the teams' (netzwerk, isb, projektleitung, verfahren)
    expect(byId['db-kaufering']).toMatchObject({ openTasks: 0, overdueTasks: 0, tasksByTeam: {} });
    expect(byId['db-landsberg']).toMatchObject({ openTasks: 1, overdueTasks: 0, tasksByTeam: { gemeinde: { open: 1, overdue: 0 } } });
    expect(d.totals).toEqual({ running: 2, red: 0, openTasks: 1, overdueTasks: 0 });
    // the team filter of a Gemeinde user sees only its own role's work
    expect((await t.store.dashboard({ agsIn: ['09181128', '09181130'], role: 'gemeinde', team: 'netzwerk', now: NOW })).onboardings).toEqual([]);
  });

  it('pages the running onboardings; the key figures cover all of them, whatever the page', async () => {
    const all = await t.store.dashboard({ now: NOW });
    // the tasks below the cancelled Utting are not counted: only running onboardings are
    expect(all.totals).toEqual({ running: 2, red: 0, openTasks: 5, overdueTasks: 2 });
    expect(all.totals.openTasks).toBe(all.onboardings.reduce((n, o) => n + o.openTasks, 0));
    expect(all.totals.overdueTasks).toBe(all.onboardings.reduce((n, o) => n + o.overdueTasks, 0));
    expect(all.nextCursor).toBeNull();
    const first = await t.store.dashboard({ limit: 1, now: NOW });
    expect(first.onboardings).toEqual([all.onboardings[0]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await t.store.dashboard({ limit: 1, cursor: first.nextCursor!, now: NOW });
    expect(second.onboardings).toEqual([all.onboardings[1]]);
    expect(second.nextCursor).toBeNull();
    // a cursor the store did not hand out
    const forged = Buffer.from(JSON.stringify(['morgen', 'Kaufering', 'db-kaufering'])).toString('base64url');
    await expect(t.store.dashboard({ cursor: forged, now: NOW })).rejects.toThrow(InvalidCursorError);
    for (const page of [first, second]) {
      expect(page.totals).toEqual(all.totals);
      expect(page.counts).toEqual(all.counts);
      expect(page.completedByYear).toEqual(all.completedByYear);
    }
  });

  it('filters the onboardings by traffic light and by a team with open work', async () => {
    const ids = async (opts: { health?: string; team?: string }) => (await t.store.dashboard({ ...opts, now: NOW })).onboardings.map((o) => o.id);
    expect(await ids({ health: 'amber' })).toEqual(['db-kaufering']);
    expect(await ids({ health: 'red' })).toEqual([]);
    // Kaufering's verfahren task is its child run's: still the onboarding's open work
    expect(await ids({ team: 'verfahren' })).toEqual(['db-kaufering']);
    expect(await ids({ team: 'gemeinde' })).toEqual(['db-landsberg']);
    expect(await ids({ team: 'datenschutz' })).toEqual([]);
    const filtered = await t.store.dashboard({ team: 'gemeinde', now: NOW });
    expect(filtered.totals).toEqual({ running: 2, red: 0, openTasks: 5, overdueTasks: 2 });
  });
});
