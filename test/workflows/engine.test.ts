// Engine semantics against a real Temporal dev server; the activities are mocked because the tests are about the
// workflow (dependencies, four eyes, return, waits ended early, incidents and repair, fan-out, cancellation).
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { StepActivityInput } from '../../activities/step-input';
import type { DomainEvent, StoredRange } from '../../domain/events';
import { resolveTemplate } from '../../domain/plan';
import type { ActivityName, ChildRunInput, ProcessTemplate, Role, StepTemplate } from '../../domain/types';
import {
  addVerfahren, approveTask, assignTask, changeProjectLead, claimTask, completeTask, getState, moveTargetGoLive, removeVerfahren,
  rejectTask, requestCancel, retryStep, returnTask, skipStep,
  type Actor, type RunState, type WorkflowInput,
} from '../../workflows/messages';
import { createWorker } from '../../worker/create-worker';
import { startTestEnv, workflowBundle } from '../helpers/temporal-env';

const TQ = 'engine-test';
let env: TestWorkflowEnvironment;
let worker: Worker;
let workerDone: Promise<void>;
const calls: { name: ActivityName; input: StepActivityInput }[] = [];
let behaviour: Partial<Record<ActivityName, (input: StepActivityInput) => Promise<{ summary: string; result: Record<string, unknown> }>>> = {};

function mockActivities() {
  const names: ActivityName[] = ['computeOffer', 'importInventory', 'allocateNetworkPlan', 'releaseNetworkPlan', 'planAccounts',
    'reconcileTestMigration', 'registerDevices', 'retireDevices'];
  return {
    ...Object.fromEntries(names.map((name) => [name, async (input: StepActivityInput) => {
      calls.push({ name, input });
      const impl = behaviour[name];
      return impl ? impl(input) : { summary: `${name} ok`, result: {} };
    }])),
    // a run started now names its stored batches by seq; the whole events are for runs recorded before that
    deliverStoredNotifications: async ({ runId, fromSeq, toSeq }: StoredRange) => {
      for (let seq = fromSeq; seq <= toSeq; seq++) {
        if (!events[runId]?.some((e) => e.seq === seq)) throw new Error(`notified before stored: ${runId} ${seq}`);
        notified.push(`${runId}:${seq}`);
      }
    },
    recordEvents: async (batch: DomainEvent[]) => {
      deliveries++;
      // the first delivery of every seventh batch fails, as a database outage would: the retry must not duplicate
      if (deliveries % 7 === 0) throw new Error('Datenbank nicht erreichbar');
      for (const e of batch) {
        const log = (events[e.runId] ??= []);
        if (!log.some((x) => x.seq === e.seq)) log.push(e);
      }
    },
  };
}
let deliveries = 0;
const notified: string[] = [];
const events: Record<string, DomainEvent[]> = {};

beforeAll(async () => {
  env = await startTestEnv();
  worker = await createWorker({
    connection: env.nativeConnection, namespace: 'default', taskQueue: TQ, workflowBundle: await workflowBundle(),
    activities: mockActivities(),
  });
  workerDone = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await workerDone;
  await env?.teardown();
});
beforeEach(() => {
  calls.length = 0;
  behaviour = {};
});

const pl: Actor = { id: 'a.gruber', roles: ['projektleitung'], gemeinden: [] };
const pl2: Actor = { id: 'f.maier', roles: ['projektleitung'], gemeinden: [] };
const tech: Actor = { id: 'p.fischer', roles: ['verfahren'], gemeinden: [] };
const tech2: Actor = { id: 'c.schneider', roles: ['verfahren'], gemeinden: [] };
const admin: Actor = { id: 'd.krueger', roles: ['admin'], gemeinden: [] };
const kaufering: Actor = { id: 'buergermeister-09181128', roles: ['gemeinde'], gemeinden: ['09181128'] };
const penzing: Actor = { id: 'buergermeister-09181132', roles: ['gemeinde'], gemeinden: ['09181132'] };

function step(id: string, over: Partial<StepTemplate> = {}): StepTemplate {
  return { id, title: `Schritt ${id}`, phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 2, ...over };
}

let counter = 0;
async function start(steps: StepTemplate[], options: { children?: Record<string, ChildRunInput[]>; concurrency?: number; retry?: number } = {}) {
  const template: ProcessTemplate = { id: 'verfahren-migration', title: 'Test', description: '', phases: [{ id: 'p', title: 'Phase' }], steps };
  const plan = resolveTemplate(template, {
    subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04',
    children: options.children, childConcurrency: options.concurrency,
  });
  const input: WorkflowInput = { plan, request: { ags: '09181128' }, activityRetry: { maximumAttempts: options.retry ?? 2, initialIntervalMs: 50 } };
  const id = `engine-${Date.now()}-${++counter}`;
  return env.client.workflow.start('verfahrenMigration', { workflowId: id, taskQueue: TQ, args: [input] });
}

const taskOf = (h: WorkflowHandle, stepId: string) => `${h.workflowId}:${stepId}`;
const state = (h: WorkflowHandle): Promise<RunState> => h.query(getState);
const stepState = async (h: WorkflowHandle, id: string) => (await state(h)).steps.find((s) => s.id === id)!.state;
const complete = (h: WorkflowHandle, stepId: string, actor: Actor, extra: { data?: Record<string, unknown>; comment?: string } = {}) =>
  h.executeUpdate(completeTask, { args: [{ taskId: taskOf(h, stepId), actor, ...extra }] });

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function rejectsWith(p: Promise<unknown>, type: string): Promise<void> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(type);
}

it('starts steps only when their dependencies are done and completes the run', async () => {
  const h = await start([step('a'), step('b', { dependsOn: ['a'] }), step('c', { dependsOn: ['a'] }), step('d', { dependsOn: ['b', 'c'] })]);
  let s = await state(h);
  expect(s.tasks.map((t) => t.stepId)).toEqual(['a']);
  expect(s.steps.map((x) => x.state)).toEqual(['active', 'pending', 'pending', 'pending']);
  await complete(h, 'a', tech);
  s = await state(h);
  expect(s.tasks.filter((t) => t.state === 'open').map((t) => t.stepId).sort()).toEqual(['b', 'c']);
  await complete(h, 'b', tech);
  expect(await stepState(h, 'd')).toBe('pending');
  await complete(h, 'c', tech2);
  expect(await stepState(h, 'd')).toBe('active');
  const done = await complete(h, 'd', tech);
  expect(done.state).toBe('done');
  expect(done.completedBy).toBe('p.fischer');
  expect(await h.result()).toMatchObject({ status: 'completed' });

  // every event reached the log before the run closed: contiguous from 1, in order, with actors
  const log = events[h.workflowId].sort((x, y) => x.seq - y.seq);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  expect(log[0].type).toBe('run.started');
  expect(log.at(-1)!.type).toBe('run.completed');
  expect(log.at(-1)!.run).toMatchObject({ status: 'completed', progress: 1, rootId: h.workflowId });
  const completions = log.filter((e) => e.type === 'task.completed');
  expect(completions.map((e) => [e.task!.stepId, e.actor])).toEqual([['a', 'p.fischer'], ['b', 'p.fischer'], ['c', 'c.schneider'], ['d', 'p.fischer']]);
  expect(log.filter((e) => e.type === 'step.started').map((e) => e.data.stepId)).toEqual(['a', 'b', 'c', 'd']);
  // and each was notified once, after it was stored, by its seqs
  expect(notified.filter((k) => k.startsWith(`${h.workflowId}:`))).toEqual(log.map((e) => `${h.workflowId}:${e.seq}`));
});

it('refuses a task to a role that is not a candidate and to a closed task', async () => {
  const h = await start([step('a'), step('b', { dependsOn: ['a'] })]);
  await rejectsWith(complete(h, 'a', pl), 'Forbidden');
  await complete(h, 'a', tech);
  await rejectsWith(complete(h, 'a', tech2), 'Conflict');
  await rejectsWith(complete(h, 'zzz', tech), 'NotFound');
});

it('four eyes: one person submits, a second person with a missing role approves, within the Gemeinde', async () => {
  const h = await start([step('gonogo', { candidateRoles: ['projektleitung', 'gemeinde'], approvals: { required: 2, roles: ['projektleitung', 'gemeinde'] } })]);
  const id = taskOf(h, 'gonogo');
  const submitted = await complete(h, 'gonogo', pl, { data: { entscheidung: 'go' } });
  expect(submitted.state).toBe('review');
  expect(submitted.submission).toMatchObject({ by: 'a.gruber', data: { entscheidung: 'go' } });
  expect(submitted.approvals.given.map((a) => a.user)).toEqual(['a.gruber']);
  await rejectsWith(complete(h, 'gonogo', kaufering), 'Conflict'); // in review: nobody enters data again
  await rejectsWith(h.executeUpdate(approveTask, { args: [{ taskId: id, actor: pl }] }), 'Conflict'); // the submitter
  // projektleitung given: the Gemeinde must, and the message names the role as people read it
  const covered = await h.executeUpdate(approveTask, { args: [{ taskId: id, actor: pl2 }] }).catch((e: unknown) => e);
  expect(((covered as WorkflowUpdateFailedError).cause as ApplicationFailure)).toMatchObject({ type: 'Conflict', message: 'Es fehlt noch die Freigabe durch: Gemeinde.' });
  await rejectsWith(h.executeUpdate(approveTask, { args: [{ taskId: id, actor: penzing }] }), 'Forbidden'); // another Gemeinde's staff
  const approved = await h.executeUpdate(approveTask, { args: [{ taskId: id, actor: kaufering, comment: 'passt' }] });
  expect(approved.state).toBe('done');
  expect(approved.approvals.given.map((a) => a.role)).toEqual(['projektleitung', 'gemeinde']);
  expect(approved.reviews).toEqual([expect.objectContaining({ by: 'buergermeister-09181128', decision: 'approved', comment: 'passt' })]);
  expect(await h.result()).toMatchObject({ status: 'completed' });
  const types = events[h.workflowId].map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['task.submitted', 'task.approved', 'task.completed']));
  // the audit log names who submitted, never the data of the review in the task snapshot
  const approval = events[h.workflowId].find((e) => e.type === 'task.approved')!;
  expect(approval.data).toMatchObject({ submittedBy: 'a.gruber', role: 'gemeinde' });
  expect(approval.task!.submission).toEqual({ by: 'a.gruber', at: submitted.submission!.at });
});

it('four eyes: a rejection sends the data back for correction; the step records the submitter\'s data', async () => {
  const h = await start([
    step('vernichtung', { form: 'vernichtung', candidateRoles: ['arbeitsplatz'], approvals: { required: 2 } }),
    step('danach', { kind: 'automated', activity: 'retireDevices', dependsOn: ['vernichtung'] }),
  ]);
  const id = taskOf(h, 'vernichtung');
  const tech1: Actor = { id: 'm.koch', roles: ['arbeitsplatz'], gemeinden: [] };
  const tech2b: Actor = { id: 't.becker', roles: ['arbeitsplatz'], gemeinden: [] };
  const first = { schutzklasse: '3', sicherheitsstufe: 'H-5', nachweisNummer: 'VN-2026-0815' };
  await complete(h, 'vernichtung', tech1, { data: { ...first, nachweisNummer: 'VN-FALSCH' } });
  await rejectsWith(h.executeUpdate(rejectTask, { args: [{ taskId: id, actor: tech2b, reason: '  ' }] }), 'Invalid');
  await rejectsWith(h.executeUpdate(rejectTask, { args: [{ taskId: id, actor: tech1, reason: 'selbst' }] }), 'Conflict');
  const rejected = await h.executeUpdate(rejectTask, { args: [{ taskId: id, actor: tech2b, reason: 'Nachweisnummer stimmt nicht' }] });
  expect(rejected.state).toBe('open');
  expect(rejected.returnReason).toBe('Nachweisnummer stimmt nicht');
  expect(rejected.data).toMatchObject({ nachweisNummer: 'VN-FALSCH' }); // kept for correction
  expect(rejected.approvals.given).toEqual([]);
  await rejectsWith(h.executeUpdate(approveTask, { args: [{ taskId: id, actor: tech2b }] }), 'Conflict'); // not in review

  await complete(h, 'vernichtung', tech1, { data: first });
  const approved = await h.executeUpdate(approveTask, { args: [{ taskId: id, actor: tech2b }] });
  expect(approved.state).toBe('done');
  expect(approved.data).toEqual(first);
  expect(approved.completedBy).toBe('t.becker');
  expect(approved.reviews!.map((r) => [r.by, r.decision, r.reason])).toEqual([
    ['t.becker', 'rejected', 'Nachweisnummer stimmt nicht'], ['t.becker', 'approved', undefined],
  ]);
  expect(await h.result()).toMatchObject({ status: 'completed' });
  // what the next step received is the submitter's entry
  expect(calls.find((c) => c.name === 'retireDevices')!.input.data).toMatchObject(first);
  const types = events[h.workflowId].map((e) => e.type).filter((t) => /^task\.(submitted|approved|rejected)$/.test(t));
  expect(types).toEqual(['task.submitted', 'task.rejected', 'task.submitted', 'task.approved']);
});

it('claims, assigns and returns a task with a reason', async () => {
  const h = await start([step('abnahme', { approvals: { required: 2 } })]);
  const id = taskOf(h, 'abnahme');
  expect((await h.executeUpdate(claimTask, { args: [{ taskId: id, actor: tech }] })).assignee).toBe('p.fischer');
  await rejectsWith(h.executeUpdate(claimTask, { args: [{ taskId: id, actor: tech2 }] }), 'Conflict');
  await rejectsWith(h.executeUpdate(returnTask, { args: [{ taskId: id, actor: tech, reason: '  ' }] }), 'Invalid');
  const returned = await h.executeUpdate(returnTask, { args: [{ taskId: id, actor: tech, reason: 'Testfälle unvollständig' }] });
  expect(returned.assignee).toBeUndefined();
  expect(returned.approvals.given).toEqual([]);
  expect(returned.returnReason).toBe('Testfälle unvollständig');
  expect(returned.comments.at(-1)!.text).toMatch(/Testfälle unvollständig/);
  const assigned = await h.executeUpdate(assignTask, { args: [{ taskId: id, actor: pl, assignee: 'c.schneider' }] });
  expect(assigned.assignee).toBe('c.schneider');
  // a task in review is the reviewer's to decide, not to hand back
  await complete(h, 'abnahme', tech2);
  await rejectsWith(h.executeUpdate(returnTask, { args: [{ taskId: id, actor: tech2, reason: 'doch nicht' }] }), 'Conflict');
});

it('lets a project lead end a wait early, with a reason', async () => {
  const h = await start([step('hypercare', { kind: 'wait', candidateRoles: ['projektleitung'], plannedDays: 20 })]);
  const s = await state(h);
  expect(s.steps[0].waitUntil).toBeDefined();
  await rejectsWith(complete(h, 'hypercare', pl), 'Invalid');
  await rejectsWith(complete(h, 'hypercare', tech, { comment: 'x' }), 'Forbidden');
  await complete(h, 'hypercare', pl, { comment: 'Stabil, keine Störungen seit zwei Wochen' });
  expect(await h.result()).toMatchObject({ status: 'completed' });
});

it('turns exhausted retries into an incident, goes on elsewhere, and repairs with corrected input', async () => {
  behaviour.computeOffer = async (input) => {
    if (input.data.workstations !== 42) throw new Error('Arbeitsplatzzahl fehlt');
    return { summary: 'Angebot berechnet', result: { total: 1 } };
  };
  const h = await start([step('offer', { kind: 'automated', activity: 'computeOffer' }), step('parallel'), step('after', { dependsOn: ['offer'] })]);
  const failed = await eventually(() => state(h), (s) => s.steps[0].state === 'failed');
  expect(failed.incidents).toEqual([{ stepId: 'offer', error: 'Arbeitsplatzzahl fehlt' }]);
  expect(failed.health).toBe('amber');
  expect(calls.filter((c) => c.name === 'computeOffer')).toHaveLength(2); // maximumAttempts 2
  await complete(h, 'parallel', tech); // the rest of the run goes on
  await rejectsWith(h.executeUpdate(retryStep, { args: [{ stepId: 'offer', actor: tech }] }), 'Forbidden');
  await rejectsWith(h.executeUpdate(retryStep, { args: [{ stepId: 'parallel', actor: admin }] }), 'Conflict');
  await h.executeUpdate(retryStep, { args: [{ stepId: 'offer', actor: admin, input: { workstations: 42 } }] });
  const repaired = await eventually(() => state(h), (s) => s.steps[0].state === 'done');
  expect(repaired.steps[0].summary).toBe('Angebot berechnet');
  expect(repaired.incidents).toEqual([]);
  await complete(h, 'after', tech);
  expect(await h.result()).toMatchObject({ status: 'completed' });
});

it('skips a failed step with a reason', async () => {
  behaviour.planAccounts = async () => { throw ApplicationFailure.nonRetryable('Mitgliederliste leer', 'UngueltigeEingabe'); };
  const h = await start([step('accounts', { kind: 'automated', activity: 'planAccounts' })]);
  await eventually(() => state(h), (s) => s.steps[0].state === 'failed');
  await rejectsWith(h.executeUpdate(skipStep, { args: [{ stepId: 'accounts', actor: pl }] }), 'Invalid');
  const skipped = await h.executeUpdate(skipStep, { args: [{ stepId: 'accounts', actor: pl, reason: 'Konten manuell angelegt' }] });
  expect(skipped.state).toBe('skipped');
  expect(await h.result()).toMatchObject({ status: 'completed' });
});

it('turns a step that failed for good into a repair task with the failed input, closed by retry or skip', async () => {
  behaviour.planAccounts = async (input) => {
    if (input.stepId === 'konten2') throw ApplicationFailure.nonRetryable('Verzeichnisdienst lehnt ab', 'Abgelehnt');
    if (String(input.data.mitarbeiter).includes(';;')) throw ApplicationFailure.nonRetryable('Zeile 2: Nachname fehlt', 'UngueltigeEingabe');
    return { summary: 'Konten geplant', result: {} };
  };
  const h = await start([
    step('liste', { candidateRoles: ['gemeinde'] as Role[] }),
    step('konten', { title: 'Benutzerkonten', kind: 'automated', activity: 'planAccounts', dependsOn: ['liste'] }),
    step('konten2', { kind: 'automated', activity: 'planAccounts', dependsOn: ['konten'] }),
  ]);
  await complete(h, 'liste', kaufering, { data: { mitarbeiter: 'Vorname;Nachname\nAnna;;' } });
  const failed = await eventually(() => state(h), (s) => s.tasks.some((t) => t.stepId === 'konten'));
  const repair = failed.tasks.find((t) => t.stepId === 'konten')!;
  expect(repair).toMatchObject({
    id: taskOf(h, 'konten'), title: 'Störung beheben: Benutzerkonten', state: 'open', candidateRoles: ['projektleitung', 'admin'],
    incident: { stepId: 'konten', error: 'Zeile 2: Nachname fehlt', input: { mitarbeiter: 'Vorname;Nachname\nAnna;;' } },
  });
  expect(repair.description).toMatch(/fehlgeschlagen: Zeile 2: Nachname fehlt\./);
  await rejectsWith(complete(h, 'konten', pl), 'Conflict'); // repaired by retry or skip, not completed
  await h.executeUpdate(retryStep, { args: [{ stepId: 'konten', actor: pl, input: { mitarbeiter: 'Vorname;Nachname\nAnna;Huber' } }] });
  const repaired = await eventually(() => state(h), (s) => s.steps[1].state === 'done');
  expect(repaired.tasks.find((t) => t.stepId === 'konten')).toMatchObject({ state: 'done', completedBy: 'a.gruber' });

  // the next step fails for another reason: skipping it closes its repair task
  await eventually(() => state(h), (s) => s.tasks.some((t) => t.stepId === 'konten2' && t.state === 'open'));
  await h.executeUpdate(skipStep, { args: [{ stepId: 'konten2', actor: admin, reason: 'von Hand angelegt' }] });
  const done = await state(h);
  expect(done.tasks.find((t) => t.stepId === 'konten2')!.state).toBe('cancelled');
  expect(await h.result()).toMatchObject({ status: 'completed' });
  const opened = events[h.workflowId].find((e) => e.type === 'task.opened' && e.data.incident === true)!;
  expect(opened.data).toMatchObject({ stepId: 'konten', error: 'Zeile 2: Nachname fehlt' });
  expect(opened.task!.incident).toEqual({ stepId: 'konten', error: 'Zeile 2: Nachname fehlt' }); // no staff list in the log
});

it('sends the test export back when the reconciliation finds a mismatch', async () => {
  let round = 0;
  behaviour.reconcileTestMigration = async () => {
    if (++round === 1) throw ApplicationFailure.nonRetryable('Datensätze: Quelle 3, Ziel 2', 'ReconciliationMismatch');
    return { summary: 'Abgleich ohne Abweichung', result: {} };
  };
  const h = await start([
    step('testexport', { form: 'testMigration' }),
    step('abgleich', { kind: 'automated', activity: 'reconcileTestMigration', dependsOn: ['testexport'], reopenOnFailure: 'testexport' }),
  ]);
  await complete(h, 'testexport', tech, { data: { quelleCsv: 'a', zielCsv: 'b', schluessel: 'Kassenzeichen', summenfelder: ['Betrag'] } });
  const reopened = await eventually(() => state(h), (s) => s.tasks.some((t) => t.stepId === 'testexport' && t.state === 'open'));
  const task = reopened.tasks.find((t) => t.stepId === 'testexport')!;
  expect(task.returnReason).toMatch(/Quelle 3, Ziel 2/);
  // the form comes back as entered: only what was wrong is entered again
  expect(task.data).toEqual({ quelleCsv: 'a', zielCsv: 'b', schluessel: 'Kassenzeichen', summenfelder: ['Betrag'] });
  expect(task.assignee).toBe(tech.id); // back to whoever entered the exports, not to the whole team
  expect(reopened.steps.find((s) => s.id === 'abgleich')!.state).toBe('pending');
  await complete(h, 'testexport', tech, { data: { quelleCsv: 'a', zielCsv: 'a' } });
  expect(await h.result()).toMatchObject({ status: 'completed' });
  expect(calls.filter((c) => c.name === 'reconcileTestMigration').at(-1)!.input.data.zielCsv).toBe('a');
});

it('fans out children under a concurrency limit, and cancelling cancels them and compensates', async () => {
  const children: ChildRunInput[] = ['ok-fis', 'ok-ewo', 'autista'].map((v) => ({
    process: 'verfahren-migration', runId: `child-${Date.now()}-${v}`, input: { ags: '09181128', verfahrenId: v },
  }));
  const h = await start(
    [step('net', { kind: 'automated', activity: 'allocateNetworkPlan', candidateRoles: ['netzwerk'] }),
      step('kids', { kind: 'child', dependsOn: ['net'], child: { process: 'verfahren-migration', fanOut: 'verfahren' } })],
    { children: { kids: children }, concurrency: 2 },
  );
  const running = await eventually(() => state(h), (s) => Object.keys(s.steps[1].childStatus ?? {}).length === 2);
  expect(Object.keys(running.steps[1].childStatus!)).toEqual([children[0].runId, children[1].runId]);
  const child = env.client.workflow.getHandle(children[0].runId);
  expect((await child.query(getState)).parentId).toBe(h.workflowId);

  await h.executeUpdate(requestCancel, { args: [{ actor: pl, reason: 'Gemeinderat hat abgelehnt' }] });
  await h.cancel();
  await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
  expect((await h.describe()).status.name).toBe('CANCELLED');
  for (const c of children.slice(0, 2)) {
    expect((await env.client.workflow.getHandle(c.runId).describe()).status.name).toBe('CANCELLED');
  }
  const release = calls.find((c) => c.name === 'releaseNetworkPlan');
  expect(release?.input.runId).toBe(h.workflowId);
  const final = await state(h);
  expect(final.status).toBe('cancelled');
  expect(final.cancelReason).toBe('Gemeinderat hat abgelehnt');
  const log = events[h.workflowId];
  expect(log.at(-1)).toMatchObject({ type: 'run.cancelled', actor: 'a.gruber', data: { reason: 'Gemeinderat hat abgelehnt' } });
  expect(log.some((e) => e.type === 'step.compensated')).toBe(true);
  expect(events[children[0].runId].at(-1)!.type).toBe('run.cancelled');
  expect(events[children[0].runId][0].run).toMatchObject({ parentId: h.workflowId, rootId: h.workflowId });
});

it('checks roles in the validators even when the API is bypassed', async () => {
  const h = await start([step('a', { candidateRoles: ['gemeinde'] as Role[] })]);
  await rejectsWith(complete(h, 'a', penzing), 'Forbidden');
  await complete(h, 'a', kaufering);
});

it('changes a running onboarding: target date, project lead, Verfahren added and removed', async () => {
  const children: ChildRunInput[] = ['ok-fis', 'ok-pws'].map((v) => ({
    process: 'verfahren-migration', runId: `change-${Date.now()}-${v}`, input: { ags: '09181128', verfahrenId: v },
  }));
  const h = await start([step('kids', { kind: 'child', child: { process: 'verfahren-migration', fanOut: 'verfahren' } })], { children: { kids: children }, concurrency: 1 });
  await eventually(() => state(h), (s) => s.steps[0].childStatus?.[children[0].runId] === 'running');

  const moved = await h.executeUpdate(moveTargetGoLive, { args: [{ actor: pl, targetGoLive: '2027-12-01', reason: 'Gemeinderat verschiebt' }] });
  expect(moved.targetGoLive).toBe('2027-12-01');
  await rejectsWith(h.executeUpdate(moveTargetGoLive, { args: [{ actor: tech, targetGoLive: '2027-12-01', reason: 'x' }] }), 'Forbidden');
  const led = await h.executeUpdate(changeProjectLead, { args: [{ actor: pl, projectLead: 'f.maier', reason: 'Urlaubsvertretung' }] });
  expect(led.projectLead).toBe('f.maier');

  const added = await h.executeUpdate(addVerfahren, { args: [{ actor: pl, verfahrenId: 'autista' }] });
  expect(added.steps[0].children).toHaveLength(3);
  await rejectsWith(h.executeUpdate(addVerfahren, { args: [{ actor: pl, verfahrenId: 'autista' }] }), 'Conflict');
  // removing the running migration cancels it, and the next one in line starts
  const removed = await h.executeUpdate(removeVerfahren, { args: [{ actor: pl, verfahrenId: 'ok-fis', reason: 'bleibt beim Landratsamt' }] });
  expect(removed.steps[0].children).toEqual([children[1].runId, expect.stringMatching(/autista$/)]);
  await eventually(() => env.client.workflow.getHandle(children[0].runId).describe(), (d) => d.status.name === 'CANCELLED');
  await eventually(() => state(h), (s) => s.steps[0].childStatus?.[children[1].runId] === 'running');
  await rejectsWith(h.executeUpdate(removeVerfahren, { args: [{ actor: pl, verfahrenId: 'gibt-es-nicht' }] }), 'NotFound');
  const types = await eventually(async () => (events[h.workflowId] ?? []).map((e) => e.type), (t) => t.includes('run.verfahrenRemoved'));
  expect(types).toEqual(expect.arrayContaining(['run.targetMoved', 'run.leadChanged', 'run.verfahrenAdded', 'run.verfahrenRemoved']));
  await h.terminate('test done');
});
