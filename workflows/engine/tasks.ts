// Task rules shared by the Update validators (which must be synchronous and pure) and the handlers.
import { ApplicationFailure } from '@temporalio/workflow';
import { actingRoles as policyActingRoles } from '../../domain/policy';
import type { Role } from '../../domain/types';
import { FailureTypes, type Actor, type Task } from '../messages';

export function fail(type: keyof typeof FailureTypes, message: string): never {
  throw ApplicationFailure.create({ type: FailureTypes[type], message, nonRetryable: true });
}

/** Roles of the actor that may work on the task: the one rule of domain/policy.ts, as the API applies it too. */
export function actingRoles(actor: Actor, task: Pick<Task, 'candidateRoles' | 'ags'>): Role[] {
  return policyActingRoles(actor, task);
}

export function requireOpen(task: Task | undefined, taskId: string): Task {
  if (!task) fail('notFound', `Aufgabe ${taskId} gibt es nicht.`);
  if (task.state !== 'open') fail('conflict', 'Die Aufgabe ist nicht mehr offen.');
  return task;
}

export function requireWorker(actor: Actor, task: Task): Role[] {
  const roles = actingRoles(actor, task);
  if (roles.length === 0) fail('forbidden', 'Diese Aufgabe gehört nicht zu Ihren Rollen.');
  return roles;
}

/** The role under which this actor's approval counts, or a reason why it cannot. */
export function approvalRoleFor(actor: Actor, task: Task): Role {
  const roles = requireWorker(actor, task);
  if (task.approvals.given.some((a) => a.user === actor.id)) {
    fail('conflict', 'Vier-Augen-Prinzip: Sie haben bereits freigegeben; eine zweite Person muss zustimmen.');
  }
  const open = task.approvals.roles?.filter((r) => !task.approvals.given.some((a) => a.role === r));
  if (!open) return roles[0];
  const role = roles.find((r) => open.includes(r));
  if (!role) fail('conflict', `Es fehlt noch die Freigabe durch: ${open.join(', ')}.`);
  return role;
}

/** Whether the actor may assign or steer the task (project leads, or members of the task's team). */
export function requireSteering(actor: Actor, task: Task): void {
  if (actor.roles.includes('projektleitung')) return;
  requireWorker(actor, task);
}

export function cloneTask(task: Task): Task {
  return {
    ...task,
    candidateRoles: [...task.candidateRoles],
    approvals: { ...task.approvals, given: task.approvals.given.map((a) => ({ ...a })) },
    comments: task.comments.map((c) => ({ ...c })),
    ...(task.data ? { data: { ...task.data } } : {}),
    ...(task.submission ? { submission: { ...task.submission, data: { ...task.submission.data } } } : {}),
    ...(task.reviews ? { reviews: task.reviews.map((r) => ({ ...r })) } : {}),
    ...(task.incident ? { incident: { ...task.incident, input: { ...task.incident.input } } } : {}),
    ...(task.context ? { context: { ...task.context } } : {}),
  };
}
