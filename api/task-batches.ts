// Rollout tasks name their batch and its device count (the inbox shows them in each row). Both come from the
// rollout run in the read model: two statements for a whole page (its runs, their devices), however many rollout
// runs it holds — a team's inbox page often names a dozen batches, and a lookup each made the page's time.
import { devicesDone, PER_DEVICE_STEPS, type DeviceStepEntry } from '../domain/device-steps';
import { batchOfTitle, type BatchFacts } from '../domain/rollout-batch';
import type { ApiDeps } from './deps';
import type { Device } from '../store/store';

/** a batch with the devices it tracks (store/devices.ts), if any: per-device steps then count done devices */
interface BatchWithDevices extends BatchFacts {
  tracked?: { steps: Record<string, DeviceStepEntry> }[];
}

/** `batch` for each task of a rollout run, by run id; a read model that is down leaves the field out. */
export async function rolloutBatches(deps: Pick<ApiDeps, 'store'>, tasks: readonly { runId: string; process?: string }[]): Promise<Map<string, BatchWithDevices>> {
  const runIds = [...new Set(tasks.filter((t) => t.process === 'arbeitsplatz-rollout').map((t) => t.runId))];
  const batches = new Map<string, BatchWithDevices>();
  if (runIds.length === 0) return batches;
  const [runs, devices] = await Promise.all([
    deps.store.getRuns(runIds).catch(() => []),
    deps.store.devices.forBatches(runIds).catch(() => []),
  ]);
  // one pass over the page's devices, by their batch (each device is in one)
  const trackedBy = new Map<string | undefined, Device[]>();
  for (const d of devices) {
    const list = trackedBy.get(d.batch);
    if (list) list.push(d);
    else trackedBy.set(d.batch, [d]);
  }
  for (const run of runs) {
    const batch = batchOfTitle(run.title);
    const tracked = trackedBy.get(run.id) ?? [];
    if (batch) batches.set(run.id, tracked.length > 0 ? { ...batch, devices: tracked.length, tracked } : batch);
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
