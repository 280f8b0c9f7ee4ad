// The run's message handlers: state query, child progress, notes for the trail, and the Updates on one task
// (complete, claim, assign, return, comment). registerHandlers sets every handler of the run, in the order the engine always has.
import type { Engine } from './engine';
import type { AssignTaskArgs, CommentArgs, CompleteTaskArgs, ReturnTaskArgs, TaskActionBase } from '../messages';
import { addComment, assignTask, childProgressed, claimTask, completeTask, EARLY_END_NEEDS_REASON, getState, noteOnRun, returnTask, RUN_NOTE_TYPES, unclaimTask } from '../messages';
import { approvalRoleFor, fail, requireOpen, requireSteering, requireWorker } from './tasks';
import { answer } from './answer';
import { finishStep } from './lifecycle';
import { needsReview, submit } from './four-eyes';
import { redact } from './outbox';
import { registerChangeHandlers } from './handlers-change';
import { registerRepairHandlers } from './handlers-repair';
import { registerReviewHandlers } from './handlers-review';
import { setHandler } from '@temporalio/workflow';

export function registerHandlers(e: Engine): void {
  registerChangeHandlers(e);
  setHandler(getState, () => e.state());
  setHandler(childProgressed, ({ runId, progress, projectedEnd }) => {
    const rt = [...e.steps.values()].find((s) => s.childStatus?.[runId] === 'running');
    if (!rt) return;
    (rt.childProgress ??= {})[runId] = progress;
    if (projectedEnd) (rt.childEnds ??= {})[runId] = projectedEnd;
    e.dirty = true;
  });
  // told by the API; nothing follows a run's closing event, and a type the engine does not know (a newer API) is left
  // out rather than failing the run
  setHandler(noteOnRun, ({ type, actor, data }) => {
    if (e.status === 'running' && RUN_NOTE_TYPES.includes(type)) e.emit(type, actor, data);
  });

  setHandler(
    completeTask,
    ({ taskId, actor, data, comment }) => {
      const task = e.task(taskId)!;
      const role = approvalRoleFor(actor, task);
      const now = new Date().toISOString();
      if (e.reviewRule && needsReview(task)) {
        submit(task, actor, role, data, now);
        if (comment) e.comment(task, actor, comment);
        e.emit('task.submitted', actor.id, { stepId: task.stepId, role, ...(data ? { data: redact(data) } : {}), ...(comment ? { comment } : {}) }, { task });
        return answer(e, task);
      }
      task.approvals.given.push({ user: actor.id, role, at: now });
      if (comment) e.comment(task, actor, comment);
      if (data) task.data = { ...task.data, ...data };
      const audit = { ...(data ? { data: redact(data) } : {}), ...(comment ? { comment } : {}) };
      if (task.approvals.given.length >= task.approvals.required) {
        task.completedBy = actor.id;
        finishStep(e, e.steps.get(task.stepId)!, 'done', actor.id, audit);
      } else {
        e.emit('task.approved', actor.id, { stepId: task.stepId, ...audit, role, given: task.approvals.given.length, required: task.approvals.required }, { task });
      }
      e.dirty = true;
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor, comment }: CompleteTaskArgs) => {
        const task = requireOpen(e.task(taskId), taskId);
        if (task.incident) fail('conflict', 'Eine Störung wird mit „Erneut versuchen“ oder „Überspringen“ behoben.');
        approvalRoleFor(actor, task);
        if (task.kind === 'wait' && !comment?.trim()) {
          fail('invalid', EARLY_END_NEEDS_REASON);
        }
      },
    },
  );

  registerReviewHandlers(e);

  setHandler(
    claimTask,
    ({ taskId, actor }) => {
      const task = e.task(taskId)!;
      task.assignee = actor.id;
      e.emit('task.claimed', actor.id, { assignee: { before: null, after: actor.id } }, { task });
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor }: TaskActionBase) => {
        const task = requireOpen(e.task(taskId), taskId);
        requireWorker(actor, task);
        if (task.assignee && task.assignee !== actor.id) fail('conflict', `Die Aufgabe ist bereits ${task.assignee} zugewiesen.`);
      },
    },
  );

  setHandler(
    unclaimTask,
    ({ taskId, actor }) => {
      const task = e.task(taskId)!;
      const before = task.assignee;
      delete task.assignee;
      e.emit('task.unclaimed', actor.id, { assignee: { before, after: null } }, { task });
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor }: TaskActionBase) => {
        const task = requireOpen(e.task(taskId), taskId);
        if (task.assignee !== actor.id) requireSteering(actor, task);
        if (!task.assignee) fail('conflict', 'Die Aufgabe ist niemandem zugewiesen.');
      },
    },
  );

  setHandler(
    assignTask,
    ({ taskId, actor, assignee }) => {
      const task = e.task(taskId)!;
      const before = task.assignee ?? null;
      task.assignee = assignee;
      e.emit('task.assigned', actor.id, { assignee: { before, after: assignee } }, { task });
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor, assignee }: AssignTaskArgs) => {
        const task = requireOpen(e.task(taskId), taskId);
        requireSteering(actor, task);
        if (!assignee.trim()) fail('invalid', 'Bitte eine Person angeben.');
      },
    },
  );

  setHandler(
    returnTask,
    ({ taskId, actor, reason }) => {
      const task = e.task(taskId)!;
      // Returning hands the task back to its team and withdraws approvals given so far.
      const before = { assignee: task.assignee ?? null, approvals: task.approvals.given.length };
      delete task.assignee;
      task.approvals.given = [];
      task.returnReason = reason;
      e.comment(task, actor, `Zurückgegeben: ${reason}`, false);
      e.emit('task.returned', actor.id, { reason, before, after: { assignee: null, approvals: 0 } }, { task });
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor, reason }: ReturnTaskArgs) => {
        const task = requireOpen(e.task(taskId), taskId);
        if (task.assignee !== actor.id) requireSteering(actor, task);
        if (!reason.trim()) fail('invalid', 'Bitte einen Grund angeben.');
      },
    },
  );

  setHandler(
    addComment,
    ({ taskId, actor, text }) => {
      const task = e.task(taskId)!;
      e.comment(task, actor, text);
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor, text }: CommentArgs) => {
        const task = e.task(taskId);
        if (!task) fail('notFound', `Aufgabe ${taskId} gibt es nicht.`);
        if (!actor.roles.includes('projektleitung')) requireWorker(actor, task);
        if (!text.trim()) fail('invalid', 'Der Kommentar ist leer.');
      },
    },
  );

  registerRepairHandlers(e);
}
