// Tells a run what happened to it beside its workflow — a paper uploaded or deleted, a message posted — so that its
// audit trail holds these in order with everything else (signal `noteOnRun`; the run records the event).
// Best effort after the fact: the paper or message is stored already and stays so. A closed run takes no signal
// (its trail has ended; the documents and the conversation keep their own record), and a Temporal outage is logged
// rather than failing a request whose change is done.
import { WorkflowNotFoundError } from '@temporalio/client';
import { noteOnRun, type RunNote } from '../workflows/messages';
import type { ApiDeps } from './deps';
import { logFailure, type FailureLog } from './failure-log';

export async function tellRun(deps: Pick<ApiDeps, 'client'> & FailureLog, runId: string, note: RunNote): Promise<void> {
  try {
    await deps.client.workflow.getHandle(runId).signal(noteOnRun, note);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    logFailure(deps, 'run not told', err, { runId, note: note.type });
  }
}
