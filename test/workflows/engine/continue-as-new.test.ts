// Continue-as-new on the time-skipping test server: with a low history threshold a run continues as new while a
// task is open and its reminder pending; the next runs keep the task (same id, same Update), fire the reminder and
// escalation from the carried due instants, and the audit log's seq runs on from 1 without a gap or a duplicate.
import type { WorkflowHandle } from '@temporalio/client';
import type { ProcessTemplate, StepTemplate } from '../../../domain/types';
import { resolveTemplate } from '../../../domain/plan';
import { addComment, completeTask, getState, type Actor, type WorkflowInput } from '../../../workflows/messages';
import { useEngineWorker } from '../../helpers/temporal-env';

const TQ = 'continue-as-new';
/** low enough that a handful of comments pushes the run past it */
const HISTORY_LIMIT = 40;
const tech: Actor = { id: 'p.fischer', roles: ['verfahren'], gemeinden: [] };

const w = useEngineWorker({ taskQueue: TQ, timeSkipping: true });

function step(id: string, over: Partial<StepTemplate> = {}): StepTemplate {
  return { id, title: `Schritt ${id}`, phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 3, ...over };
}

/** the history length of each run of the chain, as last fetched */
const lengths: number[] = [];

/** How many times the workflow continued as new: the chain of runs from its first execution. */
async function continues(h: { workflowId: string; firstExecutionRunId: string }): Promise<number> {
  let runId: string | undefined = h.firstExecutionRunId;
  let count = 0;
  lengths.length = 0;
  for (;;) {
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await w.env.client.workflow.getHandle(h.workflowId, runId).fetchHistory();
    lengths.push(history.events?.length ?? 0);
    const last = history.events?.at(-1);
    const next = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return count;
    count++;
    runId = next;
  }
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('continues as new past the history threshold with an open task and its deadlines carried over', async () => {
  const template: ProcessTemplate = { id: 'verfahren-migration', title: 'Test', description: '', phases: [{ id: 'p', title: 'P' }], steps: [step('a'), step('b', { dependsOn: ['a'] })] };
  const plan = resolveTemplate(template, { subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', projectLead: 'a.gruber' });
  const input: WorkflowInput = { plan, request: {}, searchAttributes: false, historyLimit: HISTORY_LIMIT };
  const h = await w.env.client.workflow.start('verfahrenMigration', { workflowId: 'can-1', taskQueue: TQ, args: [input] });
  const opened = (await h.query(getState)).tasks[0];
  const taskId = opened.id;

  // every comment is an Update and an audit batch: the history passes the threshold several times
  for (let i = 1; i <= 12; i++) await h.executeUpdate(addComment, { args: [{ taskId, actor: tech, text: `Notiz ${i}` }] });
  // the run continues at its next quiet point, once the last batch is stored
  const beforeDeadlines = await eventually(() => continues(h), (n) => n >= 1);
  expect(beforeDeadlines).toBeGreaterThanOrEqual(1);

  // the continued run has the same task, comments and due instants
  let task = (await h.query(getState)).tasks.find((t) => t.id === taskId)!;
  expect(task.state).toBe('open');
  expect(task.comments.map((c) => c.text)).toEqual(Array.from({ length: 12 }, (_, i) => `Notiz ${i + 1}`));
  expect({ dueAt: task.dueAt, remindAt: task.remindAt }).toEqual({ dueAt: opened.dueAt, remindAt: opened.remindAt });

  // the reminder and the escalation fire from the carried instants in a later run
  await w.env.sleep('7 days');
  task = (await h.query(getState)).tasks.find((t) => t.id === taskId)!;
  expect(task.remindedAt).toBeDefined();
  expect(task.escalation).toBeDefined();

  // the same Update completes the task opened before the first continue, and the run goes on to its end
  await h.executeUpdate(completeTask, { args: [{ taskId, actor: tech }] });
  const next = (await h.query(getState)).tasks.find((t) => t.stepId === 'b')!;
  await h.executeUpdate(completeTask, { args: [{ taskId: next.id, actor: tech }] });
  await expect(h.result()).resolves.toMatchObject({ status: 'completed' });

  const total = await continues(h);
  expect(total).toBeGreaterThanOrEqual(beforeDeadlines);
  const mine = w.events.filter((e) => e.runId === 'can-1');
  expect(mine.map((e) => e.seq)).toEqual(Array.from({ length: mine.length }, (_, i) => i + 1));
  const types = mine.map((e) => e.type);
  expect(types.filter((t) => t === 'run.started')).toHaveLength(1);
  expect(types.filter((t) => t === 'task.opened')).toHaveLength(2);
  expect(types.filter((t) => t === 'task.reminded')).toHaveLength(1);
  expect(types).toContain('task.escalated');
  expect(types.at(-1)).toBe('run.completed');
  // printed for the report: how often the run continued
  console.log(`continue-as-new: ${total} continues at a threshold of ${HISTORY_LIMIT} events (runs' history lengths ${lengths.join(', ')}), ${mine.length} audit events`);
});
