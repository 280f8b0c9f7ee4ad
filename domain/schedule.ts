import { berlinDate } from './berlin-time';
import { BusinessCalendar } from './calendar';
import { topologicalOrder } from './plan';
import type { Health, ResolvedPlan, StepState } from './types';

// Plan, progress and health of a run: the same pure functions serve the workflow's getState, the read model and the UI.

export interface StepProgress {
  id: string;
  state: StepState;
  startedAt?: string;
  completedAt?: string;
  /** 0..1 for child steps: share of finished child runs */
  childProgress?: number;
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
  plannedGoLive: string;
  projectedGoLive: string;
  /** business days between projected go-live and target (positive: ahead of target) */
  slackDays: number | null;
  health: Health;
}

/** Slack below this many business days behind target turns a run red; any delay or incident makes it amber. */
export const RED_DELAY_DAYS = 10;

const FINISHED: StepState[] = ['done', 'skipped'];

/**
 * `dateOf` gives the calendar day of a step's start or end: the Bavarian day; the engine passes the UTC day for runs
 * whose history was recorded before its 'deadlines-berlin-time' patch, so their schedules replay unchanged.
 */
export function scheduleRun(plan: ResolvedPlan, progress: StepProgress[], today: string, dateOf: (at: string) => string = berlinDate): RunSchedule {
  const cal = new BusinessCalendar(plan.calendar.holidays);
  const byId = new Map(progress.map((p) => [p.id, p]));
  const order = topologicalOrder(plan.steps);
  const steps: Record<string, StepSchedule> = {};
  const start = cal.nextBusinessDay(plan.startDate);

  for (const step of order) {
    const p = byId.get(step.id);
    const deps = step.dependsOn.map((d) => steps[d]);
    const plannedStart = deps.reduce((max, d) => (d.plannedEnd > max ? d.plannedEnd : max), start);
    const plannedEnd = cal.addBusinessDays(plannedStart, step.plannedDays);

    const depsEnd = deps.reduce((max, d) => (d.projectedEnd > max ? d.projectedEnd : max), start);
    let projectedStart: string;
    let projectedEnd: string;
    if (p && FINISHED.includes(p.state)) {
      projectedStart = p.startedAt ? dateOf(p.startedAt) : depsEnd;
      projectedEnd = p.completedAt ? dateOf(p.completedAt) : projectedStart;
    } else if (p?.startedAt) {
      projectedStart = dateOf(p.startedAt);
      const remaining = step.plannedDays * (1 - (p.childProgress ?? 0));
      const planned = cal.addBusinessDays(projectedStart, step.plannedDays);
      const fromToday = cal.addBusinessDays(today, Math.max(remaining, 0));
      projectedEnd = planned > fromToday ? planned : fromToday;
      if (p.state === 'failed' && projectedEnd < today) projectedEnd = today;
    } else {
      projectedStart = depsEnd > today ? depsEnd : cal.nextBusinessDay(today);
      projectedEnd = cal.addBusinessDays(projectedStart, step.plannedDays);
    }
    steps[step.id] = { plannedStart, plannedEnd, projectedStart, projectedEnd, critical: false };
  }

  markCriticalPath(plan, steps);

  const goLiveStep = plan.steps.find((s) => s.goLive) ?? order[order.length - 1];
  const plannedGoLive = steps[goLiveStep.id].plannedEnd;
  const projectedGoLive = steps[goLiveStep.id].projectedEnd;
  const slackDays = plan.targetGoLive ? cal.businessDaysBetween(projectedGoLive, plan.targetGoLive) : null;
  const failed = progress.some((p) => p.state === 'failed');
  return {
    steps,
    progress: runProgress(plan, progress),
    plannedGoLive,
    projectedGoLive,
    slackDays,
    health: healthOf(slackDays, failed),
  };
}

export function healthOf(slackDays: number | null, hasIncident: boolean): Health {
  if (slackDays !== null && slackDays < -RED_DELAY_DAYS) return 'red';
  if (hasIncident || (slackDays !== null && slackDays < 0)) return 'amber';
  return 'green';
}

/** Share of planned work finished, weighted by planned business days (child steps count by their children). */
export function runProgress(plan: ResolvedPlan, progress: StepProgress[]): number {
  const byId = new Map(progress.map((p) => [p.id, p]));
  let total = 0;
  let done = 0;
  for (const step of plan.steps) {
    const weight = Math.max(step.plannedDays, 1);
    total += weight;
    const p = byId.get(step.id);
    if (!p) continue;
    if (FINISHED.includes(p.state)) done += weight;
    else if (p.childProgress !== undefined) done += weight * p.childProgress;
  }
  return total === 0 ? 1 : Math.round((done / total) * 1000) / 1000;
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
