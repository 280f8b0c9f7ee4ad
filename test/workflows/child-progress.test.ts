// Issue 15, item 2: a parent counts a running child by the child's own progress (the child reports it), and a child
// not started as 0; and its child step ends when its running children forecast their own ends (patch child-forecast).
// Real Temporal dev server; activities mocked (the test is about the workflows).
import { migrationChild, resolveTemplate } from '../../domain/plan';
import type { ProcessTemplate } from '../../domain/types';
import { completeTask, getState, type CompleteTaskArgs, type RunState } from '../../workflows/messages';
import { useEngineWorker } from '../helpers/temporal-env';

const TQ = 'child-progress';

const w = useEngineWorker({ taskQueue: TQ });

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A parent whose one child step migrates OK.FIS and OK.EWO, `concurrency` of them at a time; its children's ids. */
async function startParent(ags: string, name: string, startDate: string, concurrency: number) {
  const template: ProcessTemplate = {
    id: 'verfahren-migration', title: 'Eltern', description: '', phases: [{ id: 'p', title: 'P' }],
    steps: [{ id: 'migrationen', title: 'Migrationen', phase: 'p', kind: 'child', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 60, child: { process: 'verfahren-migration', fanOut: 'verfahren' } }],
  };
  const stamp = Date.now();
  const children = ['ok-fis', 'ok-ewo'].map((v) => ({ ...migrationChild(ags, v), runId: `child-progress-${stamp}-${v}` }));
  const plan = resolveTemplate(template, {
    subject: { ags, name }, calendar: { holidays: [] }, startDate, childConcurrency: concurrency, children: { migrationen: children },
  });
  const parent = await w.env.client.workflow.start('verfahrenMigration', { workflowId: `child-progress-parent-${stamp}`, taskQueue: TQ, args: [{ plan, request: {}, searchAttributes: false }] });
  return { parent, children };
}

const steckbriefDone = (runId: string): { args: [CompleteTaskArgs] } => ({ args: [{ taskId: `${runId}:steckbrief`, actor: { id: 'p.fischer', roles: ['verfahren'], gemeinden: [] } }] });

it('counts a running child by its own progress, and a child not started as 0', async () => {
  const { parent, children } = await startParent('09181128', 'Kaufering', '2027-01-04', 1);
  const child = w.env.client.workflow.getHandle(children[0].runId);
  await eventually(() => child.query(getState), (s) => s.tasks.some((t) => t.stepId === 'steckbrief'));
  expect((await parent.query(getState)).progress).toBe(0);

  // the first migration finishes its Steckbrief: 3 of its 97 planned days; the second has not started and counts 0
  await child.executeUpdate(completeTask, steckbriefDone(children[0].runId));
  const moved: RunState = await eventually(() => parent.query(getState), (s) => s.progress > 0);
  // the child reports 3/97 = 0.031; one of two children at 0.031 and one at 0: 0.0155, rounded to 0.016
  expect(moved.progress).toBe(0.016);
  await parent.terminate('test done');
  await child.terminate('test done').catch(() => undefined);
});

it('ends its child step when the children forecast their own ends, once they all run', async () => {
  const { parent, children } = await startParent('09181130', 'Landsberg am Lech', new Date().toISOString().slice(0, 10), 2);
  const handles = children.map((c) => w.env.client.workflow.getHandle(c.runId));
  const endOf = (s: RunState) => s.steps.reduce((latest, st) => (st.projectedEnd && st.projectedEnd > latest ? st.projectedEnd : latest), '');
  const step = (s: RunState) => s.steps.find((st) => st.id === 'migrationen')!;
  await Promise.all(handles.map((h) => eventually(() => h.query(getState), (s) => s.tasks.some((t) => t.stepId === 'steckbrief'))));
  // both finish their Steckbrief (planned 3 days) today: each forecasts its end days earlier than planned
  for (const [i, h] of handles.entries()) {
    await h.executeUpdate(completeTask, steckbriefDone(children[i].runId));
  }
  const ends = (await Promise.all(handles.map((h) => h.query(getState)))).map(endOf);
  const latest = ends.sort().at(-1)!;
  // the parent's step ends with the later of the two, before the end its children's plan gave it
  const told = await eventually(() => parent.query(getState), (s) => step(s).projectedEnd === latest);
  expect(step(told).projectedEnd! < step(told).plannedEnd!).toBe(true);
  await parent.terminate('test done');
  await Promise.all(handles.map((h) => h.terminate('test done').catch(() => undefined)));
});
