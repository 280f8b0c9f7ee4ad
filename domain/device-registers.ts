// What an auditor asks for, from the device records: the device register (each device's path through the steps of its
// batch: old device, new device where one was named, who, when) and the register of destruction certificates
// (DIN 66399 class and level, certificate number, devices covered).
import { PER_DEVICE_STEPS, type DeviceStepEntry } from './device-steps';

interface RegisterDevice {
  serial: string;
  hostname: string;
  location?: string;
  batch?: string;
  newInventoryNumber?: string;
  steps: Record<string, DeviceStepEntry>;
}

export interface DeviceRegisterRow {
  /** the old device (from the inventory) */
  serial: string;
  hostname: string;
  location?: string;
  batch?: string;
  step: string;
  state: DeviceStepEntry['state'];
  by?: string;
  at?: string;
  reason?: string;
  /** the new device, when a step named it (`data.neueSeriennummer`) */
  newSerial?: string;
  /** the new device's inventory number, from its batch's Wareneingang */
  newInventoryNumber?: string;
}

export interface DestructionCertificate {
  certificate: string;
  /** Schutzklasse nach DIN 66399 */
  protectionClass: string;
  /** Sicherheitsstufe, e.g. H-4 */
  securityLevel: string;
  by?: string;
  at?: string;
  batch?: string;
  devices: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function deviceRegister(devices: readonly RegisterDevice[]): DeviceRegisterRow[] {
  const rows: DeviceRegisterRow[] = [];
  for (const d of devices) {
    const newSerial = Object.values(d.steps).map((s) => str(s.data?.neueSeriennummer)).find(Boolean);
    for (const step of PER_DEVICE_STEPS) {
      const entry = d.steps[step];
      if (!entry) continue;
      // the step's earlier outcomes first (a failed test before its rework), then the current one
      for (const s of [...(entry.earlier ?? []), entry]) {
        rows.push({
          serial: d.serial, hostname: d.hostname, ...(d.location ? { location: d.location } : {}), ...(d.batch ? { batch: d.batch } : {}),
          step, state: s.state, ...(s.by ? { by: s.by } : {}), ...(s.at ? { at: s.at } : {}), ...(s.reason ? { reason: s.reason } : {}),
          ...(newSerial ? { newSerial } : {}), ...(d.newInventoryNumber ? { newInventoryNumber: d.newInventoryNumber } : {}),
        });
      }
    }
  }
  return rows;
}

export function destructionCertificates(devices: readonly RegisterDevice[]): DestructionCertificate[] {
  const byNumber = new Map<string, DestructionCertificate>();
  for (const d of devices) {
    const s = d.steps.datenvernichtung;
    const certificate = str(s?.data?.nachweisNummer);
    if (!s || s.state !== 'done' || !certificate) continue;
    const known = byNumber.get(certificate);
    if (known) {
      known.devices.push(d.serial);
      continue;
    }
    byNumber.set(certificate, {
      certificate, protectionClass: String(s.data?.schutzklasse ?? ''), securityLevel: String(s.data?.sicherheitsstufe ?? ''),
      ...(s.by ? { by: s.by } : {}), ...(s.at ? { at: s.at } : {}), ...(d.batch ? { batch: d.batch } : {}), devices: [d.serial],
    });
  }
  return [...byNumber.values()];
}
