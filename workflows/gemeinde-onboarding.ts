import type { RunResult, WorkflowInput } from './messages';
import { runProcess } from './run-process';

/** A Gemeinde joins: contracts, inventory, network, accounts, one migration per Verfahren, rollouts, go-live. */
export async function gemeindeOnboarding(input: WorkflowInput): Promise<RunResult> {
  return runProcess(input);
}
