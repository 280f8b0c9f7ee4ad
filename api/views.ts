// The API's shapes of runs and tasks (API.md), built from the workflow's state. Each function returns the type of
// its documented response schema (api/openapi/responses.ts), so the compiler holds views and documentation together.
import type { RunSnapshot, TaskSnapshot } from '../domain/events';
import { allowedActions, seesStepResult, type Caller, type Person } from '../domain/policy';
import { requiredDocument } from '../domain/required-documents';
import { wentLiveOn } from '../domain/templates';
import type { RequiredDocument } from '../domain/types';
import type { RunState, StepView, Task } from '../workflows/messages';
import { formJsonSchema } from './forms';
import type { RunBody, RunSummaryBody, StepBody, TaskBody } from './openapi/responses';
import type { User, UserDirectory } from '../config/users';

/** A task as `caller` sees it, with the actions the caller may perform on it now (domain/policy.ts). */
export function taskView(task: Task | TaskSnapshot, caller: Caller, now = new Date()): TaskBody {
  return {
    id: task.id,
    runId: task.runId,
    stepId: task.stepId,
    title: task.title,
    description: task.description,
    kind: task.kind,
    state: task.state,
    process: task.process,
    candidateRoles: task.candidateRoles,
    ags: task.ags,
    gemeindeName: task.gemeindeName,
    ...(task.assignee ? { assignee: task.assignee } : {}),
    openedAt: task.openedAt,
    ...(task.dueAt ? { dueAt: task.dueAt } : {}),
    overdue: task.state === 'open' && !!task.dueAt && Date.parse(task.dueAt) < now.getTime(),
    ...(task.completedAt ? { completedAt: task.completedAt } : {}),
    ...(task.completedBy ? { completedBy: task.completedBy } : {}),
    approvals: {
      required: task.approvals.required,
      ...(task.approvals.roles ? { roles: task.approvals.roles } : {}),
      given: task.approvals.given.map((a) => ({ user: a.user, role: a.role, at: a.at })),
    },
    form: task.formId ? { id: task.formId, schema: formJsonSchema(task.formId) as Record<string, unknown> } : null,
    ...withRequiredDocument(task),
    ...('data' in task && task.data ? { data: task.data } : {}),
    ...('context' in task && task.context ? { context: task.context } : {}),
    comments: task.comments,
    ...(task.returnReason ? { returnReason: task.returnReason } : {}),
    ...(task.submission ? { submission: { ...('data' in task.submission ? { data: task.submission.data } : {}), by: task.submission.by, at: task.submission.at } } : {}),
    reviews: (task.reviews ?? []).map((r) => ({ ...r })),
    ...(task.incident ? { incident: { stepId: task.incident.stepId, error: task.incident.error, ...('input' in task.incident ? { input: task.incident.input } : {}) } } : {}),
    allowedActions: allowedActions(caller, task),
  };
}
export type TaskView = ReturnType<typeof taskView>;

function withRequiredDocument(task: Task | TaskSnapshot): { requiresDocument?: RequiredDocument } {
  return requiredDocumentOf(task.process, task.stepId);
}

/** The paper a step needs (templates' `requiresDocument`), for the task and the run's plan alike. */
function requiredDocumentOf(process: Task['process'], stepId: string): { requiresDocument?: RequiredDocument } {
  const need = requiredDocument(process, stepId);
  return need ? { requiresDocument: { kind: need.kind, label: need.label, ...(need.fromGemeinde ? { fromGemeinde: true } : {}) } } : {};
}

export function runSummary(state: RunState): RunSummaryBody {
  return {
    id: state.id,
    process: state.process,
    title: state.title,
    status: state.status,
    ...(state.parentId ? { parentId: state.parentId } : {}),
    gemeinde: state.gemeinde,
    progress: state.progress,
    health: state.health,
    ...(state.healthReasons ? { healthReasons: state.healthReasons } : {}),
    phase: state.phase,
    phaseTitle: state.phaseTitle,
    ...(state.targetGoLive ? { targetGoLive: state.targetGoLive } : {}),
    ...(state.projectedGoLive ? { projectedGoLive: state.projectedGoLive } : {}),
    startedAt: state.startedAt,
    ...(state.completedAt ? { completedAt: state.completedAt } : {}),
  };
}

/** A run as the read model remembers it (lists, and runs whose history Temporal no longer keeps). */
export function snapshotSummary(run: RunSnapshot): RunSummaryBody {
  return {
    id: run.id,
    process: run.process,
    title: run.title,
    status: run.status,
    ...(run.parentId ? { parentId: run.parentId } : {}),
    gemeinde: { ags: run.ags, name: run.gemeindeName },
    progress: run.progress,
    health: run.health,
    ...(run.healthReasons ? { healthReasons: run.healthReasons } : {}),
    phase: run.phase,
    phaseTitle: run.phaseTitle,
    ...(run.targetGoLive ? { targetGoLive: run.targetGoLive } : {}),
    ...(run.projectedGoLive ? { projectedGoLive: run.projectedGoLive } : {}),
    ...(run.projectLead ? { projectLead: run.projectLead } : {}),
    startedAt: run.startedAt,
    ...(run.completedAt ? { completedAt: run.completedAt } : {}),
    ...(run.nextMilestones ? { nextMilestones: run.nextMilestones } : {}),
  };
}

/** A named person as the run page shows them: name and address when the directory knows them. */
async function contactOf(userId: string | undefined, users: UserDirectory) {
  if (!userId) return undefined;
  const u = await users.find(userId);
  return u ? { id: u.id, name: u.name, email: u.email } : { id: userId };
}

/** The run as `viewer` may see it (without a viewer: whole, for staff who just changed it). */
export async function runView(state: RunState, users: UserDirectory, viewer?: Person): Promise<RunBody> {
  const lead = state.projectLead ? await users.find(state.projectLead) : undefined;
  const deputy = await contactOf(state.deputyLead, users);
  const done = new Set(state.steps.filter((s) => s.state === 'done').map((s) => s.id));
  const showsResult = (s: StepView) => !viewer || seesStepResult(viewer, s.id, (id) => done.has(id));
  const live = wentLiveOn(state.process, state.steps);
  return {
    ...runSummary(state),
    ...(state.plannedGoLive ? { plannedGoLive: state.plannedGoLive } : {}),
    ...(state.slackDays !== undefined && state.slackDays !== null ? { slackDays: state.slackDays } : {}),
    ...(state.ambitious ? { ambitious: true } : {}),
    ...(state.cancelReason ? { cancelReason: state.cancelReason } : {}),
    ...(live ? { wentLiveOn: live } : {}),
    steps: state.steps.map((s) => ({ ...stepView(s, showsResult(s)), ...requiredDocumentOf(state.process, s.id) })),
    incidents: state.incidents,
    ...(lead ? { contact: { id: lead.id, name: lead.name, email: lead.email } } : state.projectLead ? { contact: { id: state.projectLead } } : {}),
    ...(deputy ? { deputyContact: deputy } : {}),
  };
}

/**
 * A step of a run's plan, as the run page and the repair actions (retry, skip) answer it; its result (`summary`)
 * only if the viewer may see it (domain/policy.ts: the offer before its release is internal).
 */
export function stepView(s: StepView, showResult = true): StepBody {
  return {
    id: s.id,
    title: s.title,
    phase: s.phase,
    kind: s.kind,
    state: s.state,
    candidateRoles: s.candidateRoles,
    dependsOn: s.dependsOn,
    ...(s.plannedStart ? { plannedStart: s.plannedStart } : {}),
    ...(s.plannedEnd ? { plannedEnd: s.plannedEnd } : {}),
    ...(s.projectedEnd ? { projectedEnd: s.projectedEnd } : {}),
    critical: !!s.critical,
    ...(s.milestone ? { milestone: true as const } : {}),
    ...(s.startedAt ? { startedAt: s.startedAt } : {}),
    ...(s.completedAt ? { completedAt: s.completedAt } : {}),
    ...(s.attempts ? { attempts: s.attempts } : {}),
    ...(s.error ? { error: s.error } : {}),
    ...(s.summary && showResult ? { summary: s.summary } : {}),
    ...(s.children ? { children: s.children, childStatus: s.childStatus } : {}),
    ...(s.waitUntil ? { waitUntil: s.waitUntil } : {}),
    ...(s.heldUntil ? { heldUntil: s.heldUntil, ...(s.heldReason ? { heldReason: s.heldReason } : {}) } : {}),
  };
}

/** What everyone signed in may know of a person they see: the name for an id, and what the person works on. */
export function personName({ id, name, roles, gemeinden }: User) {
  return { id, name, roles, gemeinden };
}
