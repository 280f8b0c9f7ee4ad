// Who may act on a task and what a Gemeinde's staff see — the one place for these rules. Pure, so that the API, the
// workflow validators (synchronous, deterministic) and the views all ask the same functions.
import type { Role } from './types';

/** A person as far as rights go: their roles, and the Gemeinden (AGS) they act for under role `gemeinde`. */
export interface Person {
  roles: readonly Role[];
  gemeinden: readonly string[];
}

/** What a task needs for the rule: who may do it, and for which Gemeinde. */
export interface TaskScope {
  candidateRoles: readonly Role[];
  ags: string;
}

/**
 * The roles under which a person may act on a task: each of the task's candidate roles the person holds, and role
 * `gemeinde` only for the person's own Gemeinde (the Bürgermeister of Kaufering answers Kaufering's Fragebogen, not
 * Landsberg's).
 */
export function actingRoles(person: Person, task: TaskScope): Role[] {
  return task.candidateRoles.filter((r) => actsAs(person, r, task.ags));
}

/** Whether the person acts under `role` for the Gemeinde `ags`: holds it, and role `gemeinde` only for its own. */
export function actsAs(person: Person, role: Role, ags: string): boolean {
  return person.roles.includes(role) && (role !== 'gemeinde' || person.gemeinden.includes(ags));
}

export function mayActOn(person: Person, task: TaskScope): boolean {
  return actingRoles(person, task).length > 0;
}

/** Staff of the IT company see every Gemeinde; Gemeinde users (only role `gemeinde`) only their own. */
export function isTenantScoped(person: Person): boolean {
  return person.roles.every((r) => r === 'gemeinde');
}

export function seesGemeinde(person: Person, ags: string): boolean {
  return !isTenantScoped(person) || person.gemeinden.includes(ags);
}

/**
 * Staff see every task (they plan, steer and stand in); a Gemeinde user sees only the tasks it can act on — the
 * board's Erstgespräch or the discount at "Angebot freigeben" are the IT company's internal work.
 */
export function seesTask(person: Person, task: TaskScope): boolean {
  return isTenantScoped(person) ? mayActOn(person, task) : true;
}

/**
 * Step results the IT company keeps to itself until a later step releases them: the computed offer is a draft until
 * the Bereichsleitung has released it at "Angebot freigeben" (possibly with a discount).
 */
export const RELEASED_BY: Readonly<Record<string, string>> = {
  'angebot-berechnen': 'angebot-freigabe',
};

/** Whether a step's results (its summary) may be shown to this person, given which steps are done. */
export function seesStepResult(person: Person, stepId: string, isDone: (stepId: string) => boolean): boolean {
  const releasedBy = RELEASED_BY[stepId];
  return !isTenantScoped(person) || releasedBy === undefined || isDone(releasedBy);
}

/** An audit event as far as the policy needs it: the task snapshot it concerns, if any. */
export interface AuditEvent {
  type: string;
  data: Record<string, unknown>;
  task?: TaskScope;
}

/**
 * A run's audit trail (or a page of it) as this person may read it. Staff read it whole. A Gemeinde user reads the
 * run's course and the events of its own tasks, not those of internal tasks (claims, comments, the discount given at
 * release), and step results only once released: `isDone` says which steps are done in the run as it stands now, so
 * that a page of old events is judged like the whole trail.
 */
export function auditTrailFor<E extends AuditEvent>(person: Person, events: readonly E[], isDone: (stepId: string) => boolean): E[] {
  if (!isTenantScoped(person)) return [...events];
  return events
    .filter((e) => !e.task || mayActOn(person, e.task))
    .map((e) => {
      const stepId = typeof e.data.stepId === 'string' ? e.data.stepId : undefined;
      if (stepId === undefined || !('summary' in e.data) || seesStepResult(person, stepId, isDone)) return e;
      const { summary: _withheld, ...data } = e.data;
      return { ...e, data };
    });
}

/** The steps whose completion releases another step's results: those to look up for `auditTrailFor`'s `isDone`. */
export const RELEASING_STEPS: readonly string[] = [...new Set(Object.values(RELEASED_BY))];
