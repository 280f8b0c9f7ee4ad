// The batches (Chargen) of an onboarding's rollouts (migration 016): formed once from the Gemeinde's devices not yet
// in any batch, editable (move, exclude with a reason) until the fan-out takes them, then locked. Devices inventoried
// after the forming are shown as unassigned; the lead may move or exclude them, and what is left of them when the
// fan-out takes the batches forms batches of its own then, so that no inventoried device is left out unseen. A batch's devices
// are the devices whose batch_run_id is the batch's id, i.e. the run id of its child rollout, so the child reads
// them as any rollout batch (store/devices.ts forBatch).
import { formBatches } from '../domain/device-batches';
import type { Db, Queryable } from './db';

export interface BatchDevice {
  id: string;
  serial: string;
  hostname: string;
  location?: string;
}

export interface DeviceBatch {
  id: string;
  name: string;
  location?: string;
  devices: BatchDevice[];
}

export interface BatchExclusion extends BatchDevice {
  reason: string;
  by: string;
  at: string;
}

export interface RunBatches {
  maxSize: number;
  /** when the fan-out took the batches; afterwards they cannot be changed */
  lockedAt?: string;
  batches: DeviceBatch[];
  excluded: BatchExclusion[];
  /** the Gemeinde's devices in no batch and not excluded (inventoried after the forming) */
  unassigned: BatchDevice[];
}

/** what an edit found: serials not among the run's devices, or the batches already locked */
export type BatchEdit = { ok: true } | { ok: false; locked: true } | { ok: false; unknown: string[] };

export interface DeviceBatchStore {
  /** the run's batches, or undefined when none have been formed */
  forRun(runId: string): Promise<RunBatches | undefined>;
  /** forms the run's batches from the Gemeinde's free devices unless formed before; none when it has no devices */
  form(runId: string, ags: string, maxSize: number): Promise<RunBatches | undefined>;
  /** moves devices (also excluded ones) into a batch of the run */
  move(runId: string, serials: string[], batchId: string): Promise<BatchEdit>;
  exclude(runId: string, serials: string[], reason: string, by: string): Promise<BatchEdit>;
  /** forms if needed (also for devices inventoried since) and locks the batches for the fan-out: ids, names and
   * counts of the batches with devices */
  take(runId: string, ags: string, maxSize: number): Promise<{ id: string; name: string; devices: number }[]>;
}

interface BatchRow { id: string; name: string; location: string | null; max_size: number; locked_at: Date | string | null }
interface DeviceRow { id: string; serial: string; hostname: string; location: string | null; batch_run_id: string | null }
interface ExclusionRow extends DeviceRow { reason: string; excluded_by: string; excluded_at: Date | string }

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();
const device = (r: DeviceRow): BatchDevice => ({ id: r.id, serial: r.serial, hostname: r.hostname, ...(r.location ? { location: r.location } : {}) });

/** `d` is a device of Gemeinde `ags` in no batch and not excluded from run `run`'s batches (SQL expressions) */
const freeDevice = (ags: string, run: string) => `d.ags = ${ags} AND d.batch_run_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM device_batch_exclusions x WHERE x.run_id = ${run} AND x.device_id = d.id)`;
/** the same for the Gemeinde of the run's batches, the run id being $1 */
const FREE = freeDevice('(SELECT ags FROM device_batches WHERE run_id = $1 LIMIT 1)', '$1');

async function read(q: Queryable, runId: string): Promise<RunBatches | undefined> {
  const { rows: batches } = await q.query<BatchRow>(
    'SELECT id, name, location, max_size, locked_at FROM device_batches WHERE run_id = $1 ORDER BY position', [runId]);
  if (batches.length === 0) return undefined;
  const { rows: devices } = await q.query<DeviceRow>(
    `SELECT d.id, d.serial, d.hostname, d.location, d.batch_run_id FROM devices d
     JOIN device_batches b ON b.id = d.batch_run_id WHERE b.run_id = $1 ORDER BY d.serial`, [runId]);
  const { rows: excluded } = await q.query<ExclusionRow>(
    `SELECT d.id, d.serial, d.hostname, d.location, d.batch_run_id, x.reason, x.excluded_by, x.excluded_at
     FROM device_batch_exclusions x JOIN devices d ON d.id = x.device_id WHERE x.run_id = $1 ORDER BY d.serial`, [runId]);
  const { rows: unassigned } = await q.query<DeviceRow>(
    `SELECT d.id, d.serial, d.hostname, d.location, d.batch_run_id FROM devices d
     WHERE ${FREE} ORDER BY d.serial`, [runId]);
  const locked = batches.find((b) => b.locked_at)?.locked_at;
  return {
    maxSize: batches[0].max_size,
    ...(locked ? { lockedAt: iso(locked) } : {}),
    batches: batches.map((b) => ({
      id: b.id, name: b.name, ...(b.location ? { location: b.location } : {}),
      devices: devices.filter((d) => d.batch_run_id === b.id).map(device),
    })),
    excluded: excluded.map((x) => ({ ...device(x), reason: x.reason, by: x.excluded_by, at: iso(x.excluded_at) })),
    unassigned: unassigned.map(device),
  };
}

/**
 * Forms the run's batches from the Gemeinde's free devices: the first time it is asked, or with `late` (the fan-out
 * taking them) again for the devices inventoried since, as further batches after the existing ones.
 */
async function formIn(tx: Queryable, runId: string, ags: string, maxSize: number, late = false): Promise<void> {
  // one forming per run, also when two requests race: the run's existing batches are looked at under a lock
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`device-batches:${runId}`]);
  const { rows: [existing] } = await tx.query<{ n: number }>('SELECT count(*)::integer AS n FROM device_batches WHERE run_id = $1', [runId]);
  if (existing.n > 0 && !late) return;
  const { rows: free } = await tx.query<DeviceRow>(
    `SELECT id, serial, hostname, location, batch_run_id FROM devices d WHERE ${freeDevice('$1', '$2')}`, [ags, runId]);
  // ids of the Gemeinde's batches, also of those without devices (moved out): a new batch must not reuse one
  const { rows: inUse } = await tx.query<{ id: string }>(
    `SELECT DISTINCT batch_run_id AS id FROM devices WHERE ags = $1 AND batch_run_id IS NOT NULL
     UNION SELECT id FROM device_batches WHERE ags = $1`, [ags]);
  const formed = formBatches(
    ags, free.map((d) => ({ serial: d.serial, ...(d.location ? { location: d.location } : {}) })), maxSize, new Set(inUse.map((r) => r.id)),
  );
  for (const [i, b] of formed.entries()) {
    await tx.query(
      'INSERT INTO device_batches (id, run_id, ags, name, position, location, max_size) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [b.id, runId, ags, b.name, existing.n + i, b.location ?? null, maxSize],
    );
    await tx.query(
      'UPDATE devices SET batch_run_id = $1, updated_at = now() WHERE ags = $2 AND serial = ANY($3::text[]) AND batch_run_id IS NULL',
      [b.id, ags, b.serials],
    );
  }
}

/** the run's devices (in a batch of it, excluded from them, or unassigned) among `serials`, and the serials not among them */
async function runDevices(tx: Queryable, runId: string, serials: string[]): Promise<{ ids: string[]; unknown: string[] }> {
  const wanted = [...new Set(serials.map((s) => s.trim().toUpperCase()))];
  const { rows } = await tx.query<{ id: string; serial: string }>(
    `SELECT d.id, d.serial FROM devices d
     WHERE upper(d.serial) = ANY($2::text[])
       AND (d.batch_run_id IN (SELECT id FROM device_batches WHERE run_id = $1)
            OR EXISTS (SELECT 1 FROM device_batch_exclusions x WHERE x.run_id = $1 AND x.device_id = d.id)
            OR (${FREE}))`,
    [runId, wanted],
  );
  const found = new Set(rows.map((r) => r.serial.toUpperCase()));
  return { ids: rows.map((r) => r.id), unknown: serials.filter((s) => !found.has(s.trim().toUpperCase())) };
}

/** locks the run's batches for an edit; false when the fan-out has taken them */
async function editable(tx: Queryable, runId: string): Promise<boolean> {
  const { rows } = await tx.query<{ locked_at: unknown }>('SELECT locked_at FROM device_batches WHERE run_id = $1 FOR UPDATE', [runId]);
  return rows.every((r) => r.locked_at === null);
}

export function deviceBatchStore(db: Db): DeviceBatchStore {
  return {
    forRun: (runId) => read(db, runId),

    async form(runId, ags, maxSize) {
      await db.transaction((tx) => formIn(tx, runId, ags, maxSize));
      return read(db, runId);
    },

    move(runId, serials, batchId) {
      return db.transaction(async (tx): Promise<BatchEdit> => {
        if (!(await editable(tx, runId))) return { ok: false, locked: true };
        const { ids, unknown } = await runDevices(tx, runId, serials);
        if (unknown.length > 0) return { ok: false, unknown };
        await tx.query('DELETE FROM device_batch_exclusions WHERE run_id = $1 AND device_id = ANY($2::text[])', [runId, ids]);
        await tx.query('UPDATE devices SET batch_run_id = $1, updated_at = now() WHERE id = ANY($2::text[])', [batchId, ids]);
        return { ok: true };
      });
    },

    exclude(runId, serials, reason, by) {
      return db.transaction(async (tx): Promise<BatchEdit> => {
        if (!(await editable(tx, runId))) return { ok: false, locked: true };
        const { ids, unknown } = await runDevices(tx, runId, serials);
        if (unknown.length > 0) return { ok: false, unknown };
        await tx.query('UPDATE devices SET batch_run_id = NULL, updated_at = now() WHERE id = ANY($1::text[])', [ids]);
        await tx.query(
          `INSERT INTO device_batch_exclusions (run_id, device_id, reason, excluded_by)
           SELECT $1, id, $3, $4 FROM unnest($2::text[]) AS id
           ON CONFLICT (run_id, device_id) DO UPDATE SET reason = excluded.reason, excluded_by = excluded.excluded_by, excluded_at = now()`,
          [runId, ids, reason, by],
        );
        return { ok: true };
      });
    },

    async take(runId, ags, maxSize) {
      await db.transaction(async (tx) => {
        // once locked, the batches stay as taken: a retried or replayed take forms nothing more
        const { rows: locked } = await tx.query('SELECT 1 FROM device_batches WHERE run_id = $1 AND locked_at IS NOT NULL LIMIT 1', [runId]);
        if (locked.length > 0) return;
        await formIn(tx, runId, ags, maxSize, true);
        await tx.query('UPDATE device_batches SET locked_at = now() WHERE run_id = $1 AND locked_at IS NULL', [runId]);
      });
      const run = await read(db, runId);
      return (run?.batches ?? []).filter((b) => b.devices.length > 0).map((b) => ({ id: b.id, name: b.name, devices: b.devices.length }));
    },
  };
}
