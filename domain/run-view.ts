// What a run looks like from outside (the getState query, the API's run page): pure functions of the plan, each
// step's progress and the schedule. The engine answers its query with them, and the API uses them for the run it
// has just started, so that a start need not wait for the run's first workflow task. The view's shapes live here
// with the functions that build them; workflows/messages.ts names them for the query (its `Task` fills `RunView`).
import type { HealthReason } from './health';
import type { RunSchedule, StepSchedule } from './schedule';
import type { Health, PlanStep, ProcessId, ResolvedPlan, Role, RunStatus, StepKind, StepState } from './types';

/** The part of a step's runtime that its view shows. */
export interface StepProgressView {
  state: StepState;
  startedAt?: string;
  completedAt?: string;
  attempts?: number;
  error?: string;
  summary?: string;
  childStatus?: Record<string, RunStatus | 'running'>;
  waitUntil?: string;
  heldUntil?: string;
  heldReason?: string;
}

export interface StepView {
  id: string;
  title: string;
  phase: string;
  kind: StepKind;
  state: StepState;
  candidateRoles: Role[];
  dependsOn: string[];
  plannedDays: number;
  plannedStart?: string;
  plannedEnd?: string;
  projectedEnd?: string;
  critical?: boolean;
  milestone?: boolean;
  startedAt?: string;
  completedAt?: string;
  attempts?: number;
  error?: string;
  summary?: string;
  children?: string[];
  childStatus?: Record<string, RunStatus | 'running'>;
  waitUntil?: string;
  /** a cutover held back by a blocked window */
  heldUntil?: string;
  heldReason?: string;
}

/** A run as its getState query and the API's run page show it; `T` is the task shape (workflows/messages.ts). */
export interface RunView<T> {
  id: string;
  process: ProcessId;
  title: string;
  status: RunStatus;
  parentId?: string;
  gemeinde: { ags: string; name: string };
  progress: number;
  health: Health;
  /** why the run is amber or red, in German (absent on runs scheduled by the legacy rules) */
  healthReasons?: HealthReason[];
  /** the target lies before the earliest feasible go-live */
  ambitious?: boolean;
  targetGoLive?: string;
  projectedGoLive?: string;
  plannedGoLive?: string;
  slackDays?: number | null;
  phase: string;
  phaseTitle: string;
  projectLead?: string;
  deputyLead?: string;
  startedAt: string;
  completedAt?: string;
  cancelReason?: string;
  steps: StepView[];
  tasks: T[];
  incidents: { stepId: string; error: string }[];
}

const FINISHED: StepState[] = ['done', 'skipped'];

export function describeStep(step: PlanStep, rt: StepProgressView, sched?: StepSchedule): StepView {
  return {
    id: step.id,
    title: step.title,
    phase: step.phase,
    kind: step.kind,
    state: rt.state,
    candidateRoles: [...step.candidateRoles],
    dependsOn: [...step.dependsOn],
    plannedDays: step.plannedDays,
    plannedStart: sched?.plannedStart,
    plannedEnd: sched?.plannedEnd,
    projectedEnd: sched?.projectedEnd,
    critical: sched?.critical,
    ...(step.milestone ? { milestone: true } : {}),
    startedAt: rt.startedAt,
    completedAt: rt.completedAt,
    ...(rt.attempts ? { attempts: rt.attempts } : {}),
    ...(rt.error ? { error: rt.error } : {}),
    ...(rt.summary ? { summary: rt.summary } : {}),
    ...(step.children ? { children: step.children.map((c) => c.runId), childStatus: { ...rt.childStatus } } : {}),
    ...(rt.waitUntil ? { waitUntil: rt.waitUntil } : {}),
    ...(rt.heldUntil ? { heldUntil: rt.heldUntil, heldReason: rt.heldReason } : {}),
  };
}

/** The phase of the first step not yet finished; `abgeschlossen` once the run has completed. */
export function currentPhase(plan: ResolvedPlan, status: RunStatus, stateOf: (stepId: string) => StepState): string {
  if (status === 'completed') return 'abgeschlossen';
  const open = plan.steps.find((s) => !FINISHED.includes(stateOf(s.id)));
  return open?.phase ?? plan.phases[plan.phases.length - 1].id;
}

export function describeRun<T>(run: {
  runId: string;
  plan: ResolvedPlan;
  status: RunStatus;
  parentId?: string;
  startedAt: string;
  completedAt?: string;
  cancelReason?: string;
  schedule: RunSchedule;
  progressOf: (stepId: string) => StepProgressView;
  tasks: T[];
}): RunView<T> {
  const { plan, schedule } = run;
  const phase = currentPhase(plan, run.status, (id) => run.progressOf(id).state);
  const steps = plan.steps.map((s) => describeStep(s, run.progressOf(s.id), schedule.steps[s.id]));
  return {
    id: run.runId,
    process: plan.process,
    title: plan.title,
    status: run.status,
    ...(run.parentId ? { parentId: run.parentId } : {}),
    gemeinde: { ...plan.subject },
    progress: schedule.progress,
    health: schedule.health,
    healthReasons: schedule.reasons,
    ...(schedule.ambitious ? { ambitious: true } : {}),
    targetGoLive: plan.targetGoLive,
    plannedGoLive: schedule.plannedGoLive,
    projectedGoLive: schedule.projectedGoLive,
    slackDays: schedule.slackDays,
    phase,
    phaseTitle: plan.phases.find((p) => p.id === phase)?.title ?? 'Abgeschlossen',
    projectLead: plan.projectLead,
    ...(plan.deputyLead ? { deputyLead: plan.deputyLead } : {}),
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    cancelReason: run.cancelReason,
    steps,
    tasks: run.tasks,
    incidents: steps.filter((s) => s.state === 'failed').map((s) => ({ stepId: s.id, error: s.error ?? '' })),
  };
}
