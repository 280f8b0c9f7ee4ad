// The task actions a person takes — complete, claim, unclaim, assign, and the plain Updates (approve, reject,
// return, comment) — as functions of (person, task id, body), so
// that the single routes (routes/tasks.ts) and the bulk route (routes/tasks-bulk.ts) run the same code: one place
// for each check. Rights come from policy.ts (domain/policy.ts); whether the task is still open and whether this
// person may act on it the run's Update validators decide.
import type { UpdateDefinition } from '@temporalio/common';
import { assignTask, claimTask, completeTask, EARLY_END_NEEDS_REASON, parseTaskId, unclaimTask, type Task, type TaskActionBase, type TaskAnswer } from '../workflows/messages';
import type { ApiDeps } from './deps';
import { logFailure } from './failure-log';
import { FORMS_NEEDING_RUN, formDateContext, implausibleDates } from './form-dates';
import { formSchema } from './forms';
import { liveState, runState } from './run-reader';
import { may, mayActOn, seesGemeinde, seesTask, type Principal } from './policy';
import { fieldErrors, problem, type FieldError } from './problem';
import type { z } from 'zod';
import type { completeBody } from './schemas';
import { hasRequiredDocument, missingDocumentMessage, requiredDocument } from '../domain/required-documents';
import { deviceStatus, deviceStepLabel, nextEntry, PER_DEVICE_STEPS, stepStateOf } from '../domain/device-steps';
import type { Device } from '../store/store';
import { temporal } from './temporal-errors';
import { EventGapError } from '../store/errors';
import { taskView, type TaskView } from './views';
import { actorOf } from './routes/runs';

/** What an action passes on to Temporal: the Update id built from the client's Idempotency-Key, if any. */
export type UpdateOptions = { updateId?: string };

export function idempotentUpdate(key: string | undefined, action: string, taskId: string): UpdateOptions {
  return key ? { updateId: `${action}:${taskId}:${key}` } : {};
}

export type TaskActions = ReturnType<typeof taskActions>;

export function taskActions(deps: ApiDeps) {
  /** The task as its run knows it (a closed run: as it closed), if this principal may see it (else 404). */
  async function visibleTask(taskId: string, p: Principal): Promise<Task> {
    const ids = parseTaskId(taskId);
    if (!ids) throw problem.notFound('Aufgabe nicht gefunden.');
    const state = await runState(deps.client, deps.store, ids.runId).catch((err: unknown) => {
      throw (err as { status?: number }).status === 404 ? problem.notFound('Aufgabe nicht gefunden.') : err;
    });
    const task = state.tasks.find((t) => t.id === taskId);
    // a Gemeinde user's view of an internal task is the same as of a task that does not exist
    if (!task || !seesGemeinde(p, task.ags) || !seesTask(p, task)) throw problem.notFound('Aufgabe nicht gefunden.');
    return task;
  }

  /**
   * What an action needs to know of a task — its run, Gemeinde, form and candidate roles — never changes while the
   * task lives, so the read model answers it without asking the run. Whether the task is still open, and whether
   * this person may act on it, the run's Update validators decide (409/403). Only a task the read model has not
   * seen yet (it trails the run by milliseconds) or a read model that is down sends the question to the run.
   */
  async function taskFacts(taskId: string, p: Principal): Promise<Pick<Task, 'id' | 'runId' | 'ags' | 'formId' | 'candidateRoles' | 'process' | 'stepId' | 'kind'>> {
    const ids = parseTaskId(taskId);
    if (!ids) throw problem.notFound('Aufgabe nicht gefunden.');
    const known = await deps.store.getTask(taskId).catch(() => undefined);
    if (!known || known.runId !== ids.runId) return visibleTask(taskId, p);
    if (!seesGemeinde(p, known.ags) || !seesTask(p, known)) throw problem.notFound('Aufgabe nicht gefunden.');
    return known;
  }

  /**
   * The task of an Update's answer; its events (workflows/engine/answer.ts) go to the read model meanwhile, and the
   * app's next read waits for them (answer-writes.ts). The run's outbox stores them anyway, so a failed write loses
   * nothing: an earlier batch still on its way (the store refuses a gap) or a database away leaves them to it.
   */
  function stored(answer: TaskAnswer): Task {
    const { events, ...task } = answer;
    if (events?.length) {
      deps.store.appendEvents(events).catch((err: unknown) => {
        if (!(err instanceof EventGapError)) logFailure(deps, 'Update answer not stored', err, { runId: task.runId });
      });
    }
    return task;
  }

  /**
   * A completion's data checked at entry, every problem at once and each at its field: a paper the step needs (the
   * signed contract …), the form's fields, dates that cannot be right, and the reason a waiting period ended early
   * needs. The dates are checked on what was given even while another field is wrong, so that one attempt shows
   * everything to correct.
   */
  async function checkedData(task: Pick<Task, 'id' | 'runId' | 'process' | 'stepId' | 'formId' | 'kind'>, given: Record<string, unknown> = {}, comment?: string) {
    const errors: FieldError[] = [];
    if (task.kind === 'wait' && !comment?.trim()) errors.push({ path: 'comment', message: EARLY_END_NEEDS_REASON });
    const need = requiredDocument(task.process, task.stepId);
    if (need && !hasRequiredDocument(need, task.id, await deps.store.documents.list(task.runId))) {
      errors.push({ path: 'document', message: missingDocumentMessage(need) });
    }
    let data: Record<string, unknown> | undefined;
    if (task.formId) {
      const parsed = formSchema(task.formId).safeParse(given);
      if (parsed.success) data = parsed.data;
      else errors.push(...fieldErrors(parsed.error, ['data']));
      const run = FORMS_NEEDING_RUN.has(task.formId) ? await liveState(deps.client, task.runId) : undefined;
      const wrong = new Set(errors.map((e) => e.path));
      for (const e of implausibleDates(task.formId, data ?? given, formDateContext(new Date(), run))) {
        if (!wrong.has(`data.${e.path}`)) errors.push({ ...e, path: `data.${e.path}` });
      }
    }
    if (errors.length > 0) throw problem.invalid(errors);
    return data;
  }

  /**
   * The devices of a rollout batch kept one by one that a per-device step's task completion speaks for: the task says
   * the whole batch is through, so the devices still open in the step are recorded done with it. Not while a device
   * failed the step (in rework): it is first done or excluded with a reason.
   */
  async function devicesStillOpen(task: Pick<Task, 'runId' | 'process' | 'stepId'>): Promise<Device[]> {
    if (task.process !== 'arbeitsplatz-rollout' || !PER_DEVICE_STEPS.includes(task.stepId)) return [];
    const devices = await deps.store.devices.forBatch(task.runId);
    const failed = devices.filter((d) => stepStateOf(d, task.stepId) === 'failed');
    if (failed.length > 0) {
      throw problem.conflict(
        `Im Schritt „${deviceStepLabel(task.stepId)}“ ${failed.length === 1 ? 'ist 1 Gerät' : `sind ${failed.length} Geräte`} in Nacharbeit `
        + `(${failed.slice(0, 5).map((d) => d.serial).join(', ')}${failed.length > 5 ? ', …' : ''}): bitte erst erledigen oder mit Grund ausnehmen.`,
      );
    }
    return devices.filter((d) => stepStateOf(d, task.stepId) === 'pending');
  }

  async function complete(p: Principal, taskId: string, body: z.infer<typeof completeBody>, opts: UpdateOptions = {}): Promise<TaskView> {
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const task = await taskFacts(taskId, p);
    const open = await devicesStillOpen(task);
    const data = await checkedData(task, body.data, body.comment);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(completeTask, {
        args: [{ taskId: task.id, actor: actorOf(p), data, comment: body.comment }],
        ...opts,
      }),
    );
    // once the step is done: its open devices with it, by whoever completed it (the register shows each device's way)
    const at = new Date().toISOString();
    for (const d of open) {
      await deps.store.devices.setStep(d.id, task.stepId, nextEntry(d.steps[task.stepId], { outcome: 'done', by: actorOf(p).id, at })!, deviceStatus(task.stepId, 'done', d.status));
    }
    return taskView(stored(updated), p);
  }

  /**
   * An Update that takes the task, the actor and the action's own fields (a reason, a comment), answered with the
   * task as this person sees it after. The rights are the caller's to check (the route, or simple() below).
   */
  async function update<A extends TaskActionBase>(
    p: Principal, taskId: string, def: UpdateDefinition<TaskAnswer, [A]>, fields: Omit<A, keyof TaskActionBase>, opts: UpdateOptions = {},
  ): Promise<TaskView> {
    const task = await taskFacts(taskId, p);
    const args = { ...fields, taskId: task.id, actor: actorOf(p) } as A;
    const updated = await temporal(() => deps.client.workflow.getHandle(task.runId).executeUpdate(def, { args: [args], ...opts }));
    return taskView(stored(updated), p);
  }

  function simple(def: typeof claimTask) {
    return async (p: Principal, taskId: string, opts: UpdateOptions = {}): Promise<TaskView> => {
      if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
      return update(p, taskId, def, {}, opts);
    };
  }

  async function assign(p: Principal, taskId: string, assignee: string, opts: UpdateOptions = {}): Promise<TaskView> {
    if (!may(p, 'task.assign')) throw problem.forbidden('Ihre Rolle darf keine Aufgaben zuweisen.');
    const task = await taskFacts(taskId, p);
    const user = await deps.users.find(assignee);
    if (!user || !mayActOn(user, task)) throw problem.invalid([{ path: 'assignee', message: 'Die Person gehört zu keiner zuständigen Rolle dieser Aufgabe' }]);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(assignTask, { args: [{ taskId: task.id, actor: actorOf(p), assignee }], ...opts }),
    );
    return taskView(stored(updated), p);
  }

  return { visibleTask, taskFacts, update, complete, claim: simple(claimTask), unclaim: simple(unclaimTask), assign };
}
