import type { RunResult, WorkflowInput } from './messages';
import { runProcess } from './run-process';

/** One Verfahren moves: test migration with reconciliation, acceptance under four eyes, cutover, decommissioning. */
export async function verfahrenMigration(input: WorkflowInput): Promise<RunResult> {
  return runProcess(input);
}
