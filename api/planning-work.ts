// What the year plan counts: the running onboardings (their plans resolved again from their start request) and the
// planned ones not yet started. One place for the capacity view, the what-if, the bench and the monthly report.
import { berlinDate } from '../domain/berlin-time';
import { planForGoLive, runCourse, type PlannedWork } from '../domain/capacity';
import type { StepProgress } from '../domain/schedule';
import { findGemeinde } from '../domain/catalog/gemeinden';
import { VERFAHREN } from '../domain/catalog/verfahren';
import { earliestGoLive } from '../domain/feasibility';
import type { RunSnapshot } from '../domain/events';
import { resolveOnboardingPlan, runIds, type PlanSettings } from '../domain/plan';
import type { OnboardingInput, OnboardingVariant, ResolvedPlan } from '../domain/types';
import type { StoredEvent, Store } from '../store/store';
import type { PlannedOnboarding } from '../store/planning';
import { bavarianCalendar } from '../runtime/bavarian-calendar';

/** Enough years of holidays for an 18-month view and a three-year what-if search. */
export const planningCalendar = (today: string) => bavarianCalendar(Number(today.slice(0, 4)) - 1, 6);

/** The run a planned entry became: its Gemeinde's onboarding, started after the entry was made. */
export function startedRun(entry: PlannedOnboarding, runs: readonly RunSnapshot[]): RunSnapshot | undefined {
  if (entry.runId) return runs.find((r) => r.id === entry.runId);
  return runs.find((r) => r.id === runIds.onboarding(entry.ags) && r.startedAt >= entry.createdAt);
}

export interface OnboardingShape {
  ags: string;
  variant: OnboardingVariant;
  verfahren?: string[];
  verfahrenCount?: number;
  workstations: number;
}

/** The plan of an onboarding as far as it is known: without named Verfahren, that many from the catalogue. */
export function shapePlan(shape: OnboardingShape, start: string, settings: PlanSettings): ResolvedPlan {
  const verfahren = shape.verfahren?.length ? shape.verfahren : VERFAHREN.slice(0, shape.verfahrenCount ?? 0).map((v) => v.id);
  const input: OnboardingInput = { ags: shape.ags, variant: shape.variant, verfahren, workstations: shape.workstations, targetGoLive: '', projectLead: '' };
  return resolveOnboardingPlan(input, planningCalendar(start), start, settings);
}

/** The state of each step of a run from its audit trail: started, finished (done or skipped), with their days. */
export function progressOf(events: readonly StoredEvent[]): StepProgress[] {
  const steps = new Map<string, StepProgress>();
  for (const e of events) {
    const id = typeof e.data.stepId === 'string' ? e.data.stepId : undefined;
    if (!id) continue;
    if (e.type === 'step.started') steps.set(id, { id, state: 'active', startedAt: e.at });
    else if (e.type === 'step.done' || e.type === 'step.skipped') {
      steps.set(id, { ...steps.get(id), id, state: e.type === 'step.done' ? 'done' : 'skipped', completedAt: e.at });
    } else if (e.type === 'step.reopened') steps.set(id, { id, state: 'active', startedAt: e.at });
  }
  return [...steps.values()];
}

export interface PlanningState {
  today: string;
  runs: RunSnapshot[];
  pipeline: (PlannedOnboarding & { linkedRun?: RunSnapshot; plan?: ResolvedPlan })[];
  work: PlannedWork[];
}

export async function planningState(store: Store, settings: (start: string) => PlanSettings, today = berlinDate(Date.now())): Promise<PlanningState> {
  const [runPage, entries] = await Promise.all([
    store.listRuns({ process: 'gemeinde-onboarding', status: 'running', limit: 200 }),
    store.planning.listPipeline(),
  ]);
  const runs = runPage.items;
  const work: PlannedWork[] = [];
  await Promise.all(runs.map(async (run) => {
    // the start request (its plan) and the steps' course so far: finished steps load nobody any more
    const events = await store.runEvents(run.id, { limit: 5000 });
    const input = events[0]?.type === 'run.started' ? (events[0].data as Partial<OnboardingInput>) : undefined;
    if (!input?.variant) return;
    const start = berlinDate(run.startedAt);
    const plan = shapePlan({ ags: run.ags, variant: input.variant, verfahren: input.verfahren ?? [], workstations: input.workstations ?? 0 }, start, settings(start));
    const course = runCourse(plan, progressOf(events), today);
    work.push({ id: run.id, name: run.gemeindeName, kind: 'run', plan, goLive: run.projectedGoLive ?? earliestGoLive(plan), course });
  }));
  work.sort((a, b) => a.id.localeCompare(b.id));
  const pipeline = entries.map((entry) => {
    const linkedRun = startedRun(entry, runs);
    if (linkedRun) return { ...entry, linkedRun };
    const plan = planForGoLive((start) => shapePlan(entry, start, settings(start)), entry.desiredGoLive, today);
    work.push({ id: entry.id, name: gemeindeNameOf(entry.ags), kind: 'planned', plan, goLive: earliestGoLive(plan) });
    return { ...entry, plan };
  });
  return { today, runs, pipeline, work };
}

export const gemeindeNameOf = (ags: string) => findGemeinde(ags)?.name ?? `AGS ${ags}`;
