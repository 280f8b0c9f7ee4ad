import { Engine } from './engine/engine';
import type { RunResult, WorkflowInput } from './messages';

/** Every process is its resolved plan run by the one engine; the workflow functions only name the process. */
export function runProcess(input: WorkflowInput): Promise<RunResult> {
  return new Engine(input.plan, input).run();
}
