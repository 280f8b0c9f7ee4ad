// What the signed-in user may do with a task, mirroring the workflow's own checks (candidate roles, Gemeinde
// scope, four eyes). It only decides which buttons to offer: the server decides again and has the last word.
import type { Role, Task, User } from '../api/types';

/** The user's roles under which they may work on this task. */
export function actingRoles(user: User, task: Task): Role[] {
  return user.roles.filter((r) => task.candidateRoles.includes(r) && (r !== 'gemeinde' || user.gemeinden.includes(task.ags)));
}

export function rightsFor(user: User, task: Task) {
  const open = task.state === 'open';
  const worker = actingRoles(user, task).length > 0;
  const steering = user.roles.includes('projektleitung') || worker;
  const approvedByMe = task.approvals.given.some((a) => a.user === user.id);
  const submittedByMe = task.state === 'review' && task.submission?.by === user.id;
  const mine = task.assignee === user.id;
  return {
    worker,
    claim: open && worker && !task.assignee,
    unclaim: open && !!task.assignee && (mine || steering),
    assign: open && steering,
    giveBack: open && (mine || steering),
    complete: open && worker && !approvedByMe && !task.incident,
    approvedByMe,
    submittedByMe,
    /** four eyes: a second person may approve or reject the submitted data (the server checks the missing role) */
    review: task.state === 'review' && worker && !submittedByMe && !approvedByMe,
    /** a repair task: retry or skip the failed step (project lead, admin) */
    repair: open && !!task.incident && user.roles.some((r) => r === 'projektleitung' || r === 'admin'),
    comment: worker || user.roles.includes('projektleitung'),
  };
}

/** Approvals still missing: named roles not yet covered, or simply how many more people. */
export function missingApprovals(task: Task): { roles: Role[]; count: number } {
  const given = task.approvals.given;
  const count = Math.max(0, task.approvals.required - given.length);
  const roles = (task.approvals.roles ?? []).filter((r) => !given.some((a) => a.role === r));
  return { roles, count };
}
