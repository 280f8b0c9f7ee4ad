// Task rules shared by the Update validators (which must be synchronous and pure) and the handlers.
import { ApplicationFailure } from '@temporalio/workflow';
import { actingRoles as policyActingRoles, approvalRole, maySteer } from '../../domain/policy';
import { ROLE_TITLES } from '../../domain/role-titles';
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

/** The role under which this actor's approval counts, or a reason why it cannot (domain/policy.ts decides). */
export function approvalRoleFor(actor: Actor, task: Task): Role {
  const decision = approvalRole(actor, task);
  if ('role' in decision) return decision.role;
  switch (decision.refused) {
    case 'notCandidate':
      return fail('forbidden', 'Diese Aufgabe gehört nicht zu Ihren Rollen.');
    case 'alreadyApproved':
      return fail('conflict', 'Vier-Augen-Prinzip: Sie haben bereits freigegeben; eine zweite Person muss zustimmen.');
    case 'roleCovered':
      return fail('conflict', `Es fehlt noch die Freigabe durch: ${decision.missing.map((r) => ROLE_TITLES[r]).join(', ')}.`);
  }
}

/** Whether the actor may assign or steer the task (project leads, or members of the task's team). */
export function requireSteering(actor: Actor, task: Task): void {
  if (!maySteer(actor, task)) fail('forbidden', 'Diese Aufgabe gehört nicht zu Ihren Rollen.');
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
