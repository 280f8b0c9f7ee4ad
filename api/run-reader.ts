// The live state of one run comes from its workflow (getState query); lists, the audit trail and the portfolio come
// from the read model in PostgreSQL (store/), which also remembers runs Temporal has long forgotten.
import type { Client } from '@temporalio/client';
import { getState, type RunState } from '../workflows/messages';
import { temporal } from './temporal-errors';

export function liveState(client: Client, runId: string): Promise<RunState> {
  return temporal(() => client.workflow.getHandle(runId).query(getState), 'Vorgang');
}
