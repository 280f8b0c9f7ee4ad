// Batches (Chargen) of an onboarding's rollouts, formed from the Gemeinde's stored devices: grouped by location and
// split into near-equal parts of at most the run's batch size. Pure; the store keeps the result (migration 016).
import { DEFAULT_BATCH_SIZE, runIds } from './plan';

export interface BatchableDevice {
  serial: string;
  location?: string;
}

export interface FormedBatch {
  /** the batch's id: the run id of the child rollout that will take it */
  id: string;
  /** e.g. "Rathaus 1" */
  name: string;
  location?: string;
  serials: string[];
}

/** the group of devices without a location */
export const NO_LOCATION = 'Ohne Standort';

/**
 * Devices grouped by location (compared without case; groups in alphabetical order, devices by serial), each group
 * split into ⌈n / maxSize⌉ batches of near-equal size (60 devices at 25 give 20 + 20 + 20, not 25 + 25 + 10).
 * Names are "<Standort> <n>"; ids are the rollout run ids of the names, unique within the Gemeinde.
 */
export function formBatches(
  ags: string,
  devices: readonly BatchableDevice[],
  maxSize = DEFAULT_BATCH_SIZE,
  /** run ids already in use by other batches of the Gemeinde (a standalone rollout's) */
  taken: ReadonlySet<string> = new Set(),
): FormedBatch[] {
  const size = Math.max(1, Math.floor(maxSize));
  const groups = new Map<string, { location?: string; serials: string[] }>();
  for (const d of devices) {
    const location = d.location?.trim() || undefined;
    const key = (location ?? '').toLowerCase();
    const group = groups.get(key) ?? { location, serials: [] };
    group.serials.push(d.serial);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'de')));
  const batches: FormedBatch[] = [];
  const ids = new Set<string>(taken);
  for (const [, group] of ordered) {
    const serials = [...group.serials].sort((a, b) => a.localeCompare(b, 'de'));
    const parts = Math.ceil(serials.length / size);
    for (let i = 0, from = 0; i < parts; i++) {
      // the first (n mod parts) batches take one device more
      const count = Math.floor(serials.length / parts) + (i < serials.length % parts ? 1 : 0);
      const base = `${group.location ?? NO_LOCATION} ${i + 1}`;
      let name = base;
      // two locations whose names differ only in punctuation would share a run id, as would a standalone rollout's
      for (let n = 2; ids.has(runIds.rollout(ags, name)); n++) name = `${base} (${n})`;
      const id = runIds.rollout(ags, name);
      ids.add(id);
      batches.push({ id, name, ...(group.location ? { location: group.location } : {}), serials: serials.slice(from, from + count) });
      from += count;
    }
  }
  return batches;
}
