// The engine keeps one timer for the run's nearest deadline: Updates that leave that deadline where it is start and
// cancel no timer, and a task Update answers with the events of its consequences (answer.ts), the next task's
// opening included. Real Temporal dev server; the outbox's activities are the helper's.
import type { WorkflowHandle } from '@temporalio/client';
import { resolveTemplate } from '../../../domain/plan';
import type { ProcessTemplate, StepTemplate } from '../../../domain/types';
import { addComment, completeTask, getState, type Actor } from '../../../workflows/messages';
import { useEngineWorker } from '../../helpers/temporal-env';

const TQ = 'deadline-timer';
const w = useEngineWorker({ taskQueue: TQ });
const tech: Actor = { id: 'p.fischer', roles: ['verfahren'], gemeinden: [] };

function step(id: string, dependsOn: string[] = [], plannedDays = 5): StepTemplate {
  return { id, title: `Schritt ${id}`, phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn, plannedDays };
}

/** a, then b; b's deadlines come `laterBy` business days after a's would */
async function start(tag: string, laterBy = 0): Promise<WorkflowHandle> {
  const template: ProcessTemplate = { id: 'verfahren-migration', title: 'Test', description: '', phases: [{ id: 'p', title: 'Phase' }], steps: [step('a'), step('b', ['a'], 5 + laterBy)] };
  const plan = resolveTemplate(template, { subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04' });
  return w.env.client.workflow.start('verfahrenMigration', { workflowId: `deadline-timer-${tag}-${Date.now()}`, taskQueue: TQ, args: [{ plan, request: { ags: '09181128' } }] });
}

async function timersStarted(h: WorkflowHandle): Promise<number> {
  const { events } = await h.fetchHistory();
  return (events ?? []).filter((e) => e.timerStartedEventAttributes).length;
}

async function timersCancelled(h: WorkflowHandle): Promise<number> {
  const { events } = await h.fetchHistory();
  return (events ?? []).filter((e) => e.timerCanceledEventAttributes).length;
}

async function openTask(h: WorkflowHandle, stepId: string): Promise<string> {
  const taskId = `${h.workflowId}:${stepId}`;
  for (let i = 0; i < 50 && !(await h.query(getState)).tasks.some((t) => t.id === taskId && t.state === 'open'); i++) await new Promise((r) => setTimeout(r, 100));
  return taskId;
}

it('comments on a task start no timer: the deadline timer stays armed', async () => {
  const h = await start('comments');
  const taskId = `${h.workflowId}:a`;
  for (let i = 0; i < 50 && !(await h.query(getState)).tasks.some((t) => t.id === taskId); i++) await new Promise((r) => setTimeout(r, 100));
  await h.executeUpdate(addComment, { args: [{ taskId, actor: tech, text: 'erster' }] });
  const before = await timersStarted(h);
  expect(before).toBe(1); // the reminder of task a
  for (const text of ['zweiter', 'dritter', 'vierter']) await h.executeUpdate(addComment, { args: [{ taskId, actor: tech, text }] });
  expect(await timersStarted(h)).toBe(before);
});

it('the next task due later leaves the earlier timer armed: no timer cancelled, none started', async () => {
  const h = await start('later', 3);
  await h.executeUpdate(completeTask, { args: [{ taskId: await openTask(h, 'a'), actor: tech }] });
  const b = (await h.query(getState)).tasks.find((t) => t.id === `${h.workflowId}:b`)!;
  const a = (await h.query(getState)).tasks.find((t) => t.id === `${h.workflowId}:a`)!;
  expect(b.state).toBe('open');
  expect(b.remindAt! > a.remindAt!).toBe(true);
  // a's reminder timer fires early once; the engine then arms b's (test/workflows/deadlines.test.ts)
  expect(await timersStarted(h)).toBe(1);
  expect(await timersCancelled(h)).toBe(0);
});

it('a completion answers with its consequences: the next task opened', async () => {
  const h = await start('answer');
  const taskId = `${h.workflowId}:a`;
  for (let i = 0; i < 50 && !(await h.query(getState)).tasks.some((t) => t.id === taskId); i++) await new Promise((r) => setTimeout(r, 100));
  const answer = await h.executeUpdate(completeTask, { args: [{ taskId, actor: tech }] });
  expect(answer).toMatchObject({ id: taskId, state: 'done' });
  const types = (answer.events ?? []).map((e) => `${e.type}${e.task ? `:${e.task.stepId}` : ''}`);
  expect(types).toEqual(expect.arrayContaining(['task.completed:a', 'task.opened:b']));
  const seqs = answer.events!.map((e) => e.seq);
  expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i)); // contiguous: the store takes them as one append
});
