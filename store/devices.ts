// Devices of a Gemeinde as records (migration 013): stored by the inventory import, taken into a rollout batch (its
// run), with a state per per-device step. Workflow histories hold only ids and counts; the devices live here.
import type { Queryable } from './db';
import { EXCLUDED_STATUS } from '../domain/device-steps';

export type DeviceStepState = 'pending' | 'done' | 'failed' | 'excluded';

export interface DeviceStep {
  state: DeviceStepState;
  reason?: string;
  by?: string;
  at?: string;
  data?: Record<string, unknown>;
  /** earlier outcomes of the step, oldest first (domain/device-steps.ts nextEntry) */
  earlier?: Pick<DeviceStep, 'state' | 'reason' | 'by' | 'at'>[];
}

export interface Device {
  id: string;
  ags: string;
  hostname: string;
  serial: string;
  mac: string;
  os: string;
  model: string;
  location?: string;
  user?: string;
  /** run id of the rollout batch the device belongs to */
  batch?: string;
  /** the inventory number of the device replacing this one, given by its batch's Wareneingang (migration 024) */
  newInventoryNumber?: string;
  status: string;
  steps: Record<string, DeviceStep>;
}

export interface NewDevice {
  hostname: string;
  serial: string;
  mac: string;
  os: string;
  model: string;
  location?: string;
  user?: string;
}

export interface DeviceFilter {
  ags: string;
  status?: string;
  location?: string;
  batch?: string;
  limit: number;
  /** id of the last device of the page before */
  after?: string;
}

/** A batch's devices counted without reading them (an inbox page names dozens of batches of a hundred devices). */
export interface BatchProgress {
  /** the devices the batch tracks */
  tracked: number;
  /** per step asked for: how many of them are in one of the states asked for */
  inStates: Record<string, number>;
}

/** what taking devices into a batch found: serials assigned, unknown, or already in another batch */
export interface BatchAssignment {
  assigned: string[];
  unknown: string[];
  elsewhere: string[];
}

export interface DeviceStore {
  /** stores (or refreshes, by serial) the devices of a Gemeinde's inventory; a refresh keeps batch and step states */
  importDevices(ags: string, runId: string, devices: NewDevice[]): Promise<{ stored: number }>;
  /** `limit + 1` devices in id order (the extra one tells that another page follows) */
  list(filter: DeviceFilter): Promise<Device[]>;
  forBatch(runId: string): Promise<Device[]>;
  /** per batch that tracks devices, by run id: its devices, and per step of `stepIds` those in one of `states` */
  progressOfBatches(runIds: readonly string[], stepIds: readonly string[], states: readonly DeviceStepState[]): Promise<Map<string, BatchProgress>>;
  bySerials(ags: string, serials: string[]): Promise<Device[]>;
  /** the serials of a Gemeinde's devices at a location (case-insensitive) */
  serialsAt(ags: string, location: string): Promise<string[]>;
  /**
   * Takes the named devices into the batch `runId`; all or nothing: when one is unknown or in another batch, none
   * is assigned. Repeating it for the same run assigns nothing twice.
   */
  assignBatch(ags: string, runId: string, serials: string[]): Promise<BatchAssignment>;
  /**
   * Gives the batch's devices the inventory numbers of their replacements, in device order, those without one first
   * taking the numbers no device of the batch has yet: a repeat (a retried step) changes nothing. Returns how many
   * devices of the batch have a number now.
   */
  numberBatch(runId: string, numbers: readonly string[]): Promise<number>;
  /** sets a device's state in one step (and its status); returns the device after the change */
  setStep(id: string, stepId: string, step: DeviceStep, status: string): Promise<Device | undefined>;
}

export const deviceId = (ags: string, serial: string): string => `${ags}-${serial.trim().toUpperCase()}`;

interface DeviceRow {
  id: string; ags: string; hostname: string; serial: string; mac: string; os: string; model: string;
  location: string | null; user_name: string | null; batch_run_id: string | null; new_inventory_number: string | null; status: string;
  steps: Record<string, DeviceStep> | string;
}

const COLUMNS = 'id, ags, hostname, serial, mac, os, model, location, user_name, batch_run_id, new_inventory_number, status, steps';

function toDevice(r: DeviceRow): Device {
  return {
    id: r.id, ags: r.ags, hostname: r.hostname, serial: r.serial, mac: r.mac, os: r.os, model: r.model,
    ...(r.location ? { location: r.location } : {}),
    ...(r.user_name ? { user: r.user_name } : {}),
    ...(r.batch_run_id ? { batch: r.batch_run_id } : {}),
    ...(r.new_inventory_number ? { newInventoryNumber: r.new_inventory_number } : {}),
    status: r.status,
    steps: typeof r.steps === 'string' ? JSON.parse(r.steps) as Record<string, DeviceStep> : r.steps,
  };
}

export function deviceStore(q: Queryable): DeviceStore {
  async function bySerials(ags: string, serials: string[]): Promise<Device[]> {
    if (serials.length === 0) return [];
    const { rows } = await q.query<DeviceRow>(
      `SELECT ${COLUMNS} FROM devices WHERE ags = $1 AND upper(serial) = ANY($2::text[]) ORDER BY id`,
      [ags, serials.map((s) => s.trim().toUpperCase())],
    );
    return rows.map(toDevice);
  }

  async function progressOfBatches(runIds: readonly string[], stepIds: readonly string[], states: readonly DeviceStepState[]): Promise<Map<string, BatchProgress>> {
    const progress = new Map<string, BatchProgress>();
    if (runIds.length === 0) return progress;
    // one row per batch and step: the batch's devices, and those of them in the states asked for (a device without an
    // outcome in the step is excluded there when it has left the batch, else pending: domain stepStateOf,
    // held equal by test/store/devices.test.ts)
    const { rows } = await q.query<{ batch: string; step: string | null; tracked: number; counted: number }>(
      `SELECT d.batch_run_id AS batch, s.step, count(*)::int AS tracked,
              count(*) FILTER (WHERE coalesce(d.steps -> s.step ->> 'state', CASE WHEN d.status = $4 THEN 'excluded' ELSE 'pending' END)
                                     = ANY($3::text[]))::int AS counted
         FROM devices d LEFT JOIN unnest($2::text[]) AS s(step) ON true
        WHERE d.batch_run_id = ANY($1::text[])
        GROUP BY d.batch_run_id, s.step`,
      [runIds, stepIds, states, EXCLUDED_STATUS],
    );
    for (const r of rows) {
      const batch = progress.get(r.batch) ?? { tracked: r.tracked, inStates: {} };
      if (r.step !== null) batch.inStates[r.step] = r.counted;
      progress.set(r.batch, batch);
    }
    return progress;
  }

  return {
    async importDevices(ags, runId, devices) {
      if (devices.length === 0) return { stored: 0 };
      const rows = devices.map((d) => ({ ...d, id: deviceId(ags, d.serial) }));
      await q.query(
        `INSERT INTO devices (id, ags, hostname, serial, mac, os, model, location, user_name, imported_by_run)
         SELECT d->>'id', $1, d->>'hostname', d->>'serial', d->>'mac', d->>'os', d->>'model', d->>'location', d->>'user', $2
         FROM jsonb_array_elements($3::text::jsonb) AS d
         ON CONFLICT (id) DO UPDATE SET hostname = excluded.hostname, mac = excluded.mac, os = excluded.os,
           model = excluded.model, location = excluded.location, user_name = excluded.user_name, updated_at = now()`,
        [ags, runId, JSON.stringify(rows)],
      );
      return { stored: rows.length };
    },

    async list(f) {
      const { rows } = await q.query<DeviceRow>(
        `SELECT ${COLUMNS} FROM devices
         WHERE ags = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR lower(location) = lower($3))
           AND ($4::text IS NULL OR batch_run_id = $4) AND ($5::text IS NULL OR id > $5)
         ORDER BY id LIMIT $6`,
        [f.ags, f.status ?? null, f.location ?? null, f.batch ?? null, f.after ?? null, f.limit + 1],
      );
      return rows.map(toDevice);
    },

    async forBatch(runId) {
      const { rows } = await q.query<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE batch_run_id = $1 ORDER BY id`, [runId]);
      return rows.map(toDevice);
    },
    progressOfBatches,

    bySerials,

    async serialsAt(ags, location) {
      const { rows } = await q.query<{ serial: string }>(
        'SELECT serial FROM devices WHERE ags = $1 AND lower(location) = lower($2) ORDER BY id', [ags, location.trim()],
      );
      return rows.map((r) => r.serial);
    },

    async assignBatch(ags, runId, serials) {
      const wanted = [...new Set(serials.map((s) => s.trim().toUpperCase()))];
      const found = await bySerials(ags, wanted);
      const known = new Set(found.map((d) => d.serial.toUpperCase()));
      const unknown = wanted.filter((s) => !known.has(s));
      const elsewhere = found.filter((d) => d.batch !== undefined && d.batch !== runId).map((d) => d.serial);
      if (unknown.length > 0 || elsewhere.length > 0) return { assigned: [], unknown, elsewhere };
      await q.query(
        `UPDATE devices SET batch_run_id = $2, updated_at = now()
         WHERE ags = $1 AND upper(serial) = ANY($3::text[]) AND batch_run_id IS NULL`,
        [ags, runId, wanted],
      );
      return { assigned: found.map((d) => d.serial), unknown: [], elsewhere: [] };
    },

    async numberBatch(runId, numbers) {
      const batch = (await q.query<{ id: string; new_inventory_number: string | null }>(
        'SELECT id, new_inventory_number FROM devices WHERE batch_run_id = $1 ORDER BY id', [runId],
      )).rows;
      const used = new Set(batch.map((d) => d.new_inventory_number));
      const free = numbers.filter((n) => !used.has(n));
      const pairs = batch.filter((d) => d.new_inventory_number === null).slice(0, free.length).map((d, i) => [d.id, free[i]]);
      if (pairs.length > 0) {
        await q.query(
          `UPDATE devices d SET new_inventory_number = p.number, updated_at = now()
           FROM unnest($1::text[], $2::text[]) AS p(id, number) WHERE d.id = p.id`,
          [pairs.map(([id]) => id), pairs.map(([, n]) => n)],
        );
      }
      return batch.length - batch.filter((d) => d.new_inventory_number === null).length + pairs.length;
    },

    async setStep(id, stepId, step, status) {
      const { rows } = await q.query<DeviceRow>(
        `UPDATE devices SET steps = jsonb_set(steps, ARRAY[$2::text], $3::text::jsonb), status = $4, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, stepId, JSON.stringify(step), status],
      );
      return rows[0] ? toDevice(rows[0]) : undefined;
    },
  };
}
