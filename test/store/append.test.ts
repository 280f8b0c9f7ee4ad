import type { DomainEvent } from '../../domain/events';
import { EventGapError, InvalidEventError } from '../../store/store';
import { backends, type TestStore } from './backends';
import { at, openTask, startRun } from './fixtures';

describe.each(backends())('event append (%s)', (_name, backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.destroy());

  it('stores a batch once, however often it is delivered', async () => {
    const s = startRun('append-idem');
    openTask(s, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: at(10) });
    s.emit('run.progressed', at(1), { run: { ...s.run, progress: 0.1 } });

    expect(await t.store.appendEvents(s.events)).toEqual({ appended: 3 });
    const run = await t.store.getRun('append-idem');
    const task = await t.store.getTask('append-idem/fragebogen');

    expect(await t.store.appendEvents(s.events)).toEqual({ appended: 0 });
    expect(await t.store.appendEvents([s.events[1]])).toEqual({ appended: 0 });
    expect(await t.store.runEvents('append-idem')).toHaveLength(3);
    expect(await t.store.getRun('append-idem')).toEqual(run);
    expect(await t.store.getTask('append-idem/fragebogen')).toEqual(task);
    expect(run?.progress).toBe(0.1);
    expect(await t.store.lastSeq('append-idem')).toBe(3);
  });

  it('appends only the new tail of an overlapping batch', async () => {
    const s = startRun('append-overlap');
    for (let i = 1; i <= 5; i++) s.emit('run.progressed', at(i), { run: { ...s.run, progress: i / 10 } });
    await t.store.appendEvents(s.events.slice(0, 3));
    expect(await t.store.appendEvents(s.events.slice(1))).toEqual({ appended: 3 });
    expect((await t.store.runEvents('append-overlap')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await t.store.getRun('append-overlap'))?.progress).toBe(0.5);
  });

  it('refuses a gap after the stored events and stores nothing of the batch', async () => {
    const s = startRun('append-gap');
    for (let i = 1; i <= 4; i++) s.emit('run.progressed', at(i), { run: { ...s.run, progress: i / 10 } });
    await t.store.appendEvents(s.events.slice(0, 2));
    const other = startRun('append-gap-other');

    const err = await t.store.appendEvents([...other.events, ...s.events.slice(3)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventGapError);
    expect(err).toMatchObject({ runId: 'append-gap', expectedSeq: 3, gotSeq: 4 });
    // the whole batch is one transaction: the other run's events are not half-stored
    expect(await t.store.lastSeq('append-gap-other')).toBe(0);
    expect(await t.store.getRun('append-gap-other')).toBeUndefined();

    expect(await t.store.appendEvents([...other.events, ...s.events.slice(2)])).toEqual({ appended: 4 });
    expect(await t.store.lastSeq('append-gap')).toBe(5);
  });

  it('refuses a run that does not start at seq 1 and a batch with a hole', async () => {
    const s = startRun('append-start');
    s.emit('run.progressed', at(1), { run: s.run });
    s.emit('run.progressed', at(2), { run: s.run });
    await expect(t.store.appendEvents(s.events.slice(1))).rejects.toMatchObject({ expectedSeq: 1, gotSeq: 2 });
    await expect(t.store.appendEvents([s.events[0], s.events[2]])).rejects.toBeInstanceOf(EventGapError);
    expect(await t.store.lastSeq('append-start')).toBe(0);
    // a hole among events already stored is a harmless redelivery, not a gap
    await t.store.appendEvents(s.events);
    expect(await t.store.appendEvents([s.events[0], s.events[2]])).toEqual({ appended: 0 });
  });

  it('never moves a projection back when snapshots arrive out of order', async () => {
    const s = startRun('append-order');
    const task = openTask(s, 'vertrag', { candidateRoles: ['vorstand'] });
    s.emit('task.claimed', at(1), { actor: 'vorstand-1', task: { ...task, assignee: 'vorstand-1' } });
    s.emit('task.completed', at(2), {
      actor: 'vorstand-1', task: { ...task, assignee: 'vorstand-1', state: 'done', completedAt: at(2), completedBy: 'vorstand-1' },
    });
    s.emit('run.phaseChanged', at(2), { run: { ...s.run, phase: 'recht', phaseTitle: 'Recht / Vertrag' } });
    s.emit('step.started', at(3), { data: { stepId: 'avv' } });

    const scrambled = [s.events[4], s.events[2], s.events[0], s.events[5], s.events[3], s.events[1]];
    expect(await t.store.appendEvents(scrambled)).toEqual({ appended: 6 });
    // a late redelivery of the older snapshots changes nothing
    await t.store.appendEvents(s.events.slice(0, 3));

    expect(await t.store.getTask('append-order/vertrag')).toMatchObject({ state: 'done', completedBy: 'vorstand-1' });
    expect(await t.store.getRun('append-order')).toMatchObject({ phase: 'recht' });
    expect((await t.store.runEvents('append-order')).map((e) => e.type)).toEqual([
      'run.started', 'task.opened', 'task.claimed', 'task.completed', 'run.phaseChanged', 'step.started',
    ]);
  });

  it('returns the audit trail in order with actor and data, from an offset and limited', async () => {
    const s = startRun('append-trail');
    openTask(s, 'avv', { candidateRoles: ['datenschutz'] });
    s.emit('task.commented', at(1), { actor: 'ds-1', data: { text: 'TOM fehlen "noch"', before: null, after: 1 } });
    s.emit('step.done', at(2), { data: { stepId: 'avv' } });
    await t.store.appendEvents(s.events);

    const trail = await t.store.runEvents('append-trail');
    expect(trail).toEqual([
      { runId: 'append-trail', seq: 1, at: at(0), type: 'run.started', actor: 'pl-1', data: {} },
      // an event about a task carries who may act on it, for the policy's view of the trail (domain/policy.ts)
      { runId: 'append-trail', seq: 2, at: at(0), type: 'task.opened', actor: 'system', data: { stepId: 'avv' },
        task: { candidateRoles: ['datenschutz'], ags: '09181128' } },
      { runId: 'append-trail', seq: 3, at: at(1), type: 'task.commented', actor: 'ds-1', data: { text: 'TOM fehlen "noch"', before: null, after: 1 } },
      { runId: 'append-trail', seq: 4, at: at(2), type: 'step.done', data: { stepId: 'avv' } },
    ]);
    expect((await t.store.runEvents('append-trail', { afterSeq: 1, limit: 2 })).map((e) => e.seq)).toEqual([2, 3]);
    expect(await t.store.runEvents('no-such-run')).toEqual([]);
  });

  it('keeps the snapshot fields exactly as sent', async () => {
    const s = startRun('append-fields', {
      parentId: 'append-parent', rootId: 'append-root', process: 'verfahren-migration', projectedGoLive: '2026-11-15',
      nextMilestones: [{ stepId: 'golive', title: 'Go-live', date: '2026-10-01' }], health: 'amber', progress: 0.42,
    });
    const task = openTask(s, 'abnahme', {
      candidateRoles: ['projektleitung', 'gemeinde'], dueAt: at(5), assignee: 'pl-2', returnReason: 'Unterschrift fehlt',
      approvals: { required: 2, roles: ['projektleitung', 'gemeinde'], given: [{ user: 'pl-2', role: 'projektleitung', at: at(1) }] },
      comments: [{ id: 1, user: 'pl-2', at: at(1), text: 'Ä Ö Ü ß' }], formId: null,
    });
    await t.store.appendEvents(s.events);
    expect(await t.store.getRun('append-fields')).toEqual(s.run);
    expect(await t.store.getTask(task.id)).toEqual(task);
  });

  it('gives a stored batch back whole, snapshots included, as it was sent', async () => {
    const s = startRun('append-batch');
    openTask(s, 'avv', { candidateRoles: ['datenschutz'], comments: [{ id: 1, user: 'ds-1', at: at(1), text: 'Ä "ß"' }] });
    s.emit('task.commented', at(1), { actor: 'ds-1', data: { text: 'TOM fehlen', before: null, after: 1 } });
    s.emit('run.progressed', at(2), { run: { ...s.run, progress: 0.2, nextMilestones: [{ stepId: 'golive', title: 'Go-live', date: '2026-10-01' }] } });
    await t.store.appendEvents(s.events);
    expect(await t.store.eventBatch('append-batch', 1, 4)).toEqual(s.events);
    expect(await t.store.eventBatch('append-batch', 2, 3)).toEqual(s.events.slice(1, 3));
    // a range beyond what is stored gives what there is: the caller counts
    expect(await t.store.eventBatch('append-batch', 4, 6)).toEqual(s.events.slice(3));
  });

  it('refuses events it could never store', async () => {
    const s = startRun('append-invalid');
    const bad: DomainEvent[] = [
      { ...s.events[0], seq: 0 },
      { ...s.events[0], at: 'yesterday' },
      { ...s.events[0], run: { ...s.run, id: 'someone-else' } },
    ];
    for (const e of bad) await expect(t.store.appendEvents([e])).rejects.toBeInstanceOf(InvalidEventError);
    expect(await t.store.appendEvents([])).toEqual({ appended: 0 });
  });

  it('serialises concurrent deliveries of the same events', async () => {
    const s = startRun('append-race');
    for (let i = 1; i <= 20; i++) s.emit('run.progressed', at(i), { run: { ...s.run, progress: i / 20 } });
    const results = await Promise.all([
      t.store.appendEvents(s.events),
      t.store.appendEvents(s.events.slice(0, 10)),
      t.store.appendEvents(s.events),
    ]);
    expect(results.reduce((n, r) => n + r.appended, 0)).toBe(21);
    expect(await t.store.lastSeq('append-race')).toBe(21);
    expect((await t.store.getRun('append-race'))?.progress).toBe(1);
  });
  it('appends batches over several runs at once, in whatever order they name them, each run gap-free', async () => {
    const a = startRun('append-multi-a');
    const b = startRun('append-multi-b');
    openTask(a, 'fragebogen', { candidateRoles: ['gemeinde'] });
    b.emit('step.started', at(1), { data: { stepId: 'avv' } });
    // the same two runs named in opposite order by concurrent batches: the locks are taken sorted, never crosswise
    const results = await Promise.all([
      t.store.appendEvents([...a.events, ...b.events]),
      t.store.appendEvents([...b.events].reverse().concat(a.events)),
    ]);
    expect(results.reduce((n, r) => n + r.appended, 0)).toBe(4);
    expect((await t.store.runEvents('append-multi-a')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await t.store.runEvents('append-multi-b')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await t.store.getTask('append-multi-a/fragebogen'))?.state).toBe('open');

    // a batch without any snapshot (it skips the projection statements) leaves runs and tasks as they are
    const runBefore = await t.store.getRun('append-multi-b');
    b.emit('step.done', at(2), { data: { stepId: 'avv' } });
    expect(await t.store.appendEvents(b.events.slice(2))).toEqual({ appended: 1 });
    expect(await t.store.getRun('append-multi-b')).toEqual(runBefore);
    // one run of the batch leaving a gap refuses the whole batch, the other run's events included
    a.emit('run.progressed', at(3), { run: { ...a.run, progress: 0.3 } });
    await expect(t.store.appendEvents([a.events[2], { ...b.events[2], seq: 5 }])).rejects.toBeInstanceOf(EventGapError);
    expect(await t.store.lastSeq('append-multi-a')).toBe(2);
  });
});
