// A rollout batch's task says how far its devices are in this step ("87 von 120 Geräten erledigt") and leads to the
// device table on the run page, where outcomes are recorded per device.
import { isNotFound } from '../../api/client';
import { devicesApi } from '../../api/devices';
import type { Task } from '../../api/types';
import { isPerDeviceStep, stepProgress } from '../../lib/device-selection';
import { useResource } from '../../lib/use-resource';
import { Link, paths } from '../../router';

export function DeviceProgress({ task }: { task: Task }) {
  // read again when the task changes state: completing a batch's step records its remaining devices' outcomes
  const devices = useResource(() => devicesApi.ofRun(task.runId), [task.runId, task.state]);
  // no devices recorded for this run, or a step not kept per device: the task is about the batch as a whole
  if (!devices.data || devices.data.length === 0 || !isPerDeviceStep(task.stepId)) {
    return devices.error !== undefined && !isNotFound(devices.error) ? <p class="muted">Der Stand der Geräte ist gerade nicht abrufbar.</p> : null;
  }
  const progress = stepProgress(devices.data, task.stepId);
  const open = progress.total - progress.finished - progress.failed;
  return (
    <section class="card" aria-labelledby="device-progress-title">
      <h2 id="device-progress-title">Geräte</h2>
      <p role="status">
        <strong>{progress.text}</strong>
      </p>
      {/* completing the batch's step records its devices still open as done (api/task-actions.ts): said before, not after */}
      {task.state === 'open' && progress.failed === 0 && open > 0 && (
        <p>Mit „Erledigen“ gelten {open === 1 ? 'das 1 noch offene Gerät' : `die ${open} noch offenen Geräte`} in diesem Schritt als erledigt. Geräte, die es nicht sind, bitte vorher in der Gerätetabelle mit Grund ausnehmen.</p>
      )}
      <p>
        <Link href={`${paths.run(task.runId)}#devices-title`}>Geräte der Charge bearbeiten</Link>
      </p>
    </section>
  );
}
