// Shared helpers for activity tests (not a test file itself: jest matches *.test.ts only).
import { ApplicationFailure } from '@temporalio/common';
import type { StepActivityInput } from '../../activities/step-input';

export function stepInput(data: Record<string, unknown>, overrides: Partial<StepActivityInput> = {}): StepActivityInput {
  return { runId: 'run-1', stepId: 'step-1', ags: '09181128', gemeindeName: 'Kaufering', data, ...overrides };
}

/** Runs `fn`, expects a non-retryable ApplicationFailure of `type`, and returns it for further checks. */
export async function expectFailure(fn: () => Promise<unknown>, type: string): Promise<ApplicationFailure> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ApplicationFailure);
  const failure = caught as ApplicationFailure;
  expect(failure.type).toBe(type);
  expect(failure.nonRetryable).toBe(true);
  return failure;
}

export function syncFailure(fn: () => unknown, type: string): ApplicationFailure {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ApplicationFailure);
  const failure = caught as ApplicationFailure;
  expect(failure.type).toBe(type);
  expect(failure.nonRetryable).toBe(true);
  return failure;
}
