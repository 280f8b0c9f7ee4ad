// Stores the final states of runs that closed before the worker stored them (migration 022). Temporal keeps a closed
// run only for its namespace's retention; after that, a run without a stored state shows its page without steps and
// a mail's link to one of its tasks answers 404. So on every start the worker asks each such run that Temporal still
// holds for its state, the same getState answer recordEvents stores at a run's close. Every write is idempotent (the
// state of a closed run no longer changes), so several replicas starting at once do no harm.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Store } from '../store/store';
import { getState } from '../workflows/messages';

/** runs read from the store at a time */
const PAGE = 100;
/** a closed run's query replays its whole history on a worker: an onboarding of 300 Verfahren took 185–240 ms */
const QUERY_DEADLINE_MS = 30_000;

export interface BackfillCounts {
  /** states asked from Temporal and stored */
  stored: number;
  /** runs Temporal no longer holds (removed after the retention): their pages keep the read model's summary */
  gone: number;
  /** runs whose query failed; the next start asks them again */
  failed: number;
}

/** How long the namespace keeps closed runs, in milliseconds. */
async function retentionMs(client: Client): Promise<number> {
  const { namespaceInfo, config } = await client.workflowService.describeNamespace({ namespace: client.options.namespace });
  const ttl = config?.workflowExecutionRetentionTtl;
  if (!ttl) throw new Error(`namespace ${namespaceInfo?.name ?? client.options.namespace} names no retention`);
  return Number(ttl.seconds ?? 0) * 1000 + Math.floor((ttl.nanos ?? 0) / 1e6);
}

/**
 * Asks every closed run without a stored state, closed within the retention, for its state and stores it. Runs one
 * after another (each query is a replay on a worker, which is busy with the live runs too) until `stopped()`.
 */
export async function backfillFinalStates(
  client: Client,
  store: Pick<Store, 'closedRunsWithoutFinalState' | 'saveFinalState'>,
  o: { now?: Date; stopped?: () => boolean } = {},
): Promise<BackfillCounts> {
  const closedSince = new Date((o.now ?? new Date()).getTime() - (await retentionMs(client)));
  const counts: BackfillCounts = { stored: 0, gone: 0, failed: 0 };
  let afterId: string | undefined;
  for (;;) {
    const ids = await store.closedRunsWithoutFinalState({ closedSince, afterId, limit: PAGE });
    for (const runId of ids) {
      if (o.stopped?.()) return counts;
      try {
        const state = await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => client.workflow.getHandle(runId).query(getState));
        await store.saveFinalState(runId, state);
        counts.stored++;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) counts.gone++;
        else counts.failed++;
      }
    }
    if (ids.length < PAGE) return counts;
    afterId = ids[ids.length - 1];
  }
}
