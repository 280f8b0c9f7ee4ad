// The year plan (issue 15): planned onboardings before they start, each team's capacity and absences, the load of
// running and planned onboardings per team and week, and the what-if "can we take Gemeinde X with go-live in Q3".
// Who may: api/policy.ts (project leads, board, administration; capacity figures administration only).
import type { z } from 'zod';
import { berlinDate } from '../../domain/berlin-time';
import { capacityTable, planSpanEnd, TEAM_ROLES, totalLoad, isTeamRole, type CapacityConfig } from '../../domain/capacity';
import { whatIf } from '../../domain/what-if';
import { ROLE_TITLES } from '../../domain/role-titles';
import { findGemeinde } from '../../domain/catalog/gemeinden';
import { findVerfahren } from '../../domain/catalog/verfahren';
import { earliestGoLive } from '../../domain/feasibility';
import { germanDate } from '../../domain/health';
import { runIds } from '../../domain/plan';
import type { PlannedOnboarding, PlannedOnboardingInput } from '../../store/planning';
import type { Store } from '../../store/store';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { pageOf, pageQuery } from '../paging';
import { absenceBody, capacityQuery, pipelineBody, pipelinePatch, teamBody, whatIfBody } from '../planning-schemas';
import { gemeindeNameOf, planningCalendar, planningState, shapePlan, type PlanningState } from '../planning-work';
import { parseOr422, problem, type FieldError } from '../problem';
import * as planning from '../planning-schemas';
import { perDeps, route } from '../route';

const DAY_MS = 86_400_000;

/** Unknown Gemeinde or Verfahren at their field. */
function checkCatalogue(body: { ags?: string; verfahren?: string[] }): void {
  const errors: FieldError[] = [];
  if (body.ags !== undefined && !findGemeinde(body.ags)) errors.push({ path: 'ags', message: `Unbekannte Gemeinde (AGS ${body.ags})` });
  body.verfahren?.forEach((id, i) => {
    if (!findVerfahren(id)) errors.push({ path: `verfahren.${i}`, message: `Unbekanntes Verfahren ${id}` });
  });
  if (errors.length) throw problem.invalid(errors);
}

/**
 * Why a Gemeinde cannot be planned or asked about as a new onboarding: its onboarding runs, or it is done (the
 * Gemeinde is in our care). A cancelled or failed one may be planned again. Refused at the Gemeinde's field.
 */
async function checkNotOnboarded(store: Store, ags: string): Promise<void> {
  const run = await store.getRun(runIds.onboarding(ags));
  if (run?.status === 'running') {
    const forecast = run.projectedGoLive ? ` (Go-live-Prognose ${germanDate(run.projectedGoLive)})` : '';
    throw problem.invalid([{ path: 'ags', message: `Für ${run.gemeindeName} läuft bereits ein Onboarding${forecast}.` }]);
  }
  if (run?.status === 'completed') {
    const since = run.completedAt ? ` seit ${germanDate(berlinDate(Date.parse(run.completedAt)))}` : '';
    throw problem.invalid([{ path: 'ags', message: `${run.gemeindeName} ist${since} in unserer Betreuung: ihr Onboarding ist abgeschlossen.` }]);
  }
}

/** One planned entry per Gemeinde: a second would count its work twice in the year plan. */
function checkNotPlanned(s: PlanningState, ags: string, exceptId?: string): void {
  const planned = s.pipeline.find((e) => e.ags === ags && e.id !== exceptId && !e.linkedRun);
  if (planned) {
    throw problem.invalid([{ path: 'ags', message: `${gemeindeNameOf(ags)} ist bereits geplant (gewünschter Go-live ${germanDate(planned.desiredGoLive)}): bitte diesen Eintrag ändern.` }]);
  }
}

type Entry = PlanningState['pipeline'][number];

function entryView(e: Entry | PlannedOnboarding, today: string) {
  const linked = 'linkedRun' in e ? e.linkedRun : undefined;
  const plan = 'plan' in e ? e.plan : undefined;
  const { plan: _plan, linkedRun: _run, ...entry } = e as Entry;
  // a go-live wished for earlier than the template's lead time allows: the year plan counts the one it allows
  const earliest = !linked && plan ? earliestGoLive(plan) : undefined;
  return {
    ...entry,
    gemeindeName: gemeindeNameOf(e.ags),
    status: linked ? 'Gestartet' : e.status,
    ...(linked ? { runId: linked.id } : {}),
    plannedStart: linked ? berlinDate(linked.startedAt) : plan?.startDate ?? today,
    ...(earliest && earliest > e.desiredGoLive ? { earliestGoLive: earliest } : {}),
  };
}

export async function capacityConfig(store: Store, today: string): Promise<CapacityConfig> {
  const [teams, absences] = await Promise.all([store.planning.teams(), store.planning.absences()]);
  return { teams: TEAM_ROLES.flatMap((role) => teams.filter((t) => t.role === role)), absences, holidays: planningCalendar(today).holidays };
}

/** The what-if from the store as it stands: the candidate beside every other running and planned onboarding. */
export async function answerWhatIf(store: Store, planSettings: ApiDeps['planSettings'], body: z.infer<typeof whatIfBody>, today: string) {
  await checkNotOnboarded(store, body.ags);
  const [s, config] = await Promise.all([planningState(store, planSettings, today), capacityConfig(store, today)]);
  // the Gemeinde's own planned entry is the candidate, not other work beside it: the answer says it stood in for it
  const others = s.work.filter((w) => w.plan.subject.ags !== body.ags);
  const planned = s.pipeline.find((e) => e.ags === body.ags && !e.linkedRun);
  const plan = shapePlan(body, today, planSettings(today));
  const byTemplate = earliestGoLive(plan);
  const result = whatIf(config, others, { plan, goLive: byTemplate, targetGoLive: body.targetGoLive });
  return {
    earliestByTemplate: byTemplate,
    ...result,
    bottleneck: result.bottleneck ? { ...result.bottleneck, title: ROLE_TITLES[result.bottleneck.role] } : null,
    ...(result.beyondTeam ? { beyondTeam: { ...result.beyondTeam, title: ROLE_TITLES[result.beyondTeam.role] } } : {}),
    ...(planned ? { replacesPlanned: { id: planned.id, desiredGoLive: planned.desiredGoLive } } : {}),
  };
}

const plannedId = { id: { description: 'ID des geplanten Onboardings', example: 'plan-00000000-0000-4000-8000-000000000000' } };

/** What the handlers below share, built once per app. */
const planningShared = perDeps((deps: ApiDeps) => {
  const state = () => planningState(deps.store, deps.planSettings);

  async function entryOr404(id: string): Promise<Entry> {
    const s = await state();
    const entry = s.pipeline.find((e) => e.id === id);
    if (!entry) throw problem.notFound('Geplantes Onboarding nicht gefunden.');
    return entry;
  }
  return { state, entryOr404 };
});

export const PLANNING_ROUTES = [
  route({
    key: 'GET /planning/pipeline', access: 'planning.manage',
    operationId: 'listPlannedOnboardings', tag: 'Übersicht', summary: 'Geplante Onboardings (Anfrage, Angebot, Beschluss; gestartete mit ihrem Vorgang)',
    query: pageQuery, errors: [400],
    success: { status: 200, description: 'alle geplanten Onboardings nach gewünschtem Go-live', schema: planning.pipelinePageSchema },
    handler: (deps) => {
      const { state } = planningShared(deps);
      return async (req, res) => {
        const q = parseOr422(pageQuery, req.query);
        const s = await state();
        res.json(pageOf(s.pipeline.map((e) => entryView(e, s.today)), q));
      };
    },
  }),
  route({
    key: 'POST /planning/pipeline', access: 'planning.manage',
    operationId: 'createPlannedOnboarding', tag: 'Übersicht', summary: 'Geplantes Onboarding anlegen',
    body: { schema: planning.pipelineBody, required: true },
    success: { status: 201, description: 'das geplante Onboarding', schema: planning.plannedOnboardingSchema, location: true },
    handler: (deps) => {
      const { entryOr404, state } = planningShared(deps);
      return async (req, res) => {
        const body = parseOr422(pipelineBody, req.body);
        checkCatalogue(body);
        await checkNotOnboarded(deps.store, body.ags);
        checkNotPlanned(await state(), body.ags);
        const input: PlannedOnboardingInput = { ...body, verfahren: body.verfahren ?? [], verfahrenCount: body.verfahren?.length || body.verfahrenCount || 0 };
        const created = await deps.store.planning.createPlanned(input, principalOf(res).id);
        const entry = await entryOr404(created.id);
        res.status(201).location(`/api/v1/planning/pipeline/${encodeURIComponent(created.id)}`).json(entryView(entry, berlinDate(Date.now())));
      };
    },
  }),
  route({
    key: 'GET /planning/pipeline/{id}', access: 'planning.manage',
    operationId: 'getPlannedOnboarding', tag: 'Übersicht', summary: 'Ein geplantes Onboarding',
    params: plannedId, success: { status: 200, description: 'das geplante Onboarding', schema: planning.plannedOnboardingSchema }, errors: [404],
    handler: (deps) => {
      const { entryOr404 } = planningShared(deps);
      return async (req, res) => {
        res.json(entryView(await entryOr404(req.params.id), berlinDate(Date.now())));
      };
    },
  }),
  route({
    key: 'PATCH /planning/pipeline/{id}', access: 'planning.manage',
    operationId: 'updatePlannedOnboarding', tag: 'Übersicht', summary: 'Geplantes Onboarding ändern (auch mit seinem gestarteten Vorgang verknüpfen)',
    params: plannedId, body: { schema: planning.pipelinePatch, required: true },
    success: { status: 200, description: 'das geplante Onboarding nach der Änderung', schema: planning.plannedOnboardingSchema }, errors: [404],
    handler: (deps) => {
      const { entryOr404, state } = planningShared(deps);
      return async (req, res) => {
        const change = parseOr422(pipelinePatch, req.body);
        checkCatalogue(change);
        const existing = await deps.store.planning.getPlanned(req.params.id);
        if (!existing) throw problem.notFound('Geplantes Onboarding nicht gefunden.');
        if (change.ags !== undefined && change.ags !== existing.ags) {
          await checkNotOnboarded(deps.store, change.ags);
          checkNotPlanned(await state(), change.ags, existing.id);
        }
        // linked by hand: the run must be this Gemeinde's onboarding
        if (change.runId && (change.runId !== runIds.onboarding(change.ags ?? existing.ags) || !(await deps.store.getRun(change.runId)))) {
          throw problem.invalid([{ path: 'runId', message: `Kein Onboarding ${change.runId} dieser Gemeinde gefunden` }]);
        }
        const verfahrenCount = change.verfahren?.length || change.verfahrenCount;
        await deps.store.planning.updatePlanned(req.params.id, { ...change, ...(verfahrenCount !== undefined ? { verfahrenCount } : {}) });
        res.json(entryView(await entryOr404(req.params.id), berlinDate(Date.now())));
      };
    },
  }),
  route({
    key: 'DELETE /planning/pipeline/{id}', access: 'planning.manage',
    operationId: 'deletePlannedOnboarding', tag: 'Übersicht', summary: 'Geplantes Onboarding löschen',
    params: plannedId, success: { status: 204, description: 'gelöscht' }, errors: [404],
    handler: (deps) => async (req, res) => {
      if (!(await deps.store.planning.deletePlanned(req.params.id))) throw problem.notFound('Geplantes Onboarding nicht gefunden.');
      res.status(204).end();
    },
  }),
  route({
    key: 'GET /planning/capacity', access: 'planning.manage',
    operationId: 'getCapacity', tag: 'Übersicht', summary: 'Kapazität, Last und freie Stunden je Team und Woche',
    description: 'Last aus dem Aufwand der Vorlagenschritte der laufenden und geplanten Onboardings; Standard: von heute bis zum Ende des 18. Monats, der laufende Monat zählt als erster.',
    query: planning.capacityQuery, success: { status: 200, description: 'je Team und Woche (Montag)', schema: planning.capacitySchema }, errors: [400],
    handler: (deps) => {
      const { state } = planningShared(deps);
      return async (req, res) => {
        const q = parseOr422(capacityQuery, req.query, ['query']);
        const today = berlinDate(Date.now());
        const from = q.from ?? today;
        const to = q.to ?? planSpanEnd(from, 18);
        if (to < from) throw problem.invalid([{ path: 'query.to', message: 'Das Ende liegt vor dem Beginn' }]);
        if (Date.parse(to) - Date.parse(from) > 3 * 366 * DAY_MS) throw problem.invalid([{ path: 'query.to', message: 'Höchstens drei Jahre auf einmal' }]);
        const [s, config] = await Promise.all([state(), capacityConfig(deps.store, today)]);
        res.json({
          from, to,
          teams: config.teams.map((t) => ({ ...t, title: ROLE_TITLES[t.role] })),
          weeks: capacityTable(config, totalLoad(s.work), from, to),
        });
      };
    },
  }),
  route({
    key: 'POST /planning/what-if', access: 'planning.manage',
    operationId: 'whatIf', tag: 'Übersicht', summary: 'Können wir Gemeinde X aufnehmen? Frühester Go-live, Engpass, Wirkung von Verschiebungen',
    body: { schema: planning.whatIfBody, required: true },
    success: { status: 200, description: 'frühester Go-live, bei dem jedes Team Platz hat', schema: planning.whatIfSchema },
    handler: (deps) => async (req, res) => {
      const body = parseOr422(whatIfBody, req.body);
      checkCatalogue(body);
      res.json(await answerWhatIf(deps.store, deps.planSettings, body, berlinDate(Date.now())));
    },
  }),
  route({
    key: 'GET /planning/teams', access: 'planning.manage',
    operationId: 'getTeamCapacity', tag: 'Übersicht', summary: 'Kapazität der Teams und Abwesenheiten',
    success: { status: 200, description: 'Teams und Abwesenheiten', schema: planning.teamsSchema },
    handler: (deps) => async (_req, res) => {
      const config = await capacityConfig(deps.store, berlinDate(Date.now()));
      res.json({ teams: config.teams.map((t) => ({ ...t, title: ROLE_TITLES[t.role] })), absences: config.absences });
    },
  }),
  route({
    key: 'PUT /planning/teams/{role}', access: 'capacity.manage',
    operationId: 'setTeamCapacity', tag: 'Verwaltung', summary: 'Kapazität eines Teams setzen (Personen × Stunden je Woche)',
    params: { role: { description: 'Team (Rolle)', example: 'verfahren' } }, body: { schema: planning.teamBody, required: true },
    success: { status: 200, description: 'das Team' }, errors: [404],
    handler: (deps) => async (req, res) => {
      const role = req.params.role;
      if (!isTeamRole(role)) throw problem.notFound('Unbekanntes Team.');
      const body = parseOr422(teamBody, req.body);
      await deps.store.planning.setTeam({ role, ...body });
      res.json({ role, title: ROLE_TITLES[role], ...body });
    },
  }),
  route({
    key: 'POST /planning/absences', access: 'capacity.manage',
    operationId: 'addAbsence', tag: 'Verwaltung', summary: 'Abwesenheit einer Person eines Teams (Urlaub, Schulung)',
    body: { schema: planning.absenceBody, required: true }, success: { status: 201, description: 'die Abwesenheit' },
    handler: (deps) => async (req, res) => {
      const body = parseOr422(absenceBody, req.body);
      res.status(201).json(await deps.store.planning.addAbsence(body));
    },
  }),
  route({
    key: 'DELETE /planning/absences/{id}', access: 'capacity.manage',
    operationId: 'deleteAbsence', tag: 'Verwaltung', summary: 'Abwesenheit löschen',
    params: { id: { description: 'Abwesenheits-ID', example: 'abw-00000000-0000-4000-8000-000000000000' } }, success: { status: 204, description: 'gelöscht' }, errors: [404],
    handler: (deps) => async (req, res) => {
      if (!(await deps.store.planning.deleteAbsence(req.params.id))) throw problem.notFound('Abwesenheit nicht gefunden.');
      res.status(204).end();
    },
  }),
] as const;
