// Rollout tasks name their batch and its device count (the inbox shows them in each row). Both come from the
// rollout run in the read model: two statements for a whole page (its runs, their devices counted), however many
// rollout runs it holds — a team's inbox page often names dozens of batches of a hundred devices each, and reading
// every device to count them made the page's time.
import { PER_DEVICE_STEPS, THROUGH_STEP } from '../domain/device-steps';
import { batchOfTitle, type BatchFacts } from '../domain/rollout-batch';
import type { ApiDeps } from './deps';
import type { BatchProgress } from '../store/store';

/** a batch, with its devices' progress per per-device step if it tracks devices (store/devices.ts) */
interface BatchWithDevices extends BatchFacts {
  through?: BatchProgress['inStates'];
}

/** `batch` for each task of a rollout run, by run id; a read model that is down leaves the field out. */
export async function rolloutBatches(deps: Pick<ApiDeps, 'store'>, tasks: readonly { runId: string; process?: string }[]): Promise<Map<string, BatchWithDevices>> {
  const runIds = [...new Set(tasks.filter((t) => t.process === 'arbeitsplatz-rollout').map((t) => t.runId))];
  const batches = new Map<string, BatchWithDevices>();
  if (runIds.length === 0) return batches;
  const [runs, progress] = await Promise.all([
    deps.store.getRuns(runIds).catch(() => []),
    deps.store.devices.progressOfBatches(runIds, PER_DEVICE_STEPS, THROUGH_STEP).catch(() => new Map<string, BatchProgress>()),
  ]);
  for (const run of runs) {
    const batch = batchOfTitle(run.title);
    const tracked = progress.get(run.id);
    if (batch) batches.set(run.id, tracked ? { ...batch, devices: tracked.tracked, through: tracked.inStates } : batch);
  }
  return batches;
}

/** The task's view with its batch, if it has one; in a per-device step of a batch that tracks devices, `devicesDone`. */
export function withBatch<T extends { runId: string; stepId?: string }>(
  view: T,
  batches: Map<string, BatchWithDevices>,
): T & { batch?: BatchFacts & { devicesDone?: number } } {
  const found = batches.get(view.runId);
  if (!found) return view;
  const { through, ...batch } = found;
  const perDevice = through && view.stepId !== undefined && PER_DEVICE_STEPS.includes(view.stepId);
  return { ...view, batch: perDevice ? { ...batch, devicesDone: through[view.stepId!] ?? 0 } : batch };
}
