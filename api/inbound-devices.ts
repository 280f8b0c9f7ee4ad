// `geraete.betankt` with serial numbers (`data.seriennummern`) for a batch that tracks its devices: each named device
// is recorded imaged; unknown serials are reported back, not ignored. The step waiting for the event is completed
// only once every device of the batch is imaged (or excluded), and then without the serial list (histories stay small).
// Devices are recorded only while the step waits for them: a report before the batch's Bedarf is recorded, or after
// the step is done, would put an imaging into the register that the run never asked for.
import { batchStepDone, deviceStatus, devicesDone, nextEntry } from '../domain/device-steps';
import type { StepState } from '../domain/types';
import { problem } from './problem';
import type { Store } from '../store/store';

export const IMAGED_EVENT = 'geraete.betankt';
const STEP = 'imaging';

export interface ImagedReport {
  /** serials recorded imaged in this event */
  recorded: string[];
  /** serials the batch does not have */
  unknown: string[];
  done: number;
  total: number;
  /** every device of the batch is imaged or excluded: the event goes on to the run */
  complete: boolean;
}

/** undefined when the event names no serials or the run tracks no devices (the event then works as before) */
export async function recordImagedDevices(
  store: Pick<Store, 'devices'>,
  runId: string,
  sender: string,
  data: Record<string, unknown> | undefined,
  /** the run's imaging step state ('active' while it waits for the event) */
  stepState: StepState | undefined,
  now = new Date(),
): Promise<ImagedReport | undefined> {
  const named = data?.seriennummern;
  if (!Array.isArray(named)) return undefined;
  const batch = await store.devices.forBatch(runId);
  if (batch.length === 0) return undefined;
  if (stepState === 'pending' || stepState === 'ready') {
    throw problem.conflict('Die Betankung dieser Charge ist noch nicht offen; gemeldete Geräte werden angenommen, sobald der Schritt auf sie wartet.');
  }
  if (stepState !== 'active') throw problem.conflict('Die Betankung dieser Charge wartet auf keine Meldung mehr (Schritt abgeschlossen).');
  const bySerial = new Map(batch.map((d) => [d.serial.toUpperCase(), d]));
  const recorded: string[] = [];
  const unknown: string[] = [];
  for (const raw of new Set(named.map((s) => String(s).trim()))) {
    const device = bySerial.get(raw.toUpperCase());
    if (!device) {
      unknown.push(raw);
      continue;
    }
    const entry = nextEntry(device.steps[STEP], { outcome: 'done', by: `extern:${sender}`, at: now.toISOString() });
    const after = entry ? await store.devices.setStep(device.id, STEP, entry, deviceStatus(STEP, 'done', device.status)) : device;
    bySerial.set(raw.toUpperCase(), after!);
    recorded.push(device.serial);
  }
  const devices = [...bySerial.values()];
  return { recorded, unknown, done: devicesDone(devices, STEP), total: devices.length, complete: batchStepDone(devices, STEP) };
}
