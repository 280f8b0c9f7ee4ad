// Rollout tasks name their batch and its device count (the inbox shows them in each row). Both come from the
// rollout run in the read model; one lookup per run, whatever the number of its tasks on the page.
import { batchOfTitle, type BatchFacts } from '../domain/rollout-batch';
import type { ApiDeps } from './deps';

/** `batch` for each task of a rollout run, by run id; a read model that is down leaves the field out. */
export async function rolloutBatches(deps: Pick<ApiDeps, 'store'>, tasks: readonly { runId: string; process?: string }[]): Promise<Map<string, BatchFacts>> {
  const runIds = [...new Set(tasks.filter((t) => t.process === 'arbeitsplatz-rollout').map((t) => t.runId))];
  const found = await Promise.all(runIds.map((id) => deps.store.getRun(id).catch(() => undefined)));
  const batches = new Map<string, BatchFacts>();
  for (const run of found) {
    const batch = run && batchOfTitle(run.title);
    if (run && batch) batches.set(run.id, batch);
  }
  return batches;
}

/** The task's view with its batch, if it has one. */
export function withBatch<T extends { runId: string }>(view: T, batches: Map<string, BatchFacts>): T & { batch?: BatchFacts } {
  const batch = batches.get(view.runId);
  return batch ? { ...view, batch } : view;
}
