// Devices of a Gemeinde and of a rollout batch (issue 14; shapes in shared/API.md "Devices"). Reads follow the
// tenant rule of domain/policy.ts: a Gemeinde not seen is not found.
import { z } from 'zod';
import type { Device } from '../../store/devices';
import { decodeCursor, encodeCursor } from '../../store/cursor';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { deviceActions } from '../device-actions';
import { deviceCsv } from '../device-csv';
import { pageFromRows, pageOf, pageQuery } from '../paging';
import { seesGemeinde, type Principal } from '../policy';
import { parseOr422, problem } from '../problem';
import { ags } from '../schemas';
import { deviceActionBody } from '../device-actions';
import { deviceActionAnswer, devicePage } from '../openapi/device-schemas';
import { runId } from '../openapi/params';
import { perDeps, route } from '../route';

export const listDevicesQuery = pageQuery.extend({
  status: z.string().trim().min(1).max(50).optional().describe('Gerätestatus, z. B. inventarisiert'),
  location: z.string().trim().min(1).max(200).optional().describe('Standort/Raum'),
  batch: z.string().trim().min(1).max(200).optional().describe('Vorgangs-ID der Rollout-Charge'),
});

/** what the API answers for a device (the Gemeinde is the path's) */
/**
 * The Gemeinde of a `/gemeinden/{ags}/…` path, if it is an AGS (8 digits) the caller may see; anything else is a
 * Gemeinde that does not exist for them (404), never an empty list.
 */
export function visibleAgs(p: Principal, raw: string): string {
  if (!ags.safeParse(raw).success || !seesGemeinde(p, raw)) throw problem.notFound('Gemeinde nicht gefunden.');
  return raw;
}

export function deviceView(d: Device): Omit<Device, 'ags'> {
  const { ags: _ags, ...rest } = d;
  return rest;
}

const CSV_LIMIT = 100_000;

/** What the handlers below share, built once per app. */
const deviceShared = perDeps((deps: ApiDeps) => {
  const actions = deviceActions(deps);
  return { actions };
});

export const DEVICE_ROUTES = [
  route({
    // devices of a Gemeinde and of a rollout batch (issue 14): whoever sees runs; the tenant rule is the handler's
    key: 'GET /gemeinden/{ags}/devices', access: 'run.read',
    operationId: 'listDevices', tag: 'Vorgänge', summary: 'Geräte der Gemeinde (JSON oder CSV)',
    description: 'Geräte aus dem Inventarimport mit Charge und Zustand je Schritt. CSV (`Accept: text/csv`): die ganze gefilterte Liste.',
    params: { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } }, query: listDevicesQuery,
    success: { status: 200, description: 'eine Seite Geräte (CSV: alle)', schema: devicePage, csv: true }, errors: [400, 404],
    handler: (deps) => async (req, res) => {
      const gemeinde = visibleAgs(principalOf(res), req.params.ags);
      const q = parseOr422(listDevicesQuery, req.query);
      const filter = { ags: gemeinde, status: q.status, location: q.location, batch: q.batch };
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        // the CSV is the download of the whole (filtered) list, without pages
        const all = await deps.store.devices.list({ ...filter, limit: CSV_LIMIT });
        res.type('text/csv; charset=utf-8').attachment(`geraete-${req.params.ags}.csv`).send(deviceCsv(all));
        return;
      }
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, 1)[0] ?? undefined;
      const rows = await deps.store.devices.list({ ...filter, limit: q.limit, after });
      const page = pageFromRows(rows, q.limit, (last) => encodeCursor([last.id]));
      res.json({ items: page.items.map(deviceView), nextCursor: page.nextCursor });
    },
  }),
  route({
    key: 'GET /runs/{id}/devices', access: 'run.read',
    operationId: 'listRunDevices', tag: 'Vorgänge', summary: 'Geräte der Rollout-Charge',
    params: runId, query: pageQuery,
    success: { status: 200, description: 'eine Seite Geräte der Charge mit ihrem Zustand je Schritt', schema: devicePage }, errors: [400, 404],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const q = parseOr422(pageQuery, req.query);
      // the batch's devices name its Gemeinde (all of one): no wait for the run's read model right after its start
      const devices = await deps.store.devices.forBatch(req.params.id);
      if (devices.length === 0 || !seesGemeinde(p, devices[0].ags)) {
        throw problem.notFound('Vorgang nicht gefunden oder ohne einzeln geführte Geräte.');
      }
      // a batch is at most a few hundred devices: paged in memory, by position
      const page = pageOf(devices, q);
      res.json({ items: page.items.map(deviceView), nextCursor: page.nextCursor });
    },
  }),
  route({
    key: 'POST /runs/{id}/devices/actions', access: 'task.work',
    operationId: 'recordDeviceOutcome', tag: 'Vorgänge', summary: 'Ein Ergebnis für viele Geräte eines Schritts erfassen',
    description: 'Ein Ergebnis je Gerät; eine Ablehnung hält die übrigen nicht auf. Sind alle Geräte der Charge erledigt oder ausgenommen, wird die Aufgabe der Charge erledigt. Erfasst wird erst, wenn die Aufgabe des Schritts geöffnet ist (sonst 409).',
    params: runId, body: { schema: deviceActionBody, required: true },
    success: { status: 200, description: 'ein Ergebnis je Gerät', schema: deviceActionAnswer }, errors: [403, 404, 409, 422],
    handler: (deps) => {
      const { actions } = deviceShared(deps);
      return async (req, res) => {
        res.json(await actions.record(principalOf(res), req.params.id, req.body));
      };
    },
  }),
] as const;
