// Deadlines on the time-skipping test server: a reminder the business day before the due date, escalation to the
// project lead when overdue and to the board after further business days — durable timers, no real waiting.
// Blocked windows hold a cutover until the window ends.
import { resolveTemplate } from '../../domain/plan';
import type { ProcessTemplate, StepTemplate } from '../../domain/types';
import { BusinessCalendar } from '../../domain/calendar';
import { berlinDate, berlinInstant, endOfBerlinDay } from '../../domain/berlin-time';
import { taskView } from '../../api/views';
import { completeTask, getState, type WorkflowInput } from '../../workflows/messages';
import { Worker } from '@temporalio/worker';
import { useEngineWorker, workflowBundle } from '../helpers/temporal-env';

const TQ = 'deadlines';
/** the overdue flag does not depend on who asks; the run's project lead reads it */
const LEAD = { id: 'a.gruber', roles: ['projektleitung' as const], gemeinden: [] };

const w = useEngineWorker({ taskQueue: TQ, timeSkipping: true });

function plan(steps: StepTemplate[], extra: Partial<WorkflowInput['plan']> = {}): WorkflowInput['plan'] {
  const template: ProcessTemplate = { id: 'verfahren-migration', title: 'Test', description: '', phases: [{ id: 'p', title: 'P' }], steps };
  return { ...resolveTemplate(template, { subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: ['2027-01-06'] }, startDate: '2027-01-04', projectLead: 'a.gruber', boardEscalationDays: 3 }), ...extra };
}

it('reminds, escalates to the project lead when overdue, then to the board', async () => {
  const handle = await w.env.client.workflow.start('verfahrenMigration', {
    workflowId: 'deadline-1', taskQueue: TQ,
    args: [{ plan: plan([{ id: 'a', title: 'A', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 3 }]), request: {}, searchAttributes: false }],
  });
  const opened = (await handle.query(getState)).tasks[0];
  const cal = new BusinessCalendar([]);
  const due = berlinDate(opened.dueAt!);
  expect(cal.isBusinessDay(due)).toBe(true);
  expect(opened.dueAt).toBe(endOfBerlinDay(due)); // 23:59:59 in Bavaria
  expect(opened.remindAt).toBe(berlinInstant(berlinDate(opened.remindAt!), '08:00:00'));
  expect(opened.remindAt! < opened.dueAt!).toBe(true);

  await w.env.sleep('30 days'); // the server skips the time; the workflow's timers fire in order
  const task = (await handle.query(getState)).tasks[0];
  expect(task.remindedAt).toBeDefined();
  expect(task.escalation?.level).toBe('vorstand');
  const mine = w.events.filter((e) => e.runId === 'deadline-1');
  const kinds = mine.filter((e) => e.type === 'task.reminded' || e.type === 'task.escalated').map((e) => `${e.type}:${String(e.data.level ?? '')}`);
  expect(kinds).toEqual(['task.reminded:', 'task.escalated:projektleitung', 'task.escalated:vorstand']);
  const escalated = mine.find((e) => e.type === 'task.escalated')!;
  expect(escalated.data.projectLead).toBe('a.gruber');
  expect(Date.parse(escalated.at)).toBeGreaterThanOrEqual(Date.parse(task.dueAt!));
  await handle.terminate('test done');
});

it('holds a cutover inside a blocked window until the window has ended', async () => {
  const now = new Date(await w.env.currentTimeMs());
  const today = now.toISOString().slice(0, 10);
  const to = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  const handle = await w.env.client.workflow.start('verfahrenMigration', {
    workflowId: 'held-1', taskQueue: TQ,
    args: [{
      plan: plan(
        [{ id: 'umstellung', title: 'Umstellung', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 1, cutover: true }],
        { blockedWindows: [{ from: today, to, reason: 'Jahresabschluss' }] },
      ),
      request: {},
      searchAttributes: false,
    }],
  });
  const heldRun = await handle.query(getState);
  const held = heldRun.steps[0];
  expect(held.state).toBe('pending');
  // the hold is told among the reasons (the rule that it alone no longer turns a run amber: patch recorded; its
  // health figures: test/domain/feasibility.test.ts)
  expect(heldRun.healthReasons?.map((r) => r.kind)).toContain('held');
  const patches = (await handle.fetchHistory()).events!
    .flatMap((e) => e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? [])
    .map((payload) => (JSON.parse(Buffer.from(payload.data!).toString()) as { id: string }).id);
  expect(patches).toContain('held-step-informs');
  expect(held.heldReason).toBe('Jahresabschluss');
  expect(held.heldUntil! > `${to}T`).toBe(true);
  await w.env.sleep('14 days');
  const started = (await handle.query(getState)).steps[0];
  expect(started.state).toBe('active');
  expect(Date.parse(started.startedAt!)).toBeGreaterThanOrEqual(Date.parse(held.heldUntil!));
  expect(w.events.some((e) => e.runId === 'held-1' && e.type === 'step.held')).toBe(true);
  // the path behind the patch replays as it ran
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: 'held-replay' }, await handle.fetchHistory(), 'held-1');
  await handle.terminate('test done');
});

it('ends a wait step by its durable timer', async () => {
  const handle = await w.env.client.workflow.start('verfahrenMigration', {
    workflowId: 'wait-1', taskQueue: TQ,
    args: [{ plan: plan([{ id: 'parallelbetrieb', title: 'P', phase: 'p', kind: 'wait', description: '', candidateRoles: ['projektleitung'], dependsOn: [], plannedDays: 40 }]), request: {}, searchAttributes: false }],
  });
  await expect(handle.result()).resolves.toMatchObject({ status: 'completed' });
  const done = w.events.filter((e) => e.runId === 'wait-1' && e.type === 'step.done');
  expect(done).toHaveLength(1);
  expect(done[0].actor).toBe('system');
});

/** Milliseconds from `nowMs` to the next Thursday, 10:00 in Bavaria. */
function untilNextThursdayTen(nowMs: number): number {
  for (let d = 1; ; d++) {
    const day = berlinDate(nowMs + d * 86_400_000);
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 4) return Date.parse(berlinInstant(day, '10:00:00')) - nowMs;
  }
}

it('gives a one-day task opened on a Thursday no reminder, is due at the end of Friday in Bavaria and overdue from then', async () => {
  await w.env.sleep(untilNextThursdayTen(await w.env.currentTimeMs()));
  const handle = await w.env.client.workflow.start('verfahrenMigration', {
    workflowId: 'one-day-1', taskQueue: TQ,
    args: [{ plan: plan([{ id: 'a', title: 'A', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 1 }]), request: {}, searchAttributes: false }],
  });
  const opened = (await handle.query(getState)).tasks[0];
  const thursday = berlinDate(opened.openedAt);
  const friday = new BusinessCalendar([]).addBusinessDays(thursday, 1);
  expect(new Date(`${friday}T00:00:00Z`).getUTCDay()).toBe(5);
  expect(opened.dueAt).toBe(endOfBerlinDay(friday)); // not 23:59:59Z, which is Saturday 00:59 in Bavaria
  expect(opened.remindAt).toBeUndefined(); // its reminder day would be the opening day

  // the last minute of Friday in Bavaria: not yet overdue, nobody escalated
  await w.env.sleep(Date.parse(opened.dueAt!) - 60_000 - (await w.env.currentTimeMs()));
  let task = (await handle.query(getState)).tasks[0];
  expect(taskView(task, LEAD, new Date(await w.env.currentTimeMs())).overdue).toBe(false);
  expect(task.escalation).toBeUndefined();

  // half a second after the deadline, still Friday in Bavaria: overdue and with the project lead
  await w.env.sleep(60_500);
  const now = await w.env.currentTimeMs();
  expect(berlinDate(now)).toBe(friday);
  task = (await handle.query(getState)).tasks[0];
  expect(taskView(task, LEAD, new Date(now)).overdue).toBe(true);
  expect(task.escalation?.level).toBe('projektleitung');
  expect(berlinDate(task.escalation!.at)).toBe(friday);

  await w.env.sleep('7 days');
  const mine = w.events.filter((e) => e.runId === 'one-day-1');
  expect(mine.filter((e) => e.type === 'task.reminded')).toEqual([]);
  expect(mine.find((e) => e.type === 'task.opened')).toBeDefined();
  await handle.terminate('test done');
});

it('a timer kept for an earlier deadline fires early once, then the later reminder comes on its own day', async () => {
  const manual = (id: string, plannedDays: number, dependsOn: string[] = []): StepTemplate => ({
    id, title: id.toUpperCase(), phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn, plannedDays,
  });
  const handle = await w.env.client.workflow.start('verfahrenMigration', {
    workflowId: 'kept-timer-1', taskQueue: TQ,
    args: [{ plan: plan([manual('a', 3), manual('b', 10, ['a'])]), request: {}, searchAttributes: false }],
  });
  const a = (await handle.query(getState)).tasks[0];
  await handle.executeUpdate(completeTask, { args: [{ taskId: a.id, actor: { id: 'p.fischer', roles: ['verfahren'], gemeinden: [] } }] });
  const b = (await handle.query(getState)).tasks.find((t) => t.stepId === 'b')!;
  expect(b.remindAt! > a.remindAt!).toBe(true);

  // past a's reminder (the kept timer fires for nothing), not yet b's
  await w.env.sleep(Date.parse(a.remindAt!) + 3_600_000 - (await w.env.currentTimeMs()));
  const reminded = () => w.events.filter((e) => e.runId === 'kept-timer-1' && e.type === 'task.reminded');
  expect(reminded()).toEqual([]);
  expect((await handle.query(getState)).tasks.find((t) => t.stepId === 'b')!.remindedAt).toBeUndefined();

  // past b's reminder: the timer armed after the early one brought it, once
  await w.env.sleep(Date.parse(b.remindAt!) + 3_600_000 - (await w.env.currentTimeMs()));
  expect(reminded().map((e) => e.data.stepId)).toEqual(['b']);
  await handle.terminate('test done');
});
