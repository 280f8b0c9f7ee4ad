import type { TaskSnapshot } from '../../domain/events';
import { workByScope, type WorkScope } from '../../domain/policy';
import type { Role } from '../../domain/types';
import { InvalidCursorError, type TaskFilter } from '../../store/store';
import { backends, type TestStore } from './backends';
import { at, DAY, openTask, startRun, T0 } from './fixtures';

const NOW = new Date(T0 + DAY / 2);
const ROLE_CYCLE: Role[][] = [['netzwerk'], ['isb'], ['netzwerk', 'isb'], ['gemeinde'], ['projektleitung'], ['verfahren']];
const DUE_CYCLE = [-5, -1, null, 3, 10, -1, 0.25, 0.75];
const STATE_CYCLE: TaskSnapshot['state'][] = ['open', 'open', 'done', 'open', 'cancelled'];

/** Three runs (an onboarding with a child, and a second onboarding elsewhere) with a spread of tasks. */
function fixture() {
  const a = startRun('tl-a', { ags: '09181128' });
  const child = startRun('tl-a-m1', { process: 'verfahren-migration', parentId: 'tl-a', rootId: 'tl-a', ags: '09181128' });
  const b = startRun('tl-b', { ags: '09181130', gemeindeName: 'Landsberg am Lech' });
  const streams = [a, child, b];
  const tasks: TaskSnapshot[] = [];
  for (let i = 0; i < 45; i++) {
    const s = streams[i % 3];
    const due = DUE_CYCLE[i % DUE_CYCLE.length];
    const opened = openTask(s, `s${String(i).padStart(2, '0')}`, {
      candidateRoles: ROLE_CYCLE[i % ROLE_CYCLE.length],
      ...(due !== null ? { dueAt: at(due) } : {}),
      ...(i % 4 === 0 ? { assignee: `u${i % 3}` } : {}),
      ...(i % 7 === 1 ? { incident: { stepId: `s${i}`, error: 'Zeitüberschreitung' } } : {}),
      // four eyes under way, and named roles to cover: the rule, not the scope, decides on these
      ...(i % 9 === 2 ? { approvals: { required: 2, given: [{ user: 'u9', role: 'isb', at: at(0) }] } } : {}),
      ...(i % 11 === 3 ? { approvals: { required: 2, roles: ['netzwerk', 'isb'], given: [] } } : {}),
    });
    const state = STATE_CYCLE[i % STATE_CYCLE.length];
    const final = state === 'open' ? opened : { ...opened, state, completedAt: at(1) };
    if (state !== 'open') s.emit(state === 'done' ? 'task.completed' : 'task.cancelled', at(1), { task: final });
    tasks.push(final);
  }
  return { events: streams.flatMap((s) => s.events), tasks };
}

/** A person's work as the query narrows it (domain/policy.ts, WorkScope). */
function inScope(scope: WorkScope, t: TaskSnapshot): boolean {
  return t.candidateRoles.some((r) => scope.roles.includes(r) && (r !== 'gemeinde' || scope.gemeinden.includes(t.ags)))
    || (scope.incidents && t.state === 'open' && t.incident !== undefined);
}

const everyTask = () => true;
const netzwerk: WorkScope = { roles: ['netzwerk'], gemeinden: [], incidents: false };
const lead: WorkScope = { roles: ['projektleitung', 'netzwerk', 'isb'], gemeinden: [], incidents: true };
const kaufering: WorkScope = { roles: ['gemeinde'], gemeinden: ['09181128'], incidents: false };

/** What the store must answer, computed the obvious way. */
function expected(tasks: TaskSnapshot[], f: TaskFilter): string[] {
  const now = (f.now ?? NOW).getTime();
  const due = (t: TaskSnapshot) => (t.dueAt ? Date.parse(t.dueAt) : Infinity);
  const overdue = (t: TaskSnapshot) => t.state === 'open' && due(t) < now;
  return tasks
    .filter((t) => (f.state ? t.state === f.state : t.state !== 'cancelled'))
    .filter((t) => f.role === undefined || t.candidateRoles.includes(f.role as Role))
    .filter((t) => f.ags === undefined || t.ags === f.ags)
    .filter((t) => f.agsIn === undefined || f.agsIn.includes(t.ags))
    .filter((t) => f.assignee === undefined || t.assignee === f.assignee)
    .filter((t) => f.root === undefined || t.rootId === f.root || t.runId === f.root)
    .filter((t) => f.overdue === undefined || overdue(t) === f.overdue)
    .filter((t) => f.dueBefore === undefined || due(t) < f.dueBefore.getTime())
    .filter((t) => f.work === undefined || (inScope(f.work.scope, t) && (workByScope(t) || f.work.keep(t))))
    .sort((x, y) => due(x) - due(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((t) => t.id);
}

const FILTERS: TaskFilter[] = [
  {},
  { state: 'open' },
  { state: 'done' },
  { role: 'netzwerk' },
  { role: 'isb', state: 'open' },
  { role: 'gemeinde', agsIn: ['09181128'] },
  { role: 'verfahren', agsIn: ['09181130'], state: 'open' },
  { role: 'verfahren', state: 'done' },
  { ags: '09181130' },
  { agsIn: ['09181128'], state: 'open' },
  { agsIn: ['09181128', '09181130'] },
  { agsIn: [] },
  { assignee: 'u0' },
  { assignee: 'u1', state: 'open' },
  { root: 'tl-a' },
  { root: 'tl-a-m1' },
  { root: 'tl-b', state: 'open' },
  { overdue: true, now: NOW },
  { overdue: true, role: 'netzwerk', now: NOW },
  { overdue: false, now: NOW },
  { overdue: true, state: 'done', now: NOW },
  { overdue: true, root: 'tl-a', agsIn: ['09181128'], now: NOW },
  { dueBefore: new Date(at(1)) },
  { state: 'open', role: 'netzwerk', dueBefore: new Date(at(0.5)) },
  { state: 'open', work: { scope: netzwerk, keep: everyTask } },
  // a task of two of the roles comes once; the rule refuses some of what the scope holds
  { state: 'open', work: { scope: lead, keep: (t) => t.assignee !== 'u0' } },
  { state: 'open', work: { scope: netzwerk, keep: () => false } },
  { work: { scope: lead, keep: everyTask } },
  { state: 'open', role: 'isb', overdue: true, now: NOW, work: { scope: lead, keep: everyTask } },
  { work: { scope: kaufering, keep: everyTask } },
  { state: 'open', work: { scope: { roles: [], gemeinden: [], incidents: true }, keep: everyTask } },
  { state: 'open', work: { scope: { roles: [], gemeinden: [], incidents: false }, keep: everyTask } },
  // a rule that keeps few: pages are filled by reading on
  { work: { scope: lead, keep: (t) => t.id.endsWith('1') } },
];

describe.each(backends())('task list (%s)', (_name, backend) => {
  let t: TestStore;
  let tasks: TaskSnapshot[];
  beforeAll(async () => {
    t = await backend.open();
    const f = fixture();
    tasks = f.tasks;
    await t.store.appendEvents(f.events);
  });
  afterAll(() => t?.destroy());

  it.each(FILTERS.map((f) => [JSON.stringify(f), f]))('filters %s', async (_label, filter) => {
    const page = await t.store.listTasks({ ...filter, limit: 500 });
    expect(page.items.map((x) => x.id)).toEqual(expected(tasks, filter));
    expect(page.nextCursor).toBeNull();
  });

  it.each(FILTERS.map((f) => [JSON.stringify(f), f]))('pages %s without duplicates or holes', async (_label, filter) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await t.store.listTasks({ ...filter, limit: 4, cursor });
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((x) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected(tasks, filter));
  });

  it.each(FILTERS.map((f) => [JSON.stringify(f), f]))('counts %s, up to a cap', async (_label, filter) => {
    const all = expected(tasks, filter).length;
    expect(await t.store.countTasks(filter, 1000)).toEqual({ count: all, capped: false });
    // counted up to 3 (for a person's work: 3 tasks of the scope, then the rule)
    const few = await t.store.countTasks(filter, 3);
    expect(few.count).toBeLessThanOrEqual(Math.min(all, 3));
    if (all > 3) expect(few.capped).toBe(true);
    if (!few.capped) expect(few.count).toBe(all);
    if (!filter.work) expect(few).toEqual({ count: Math.min(all, 3), capped: all > 3 });
  });

  it('returns the snapshots themselves', async () => {
    const page = await t.store.listTasks({ root: 'tl-b', limit: 500 });
    const byId = new Map(tasks.map((x) => [x.id, x]));
    for (const item of page.items) expect(item).toEqual(byId.get(item.id));
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(t.store.listTasks({ limit: 5, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(t.store.listTasks({ limit: 5, cursor: Buffer.from('[1,2]').toString('base64url') }))
      .rejects.toBeInstanceOf(InvalidCursorError);
    await expect(t.store.listTasks({ limit: 5, cursor: Buffer.from('["soon","x"]').toString('base64url') }))
      .rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('moves a task between lists as its state changes', async () => {
    const s = startRun('tl-move', { ags: '09181144' });
    const task = openTask(s, 'netz', { candidateRoles: ['netzwerk'], dueAt: at(-2) });
    await t.store.appendEvents(s.events);
    const open = { role: 'netzwerk', agsIn: ['09181144'], limit: 50 };
    expect((await t.store.listTasks({ ...open, state: 'open', overdue: true, now: NOW })).items.map((x) => x.id)).toEqual([task.id]);

    s.emit('task.completed', at(1), { actor: 'n-1', task: { ...task, state: 'done', completedAt: at(1), completedBy: 'n-1' } });
    await t.store.appendEvents(s.events);
    expect((await t.store.listTasks({ ...open, state: 'open' })).items).toEqual([]);
    expect((await t.store.listTasks({ ...open, state: 'done' })).items.map((x) => x.completedBy)).toEqual(['n-1']);
  });
});
