// Recording one outcome for many devices of a rollout batch step (POST /runs/{id}/devices/actions): a result per
// device, one refusal does not stop the rest, repeating an action changes nothing. When every device of the batch is
// done or excluded, the batch's task for the step is completed through the same code as POST /tasks/{id}/complete,
// with the caller as actor and the task's form data derived from the devices (or, where a person must state it —
// Übergabe, Vernichtung — taken from the action's `data`, checked against the form at entry).
import { z } from 'zod';
import { batchStepDone, deviceStatus, deviceStepLabel, devicesDone, nextEntry, outcomeProblem, PER_DEVICE_STEPS, stepStateOf } from '../domain/device-steps';
import { ROLE_TITLES } from '../domain/role-titles';
import { rolloutTemplate } from '../domain/templates/rollout';
import type { FormId } from '../domain/types';
import type { Device } from '../store/devices';
import { taskIdOf } from '../workflows/messages';
import type { ApiDeps } from './deps';
import { formSchema } from './forms';
import { may, mayActOn, seesGemeinde, type Principal } from './policy';
import { parseOr422, problem } from './problem';
import { actorOf } from './routes/runs';
import { taskActions } from './task-actions';

export const deviceActionBody = z.strictObject({
  step: z.enum(PER_DEVICE_STEPS as [string, ...string[]]).describe('gerätebezogener Schritt'),
  devices: z.array(z.string().trim().min(1).max(100)).min(1, 'Bitte mindestens ein Gerät wählen').max(1000).describe('Seriennummern'),
  outcome: z.enum(['done', 'failed', 'excluded']),
  data: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().trim().max(2000).optional(),
});
export type DeviceActionBody = z.infer<typeof deviceActionBody>;

export interface DeviceActionResult {
  serial: string;
  status: number;
  device?: Omit<Device, 'ags'>;
  problem?: { title: string; status: number; detail?: string };
}

/** steps whose task data a person states (the form's fields come with the action) */
const STATED: ReadonlySet<string> = new Set(['uebergabe', 'datenvernichtung']);

const formOf = (stepId: string): FormId | undefined => rolloutTemplate.steps.find((s) => s.id === stepId)?.form;

/** the batch task's form data, from its devices */
function derivedTaskData(stepId: string, devices: Device[], stated: Record<string, unknown> | undefined): Record<string, unknown> {
  const done = devices.filter((d) => stepStateOf(d, stepId) === 'done').length;
  const excluded = devices.length - done;
  switch (stepId) {
    case 'bedarf':
      return { geraete: done, standort: devices.find((d) => d.location)?.location ?? 'Charge' };
    case 'funktionstest':
      return { testfaelle: Math.max(done, 1), fehlgeschlagen: 0 };
    case 'uebergabe':
    case 'datenvernichtung':
      return stated ?? {};
    default:
      return { bemerkung: `${done} Geräte erledigt${excluded > 0 ? `, ${excluded} ausgenommen` : ''}` };
  }
}

const strip = ({ ags: _ags, ...rest }: Device): Omit<Device, 'ags'> => rest;

export function deviceActions(deps: ApiDeps) {
  const tasks = taskActions(deps);

  async function record(p: Principal, runId: string, rawBody: unknown, now = new Date()) {
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const batch = await deps.store.devices.forBatch(runId);
    if (batch.length === 0 || !seesGemeinde(p, batch[0].ags)) throw problem.notFound('Vorgang nicht gefunden oder ohne einzeln geführte Geräte.');
    const body = parseOr422(deviceActionBody, rawBody);
    // a device's outcome in a step is recorded by those who work that step's task (its candidate roles), as its task is
    const step = rolloutTemplate.steps.find((s) => s.id === body.step)!;
    if (!mayActOn(p, { candidateRoles: step.candidateRoles, ags: batch[0].ags })) {
      const teams = step.candidateRoles.map((r) => ROLE_TITLES[r]).join(' oder ');
      throw problem.forbidden(`Die Geräte im Schritt „${deviceStepLabel(body.step)}“ erfasst das Team ${teams}.`);
    }
    const missing = outcomeProblem(body.outcome, body.reason);
    if (missing) throw problem.invalid([{ path: 'reason', message: missing }]);
    const form = formOf(body.step);
    // what the task's form needs from a person is checked before any device changes
    if (form && STATED.has(body.step) && body.outcome === 'done') parseOr422(formSchema(form), body.data ?? {}, ['data']);
    if (form) await stepReached(runId, body.step);

    const bySerial = new Map(batch.map((d) => [d.serial.toUpperCase(), d]));
    const at = now.toISOString();
    const by = actorOf(p).id;
    const results: DeviceActionResult[] = [];
    for (const serial of [...new Set(body.devices)]) {
      const device = bySerial.get(serial.toUpperCase());
      if (!device) {
        results.push({ serial, status: 404, problem: { title: 'Gerät nicht in dieser Charge', status: 404, detail: `Seriennummer ${serial} gehört nicht zu dieser Charge.` } });
        continue;
      }
      const entry = nextEntry(device.steps[body.step], { outcome: body.outcome, reason: body.reason, data: body.data, by, at });
      const after = entry
        ? await deps.store.devices.setStep(device.id, body.step, entry, deviceStatus(body.step, body.outcome, device.status))
        : device;
      bySerial.set(serial.toUpperCase(), after!);
      results.push({ serial: device.serial, status: 200, device: strip(after!) });
    }

    const devices = [...bySerial.values()];
    const done = devicesDone(devices, body.step);
    let task: unknown;
    if (form && batchStepDone(devices, body.step)) task = await completeBatchTask(p, runId, body, devices);
    return { results, devicesDone: done, devices: devices.length, ...(task ? { task } : {}) };
  }

  /**
   * A step with a task takes outcomes only once its task has opened (open, in review, or done for corrections): were
   * every device recorded before, nothing would complete the task when it opens and it would stay open for good.
   * Steps without a task (automated, e.g. Altgeräte) are not gated.
   */
  async function stepReached(runId: string, stepId: string): Promise<void> {
    const task = await deps.store.getTask(taskIdOf(runId, stepId));
    const label = deviceStepLabel(stepId);
    if (!task) throw problem.conflict(`Der Schritt „${label}“ ist noch nicht an der Reihe: die Aufgabe ist noch nicht geöffnet.`);
    if (task.state === 'cancelled') throw problem.conflict(`Der Schritt „${label}“ ist abgebrochen: es werden keine Ergebnisse mehr erfasst.`);
  }

  /** the batch's task for the step; one already done or not yet open is left as it is (the action is repeatable) */
  async function completeBatchTask(p: Principal, runId: string, body: DeviceActionBody, devices: Device[]) {
    const taskId = taskIdOf(runId, body.step);
    const known = await deps.store.getTask(taskId).catch(() => undefined);
    if (known && known.state !== 'open') return undefined;
    try {
      return await tasks.complete(p, taskId, { data: derivedTaskData(body.step, devices, body.data) });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 409 || status === 404) return undefined;
      throw err;
    }
  }

  return { record };
}
