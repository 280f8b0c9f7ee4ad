// Four eyes as a review (runs started under the review rule): the first entitled person enters the data and
// submits, a second, different person covering a role still missing approves or rejects it. The step records the
// submitted data itself: approving takes no data of its own, so there is never a second copy to disagree.
// Pure rules on a task; the engine registers the Updates and emits the audit events.
import type { Role } from '../../domain/types';
import type { Actor, Task } from '../messages';
import { approvalRoleFor, fail } from './tasks';

/** Whether completing this task submits it for review instead of finishing it. */
export function needsReview(task: Task): boolean {
  return task.approvals.required > 1;
}

/** The first person's entry: the task waits in `review`, showing who submitted what and when. */
export function submit(task: Task, actor: Actor, role: Role, data: Record<string, unknown> | undefined, at: string): void {
  // a submission is the whole form as entered this round (a correction may clear a field), not a merge of rounds
  if (data) task.data = { ...data };
  task.submission = { data: { ...task.data }, by: actor.id, at };
  task.approvals.given = [{ user: actor.id, role, at }];
  task.state = 'review';
  task.reviews ??= [];
  delete task.returnReason;
}

/** Validator of approve and reject: the task waits for review, and this person may decide on it. */
export function requireReviewer(task: Task | undefined, taskId: string, actor: Actor): Role {
  if (!task) fail('notFound', `Aufgabe ${taskId} gibt es nicht.`);
  if (task.state !== 'review' || !task.submission) fail('conflict', 'Die Aufgabe wartet nicht auf eine Freigabe.');
  if (task.submission.by === actor.id) {
    fail('conflict', 'Vier-Augen-Prinzip: Sie haben die Daten selbst eingegeben. Freigeben oder ablehnen muss eine zweite Person.');
  }
  return approvalRoleFor(actor, task);
}

/** Adds an approval; true when enough are given and the step is done with the submitted data. */
export function approve(task: Task, actor: Actor, role: Role, comment: string | undefined, at: string): boolean {
  task.approvals.given.push({ user: actor.id, role, at });
  (task.reviews ??= []).push({ by: actor.id, at, decision: 'approved', ...(comment ? { comment } : {}) });
  if (task.approvals.given.length < task.approvals.required) return false;
  task.data = { ...task.submission!.data };
  task.completedBy = actor.id;
  return true;
}

/** Sends the task back for correction: the data stays in the form, the reason is shown, approvals start again. */
export function reject(task: Task, actor: Actor, reason: string, at: string): void {
  (task.reviews ??= []).push({ by: actor.id, at, decision: 'rejected', reason });
  task.approvals.given = [];
  task.state = 'open';
  task.returnReason = reason;
}
