// The engine's per-step run state and the small facts every part of the engine shares.
import { ApplicationFailure } from '@temporalio/workflow';
import type { StepActivityInput, StepActivityResult } from '../../activities/step-input';
import type { PlanStep, RunStatus, StepState } from '../../domain/types';

export type StepActivity = (input: StepActivityInput) => Promise<StepActivityResult>;

export interface StepRuntime {
  step: PlanStep;
  state: StepState;
  startedAt?: string;
  completedAt?: string;
  attempts: number;
  error?: string;
  summary?: string;
  result?: Record<string, unknown>;
  override?: Record<string, unknown>;
  waitUntil?: string;
  childStatus?: Record<string, RunStatus | 'running'>;
  /** progress each running child last reported */
  childProgress?: Record<string, number>;
  /** the end each running child last forecast for itself (YYYY-MM-DD) */
  childEnds?: Record<string, string>;
  /** the stored device batches are being fetched for this step's fan-out (the run may not continue as new meanwhile) */
  takingBatches?: boolean;
  heldUntil?: string;
  heldReason?: string;
}

export const FINISHED: StepState[] = ['done', 'skipped'];
/** Bavarian days and deadlines, no reminder on a task's opening day (issue 12). */
export const BERLIN_TIME_PATCH = 'deadlines-berlin-time';
/** patch id: feasible plans, honest progress, health reasons and forecast events (issue 15) */
export const PLAN_V2 = 'plan-v2-feasible-health';

export function failureMessage(err: unknown): string {
  let e: unknown = err;
  // Activity and child failures wrap the real cause.
  while (e instanceof Error && 'cause' in e && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export function isNonRetryableFailure(err: unknown): boolean {
  let e: unknown = err;
  while (e instanceof Error) {
    if (e instanceof ApplicationFailure && e.nonRetryable) return true;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return false;
}
