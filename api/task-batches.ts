// Rollout tasks name their batch and its device count (the inbox shows them in each row). Both come from the
// rollout run in the read model; one lookup per run, whatever the number of its tasks on the page.
import { devicesDone, PER_DEVICE_STEPS, type DeviceStepEntry } from '../domain/device-steps';
import { batchOfTitle, type BatchFacts } from '../domain/rollout-batch';
import type { ApiDeps } from './deps';

/** a batch with the devices it tracks (store/devices.ts), if any: per-device steps then count done devices */
interface BatchWithDevices extends BatchFacts {
  tracked?: { steps: Record<string, DeviceStepEntry> }[];
}

/** `batch` for each task of a rollout run, by run id; a read model that is down leaves the field out. */
export async function rolloutBatches(deps: Pick<ApiDeps, 'store'>, tasks: readonly { runId: string; process?: string }[]): Promise<Map<string, BatchWithDevices>> {
  const runIds = [...new Set(tasks.filter((t) => t.process === 'arbeitsplatz-rollout').map((t) => t.runId))];
  const found = await Promise.all(runIds.map(async (id) => [
    await deps.store.getRun(id).catch(() => undefined),
    await deps.store.devices.forBatch(id).catch(() => []),
  ] as const));
  const batches = new Map<string, BatchWithDevices>();
  for (const [run, tracked] of found) {
    const batch = run && batchOfTitle(run.title);
    if (run && batch) batches.set(run.id, tracked.length > 0 ? { ...batch, devices: tracked.length, tracked } : batch);
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
  const { tracked, ...batch } = found;
  const perDevice = tracked && view.stepId !== undefined && PER_DEVICE_STEPS.includes(view.stepId);
  return { ...view, batch: perDevice ? { ...batch, devicesDone: devicesDone(tracked, view.stepId!) } : batch };
}
