// The read model: the schedule, phase, health and progress worked out from the steps, published as search
// attributes and run snapshots on audit events, and the run state that queries and Updates return.
import type { Engine } from './engine';
import { FINISHED, type StepRuntime } from './runtime';
import { projectedRunEnd, type RunSchedule, type StepProgress, scheduleRun } from '../../domain/schedule';
import type { RunSnapshot } from '../../domain/events';
import { SA } from '../search-attributes';
import { berlinDate } from '../../domain/berlin-time';
import { childProgressed } from '../messages';
import { forecastMove } from '../../domain/forecast';
import { getExternalWorkflowHandle, patched, upsertSearchAttributes } from '@temporalio/workflow';
import { toDate } from '../../domain/calendar';
import { currentPhase } from '../../domain/run-view';

/** Child runs tell their parent their forecast end (runs recorded before tell their progress only). */
export const CHILD_FORECAST_PATCH = 'child-forecast';
/** A forecast that moves while phase, health and progress stay is published too (runs recorded before: not). */
export const FORECAST_PUBLISHED_PATCH = 'forecast-published';
/** A held step is told among the health reasons without turning the run amber (runs recorded before: amber). */
export const HELD_STEP_INFORMS_PATCH = 'held-step-informs';

export function refresh(e: Engine): void {
  const today = e.today();
  const stepProgress = [...e.steps.values()].map((rt) => ({
    id: rt.step.id,
    state: rt.state,
    startedAt: rt.startedAt,
    completedAt: rt.completedAt,
    childProgress: rt.step.kind === 'child' ? childProgress(rt, e.planV2) : undefined,
    childrenEnd: rt.step.kind === 'child' ? childrenEnd(rt) : undefined,
    ...(rt.heldUntil ? { heldUntil: rt.heldUntil, heldReason: rt.heldReason } : {}),
    ...(rt.error ? { error: rt.error } : {}),
  }));
  // Most loop passes change no step (a claim, a comment, a reminder): the schedule is only worked out again
  // when the steps' progress, the plan's dates or the day have changed — it was a sixth of the engine's time.
  const inputs = `${today}|${e.plan.targetGoLive ?? ''}|${JSON.stringify(stepProgress)}`;
  if (inputs !== e.scheduleKey) {
    e.scheduleKey = inputs;
    const options = { legacy: !e.planV2, dateOf: e.berlinTime() ? berlinDate : toDate };
    const schedule = scheduleRun(e.plan, stepProgress, today, options);
    // a hold the forecast absorbs leaves the run green; runs recorded before the patch turned amber with any hold
    // (asked only when a step is held, so runs that never hold one record no marker)
    const heldKept = schedule.reasons.some((r) => r.kind === 'held') && !patched(HELD_STEP_INFORMS_PATCH);
    e.schedule = heldKept ? scheduleRun(e.plan, stepProgress, today, { ...options, heldIsRisk: true }) : schedule;
  }
  const schedule = e.schedule!;
  if (e.planV2) announceForecast(e, schedule, stepProgress, today);
  const phase = runPhase(e);
  const progress = Math.round(schedule.progress * 100);
  const health = schedule.health;
  const before = e.published;
  const projectedGoLive = schedule.projectedGoLive;
  if (e.planV2 && e.input.parentId) tellParent(e, e.input.parentId, schedule, before.progress, progress);
  const figuresKept = before.phase === phase && before.health === health && before.progress === progress;
  if (figuresKept && !forecastOnlyMoved(before, projectedGoLive)) return;
  e.published = { phase, health, progress, projectedGoLive };
  if (before.progress >= 0) {
    // every change of the run's figures comes with an event that carries the run's snapshot (read model); a forecast
    // that moved with them is named in it too, so that the Protokoll shows every forecast it later moves from
    const forecast = before.projectedGoLive !== undefined && before.projectedGoLive !== projectedGoLive ? { projectedGoLive } : {};
    if (before.phase !== phase) e.emit('run.phaseChanged', 'system', { before: before.phase, after: phase, ...forecast }, { run: true });
    if (before.health !== health) e.emit('run.healthChanged', 'system', { before: before.health, after: health, ...forecast }, { run: true });
    // progress, or the forecast alone, moved (by days: a move of a week is also run.forecastMoved)
    if (before.phase === phase && before.health === health) e.emit('run.progressed', 'system', { progress, ...forecast }, { run: true });
  }
  // the search attributes hold phase, health and progress only
  if (figuresKept || e.input.searchAttributes === false) return;
  upsertSearchAttributes([
    { key: SA.phase, value: phase },
    { key: SA.health, value: health },
    { key: SA.progress, value: progress },
  ]);
}

/**
 * Whether only the forecast moved since it was last published. Runs recorded before the patch published the three
 * figures alone, and so do runs continued from them until their first change (`projectedGoLive` not carried yet).
 */
function forecastOnlyMoved(before: Engine['published'], projectedGoLive: string): boolean {
  if (before.projectedGoLive === undefined || before.projectedGoLive === projectedGoLive) return false;
  return patched(FORECAST_PUBLISHED_PATCH);
}

/**
 * A child run tells its parent its progress when that moves, and with it (patch child-forecast) the day it expects
 * to end; once told, also when only that day moves. Not on its first pass: a child starts on its plan, which the
 * parent knows (in the scale run, a first report from each of 318 children made the onboarding's history a quarter
 * longer). Runs recorded before the patch told progress only (patched() is false for them, and `reportedEnd` stays
 * unset), so they send exactly the signals they sent.
 */
function tellParent(e: Engine, parentId: string, schedule: RunSchedule, before: number, progress: number): void {
  const end = projectedRunEnd(schedule);
  const progressMoved = before >= 0 && before !== progress;
  const endMoved = e.reportedEnd !== undefined && e.reportedEnd !== end;
  if (!progressMoved && !endMoved) return;
  const withEnd = patched(CHILD_FORECAST_PATCH);
  if (withEnd) e.reportedEnd = end;
  // the parent may have closed meanwhile: then nobody needs to know
  getExternalWorkflowHandle(parentId)
    .signal(childProgressed, { runId: e.runId, progress: schedule.progress, ...(withEnd ? { projectedEnd: end } : {}) })
    .catch(() => undefined);
}

/** The first forecast is the plan's; every move of a week or more from the last one announced is recorded. */
export function announceForecast(e: Engine, schedule: RunSchedule, stepProgress: StepProgress[], today: string): void {
  if (e.forecast === undefined) {
    e.forecast = schedule.projectedGoLive;
    return;
  }
  // told from the forecast last published (refresh publishes this pass's only after this), where there is one
  const move = forecastMove(e.plan, schedule, stepProgress, e.forecast, today, e.published.projectedGoLive ?? e.forecast);
  if (!move) return;
  e.forecast = move.after;
  e.emit('run.forecastMoved', 'system', { before: move.before, after: move.after, days: move.days, cause: move.cause, text: move.text }, { run: true });
}

export function runPhase(e: Engine): string {
  return currentPhase(e.plan, e.status, (id) => e.steps.get(id)!.state);
}

export function runSnapshot(e: Engine): RunSnapshot {
  const schedule = e.schedule!;
  const phase = runPhase(e);
  const nextMilestones = e.plan.steps
    .filter((s) => s.milestone && !FINISHED.includes(e.steps.get(s.id)!.state))
    .slice(0, 3)
    .map((s) => ({ stepId: s.id, title: s.title, date: schedule.steps[s.id].projectedEnd }));
  return {
    id: e.runId,
    process: e.plan.process,
    title: e.plan.title,
    status: e.status,
    ...(e.input.parentId ? { parentId: e.input.parentId } : {}),
    rootId: e.rootId,
    ags: e.plan.subject.ags,
    gemeindeName: e.plan.subject.name,
    phase,
    phaseTitle: e.plan.phases.find((p) => p.id === phase)?.title ?? 'Abgeschlossen',
    progress: e.status === 'completed' ? 1 : schedule.progress,
    health: schedule.health,
    ...(schedule.reasons.length ? { healthReasons: schedule.reasons } : {}),
    ...(e.plan.targetGoLive ? { targetGoLive: e.plan.targetGoLive } : {}),
    projectedGoLive: schedule.projectedGoLive,
    ...(e.plan.projectLead ? { projectLead: e.plan.projectLead } : {}),
    ...(e.plan.deputyLead ? { deputyLead: e.plan.deputyLead } : {}),
    startedAt: e.startedAt,
    ...(e.completedAt ? { completedAt: e.completedAt } : {}),
    nextMilestones,
  };
}

/**
 * The latest end a child step's running children forecast, once every child has started and each running one has
 * told its end; before that (or for runs recorded before the patch child-forecast) the step's own plan decides.
 */
function childrenEnd(rt: StepRuntime): string | undefined {
  const children = rt.step.children ?? [];
  const running = children.filter((c) => rt.childStatus?.[c.runId] === 'running').map((c) => rt.childEnds?.[c.runId]);
  if (running.length === 0 || children.some((c) => rt.childStatus?.[c.runId] === undefined) || running.includes(undefined)) return undefined;
  return (running as string[]).reduce((latest, end) => (end > latest ? end : latest));
}

/** Share of a child step's children done: completed ones count 1, running ones by their own reported progress
 * (feasible-plan runs; before, only completed ones counted), the rest 0. */
function childProgress(rt: StepRuntime, reported: boolean): number {
  const total = rt.step.children?.length ?? 0;
  if (total === 0) return rt.state === 'done' ? 1 : 0;
  let done = 0;
  for (const [runId, status] of Object.entries(rt.childStatus ?? {})) {
    if (status === 'completed') done += 1;
    else if (status === 'running' && reported) done += rt.childProgress?.[runId] ?? 0;
  }
  return done / total;
}
