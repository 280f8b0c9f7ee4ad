// Device tables select by hand, by filter ("all shown") and by scanned or pasted serial numbers. Pure, so the rules
// are tested without a browser (test/web/device-selection.test.ts).
import type { Device, DeviceActionBody, DeviceStepState, Step } from '../api/types';

/** the rollout's steps kept per device (domain/templates/rollout.ts `perDevice`), the ones the API records */
const PER_DEVICE: Record<DeviceActionBody['step'], true> = {
  bedarf: true, imaging: true, funktionstest: true, uebergabe: true, altgeraete: true, datenvernichtung: true,
};

export function isPerDeviceStep(stepId: string): stepId is DeviceActionBody['step'] {
  return Object.hasOwn(PER_DEVICE, stepId);
}

/**
 * The per-device steps the table offers: those whose task has opened (the step active, or done for corrections) —
 * the API takes no outcome before (409) — and automated steps, which have no task (Altgeräte).
 */
export function offeredDeviceSteps<S extends Pick<Step, 'id' | 'kind' | 'state'>>(steps: readonly S[]): S[] {
  return steps.filter((s) => isPerDeviceStep(s.id) && (s.kind === 'automated' || s.state === 'active' || s.state === 'done'));
}

/** Serial numbers as a scanner or a spreadsheet column gives them: one per line (or separated by , ; tab). */
export function parseSerials(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\r\n,;\t]+/)) {
    const serial = raw.trim();
    const key = serial.toUpperCase();
    if (serial && !seen.has(key)) {
      seen.add(key);
      out.push(serial);
    }
  }
  return out;
}

/**
 * The devices the pasted serials name (case and surrounding spaces do not matter) and the serials that name no
 * device of the table — those are reported, never silently dropped.
 */
export function matchSerials(devices: readonly Device[], serials: readonly string[]): { ids: string[]; unknown: string[] } {
  const bySerial = new Map(devices.map((d) => [d.serial.trim().toUpperCase(), d.id]));
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const s of serials) {
    const id = bySerial.get(s.trim().toUpperCase());
    if (id) ids.push(id);
    else unknown.push(s);
  }
  return { ids, unknown };
}

/**
 * A device's state in a step: its own outcome there; with none, excluded when it has left the batch (status
 * „ausgenommen“ after an exclusion in an earlier step), else pending — the API's rule (domain/device-steps.ts;
 * test/web/device-selection.test.ts holds the two equal).
 */
export function stepState(device: Device, stepId: string): DeviceStepState {
  return device.steps[stepId]?.state ?? (device.status === 'ausgenommen' ? 'excluded' : 'pending');
}

export interface DeviceFilter {
  text: string;
  state: DeviceStepState | '';
}

/** Devices whose hostname, serial, model, location or status contains the text, in the chosen state of the step. */
export function filterDevices(devices: readonly Device[], stepId: string, f: DeviceFilter): Device[] {
  const text = f.text.trim().toLowerCase();
  return devices.filter((d) => {
    if (f.state && stepState(d, stepId) !== f.state) return false;
    if (!text) return true;
    return [d.hostname, d.serial, d.mac, d.model, d.location ?? '', d.newInventoryNumber ?? '', d.status].some((v) => v.toLowerCase().includes(text));
  });
}

/** "85 von 120 Geräten erledigt, 2 ausgenommen": through the step once done, or excluded with a reason. */
export function stepProgress(devices: readonly Device[], stepId: string): { finished: number; total: number; failed: number; text: string } {
  const total = devices.length;
  const count = (state: DeviceStepState) => devices.filter((d) => stepState(d, stepId) === state).length;
  const [done, excluded, failed] = [count('done'), count('excluded'), count('failed')];
  const text = `${done} von ${total} ${total === 1 ? 'Gerät' : 'Geräten'} erledigt`
    + `${excluded ? `, ${excluded} ausgenommen` : ''}${failed ? `, ${failed} in Nacharbeit` : ''}`;
  return { finished: done + excluded, total, failed, text };
}
