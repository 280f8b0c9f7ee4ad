// The fan-out of an onboarding's rollouts takes its batches (Chargen) from the store: formed from the Gemeinde's
// devices if the project lead has not looked at them yet, then locked. Only ids, names and counts go back into the
// workflow history; the devices stay in the store, where each child rollout finds its own by its run id.
import { DEFAULT_BATCH_SIZE } from '../domain/plan';
import type { DeviceBatchStore } from '../store/device-batches';

export interface TakeDeviceBatchesInput {
  /** the onboarding run */
  runId: string;
  ags: string;
  batchSize?: number;
}

export interface TakenDeviceBatches {
  /** in order; the id is the child rollout's run id. Empty: the Gemeinde has no stored devices (count-based batches). */
  batches: { id: string; name: string; devices: number }[];
}

export function createDeviceBatchActivities(store: { deviceBatches: DeviceBatchStore }) {
  return {
    async takeDeviceBatches(input: TakeDeviceBatchesInput): Promise<TakenDeviceBatches> {
      return { batches: await store.deviceBatches.take(input.runId, input.ags, input.batchSize ?? DEFAULT_BATCH_SIZE) };
    },
  };
}

export type DeviceBatchActivities = ReturnType<typeof createDeviceBatchActivities>;
