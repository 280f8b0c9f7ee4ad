// Incidents become work (runs started under this rule): an automated step that failed for good opens a repair task
// for the run's project lead. The task carries the error in plain German and the input the step failed on; it is
// worked with the step's own repair actions (retry with corrected input, skip with a reason), never "completed".
import { REPAIR_ROLES } from '../../domain/policy';
import type { PlanStep } from '../../domain/types';
import { taskIdOf, type Task } from '../messages';

export interface RepairContext {
  runId: string;
  ags: string;
  gemeindeName: string;
  process: Task['process'];
  projectLead?: string;
  openedAt: string;
  deadlines: Pick<Task, 'dueAt' | 'remindAt' | 'boardEscalationAt'>;
  /** the task this step had before (an earlier failure): its comments carry on */
  previous?: Task;
}

export function repairTask(step: PlanStep, error: string, input: Record<string, unknown>, ctx: RepairContext): Task {
  return {
    id: taskIdOf(ctx.runId, step.id),
    runId: ctx.runId,
    stepId: step.id,
    title: `Störung beheben: ${step.title}`,
    description: [
      `Der automatische Schritt „${step.title}“ ist fehlgeschlagen: ${plainError(error)}`,
      'Eingaben korrigieren und „Erneut versuchen“ – oder den Schritt mit Begründung „Überspringen“.',
    ].join('\n'),
    kind: step.kind,
    state: 'open',
    candidateRoles: [...REPAIR_ROLES],
    ags: ctx.ags,
    gemeindeName: ctx.gemeindeName,
    process: ctx.process,
    ...(ctx.projectLead ? { assignee: ctx.projectLead } : {}),
    openedAt: ctx.openedAt,
    ...ctx.deadlines,
    approvals: { required: 1, given: [] },
    formId: null,
    comments: ctx.previous ? ctx.previous.comments : [],
    incident: { stepId: step.id, error, input },
  };
}

/** Temporal's wrappers say "Activity task failed" and the like; the people fixing it need the cause only. */
export function plainError(error: string): string {
  const text = error.trim();
  if (!text) return 'Unbekannter Fehler.';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The input a repair form shows: the run's start request, the form data of the finished steps this step depends on
 * (directly or through others) and what an operator corrected before — what the step read, without the forms of
 * unrelated steps.
 */
export function failedInput(
  request: Record<string, unknown>,
  step: PlanStep,
  steps: Map<string, { step: PlanStep }>,
  dataOf: (stepId: string) => Record<string, unknown> | undefined,
  override: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dep of steps.get(id)?.step.dependsOn ?? []) visit(dep);
    order.push(id);
  };
  for (const dep of step.dependsOn) visit(dep);
  const input: Record<string, unknown> = { ...request };
  for (const id of order) Object.assign(input, dataOf(id));
  return { ...input, ...override };
}
