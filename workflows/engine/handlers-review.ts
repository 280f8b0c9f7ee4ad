// Four eyes: a second person approves the submitted data or sends it back with a reason.
import type { Engine } from './engine';
import type { ApproveTaskArgs, ReturnTaskArgs } from '../messages';
import { approve, reject, requireReviewer } from './four-eyes';
import { approveTask, rejectTask } from '../messages';
import { answer } from './answer';
import { fail } from './tasks';
import { finishStep } from './lifecycle';
import { setHandler } from '@temporalio/workflow';

/** Four eyes: a second person approves the submitted data or sends it back with a reason. */
export function registerReviewHandlers(e: Engine): void {
  setHandler(
    approveTask,
    ({ taskId, actor, comment }) => {
      const task = e.task(taskId)!;
      const role = requireReviewer(task, taskId, actor);
      const at = new Date().toISOString();
      const done = approve(task, actor, role, comment?.trim() || undefined, at);
      if (comment?.trim()) e.comment(task, actor, comment.trim(), false);
      const audit = { stepId: task.stepId, role, submittedBy: task.submission!.by, given: task.approvals.given.length, required: task.approvals.required, ...(comment?.trim() ? { comment: comment.trim() } : {}) };
      e.emit('task.approved', actor.id, audit, { task });
      if (done) finishStep(e, e.steps.get(task.stepId)!, 'done', actor.id, { submittedBy: task.submission!.by });
      return answer(e, task);
    },
    { validator: ({ taskId, actor }: ApproveTaskArgs) => void requireReviewer(e.task(taskId), taskId, actor) },
  );

  setHandler(
    rejectTask,
    ({ taskId, actor, reason }) => {
      const task = e.task(taskId)!;
      reject(task, actor, reason.trim(), new Date().toISOString());
      e.comment(task, actor, `Abgelehnt: ${reason.trim()}`, false);
      e.emit('task.rejected', actor.id, { stepId: task.stepId, reason: reason.trim(), submittedBy: task.submission!.by }, { task });
      return answer(e, task);
    },
    {
      validator: ({ taskId, actor, reason }: ReturnTaskArgs) => {
        requireReviewer(e.task(taskId), taskId, actor);
        if (!reason?.trim()) fail('invalid', 'Bitte einen Grund für die Ablehnung angeben.');
      },
    },
  );
}
