// Who may act on a task and what a Gemeinde's staff see — the one place for these rules. Pure, so that the API, the
// workflow validators (synchronous, deterministic) and the views all ask the same functions.
import { ROLES, type Role } from './types';

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

/** Who may work on tasks at all (claim, enter data, review, give back): every role but the administration. */
export const TASK_WORK_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'admin');
/** Who may assign tasks: the project lead and the teams (each on its own tasks). */
export const TASK_ASSIGN_ROLES: readonly Role[] = TASK_WORK_ROLES;
/** Who repairs a failed automated step (retry, skip): the project lead and the administration. */
export const REPAIR_ROLES: readonly Role[] = ['projektleitung', 'admin'];

/** Who plans the year (planned onboardings, capacity, what-if, the monthly report): project leads, board, administration. */
export const PLANNING_ROLES: readonly Role[] = ['projektleitung', 'vorstand', 'admin'];
/** Who sets the teams' capacity and absences for the year plan: the administration. */
export const CAPACITY_ROLES: readonly Role[] = ['admin'];

export function holdsAny(person: Person, roles: readonly Role[]): boolean {
  return person.roles.some((r) => roles.includes(r));
}

/** Whether the person may assign or steer the task: the project lead, or a member of the task's team. */
export function maySteer(person: Person, task: TaskScope): boolean {
  return person.roles.includes('projektleitung') || mayActOn(person, task);
}

export function mayRepair(person: Person): boolean {
  return holdsAny(person, REPAIR_ROLES);
}

/** A signed-in person: the rights of `Person`, and who they are (assignee, submitter, approvals given). */
export interface Caller extends Person {
  id: string;
}

/** What the rules of the task actions need to know of a task — the API's task view and the workflow's task both fit. */
export interface TaskFacts extends TaskScope {
  state: string;
  assignee?: string;
  approvals: { required: number; roles?: readonly Role[]; given: readonly { user: string; role: Role }[] };
  /** four eyes: who entered the data now waiting for review */
  submission?: { by: string };
  /** a repair task: worked with retry or skip, never completed */
  incident?: unknown;
}

/** Why an approval (entering data, or reviewing it) does not count. */
export type ApprovalRefusal =
  | { refused: 'notCandidate' }
  | { refused: 'alreadyApproved' }
  | { refused: 'roleCovered'; missing: Role[] };

/**
 * The role under which the person's approval counts — entering the data, or approving it under four eyes: a role
 * the person acts in, not approved already, and covering a named role still missing (if the task names them).
 */
export function approvalRole(person: Caller, task: TaskFacts): { role: Role } | ApprovalRefusal {
  const roles = actingRoles(person, task);
  if (roles.length === 0) return { refused: 'notCandidate' };
  if (task.approvals.given.some((a) => a.user === person.id)) return { refused: 'alreadyApproved' };
  const missing = task.approvals.roles?.filter((r) => !task.approvals.given.some((a) => a.role === r));
  if (!missing) return { role: roles[0] };
  const role = roles.find((r) => missing.includes(r));
  return role ? { role } : { refused: 'roleCovered', missing };
}

/** The actions on a task, as the API's routes name them (`complete` enters the data, or submits it for review). */
export const TASK_ACTIONS = ['claim', 'unclaim', 'assign', 'return', 'complete', 'approve', 'reject', 'comment', 'retry', 'skip'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * What this person may do with the task now — the decisions of the routes' role checks (api/policy.ts) and the
 * workflow's Update validators (workflows/engine/tasks.ts, four-eyes.ts) in one answer, so that the UI offers
 * exactly the buttons that work and the bots pick an actor who may act. The server still decides each request.
 */
export function allowedActions(person: Caller, task: TaskFacts): TaskAction[] {
  const works = holdsAny(person, TASK_WORK_ROLES);
  const open = task.state === 'open';
  const steering = maySteer(person, task);
  const mine = task.assignee !== undefined && task.assignee === person.id;
  const counts = 'role' in approvalRole(person, task);
  const reviewing = task.state === 'review' && !!task.submission && task.submission.by !== person.id && counts;
  const repairing = open && !!task.incident && mayRepair(person);
  const allowed: Record<TaskAction, boolean> = {
    claim: works && open && !task.assignee && mayActOn(person, task),
    unclaim: works && open && !!task.assignee && (mine || steering),
    assign: holdsAny(person, TASK_ASSIGN_ROLES) && open && steering,
    return: works && open && (mine || steering),
    complete: works && open && !task.incident && counts,
    approve: works && reviewing,
    reject: works && reviewing,
    comment: steering,
    retry: repairing,
    skip: repairing,
  };
  return TASK_ACTIONS.filter((a) => allowed[a]);
}

/** The actions that are a task's work itself, not steering it: a person's work ("Mein Team") is the tasks offering one. */
export const WORK_ACTIONS: readonly TaskAction[] = ['claim', 'complete', 'approve', 'reject', 'retry'];

export function isWorkFor(person: Caller, task: TaskFacts): boolean {
  return allowedActions(person, task).some((a) => WORK_ACTIONS.includes(a));
}

/**
 * What a query may narrow a person's work to before `isWorkFor` decides each task: every work action needs a
 * role the person acts in on the task (claim, complete, approve, reject: `works` and `actingRoles`), except retry,
 * which needs a repair role and an incident. A necessary condition, never the rule itself (policy.test.ts checks it).
 */
export interface WorkScope {
  /** tasks with one of these candidate roles (role `gemeinde` only of `gemeinden`) */
  roles: Role[];
  gemeinden: string[];
  /** and open tasks with an incident */
  incidents: boolean;
}

export function workScope(person: Person): WorkScope {
  return {
    roles: holdsAny(person, TASK_WORK_ROLES) ? [...person.roles] : [],
    gemeinden: [...person.gemeinden],
    incidents: mayRepair(person),
  };
}

/**
 * Whether a task in a person's work scope is work by the scope alone: an open task without incident, approvals
 * given or named roles to cover can be completed by everyone whose scope holds it. A count then needs only the other
 * tasks' facts (task_roles.by_scope states this in SQL, migration 021; policy.test.ts checks it against isWorkFor).
 */
export function workByScope(task: TaskFacts): boolean {
  return task.state === 'open' && task.incident === undefined && task.approvals.given.length === 0 && task.approvals.roles === undefined;
}

/** Staff of the IT company see every Gemeinde; Gemeinde users (only role `gemeinde`) only their own. */
export function isTenantScoped(person: Person): boolean {
  return person.roles.every((r) => r === 'gemeinde');
}

export function seesGemeinde(person: Person, ags: string): boolean {
  return !isTenantScoped(person) || person.gemeinden.includes(ags);
}

/**
 * Whom a person may see named (assignees, submitters, approvers): staff see everyone; a Gemeinde user sees the IT
 * company's staff and the people of its own Gemeinden, never another Gemeinde's staff.
 */
export function seesPerson(viewer: Person, other: Person): boolean {
  return !isTenantScoped(viewer) || !isTenantScoped(other) || other.gemeinden.some((ags) => viewer.gemeinden.includes(ags));
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
 * release) nor the start form's remarks, and step results only once released: `isDone` says which steps are done in
 * the run as it stands now, so that a page of old events is judged like the whole trail.
 */
export function auditTrailFor<E extends AuditEvent>(person: Person, events: readonly E[], isDone: (stepId: string) => boolean): E[] {
  if (!isTenantScoped(person)) return [...events];
  return events
    .filter((e) => !e.task || mayActOn(person, e.task))
    .map((e) => {
      const stepId = typeof e.data.stepId === 'string' ? e.data.stepId : undefined;
      const withheld = [
        ...(INTERNAL_FIELDS[e.type] ?? []),
        ...(stepId !== undefined && !seesStepResult(person, stepId, isDone) ? ['summary'] : []),
      ].filter((field) => field in e.data);
      if (withheld.length === 0) return e;
      return { ...e, data: Object.fromEntries(Object.entries(e.data).filter(([field]) => !withheld.includes(field))) };
    });
}

/** Fields of an event's data the KU keeps to itself: the remarks on the start form (its „Bemerkungen“). */
const INTERNAL_FIELDS: Record<string, readonly string[]> = { 'run.started': ['notes'] };

/** The steps whose completion releases another step's results: those to look up for `auditTrailFor`'s `isDone`. */
export const RELEASING_STEPS: readonly string[] = [...new Set(Object.values(RELEASED_BY))];
