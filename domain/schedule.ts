import { berlinDate } from './berlin-time';
import { BusinessCalendar } from './calendar';
import { childrenEnd, cutoverStart, goLiveStep, plannedDates, stepEffort, type PlannedDates } from './feasibility';
import { days, germanDate, healthFrom, RED_DELAY_DAYS, type HealthReason } from './health';
import { topologicalOrder } from './plan';
import type { Health, PlanStep, ResolvedPlan, StepState } from './types';

// Plan, progress and health of a run: the same pure functions serve the workflow's getState, the read model and the UI.

export { RED_DELAY_DAYS };

export interface StepProgress {
  id: string;
  state: StepState;
  startedAt?: string;
  completedAt?: string;
  /** 0..1 for child steps: share of finished child runs */
  childProgress?: number;
  /** a child step whose children have all started: the latest end its running children forecast for themselves */
  childrenEnd?: string;
  /** a cutover waiting for the end of a blocked window */
  heldUntil?: string;
  heldReason?: string;
  error?: string;
}

export interface StepSchedule {
  plannedStart: string;
  plannedEnd: string;
  projectedStart: string;
  projectedEnd: string;
  critical: boolean;
}

export interface RunSchedule {
  steps: Record<string, StepSchedule>;
  progress: number;
  /** the plan's go-live: the earliest feasible one for the run's start */
  plannedGoLive: string;
  projectedGoLive: string;
  /** business days between projected go-live and target (positive: ahead of target) */
  slackDays: number | null;
  /** the target lies before the earliest feasible go-live: health is measured against the plan */
  ambitious: boolean;
  health: Health;
  /** why the run is amber or red, and the holds its forecast includes (a hold alone leaves it green) */
  reasons: HealthReason[];
}

export interface ScheduleOptions {
  /** The rules before feasible plans (child steps by their template days, effort = days, health against the target
   * only). Runs recorded before them replay with these, so their health and progress events stay the same. */
  legacy?: boolean;
  /** The calendar day of a step's start or end, or of a hold's end: the Bavarian day; the engine passes the UTC day
   * for runs whose history was recorded before its 'deadlines-berlin-time' patch, so their schedules replay unchanged. */
  dateOf?: (at: string) => string;
  /** A held step alone turns the run amber: the rule before the engine's patch 'held-step-informs', kept for the
   * runs recorded before it so their health events replay unchanged. */
  heldIsRisk?: boolean;
}

const FINISHED: StepState[] = ['done', 'skipped'];

export function scheduleRun(plan: ResolvedPlan, progress: StepProgress[], today: string, options: ScheduleOptions = {}): RunSchedule {
  const legacy = options.legacy ?? false;
  const dateOf = options.dateOf ?? berlinDate;
  const cal = new BusinessCalendar(plan.calendar.holidays);
  const byId = new Map(progress.map((p) => [p.id, p]));
  const order = topologicalOrder(plan.steps);
  const planned = legacy ? legacyPlannedDates(plan, cal) : plannedDates(plan, cal);
  const steps: Record<string, StepSchedule> = {};
  const start = cal.nextBusinessDay(plan.startDate);
  /** where a step that starts on `from` ends by plan (children and blocked windows included) */
  const endFrom = (step: PlanStep, from: string) =>
    !legacy && step.kind === 'child' && step.children?.length ? childrenEnd(step, plan, from, cal) : cal.addBusinessDays(from, step.plannedDays);

  for (const step of order) {
    const p = byId.get(step.id);
    const deps = step.dependsOn.map((d) => steps[d]);
    const depsEnd = deps.reduce((max, d) => (d.projectedEnd > max ? d.projectedEnd : max), start);
    let projectedStart: string;
    let projectedEnd: string;
    if (p && FINISHED.includes(p.state)) {
      projectedStart = p.startedAt ? dateOf(p.startedAt) : depsEnd;
      projectedEnd = p.completedAt ? dateOf(p.completedAt) : projectedStart;
    } else if (p?.startedAt) {
      projectedStart = dateOf(p.startedAt);
      const plannedEnd = endFrom(step, projectedStart);
      const span = legacy ? step.plannedDays : cal.businessDaysBetween(cal.nextBusinessDay(projectedStart), plannedEnd);
      const remaining = span * (1 - (p.childProgress ?? 0));
      const fromToday = cal.addBusinessDays(today, Math.max(remaining, 0));
      // the children's own forecasts, once they all run, rather than their plan: the step ends with its last child
      if (!legacy && p.childrenEnd) projectedEnd = p.childrenEnd > today ? p.childrenEnd : today;
      else projectedEnd = plannedEnd > fromToday ? plannedEnd : fromToday;
      if (p.state === 'failed' && projectedEnd < today) projectedEnd = today;
    } else {
      projectedStart = depsEnd > today ? depsEnd : cal.nextBusinessDay(today);
      if (!legacy && p?.heldUntil && dateOf(p.heldUntil) > projectedStart) projectedStart = cal.nextBusinessDay(dateOf(p.heldUntil));
      if (!legacy && step.cutover) projectedStart = cutoverStart(projectedStart, plan, cal);
      projectedEnd = endFrom(step, projectedStart);
    }
    const { start: plannedStart, end: plannedEnd } = planned[step.id];
    steps[step.id] = { plannedStart, plannedEnd, projectedStart, projectedEnd, critical: false };
  }

  markCriticalPath(plan, steps);

  const goLive = goLiveStep(plan);
  const plannedGoLive = steps[goLive.id].plannedEnd;
  const projectedGoLive = steps[goLive.id].projectedEnd;
  const slackDays = plan.targetGoLive ? cal.businessDaysBetween(projectedGoLive, plan.targetGoLive) : null;
  const base = { steps, progress: runProgress(plan, progress, options), plannedGoLive, projectedGoLive, slackDays };
  if (legacy) {
    const failed = progress.some((p) => p.state === 'failed');
    return { ...base, ambitious: false, health: healthOf(slackDays, failed), reasons: [] };
  }

  const ambitious = !!plan.targetGoLive && plan.targetGoLive < plannedGoLive;
  const baseline = plan.targetGoLive && !ambitious ? plan.targetGoLive : plannedGoLive;
  const slipDays = cal.businessDaysBetween(baseline, projectedGoLive);
  const reasons: HealthReason[] = [];
  if (slipDays > 0) reasons.push(lateReason(plan, steps, byId, today, cal, { slipDays, baseline, projectedGoLive, ambitious }));
  for (const step of plan.steps) {
    const p = byId.get(step.id);
    if (p?.state === 'failed') {
      reasons.push({ kind: 'incident', stepId: step.id, text: `Störung in „${step.title}“${p.error ? `: ${p.error}` : ''}` });
    }
    if (p && !FINISHED.includes(p.state) && !p.startedAt && p.heldUntil && dateOf(p.heldUntil) > today) {
      reasons.push({
        kind: 'held', stepId: step.id,
        text: `„${step.title}“ zurückgestellt bis ${germanDate(dateOf(p.heldUntil))}${p.heldReason ? ` (${p.heldReason})` : ''}`,
      });
    }
  }
  if (ambitious) {
    reasons.push({
      kind: 'ambitious',
      text: `Ambitioniertes Ziel: ${germanDate(plan.targetGoLive!)} liegt ${days(cal.businessDaysBetween(plan.targetGoLive!, plannedGoLive))} vor dem frühesten machbaren Go-live (${germanDate(plannedGoLive)}); gemessen wird am Plan`,
    });
  }
  return { ...base, ambitious, health: healthFrom({ slipDays, reasons, heldIsRisk: options.heldIsRisk }), reasons };
}

/** The step where the run fell behind (the first late step on the critical path) and what it costs the go-live. */
function lateReason(
  plan: ResolvedPlan,
  steps: Record<string, StepSchedule>,
  byId: Map<string, StepProgress>,
  today: string,
  cal: BusinessCalendar,
  at: { slipDays: number; baseline: string; projectedGoLive: string; ambitious: boolean },
): HealthReason {
  const goLive = `Go-live-Prognose ${germanDate(at.projectedGoLive)}, ${days(at.slipDays)} nach ${at.ambitious ? 'dem Plan' : 'dem Ziel'} (${germanDate(at.baseline)})`;
  const late = lateStep(plan, steps, byId, today, cal);
  return late
    ? { kind: 'late', stepId: late.step.id, text: `„${late.step.title}“ ${late.text}; ${goLive}` }
    : { kind: 'late', text: goLive };
}

/** The first step on the critical path that ends later than planned: overdue when it is still open. */
export function lateStep(plan: ResolvedPlan, steps: Record<string, StepSchedule>, byId: Map<string, StepProgress>, today: string, cal: BusinessCalendar) {
  for (const step of topologicalOrder(plan.steps)) {
    const s = steps[step.id];
    if (!s.critical) continue;
    const behind = cal.businessDaysBetween(s.plannedEnd, s.projectedEnd);
    if (behind <= 0) continue;
    const p = byId.get(step.id);
    const open = p?.startedAt && !FINISHED.includes(p.state);
    const due = open ? cal.addBusinessDays(berlinDate(p.startedAt!), step.plannedDays) : undefined;
    const overdue = due ? cal.businessDaysBetween(due, today) : 0;
    return { step, days: behind, text: overdue > 0 ? `${days(overdue)} überfällig` : `${days(behind)} hinter Plan` };
  }
  return undefined;
}

/** Health before feasible plans (legacy runs): any delay or incident amber, more than RED_DELAY_DAYS red. */
export function healthOf(slackDays: number | null, hasIncident: boolean): Health {
  if (slackDays !== null && slackDays < -RED_DELAY_DAYS) return 'red';
  if (hasIncident || (slackDays !== null && slackDays < 0)) return 'amber';
  return 'green';
}

/** Share of planned effort finished: a child step weighs its children's plans and counts by its finished children;
 * a step not finished counts 0 (legacy runs weigh every step by its own planned days). */
export function runProgress(plan: ResolvedPlan, progress: StepProgress[], options: ScheduleOptions = {}): number {
  const byId = new Map(progress.map((p) => [p.id, p]));
  let total = 0;
  let done = 0;
  for (const step of plan.steps) {
    const weight = options.legacy ? Math.max(step.plannedDays, 1) : stepEffort(step, plan);
    total += weight;
    const p = byId.get(step.id);
    if (!p) continue;
    if (FINISHED.includes(p.state)) done += weight;
    else if (p.childProgress !== undefined) done += weight * p.childProgress;
  }
  return total === 0 ? 1 : Math.round((done / total) * 1000) / 1000;
}

function legacyPlannedDates(plan: ResolvedPlan, cal: BusinessCalendar): Record<string, PlannedDates> {
  const dates: Record<string, PlannedDates> = {};
  const first = cal.nextBusinessDay(plan.startDate);
  for (const step of topologicalOrder(plan.steps)) {
    const start = step.dependsOn.reduce((max, d) => (dates[d].end > max ? dates[d].end : max), first);
    dates[step.id] = { start, end: cal.addBusinessDays(start, step.plannedDays) };
  }
  return dates;
}

/** Walks back from the go-live along the dependencies that determine its projected date. */
function markCriticalPath(plan: ResolvedPlan, steps: Record<string, StepSchedule>): void {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const end = plan.steps.reduce((latest, s) => (steps[s.id].projectedEnd > steps[latest.id].projectedEnd ? s : latest), plan.steps[0]);
  let current: typeof end | undefined = end;
  while (current) {
    steps[current.id].critical = true;
    const start: string = steps[current.id].projectedStart;
    current = current.dependsOn
      .map((d) => byId.get(d)!)
      .filter((d) => steps[d.id].projectedEnd <= start)
      .sort((a, b) => (steps[b.id].projectedEnd > steps[a.id].projectedEnd ? 1 : -1))[0];
  }
}

/** Where the run ends by its forecast: the latest projected end of its steps (what a parent's child step waits for). */
export function projectedRunEnd(schedule: Pick<RunSchedule, 'steps'>): string {
  return Object.values(schedule.steps).reduce((latest, s) => (s.projectedEnd > latest ? s.projectedEnd : latest), '');
}
