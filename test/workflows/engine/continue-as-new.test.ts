// Continue-as-new with a low history threshold, on both servers:
// - on the time-skipping test server, a run continues as new while a task is open and its reminder pending; the next
//   runs keep the task (same id, same Update), fire the reminder and escalation from the carried due instants, and
//   the audit log's seq runs on from 1 without a gap or a duplicate;
// - on a real dev server, Updates sent back to back while the run continues as new each land once, on whichever run
//   is current: the server aborts an Update that meets a continue-as-new and the client sends it again, to the next
//   run (such an Update took 1.5-2.1 s here, the others 10-40 ms).
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { ProcessTemplate, StepTemplate } from '../../../domain/types';
import { resolveTemplate } from '../../../domain/plan';
import { addComment, completeTask, getState, type Actor, type WorkflowInput } from '../../../workflows/messages';
import { useEngineWorker, type EngineWorker } from '../../helpers/temporal-env';

/** low enough that a handful of comments pushes the run past it */
const HISTORY_LIMIT = 40;
const tech: Actor = { id: 'p.fischer', roles: ['verfahren'], gemeinden: [] };

function step(id: string, over: Partial<StepTemplate> = {}): StepTemplate {
  return { id, title: `Schritt ${id}`, phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 3, ...over };
}

function input(): WorkflowInput {
  const template: ProcessTemplate = { id: 'verfahren-migration', title: 'Test', description: '', phases: [{ id: 'p', title: 'P' }], steps: [step('a'), step('b', { dependsOn: ['a'] })] };
  const plan = resolveTemplate(template, { subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', projectLead: 'a.gruber' });
  return { plan, request: {}, searchAttributes: false, historyLimit: HISTORY_LIMIT };
}

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** The history length of each run of the chain from its first execution; its length less one is how often it continued. */
async function chain(client: Client, h: { workflowId: string; firstExecutionRunId: string }): Promise<number[]> {
  const lengths: number[] = [];
  for (let runId: string | undefined = h.firstExecutionRunId; runId;) {
    const history: History = await client.workflow.getHandle(h.workflowId, runId).fetchHistory();
    lengths.push(history.events?.length ?? 0);
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

/** Whether the current run waits for nothing but timers and messages: open, no workflow task and no activity outstanding. */
async function quiet(client: Client, workflowId: string): Promise<boolean> {
  const history: History = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  let taskOutstanding = false;
  const activities = new Set<string>();
  for (const e of events) {
    if (e.workflowTaskScheduledEventAttributes) taskOutstanding = true;
    if (e.workflowTaskCompletedEventAttributes || e.workflowTaskFailedEventAttributes || e.workflowTaskTimedOutEventAttributes) taskOutstanding = false;
    if (e.activityTaskScheduledEventAttributes) activities.add(String(e.eventId));
    const done = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes ?? e.activityTaskCanceledEventAttributes;
    if (done) activities.delete(String(done.scheduledEventId));
  }
  const closed = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes ?? events.at(-1)?.workflowExecutionCompletedEventAttributes;
  return !taskOutstanding && activities.size === 0 && !closed;
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The audit events of one workflow id: seq 1, 2, … without a gap or a duplicate, one run.started, ending completed. */
function expectGaplessAudit(w: EngineWorker, workflowId: string): string[] {
  const mine = w.events.filter((e) => e.runId === workflowId);
  expect(mine.map((e) => e.seq)).toEqual(Array.from({ length: mine.length }, (_, i) => i + 1));
  const types = mine.map((e) => e.type);
  expect(types.filter((t) => t === 'run.started')).toHaveLength(1);
  expect(types.at(-1)).toBe('run.completed');
  return types;
}

describe('on the time-skipping test server', () => {
  const w = useEngineWorker({ taskQueue: 'continue-as-new', timeSkipping: true });
  /** Waits for a quiet run first: the Java test server loses an Update that arrives while a run continues as new (it
   * stays admitted to the closed run and the caller waits for ever: temporalio/sdk-java#1903). The real server hands
   * it to the next run; the dev-server test below sends its Updates without waiting. */
  async function whenQuiet<T>(act: () => Promise<T>): Promise<T> {
    await eventually(() => quiet(w.env.client, 'can-1'), Boolean);
    return act();
  }

  it('continues as new past the history threshold with an open task and its deadlines carried over', async () => {
    const h = await w.env.client.workflow.start('verfahrenMigration', { workflowId: 'can-1', taskQueue: 'continue-as-new', args: [input()] });
    const opened = (await whenQuiet(() => h.query(getState))).tasks[0];
    const taskId = opened.id;

    // every comment is an Update and an audit batch: the history passes the threshold several times
    for (let i = 1; i <= 12; i++) await whenQuiet(() => h.executeUpdate(addComment, { args: [{ taskId, actor: tech, text: `Notiz ${i}` }] }));
    // the run continues at its next quiet point, once the last batch is stored
    const beforeDeadlines = (await eventually(() => chain(w.env.client, h), (l) => l.length > 1)).length - 1;
    expect(beforeDeadlines).toBeGreaterThanOrEqual(1);

    // the continued run has the same task, comments and due instants
    let task = (await whenQuiet(() => h.query(getState))).tasks.find((t) => t.id === taskId)!;
    expect(task.state).toBe('open');
    expect(task.comments.map((c) => c.text)).toEqual(Array.from({ length: 12 }, (_, i) => `Notiz ${i + 1}`));
    expect({ dueAt: task.dueAt, remindAt: task.remindAt }).toEqual({ dueAt: opened.dueAt, remindAt: opened.remindAt });

    // the reminder and the escalation fire from the carried instants in a later run
    await w.env.sleep('7 days');
    task = (await whenQuiet(() => h.query(getState))).tasks.find((t) => t.id === taskId)!;
    expect(task.remindedAt).toBeDefined();
    expect(task.escalation).toBeDefined();

    // the same Update completes the task opened before the first continue, and the run goes on to its end
    await whenQuiet(() => h.executeUpdate(completeTask, { args: [{ taskId, actor: tech }] }));
    const next = (await whenQuiet(() => h.query(getState))).tasks.find((t) => t.stepId === 'b')!;
    await whenQuiet(() => h.executeUpdate(completeTask, { args: [{ taskId: next.id, actor: tech }] }));
    await expect(h.result()).resolves.toMatchObject({ status: 'completed' });

    const lengths = await chain(w.env.client, h);
    expect(lengths.length - 1).toBeGreaterThanOrEqual(beforeDeadlines);
    const types = expectGaplessAudit(w, 'can-1');
    expect(types.filter((t) => t === 'task.opened')).toHaveLength(2);
    expect(types.filter((t) => t === 'task.reminded')).toHaveLength(1);
    expect(types).toContain('task.escalated');
    // printed for the report: how often the run continued
    console.log(`continue-as-new: ${lengths.length - 1} continues at a threshold of ${HISTORY_LIMIT} events (runs' history lengths ${lengths.join(', ')}), ${types.length} audit events`);
  });
});

describe('on a real dev server', () => {
  const w = useEngineWorker({ taskQueue: 'continue-as-new-updates' });

  it('lands every Update sent back to back while the run continues as new exactly once', async () => {
    const h = await w.env.client.workflow.start('verfahrenMigration', { workflowId: 'can-2', taskQueue: 'continue-as-new-updates', args: [input()] });
    const taskId = (await h.query(getState)).tasks[0].id;

    for (let i = 1; i <= 20; i++) await h.executeUpdate(addComment, { args: [{ taskId, actor: tech, text: `Notiz ${i}` }] });
    await h.executeUpdate(completeTask, { args: [{ taskId, actor: tech }] });
    // the next step opens its task once the run's main loop has seen the completion
    const next = await eventually(async () => (await h.query(getState)).tasks.find((t) => t.stepId === 'b'), Boolean);
    await h.executeUpdate(completeTask, { args: [{ taskId: next!.id, actor: tech }] });
    const result = await h.result();
    expect(result).toMatchObject({ status: 'completed' });

    expect((await chain(w.env.client, h)).length).toBeGreaterThan(2);
    const types = expectGaplessAudit(w, 'can-2');
    expect(types.filter((t) => t === 'task.commented')).toHaveLength(20);
  });
});
