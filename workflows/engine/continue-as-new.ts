// Continue-as-new: a long run cuts its history once it passes a threshold, and the next run of the same workflow id
// (the API addresses runs by workflow id, so it follows) restores the state carried over. Everything a run knows
// beyond its plan and input is in CarriedState; deadlines are instants in it, so the next run's timers are armed
// from them again, and the audit sequence continues where it stopped.
import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { DomainEvent } from '../../domain/events';
import type { RunResult, Task, WorkflowInput } from '../messages';
import type { StepRuntime } from './runtime';
import type { Engine } from './engine';

/** patch id: runs continue as new past the history threshold (issue 18) */
export const CONTINUE_AS_NEW_PATCH = 'continue-as-new';
/** History events after which a run continues as new unless its input says otherwise (the server suggests it at
 * 4,096 and warns at 10,240; continueAsNewSuggested counts too). */
export const DEFAULT_HISTORY_LIMIT = 4000;

/** A run's state beyond its plan and input: what the next run of a continued run starts from. */
export interface CarriedState {
  startedAt: string;
  /** each step's runtime by step id (the step itself is the carried plan's) */
  steps: Record<string, Omit<StepRuntime, 'step'>>;
  tasks: Task[];
  seenEvents: [string, string][];
  /** the last audit seq given out, and events not yet stored */
  seq: number;
  pendingEvents: DomainEvent[];
  published: { phase: string; health: string; progress: number; projectedGoLive?: string };
  forecast?: string;
  reportedEnd?: string;
  /** a cancellation asked for (requestCancel) whose cancel request may reach the next run */
  cancelReason?: string;
  cancelledBy?: string;
  /** decisions of patched() taken when the run first started; a continued run keeps them */
  planV2: boolean;
  reviewRule: boolean;
  repairTasks: boolean;
  /** how many times this run has continued as new */
  continued: number;
}

/** Restores a continued run's steps, tasks and seen events into a freshly constructed engine. */
export function restore(e: Engine, carried: CarriedState): void {
  for (const [id, runtime] of Object.entries(carried.steps)) {
    const rt = e.steps.get(id);
    if (rt) Object.assign(rt, runtime);
  }
  for (const task of carried.tasks) e.tasks.set(task.id, task);
  for (const [eventId, stepId] of carried.seenEvents) e.seenEvents.set(eventId, stepId);
  e.published = { ...carried.published };
  e.forecast = carried.forecast;
  e.reportedEnd = carried.reportedEnd;
  e.cancelReason = carried.cancelReason;
  e.cancelledBy = carried.cancelledBy;
  e.planV2 = carried.planV2;
}

function historyFull(e: Engine): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (e.input.historyLimit ?? DEFAULT_HISTORY_LIMIT);
}

/**
 * Activities (a step's own, or the fetch of its stored device batches) and child runs report to the run that
 * started them: a run only continues when none is in flight.
 * (A child would also be cancelled by its REQUEST_CANCEL parent close policy, which applies on continue-as-new.)
 */
function quiet(e: Engine): boolean {
  if (e.childRuns.size > 0) return false;
  return ![...e.steps.values()].some((rt) => (rt.state === 'active' && rt.step.kind === 'automated') || rt.takingBatches);
}

/**
 * Whether the run should continue as new now: its history is past the threshold and it is quiet. Synchronous, so
 * that a run below the threshold takes exactly the steps it took before the patch (no extra await on its path).
 */
export function continueDue(e: Engine): boolean {
  if (!historyFull(e) || !quiet(e)) return false;
  // Asked only once the threshold is reached: histories recorded before the patch never reach this call with it.
  return patched(CONTINUE_AS_NEW_PATCH);
}

/**
 * Continues the run as new once no audit batch or notification is on its way (events not yet sent go over with
 * the carried state) and no Update handler runs. Returns (and the loop looks at the run again) only when a handler
 * started an activity meanwhile.
 */
export async function continueAsNewWhenQuiet(e: Engine): Promise<void> {
  await condition(() => allHandlersFinished() && !e.outbox.busy);
  if (!quiet(e)) return;
  const next: WorkflowInput = { ...e.input, plan: e.plan, carried: carry(e) };
  await continueAsNew<(input: WorkflowInput) => Promise<RunResult>>(next);
}

function carry(e: Engine): CarriedState {
  const steps: CarriedState['steps'] = {};
  for (const [id, { step: _step, ...runtime }] of e.steps) steps[id] = runtime;
  const { seq, pending } = e.outbox.carry();
  return {
    startedAt: e.startedAt,
    steps,
    tasks: [...e.tasks.values()],
    seenEvents: [...e.seenEvents],
    seq,
    pendingEvents: pending,
    published: { ...e.published },
    ...(e.forecast !== undefined ? { forecast: e.forecast } : {}),
    ...(e.reportedEnd !== undefined ? { reportedEnd: e.reportedEnd } : {}),
    ...(e.cancelReason !== undefined ? { cancelReason: e.cancelReason } : {}),
    ...(e.cancelledBy !== undefined ? { cancelledBy: e.cancelledBy } : {}),
    planV2: e.planV2,
    reviewRule: e.reviewRule,
    repairTasks: e.repairTasks,
    continued: (e.input.carried?.continued ?? 0) + 1,
  };
}
