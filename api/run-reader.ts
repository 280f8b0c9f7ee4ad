// The state of one run comes from its workflow (getState query), a closed run's from the state the worker stored when
// it closed; lists, the audit trail and the portfolio come from the read model in PostgreSQL (store/), which also
// remembers runs Temporal has long forgotten.
import { isGrpcDeadlineError, type Client } from '@temporalio/client';
import type { Store } from '../store/store';
import { getState, type RunState } from '../workflows/messages';
import { temporal } from './temporal-errors';

/**
 * A query of a closed run replays its history on a worker, and now and then such a query task is not picked up
 * until the gRPC deadline (seen under the fuzzer: one query in a hundred waited 30 s). So each attempt gets a
 * short deadline and a timed-out query is asked once more; a second timeout is the engine's real trouble (503).
 */
const ATTEMPT_DEADLINES_MS = [5_000, 10_000];

export function liveState(client: Client, runId: string): Promise<RunState> {
  return temporal(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.withDeadline(Date.now() + ATTEMPT_DEADLINES_MS[attempt], () => client.workflow.getHandle(runId).query(getState));
      } catch (err) {
        if (attempt + 1 >= ATTEMPT_DEADLINES_MS.length || !isGrpcDeadlineError(err)) throw err;
        // asked again only while the server answers at all: one that is away is a 503 now, not after another wait
        await client.withDeadline(Date.now() + 1_000, () => client.workflowService.getSystemInfo({}));
      }
    }
  }, 'Vorgang');
}

/**
 * A run's state as its pages show it: a closed run's as the worker stored it when the run closed (no replay of the
 * history on a worker, and still there after Temporal's retention), else the workflow's. While the database is away,
 * the workflow's: Temporal holds the truth.
 */
export async function runState(client: Client, store: Pick<Store, 'finalState'>, runId: string): Promise<RunState> {
  let closed: object | undefined;
  try {
    closed = await store.finalState(runId);
  } catch {
    closed = undefined;
  }
  return closed ? (closed as RunState) : liveState(client, runId);
}
