// Since patch `device-batches`: the onboarding's rollout step fans out into the batches stored for the run (formed
// from the Gemeinde's devices, possibly edited by the project lead) instead of the count-based batches its plan was
// resolved with. Runs recorded before the patch, and Gemeinden without stored devices, keep the counted batches.
import { isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { DeviceBatchActivities } from '../../activities/device-batches';
import type { ChildRunInput } from '../../domain/types';
import type { Engine } from './engine';
import { failureMessage, type StepRuntime } from './runtime';

export const DEVICE_BATCHES_PATCH = 'device-batches';

// the database being away only delays the fan-out, as for the audit events
const { takeDeviceBatches } = proxyActivities<DeviceBatchActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** whether the step's children come from the stored batches (decided, and recorded, when the step starts) */
export function usesStoredBatches(rt: StepRuntime): boolean {
  return rt.step.child?.fanOut === 'deviceBatches' && patched(DEVICE_BATCHES_PATCH);
}

/**
 * Replaces the step's children by the stored batches (ids and counts only), then calls `launch`. While the activity
 * runs the counted children stay in place unstarted, so the step cannot count as finished meanwhile.
 */
export function takeStoredBatches(e: Engine, rt: StepRuntime, launch: () => void): void {
  const batchSize = e.input.request.batchSize;
  rt.takingBatches = true;
  void takeDeviceBatches({ runId: e.runId, ags: e.plan.subject.ags, ...(typeof batchSize === 'number' ? { batchSize } : {}) }).then(
    ({ batches }) => {
      delete rt.takingBatches;
      if (batches.length > 0) {
        const lead = { projectLead: e.plan.projectLead, ...(e.plan.deputyLead ? { deputyLead: e.plan.deputyLead } : {}), targetGoLive: e.plan.targetGoLive };
        rt.step.children = batches.map((b): ChildRunInput => ({
          process: 'arbeitsplatz-rollout', runId: b.id, input: { ags: e.plan.subject.ags, batch: b.name, devices: b.devices, ...lead },
        }));
      }
      e.dirty = true;
      launch();
    },
    (err: unknown) => {
      delete rt.takingBatches;
      if (isCancellation(err)) return;
      rt.state = 'failed';
      rt.error = failureMessage(err);
      e.emit('step.failed', 'system', { stepId: rt.step.id, error: rt.error });
      e.dirty = true;
    },
  );
}
