// The batches (Chargen) of an onboarding's rollouts (issue 14 item 2): formed from the Gemeinde's stored devices when
// first looked at (or at the latest when the rollout step starts), editable by the project lead — move devices
// between batches, exclude one with a reason — until the fan-out has taken them (409 afterwards).
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DEFAULT_BATCH_SIZE } from '../../domain/plan';
import type { RunBatches } from '../../store/device-batches';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { may, seesGemeinde } from '../policy';
import { runBatchesSchema } from '../openapi/batch-schemas';
import { runId } from '../openapi/params';
import { parseOr422, problem, type FieldError } from '../problem';
import { perDeps, route } from '../route';

const serials = z.array(z.string().trim().min(1, 'Bitte eine Seriennummer angeben').max(100))
  .min(1, 'Bitte mindestens ein Gerät wählen').max(1000).describe('Seriennummern der Geräte');
export const batchMoveBody = z.strictObject({
  serials,
  batch: z.string().trim().min(1, 'Bitte eine Charge wählen').max(200).describe('ID der Ziel-Charge'),
});
export const batchExcludeBody = z.strictObject({
  serials,
  reason: z.string({ error: 'Bitte einen Grund angeben' }).trim().min(1, 'Bitte einen Grund angeben').max(2000).describe('Grund des Ausschlusses'),
});

const LOCKED = 'Die erste Charge wurde bereits gestartet; die Chargen lassen sich nicht mehr ändern.';

/** the run's batch size as started (the start request is the first event of its trail) */
async function batchSizeOf(deps: ApiDeps, runId: string): Promise<number> {
  const [started] = await deps.store.runEvents(runId, { limit: 1 });
  const size = started?.type === 'run.started' ? started.data.batchSize : undefined;
  return typeof size === 'number' && size >= 1 ? size : DEFAULT_BATCH_SIZE;
}

export function batchesView(runId: string, b: RunBatches | undefined) {
  return {
    runId,
    editable: b !== undefined && b.lockedAt === undefined,
    maxSize: b?.maxSize ?? null,
    ...(b?.lockedAt ? { lockedAt: b.lockedAt } : {}),
    batches: (b?.batches ?? []).map((x) => ({ ...x, count: x.devices.length })),
    excluded: b?.excluded ?? [],
    unassigned: b?.unassigned ?? [],
  };
}

/** What the three handlers share, built once per app. */
const batchShared = perDeps((deps: ApiDeps) => {

  /** the onboarding the caller may see (404 otherwise, as for any run of another Gemeinde) */
  async function onboarding(req: Request, res: Response) {
    const p = principalOf(res);
    const run = await deps.store.getRun(String(req.params.id));
    if (!run || !seesGemeinde(p, run.ags)) throw problem.notFound('Vorgang nicht gefunden.');
    if (run.process !== 'gemeinde-onboarding') throw problem.notFound('Nur eine Gemeinde-Einführung hat Chargen.');
    return { p, run };
  }

  /** the batches of a running onboarding, formed now if they have not been */
  async function batchesOf(run: { id: string; ags: string; status: string }) {
    const stored = await deps.store.deviceBatches.forRun(run.id);
    if (stored || run.status !== 'running') return stored;
    return deps.store.deviceBatches.form(run.id, run.ags, await batchSizeOf(deps, run.id));
  }

  /** an edit by the project lead, before the first batch has started: the body is checked before the run's state */
  async function steer<T>(req: Request, res: Response, schema: z.ZodType<T>) {
    const { p, run } = await onboarding(req, res);
    if (!may(p, 'run.steer')) throw problem.forbidden('Nur die Projektleitung darf die Chargen ändern.');
    const body = parseOr422(schema, req.body);
    if (run.status !== 'running') throw problem.conflict('Der Vorgang läuft nicht mehr.');
    const batches = await batchesOf(run);
    if (!batches) throw problem.conflict('Für diese Gemeinde sind keine Geräte inventarisiert; es gibt keine Chargen.');
    if (batches.lockedAt) throw problem.conflict(LOCKED);
    return { p, run, batches, body };
  }

  function refused(edit: { ok: false; locked: true } | { ok: false; unknown: string[] }, body: { serials: string[] }): never {
    if ('locked' in edit) throw problem.conflict(LOCKED);
    const errors: FieldError[] = edit.unknown.map((s) => ({
      path: `serials.${body.serials.indexOf(s)}`, message: `Das Gerät ${s} gehört zu keiner Charge dieses Vorgangs`,
    }));
    throw problem.invalid(errors);
  }

  return { onboarding, batchesOf, steer, refused };
});

export const RUN_BATCH_ROUTES = [
  route({
    // an onboarding's batches (Chargen): seen as the run, changed by whoever steers it, until the first batch starts
    key: 'GET /runs/{id}/batches', access: 'run.read',
    operationId: 'listRunBatches', tag: 'Vorgänge', summary: 'Chargen der Arbeitsplatz-Rollouts einer Gemeinde-Einführung',
    description: 'Beim ersten Abruf (spätestens beim Start der Rollouts) aus den inventarisierten Geräten gebildet: je Standort, höchstens so groß wie die Chargengröße des Vorgangs.',
    params: runId, success: { status: 200, description: 'die Chargen mit ihren Geräten und die ausgeschlossenen Geräte', schema: runBatchesSchema }, errors: [404],
    handler: (deps) => async (req, res) => {
      const { onboarding, batchesOf } = batchShared(deps);
      const { run } = await onboarding(req, res);
      res.json(batchesView(run.id, await batchesOf(run)));
    },
  }),
  route({
    key: 'POST /runs/{id}/batches/move', access: 'run.steer',
    operationId: 'moveBatchDevices', tag: 'Vorgänge', summary: 'Geräte in eine andere Charge verschieben',
    description: 'Nur bis die erste Charge gestartet ist (danach 409). Ein ausgeschlossenes Gerät kommt so wieder in eine Charge.',
    params: runId, body: { schema: batchMoveBody, required: true },
    success: { status: 200, description: 'die Chargen nach der Änderung', schema: runBatchesSchema }, errors: [403, 404, 409, 422],
    handler: (deps) => async (req, res) => {
      const { steer, refused } = batchShared(deps);
      const { run, batches, body } = await steer(req, res, batchMoveBody);
      if (!batches.batches.some((b) => b.id === body.batch)) {
        throw problem.invalid([{ path: 'batch', message: 'Diese Charge gehört nicht zu diesem Vorgang' }]);
      }
      const edit = await deps.store.deviceBatches.move(run.id, body.serials, body.batch);
      if (!edit.ok) refused(edit, body);
      res.json(batchesView(run.id, await deps.store.deviceBatches.forRun(run.id)));
    },
  }),
  route({
    key: 'POST /runs/{id}/batches/exclude', access: 'run.steer',
    operationId: 'excludeBatchDevices', tag: 'Vorgänge', summary: 'Geräte mit Begründung von den Chargen ausschließen',
    description: 'Nur bis die erste Charge gestartet ist (danach 409); der Grund ist Pflicht.',
    params: runId, body: { schema: batchExcludeBody, required: true },
    success: { status: 200, description: 'die Chargen nach der Änderung', schema: runBatchesSchema }, errors: [403, 404, 409, 422],
    handler: (deps) => async (req, res) => {
      const { steer, refused } = batchShared(deps);
      const { p, run, body } = await steer(req, res, batchExcludeBody);
      const edit = await deps.store.deviceBatches.exclude(run.id, body.serials, body.reason, p.id);
      if (!edit.ok) refused(edit, body);
      res.json(batchesView(run.id, await deps.store.deviceBatches.forRun(run.id)));
    },
  }),
] as const;
