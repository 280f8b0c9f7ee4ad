// Step and task lifecycle: start ready steps (holding cutovers in blocked windows), open tasks with their deadlines,
// run activities, finish or fail steps, and the repair task of a step that failed for good.
import { type Actor, type Task, taskIdOf } from '../messages';
import { DEFAULT_BOARD_ESCALATION_DAYS } from '../../domain/plan';
import type { Engine } from './engine';
import { FINISHED, failureMessage, isNonRetryableFailure, type StepRuntime } from './runtime';
import type { PlanStep } from '../../domain/types';
import type { StepActivityInput } from '../../activities/step-input';
import { addDay, utcTaskDeadlines } from './deadlines';
import { blockingWindow } from '../../domain/blocked-windows';
import { failedInput, repairTask } from './incidents';
import { isCancellation, patched } from '@temporalio/workflow';
import { startChildren } from './children';
import { taskDeadlines } from '../../domain/deadlines';
import { toDate } from '../../domain/calendar';

export function startReadySteps(e: Engine): void {
  for (const rt of e.steps.values()) {
    if (rt.state !== 'pending') continue;
    if (!rt.step.dependsOn.every((d) => FINISHED.includes(e.steps.get(d)!.state))) continue;
    if (rt.step.cutover && holdCutover(e, rt)) continue;
    startStep(e, rt);
  }
}

/** A cutover never starts inside a blocked window: it waits for the window's end, and the state says why. */
export function holdCutover(e: Engine, rt: StepRuntime): boolean {
  const window = blockingWindow(e.today(), e.plan.blockedWindows);
  if (!window) {
    rt.heldUntil = undefined;
    rt.heldReason = undefined;
    return false;
  }
  const until = e.startOfDay(e.calendar.nextBusinessDay(addDay(window.to)));
  if (rt.heldUntil !== until) {
    rt.heldUntil = until;
    rt.heldReason = window.reason;
    e.emit('step.held', 'system', { stepId: rt.step.id, until, reason: window.reason });
  }
  return true;
}

export function startStep(e: Engine, rt: StepRuntime): void {
  rt.state = 'active';
  rt.startedAt ??= new Date().toISOString();
  e.dirty = true;
  e.emit('step.started', 'system', { stepId: rt.step.id, title: rt.step.title, kind: rt.step.kind });
  switch (rt.step.kind) {
    case 'automated':
      runActivity(e, rt);
      break;
    case 'child':
      startChildren(e, rt);
      break;
    case 'wait':
      rt.waitUntil = e.startOfDay(e.calendar.addBusinessDays(e.today(), rt.step.plannedDays));
      openTask(e, rt);
      break;
    default:
      openTask(e, rt);
  }
}

export function finishStep(e: Engine, rt: StepRuntime, state: 'done' | 'skipped', actor = 'system', data: Record<string, unknown> = {}): void {
  rt.state = state;
  rt.completedAt = new Date().toISOString();
  rt.error = undefined;
  rt.waitUntil = undefined;
  const task = e.tasks.get(taskIdOf(e.runId, rt.step.id));
  if (task && (task.state === 'open' || task.state === 'review')) {
    task.state = state === 'done' ? 'done' : 'cancelled';
    task.completedAt = rt.completedAt;
    if (state === 'done') task.completedBy ??= actor;
    e.emit(state === 'done' ? 'task.completed' : 'task.cancelled', actor, { ...data, stepId: rt.step.id }, { task });
  }
  e.emit(state === 'done' ? 'step.done' : 'step.skipped', actor, {
    stepId: rt.step.id,
    ...(rt.summary ? { summary: rt.summary } : {}),
    ...(rt.step.milestone ? { milestone: true, title: rt.step.title } : {}),
    ...(state === 'skipped' ? data : {}),
  }, rt.step.milestone ? { run: true } : {});
  e.dirty = true;
}

/** A task sent back (a failed reconciliation) goes back to whoever completed it (runs recorded before: to the team). */
export const REOPEN_KEEPS_ASSIGNEE_PATCH = 'reopen-keeps-assignee';

export function openTask(e: Engine, rt: StepRuntime, returnReason?: string): Task {
  const { step } = rt;
  const id = taskIdOf(e.runId, step.id);
  const previous = e.tasks.get(id);
  const today = e.today();
  const task: Task = {
    id,
    runId: e.runId,
    stepId: step.id,
    title: step.title,
    description: step.description,
    kind: step.kind,
    state: 'open',
    candidateRoles: [...step.candidateRoles],
    ags: e.plan.subject.ags,
    gemeindeName: e.plan.subject.name,
    process: e.plan.process,
    openedAt: new Date().toISOString(),
    ...deadlines(e, today, step.slaDays ?? step.plannedDays),
    approvals: { ...(step.approvals ?? { required: 1 }), given: [] },
    formId: step.form ?? (step.kind === 'manual' ? 'erledigt' : null),
    comments: previous ? previous.comments : [],
    // reopened (a failed reconciliation sends the test export back): the form comes back as it was entered, so only
    // what was wrong is entered again — the key column and sum fields are not lost
    ...(returnReason && previous?.data ? { data: { ...previous.data } } : {}),
    ...(returnReason && previous?.completedBy && patched(REOPEN_KEEPS_ASSIGNEE_PATCH) ? { assignee: previous.completedBy } : {}),
    ...(returnReason ? { returnReason } : {}),
    ...shownResult(e, step),
  };
  e.tasks.set(id, task);
  e.dirty = true;
  e.emit('task.opened', 'system', { stepId: step.id, dueAt: task.dueAt, candidateRoles: task.candidateRoles, ...(returnReason ? { reopened: true } : {}) }, { task });
  return task;
}

/** The earlier step result the task shows (plans recorded before `showResultOf` existed have none). */
export function shownResult(e: Engine, step: PlanStep): Pick<Task, 'context'> {
  const shown = step.showResultOf ? e.steps.get(step.showResultOf) : undefined;
  if (!shown?.result) return {};
  return { context: { stepId: shown.step.id, title: shown.step.title, ...(shown.summary ? { summary: shown.summary } : {}), result: shown.result } };
}

/** Due date in business days from the SLA, a reminder the business day before, the board some days after. */
export function deadlines(e: Engine, today: string, slaDays: number): Pick<Task, 'dueAt' | 'remindAt' | 'boardEscalationAt'> {
  const boardDays = e.plan.boardEscalationDays ?? DEFAULT_BOARD_ESCALATION_DAYS;
  if (e.berlinTime()) return taskDeadlines(e.calendar, today, slaDays, boardDays);
  // Until deprecatePatch(BERLIN_TIME_PATCH): runs from before it keep UTC days and the opening-day reminder.
  return utcTaskDeadlines(e.calendar, today, slaDays, boardDays);
}

/** Run input merged with the form data of finished tasks and the operator's corrected input (later wins). */
export function stepData(e: Engine, rt: StepRuntime): Record<string, unknown> {
  const data: Record<string, unknown> = { ...e.input.request };
  for (const step of e.plan.steps) {
    const task = e.tasks.get(taskIdOf(e.runId, step.id));
    if (task?.state === 'done' && task.data) Object.assign(data, task.data);
  }
  return { ...data, ...rt.override };
}

export function runActivity(e: Engine, rt: StepRuntime): void {
  rt.attempts++;
  const activity = e.activities[rt.step.activity!];
  const input: StepActivityInput = {
    runId: e.runId,
    stepId: rt.step.id,
    ags: e.plan.subject.ags,
    gemeindeName: e.plan.subject.name,
    data: stepData(e, rt),
  };
  activity(input).then(
    (res) => {
      rt.summary = res.summary;
      rt.result = res.result;
      finishStep(e, rt, 'done');
    },
    (err: unknown) => {
      if (isCancellation(err)) return;
      failStep(e, rt, err);
    },
  );
}

export function failStep(e: Engine, rt: StepRuntime, err: unknown): void {
  const message = failureMessage(err);
  const reopen = rt.step.reopenOnFailure ? e.steps.get(rt.step.reopenOnFailure) : undefined;
  if (reopen && isNonRetryableFailure(err)) {
    // e.g. a failed reconciliation sends the test export back to the team with the report
    rt.state = 'pending';
    rt.error = message;
    reopen.state = 'active';
    reopen.completedAt = undefined;
    e.emit('step.reopened', 'system', { stepId: reopen.step.id, because: rt.step.id, error: message });
    const task = openTask(e, reopen, message);
    task.comments.push({ id: task.comments.length + 1, user: 'system', at: new Date().toISOString(), text: message });
  } else {
    rt.state = 'failed';
    rt.error = message;
    e.emit('step.failed', 'system', { stepId: rt.step.id, error: message, attempts: rt.attempts });
    if (e.repairTasks) openRepairTask(e, rt, message);
  }
  e.dirty = true;
}

/** The project lead's task to repair a failed automated step (team mail to projektleitung and admin). */
export function openRepairTask(e: Engine, rt: StepRuntime, error: string): void {
  const id = taskIdOf(e.runId, rt.step.id);
  const input = failedInput(e.input.request, rt.step, e.steps, (stepId) => {
    const task = e.tasks.get(taskIdOf(e.runId, stepId));
    return task?.state === 'done' ? task.data : undefined;
  }, rt.override);
  const task = repairTask(rt.step, error, input, {
    runId: e.runId,
    ags: e.plan.subject.ags,
    gemeindeName: e.plan.subject.name,
    process: e.plan.process,
    projectLead: e.plan.projectLead,
    openedAt: new Date().toISOString(),
    deadlines: deadlines(e, toDate(new Date()), 1),
    previous: e.tasks.get(id),
  });
  e.tasks.set(id, task);
  e.emit('task.opened', 'system', {
    stepId: rt.step.id, dueAt: task.dueAt, candidateRoles: task.candidateRoles,
    incident: true, error, projectLead: e.plan.projectLead ?? null,
  }, { task });
}

/** Retrying a step closes its repair task: the person who corrected it did the work. */
export function closeRepairTask(e: Engine, rt: StepRuntime, actor: Actor, data: Record<string, unknown>): void {
  const task = e.tasks.get(taskIdOf(e.runId, rt.step.id));
  if (!task?.incident || task.state !== 'open') return;
  task.state = 'done';
  task.completedAt = new Date().toISOString();
  task.completedBy = actor.id;
  e.emit('task.completed', actor.id, { stepId: rt.step.id, ...data }, { task });
}
