// A standalone Arbeitsplatz-Rollout names its devices: serial numbers, or every device of a location, or (as before)
// only a count, in which case no device is tracked. Checked at entry with German field errors; the workflow's input
// keeps only the count (histories stay small), the devices join the batch in the store.
import type { RolloutInput } from '../domain/types';
import type { DeviceStore } from '../store/devices';
import type { FieldError } from './problem';

export interface RolloutDevicesRequest extends Omit<RolloutInput, 'devices'> {
  devices?: number;
  serials?: string[];
  location?: string;
}

export interface ResolvedRolloutDevices {
  /** the input for the plan and workflow: the count only */
  input: RolloutInput;
  /** serials to take into the batch (empty: devices not tracked) */
  serials: string[];
  errors: FieldError[];
}

const LISTED = 10;
const list = (serials: string[]): string =>
  serials.slice(0, LISTED).join(', ') + (serials.length > LISTED ? ` und ${serials.length - LISTED} weitere` : '');

export async function resolveRolloutDevices(devices: DeviceStore, req: RolloutDevicesRequest, runId: string): Promise<ResolvedRolloutDevices> {
  const { serials: named, location, devices: count, ...rest } = req;
  const ways = [named !== undefined, location !== undefined, count !== undefined].filter(Boolean).length;
  const errors: FieldError[] = [];
  if (ways !== 1) {
    const message = 'Bitte genau eines angeben: Geräteanzahl, Seriennummern oder Standort';
    errors.push({ path: ways === 0 ? 'input.devices' : 'input.serials', message });
    return { input: { ...rest, devices: count ?? 0 }, serials: [], errors };
  }
  if (count !== undefined) return { input: { ...rest, devices: count }, serials: [], errors };

  let serials: string[];
  if (location !== undefined) {
    serials = await devices.serialsAt(req.ags, location);
    if (serials.length === 0) errors.push({ path: 'input.location', message: `Am Standort "${location}" sind keine Geräte inventarisiert` });
  } else {
    serials = [...new Map(named!.map((s) => [s.trim().toUpperCase(), s.trim()])).values()];
  }
  const found = await devices.bySerials(req.ags, serials);
  const known = new Set(found.map((d) => d.serial.toUpperCase()));
  const unknown = serials.filter((s) => !known.has(s.toUpperCase()));
  if (unknown.length > 0) errors.push({ path: 'input.serials', message: `Nicht im Inventar der Gemeinde: ${list(unknown)}` });
  const elsewhere = found.filter((d) => d.batch !== undefined && d.batch !== runId).map((d) => d.serial);
  if (elsewhere.length > 0) {
    errors.push({ path: location !== undefined ? 'input.location' : 'input.serials', message: `Bereits in einer anderen Charge: ${list(elsewhere)}` });
  }
  return { input: { ...rest, devices: Math.max(serials.length, 1) }, serials, errors };
}
