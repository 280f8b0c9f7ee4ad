import { findGemeinde } from '../../domain/catalog/gemeinden';
import { findVerfahren } from '../../domain/catalog/verfahren';
import { resolvePlanOf, runIdOf, startOf } from '../../domain/processes';
import { berlinDate } from '../../domain/berlin-time';
import { earliestGoLive } from '../../domain/feasibility';
import { germanDate } from '../../domain/health';
import { scheduleRun } from '../../domain/schedule';
import type { PlanStep, StepState } from '../../domain/types';
import { requestCancel, retryStep, skipStep, taskIdOf, type Actor, type WorkflowInput } from '../../workflows/messages';
import { describeRun } from '../../domain/run-view';
import { typedSearchAttributes } from '../../workflows/search-attributes';
import { principalOf } from '../auth';
import { bavarianCalendar } from '../../runtime/bavarian-calendar';
import { MAX_SEQ, type StoredEvent } from '../../store/store';
import type { ApiDeps } from '../deps';
import { deputyErrors } from '../deputy-lead';
import { auditTrailFor, RELEASING_STEPS } from '../../domain/policy';
import { isTenantScoped, may, seesGemeinde, type Principal } from '../policy';
import { cursorNumber, numberCursor, pageFromRows, pageQuery } from '../paging';
import { parseOr422, problem, type FieldError } from '../problem';
import { listRunsQuery, planPreviewBody, reasonBody, repairBody, startRunBody } from '../schemas';
import { checkCorrectedInput } from '../repair-input';
import { resolveRolloutDevices } from '../rollout-devices';
import { temporal } from '../temporal-errors';
import { runState } from '../run-reader';
import { runView, snapshotSummary, stepView } from '../views';
import { auditCsv } from '../audit-csv';
import * as responses from '../openapi/responses';
import { runId, stepId } from '../openapi/params';
import { perDeps, route } from '../route';

/** events.seq is a PostgreSQL integer */

export function actorOf(p: Principal): Actor {
  return { id: p.id, roles: [...p.roles], gemeinden: [...p.gemeinden] };
}

/** Before its first workflow task a run has started nothing: steps without dependencies are ready, the rest wait. */
function initialState(step: PlanStep): StepState {
  return step.dependsOn.length ? 'pending' : 'ready';
}

/** A run starts on today's date in Bavaria. */
function today(): string {
  return berlinDate(new Date());
}

/** What the handlers below share, built once per app. */
const runShared = perDeps((deps: ApiDeps) => {
  /** Loads a run the principal may see; another Gemeinde's run answers 404 so its existence stays hidden. */
  async function visibleState(runId: string, p: Principal) {
    const state = await runState(deps.client, deps.store, runId);
    if (!seesGemeinde(p, state.gemeinde.ags)) throw problem.notFound('Vorgang nicht gefunden.');
    return state;
  }

  /** The releasing steps (domain/policy.ts) this run has done, from their tasks in the read model. */
  async function releasedSteps(runId: string): Promise<Set<string>> {
    const tasks = await Promise.all(RELEASING_STEPS.map((stepId) => deps.store.getTask(taskIdOf(runId, stepId))));
    return new Set(tasks.flatMap((t) => (t?.state === 'done' ? [t.stepId] : [])));
  }
  return { visibleState, releasedSteps };
});

/** Retry and skip: the same route for both, a failed step's repair (the run's validators check the step's state). */
function stepRepair<const A extends 'retry' | 'skip'>(action: A, update: typeof retryStep, summary: string) {
  return route({
    key: `POST /runs/{id}/steps/{stepId}/${action}`, access: 'run.repair',
    operationId: `${action}Step`, tag: 'Vorgänge', summary,
    params: { ...runId, ...stepId }, body: { schema: repairBody, required: false },
    success: { status: 200, description: 'der Schritt', schema: responses.stepSchema }, errors: [404, 409],
    handler: (deps) => {
      const { visibleState } = runShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const state = await visibleState(req.params.id, p);
        if (state.status !== 'running') throw problem.conflict('Der Vorgang läuft nicht mehr.');
        if (!may(p, 'run.repair')) throw problem.forbidden('Nur Administration und Projektleitung dürfen Schritte reparieren.');
        const body = parseOr422(repairBody, req.body ?? {});
        if (action === 'skip' && !body.reason) throw problem.invalid([{ path: 'reason', message: 'Bitte einen Grund angeben' }]);
        if (action === 'retry') checkCorrectedInput(state, body.input);
        const step = await temporal(() =>
          deps.client.workflow.getHandle(req.params.id).executeUpdate(update, {
            args: [{ stepId: req.params.stepId, actor: actorOf(p), input: body.input, reason: body.reason }],
            ...(req.get('Idempotency-Key') ? { updateId: `${action}:${req.get('Idempotency-Key')}` } : {}),
          }),
        );
        res.json(stepView(step));
      };
    },
  });
}

export const RUN_ROUTES = [
  route({
    key: 'POST /runs', access: 'run.start',
    operationId: 'startRun', tag: 'Vorgänge', summary: 'Vorgang starten',
    description: 'Die ID ist lesbar und eindeutig je Gegenstand (`onboarding-<AGS>`); läuft schon einer, antwortet 409 mit `existingRunId`.',
    body: { schema: startRunBody, required: true },
    success: { status: 201, description: 'der gestartete Vorgang', schema: responses.runSchema, location: true },
    errors: [409],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      if (!may(p, 'run.start')) throw problem.forbidden('Nur die Projektleitung darf Vorgänge starten.');
      const body = parseOr422(startRunBody, req.body);
      const errors: FieldError[] = [];
      const input = body.input;
      if (!findGemeinde(input.ags)) errors.push({ path: 'input.ags', message: 'Unbekannte Gemeinde (AGS nicht im Katalog)' });
      const lead = 'projectLead' in input && input.projectLead ? await deps.users.find(input.projectLead) : undefined;
      if ('projectLead' in input && input.projectLead && !lead?.roles.includes('projektleitung')) {
        errors.push({ path: 'input.projectLead', message: 'Keine Person mit der Rolle Projektleitung' });
      }
      errors.push(...(await deputyErrors(deps.users, 'input.', input.deputyLead, input.projectLead)));
      if ('targetGoLive' in input && input.targetGoLive && input.targetGoLive <= today()) {
        errors.push({ path: 'input.targetGoLive', message: 'Das Zieldatum muss in der Zukunft liegen' });
      }
      if (body.process === 'gemeinde-onboarding') {
        body.input.verfahren.forEach((id, i) => {
          if (!findVerfahren(id)) errors.push({ path: `input.verfahren.${i}`, message: `Unbekanntes Verfahren ${id}` });
        });
      }
      if (body.process === 'verfahren-migration' && !findVerfahren(body.input.verfahrenId)) {
        errors.push({ path: 'input.verfahrenId', message: 'Unbekanntes Verfahren' });
      }
      // a rollout's named devices: checked here, the workflow gets only their count
      const rollout = body.process === 'arbeitsplatz-rollout'
        ? await resolveRolloutDevices(deps.store.devices, body.input, runIdOf(body.process, body.input))
        : undefined;
      if (rollout) errors.push(...rollout.errors);
      if (errors.length) throw problem.invalid(errors);

      const start = today();
      // the process registry (domain/processes.ts) resolves the plan; a rollout's with its checked device count
      const processInput = body.process === 'arbeitsplatz-rollout' ? rollout!.input : body.input;
      const { workflowType, runId, plan, searchAttributes } = startOf(body.process, processInput, {
        calendar: bavarianCalendar(Number(start.slice(0, 4)), 4),
        startDate: start,
        settings: deps.planSettings(start),
      });
      // A target the template cannot reach needs a reason; the run is then ambitious and measured against its plan.
      const earliest = earliestGoLive(plan);
      if (plan.targetGoLive && plan.targetGoLive < earliest && !body.input.targetReason) {
        throw problem.invalid([{
          path: 'input.targetGoLive',
          message: `Frühestens machbar ist der ${germanDate(earliest)}. Für ein früheres Ziel bitte eine Begründung angeben`,
        }]);
      }
      const startedAt = new Date().toISOString();
      const workflowInput: WorkflowInput = { plan, request: { ...(rollout?.input ?? body.input) }, startedBy: p.id, ...deps.workflowDefaults };
      if (rollout && rollout.serials.length > 0) {
        // before the start: a repeated start of the same batch finds them assigned to it already
        const taken = await deps.store.devices.assignBatch(body.input.ags, runId, rollout.serials);
        if (taken.elsewhere.length > 0 || taken.unknown.length > 0) {
          throw problem.invalid([{ path: 'input.serials', message: 'Geräte wurden inzwischen einer anderen Charge zugeordnet' }]);
        }
      }
      await temporal(() =>
        deps.client.workflow.start(workflowType, {
          workflowId: runId,
          taskQueue: deps.taskQueue,
          args: [workflowInput],
          // The run id keys the audit trail: a second execution under the same id would mix two runs' events.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: typedSearchAttributes(searchAttributes),
        }),
      );
      // The run as it stands at its start, from its plan: waiting for its first workflow task would double a start's
      // latency, and the next GET shows the first tasks opened.
      const initial = new Map(plan.steps.map((s) => [s.id, initialState(s)]));
      const state = describeRun({
        runId, plan, status: 'running', startedAt, tasks: [],
        schedule: scheduleRun(plan, [...initial].map(([id, state]) => ({ id, state })), start),
        progressOf: (id) => ({ state: initial.get(id)! }),
      });
      res.status(201).location(`/api/v1/runs/${encodeURIComponent(runId)}`).json(await runView(state, deps.users));
    },
  }),
  /** The start form's hint: the earliest feasible go-live of an onboarding as far as its inputs are known. */
  route({
    key: 'POST /plan-preview', access: 'run.start',
    operationId: 'previewPlan', tag: 'Vorgänge', summary: 'Frühester machbarer Go-live eines Onboardings',
    description: 'Aus Vorlage, Feiertagen, Sperrzeiten und Parallelität der Migrationen und Rollouts. Ein früheres Ziel braucht beim Start `input.targetReason`.',
    body: { schema: planPreviewBody, required: true },
    success: { status: 200, description: 'der früheste machbare Go-live', schema: responses.planPreviewSchema },
    handler: (deps) => (req, res) => {
      const p = principalOf(res);
      if (!may(p, 'run.start')) throw problem.forbidden('Nur die Projektleitung darf Vorgänge starten.');
      const { input } = parseOr422(planPreviewBody, req.body);
      const errors: FieldError[] = [];
      input.verfahren.forEach((id, i) => {
        if (!findVerfahren(id)) errors.push({ path: `input.verfahren.${i}`, message: `Unbekanntes Verfahren ${id}` });
      });
      if (errors.length) throw problem.invalid(errors);
      const start = today();
      const plan = resolvePlanOf(
        'gemeinde-onboarding',
        { ags: input.ags ?? '00000000', projectLead: '', targetGoLive: input.targetGoLive ?? '', ...input },
        { calendar: bavarianCalendar(Number(start.slice(0, 4)), 4), startDate: start, settings: deps.planSettings(start) },
      );
      const earliest = earliestGoLive(plan);
      res.json({
        startDate: start,
        earliestGoLive: earliest,
        ...(input.targetGoLive ? { targetGoLive: input.targetGoLive, ambitious: input.targetGoLive < earliest } : {}),
      });
    },
  }),
  route({
    key: 'GET /runs', access: 'run.read',
    operationId: 'listRuns', tag: 'Vorgänge', summary: 'Vorgänge (Gemeinde-Benutzer: nur die eigenen)',
    query: listRunsQuery, success: { status: 200, description: 'eine Seite Vorgänge', schema: responses.pages.runs }, errors: [400],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const q = parseOr422(listRunsQuery, req.query);
      const result = await deps.store.listRuns({ ...q, ...(isTenantScoped(p) ? { agsIn: p.gemeinden } : {}) });
      res.json({ items: result.items.map(snapshotSummary), nextCursor: result.nextCursor });
    },
  }),
  route({
    key: 'GET /runs/{id}', access: 'run.read',
    operationId: 'getRun', tag: 'Vorgänge', summary: 'Ein Vorgang mit Plan, Fortschritt und Ansprechpartner',
    params: runId, success: { status: 200, description: 'der Vorgang', schema: responses.runSchema }, errors: [404],
    handler: (deps) => {
      const { visibleState } = runShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        try {
          res.json(await runView(await visibleState(req.params.id, p), deps.users, p));
        } catch (err) {
          // Temporal forgets closed runs after its retention period: one closed before final states were stored
          // (migration 022) is then known to the read model only.
          if ((err as { status?: number }).status !== 404) throw err;
          const run = await deps.store.getRun(req.params.id);
          if (!run || !seesGemeinde(p, run.ags)) throw err;
          res.json({ ...snapshotSummary(run), steps: [], incidents: [], archived: true });
        }
      };
    },
  }),
  route({
    key: 'GET /runs/{id}/events', access: 'audit.read',
    operationId: 'listRunEvents', tag: 'Vorgänge', summary: 'Protokoll des Vorgangs (JSON oder CSV)',
    description: 'JSON: eine Seite Ereignisse in Reihenfolge. CSV (`Accept: text/csv`): das ganze Protokoll, ohne Seiten.',
    params: runId, query: pageQuery,
    success: { status: 200, description: 'eine Seite Ereignisse in Reihenfolge (CSV: alle)', schema: responses.pages.events, csv: true }, errors: [400, 404],
    handler: (deps) => {
      const { releasedSteps } = runShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const run = await deps.store.getRun(req.params.id);
        if (!run || !seesGemeinde(p, run.ags)) throw problem.notFound('Vorgang nicht gefunden.');
        if (!may(p, 'audit.read')) throw problem.forbidden('Ihre Rolle darf das Protokoll nicht lesen.');
        const q = parseOr422(pageQuery, req.query);
        // a Gemeinde user reads its own tasks' events and released figures only (domain/policy.ts)
        const released = isTenantScoped(p) ? await releasedSteps(run.id) : new Set<string>();
        const visible = (events: StoredEvent[]) => auditTrailFor(p, events, (stepId) => released.has(stepId));
        // the CSV is the download of the whole trail; JSON pages like every list, keyed by seq (a page may hold
        // fewer events than asked for a Gemeinde user: the cursor follows the stored trail, not the filtered one)
        if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
          const events = visible(await deps.store.runEvents(run.id, { limit: 100_000 }));
          res.type('text/csv; charset=utf-8').attachment(`protokoll-${run.id}.csv`).send(auditCsv(events));
          return;
        }
        const rows = await deps.store.runEvents(run.id, { afterSeq: cursorNumber(q.cursor, MAX_SEQ), limit: q.limit + 1 });
        const { items, nextCursor } = pageFromRows(rows, q.limit, (last) => numberCursor(last.seq));
        res.json({ items: visible(items).map(({ seq, at, type, actor, data }) => ({ seq, at, type, ...(actor ? { actor } : {}), data })), nextCursor });
      };
    },
  }),
  route({
    key: 'POST /runs/{id}/cancel', access: 'run.cancel',
    operationId: 'cancelRun', tag: 'Vorgänge', summary: 'Vorgang abbrechen (Kompensationen laufen)',
    params: runId, body: { schema: reasonBody, required: true },
    success: { status: 202, description: 'Abbruch angenommen', schema: responses.cancelAcceptedSchema }, errors: [404, 409],
    handler: (deps) => {
      const { visibleState } = runShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const state = await visibleState(req.params.id, p);
        if (!may(p, 'run.cancel')) throw problem.forbidden('Nur die Projektleitung darf Vorgänge abbrechen.');
        const { reason } = parseOr422(reasonBody, req.body);
        if (state.status !== 'running') throw problem.conflict('Der Vorgang läuft nicht mehr.');
        const handle = deps.client.workflow.getHandle(req.params.id);
        await temporal(() => handle.executeUpdate(requestCancel, { args: [{ actor: actorOf(p), reason }] }));
        await temporal(() => handle.cancel());
        res.status(202).json({ id: req.params.id, status: 'cancelling', reason });
      };
    },
  }),
  stepRepair('retry', retryStep, 'Fehlgeschlagenen Schritt wiederholen'),
  stepRepair('skip', skipStep, 'Fehlgeschlagenen Schritt überspringen (mit Grund)'),
] as const;
