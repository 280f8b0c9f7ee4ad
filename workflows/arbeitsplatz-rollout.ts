import type { RunResult, WorkflowInput } from './messages';
import { runProcess } from './run-process';

/** One batch of workstations is replaced, from goods-in to the destruction certificate of the old devices. */
export async function arbeitsplatzRollout(input: WorkflowInput): Promise<RunResult> {
  return runProcess(input);
}
