// What the signed-in user may do with a task is the server's answer, `task.allowedActions` (domain/policy.ts): the
// UI offers exactly those actions and works out no rights of its own. The rest here is display only.
import type { Role, Task, TaskAction, User } from '../api/types';

export function may(task: Task, action: TaskAction): boolean {
  return task.allowedActions.includes(action);
}

/** Whether the user's approval is among those given (shown next to the four-eyes status). */
export function approvedByMe(user: User, task: Task): boolean {
  return task.approvals.given.some((a) => a.user === user.id);
}

/** Whether the user entered the data now waiting for a second person (explains why they cannot review it). */
export function submittedByMe(user: User, task: Task): boolean {
  return task.state === 'review' && task.submission?.by === user.id;
}

/** Approvals still missing: named roles not yet covered, or simply how many more people. */
export function missingApprovals(task: Task): { roles: Role[]; count: number } {
  const given = task.approvals.given;
  const count = Math.max(0, task.approvals.required - given.length);
  const roles = (task.approvals.roles ?? []).filter((r) => !given.some((a) => a.role === r));
  return { roles, count };
}
