// The plan as the template allows it: planned business days, holidays, blocked windows for cutovers, and child runs
// that run at most `childConcurrency` at a time. Its go-live is the earliest feasible one; a target before it is
// ambitious. Pure functions: the API checks a start with them, and the workflow schedules with them.
import { blockingWindow } from './blocked-windows';
import { BusinessCalendar } from './calendar';
import { resolveChildPlan, topologicalOrder } from './plan';
import type { PlanStep, ResolvedPlan } from './types';

export interface PlannedDates {
  start: string;
  end: string;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The first business day on or after `date` on which a cutover may start (after any blocked window it falls into). */
export function cutoverStart(date: string, plan: ResolvedPlan, cal: BusinessCalendar): string {
  let day = cal.nextBusinessDay(date);
  for (let window = blockingWindow(day, plan.blockedWindows); window; window = blockingWindow(day, plan.blockedWindows)) {
    day = cal.nextBusinessDay(nextDay(window.to));
  }
  return day;
}

// Resolving and planning twenty child plans costs milliseconds, and a workflow reschedules on every change of its
// steps: the answers are kept per step, keyed by what they depend on (children change when Verfahren are added).
const endCache = new WeakMap<PlanStep, Map<string, string>>();
const effortCache = new WeakMap<PlanStep, { key: string; effort: number }>();
const childrenKey = (step: PlanStep, plan: ResolvedPlan) => `${plan.childConcurrency}|${(step.children ?? []).map((c) => c.runId).join(',')}`;

/** When the last child of a child step finishes if the step starts on `start`: children start in list order as
 * soon as one of the `childConcurrency` slots is free, and each takes its own plan's length (its windows too). */
export function childrenEnd(step: PlanStep, plan: ResolvedPlan, start: string, cal = new BusinessCalendar(plan.calendar.holidays)): string {
  const children = step.children ?? [];
  if (!children.length) return cal.addBusinessDays(start, step.plannedDays);
  const key = `${start}|${childrenKey(step, plan)}`;
  const known = endCache.get(step)?.get(key);
  if (known) return known;
  const end = scheduleChildren(step, plan, start, cal);
  if (!endCache.has(step)) endCache.set(step, new Map());
  endCache.get(step)!.set(key, end);
  return end;
}

function scheduleChildren(step: PlanStep, plan: ResolvedPlan, start: string, cal: BusinessCalendar): string {
  const children = step.children!;
  const slots: string[] = Array.from({ length: Math.max(1, Math.min(plan.childConcurrency, children.length)) }, () => cal.nextBusinessDay(start));
  let end = slots[0];
  for (const child of children) {
    slots.sort();
    const from = slots[0];
    const childPlan = resolveChildPlan(child, plan, from);
    const dates = plannedDates(childPlan, cal);
    const last = Object.values(dates).reduce((max, d) => (d.end > max ? d.end : max), from);
    slots[0] = last;
    if (last > end) end = last;
  }
  return end;
}

/** Planned start and end of every step from the plan's start date (no progress, no delays). */
export function plannedDates(plan: ResolvedPlan, cal = new BusinessCalendar(plan.calendar.holidays)): Record<string, PlannedDates> {
  const dates: Record<string, PlannedDates> = {};
  const first = cal.nextBusinessDay(plan.startDate);
  for (const step of topologicalOrder(plan.steps)) {
    const depsEnd = step.dependsOn.reduce((max, d) => (dates[d].end > max ? dates[d].end : max), first);
    const start = step.cutover ? cutoverStart(depsEnd, plan, cal) : depsEnd;
    const end = step.kind === 'child' && step.children?.length ? childrenEnd(step, plan, start, cal) : cal.addBusinessDays(start, step.plannedDays);
    dates[step.id] = { start, end };
  }
  return dates;
}

/** The step whose end is the run's go-live (the last step when none is marked). */
export function goLiveStep(plan: ResolvedPlan): PlanStep {
  return plan.steps.find((s) => s.goLive) ?? topologicalOrder(plan.steps).at(-1)!;
}

/** The earliest go-live the template allows for a run starting on the plan's start date. */
export function earliestGoLive(plan: ResolvedPlan): string {
  return plannedDates(plan)[goLiveStep(plan).id].end;
}

/** Planned effort of a step in business days: a child step weighs what all its children's plans weigh. */
export function stepEffort(step: PlanStep, plan: ResolvedPlan): number {
  if (step.kind !== 'child' || !step.children?.length) return Math.max(step.plannedDays, 1);
  const key = childrenKey(step, plan);
  const known = effortCache.get(step);
  if (known?.key === key) return known.effort;
  const effort = step.children.reduce((sum, child) => sum + planEffort(resolveChildPlan(child, plan, plan.startDate)), 0);
  effortCache.set(step, { key, effort });
  return effort;
}

/** Planned effort of a whole plan in business days. */
export function planEffort(plan: ResolvedPlan): number {
  return plan.steps.reduce((sum, s) => sum + stepEffort(s, plan), 0);
}
