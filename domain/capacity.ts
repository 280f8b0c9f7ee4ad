// Team capacity and load per week (issue 15, year plan): what each team (role) can give to onboarding work, what
// the running and planned onboardings ask of it from their templates' step effort (the what-if "can we take Gemeinde
// X with go-live in Q3" builds on these: what-if.ts). Pure functions over plans and configuration: the API feeds them
// from the store, the tests and the bench from sample data. The capacity figures themselves are configuration
// (admin UI, store).
import { BusinessCalendar, formatDate, parseDate } from './calendar';
import { earliestGoLive, plannedDates } from './feasibility';
import { DEFAULT_BATCH_SIZE, resolveChildPlan, topologicalOrder } from './plan';
import { scheduleRun, type StepProgress } from './schedule';
import type { PlanStep, ResolvedPlan, Role, StepKind } from './types';

/** The teams that carry onboarding work; the Gemeinde's own staff and the administration are nobody's capacity. */
export const TEAM_ROLES = ['projektleitung', 'bereichsleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'vorstand'] as const satisfies readonly Role[];
export type TeamRole = (typeof TEAM_ROLES)[number];

export const isTeamRole = (r: string): r is TeamRole => (TEAM_ROLES as readonly string[]).includes(r);

/** A team's hours for onboarding work: people × hours per week (the rest of their week goes to operations). */
export interface TeamCapacity {
  role: TeamRole;
  people: number;
  hoursPerWeek: number;
}

/** One person of a team away (leave, training), inclusive dates. */
export interface Absence {
  id?: string;
  role: TeamRole;
  from: string;
  to: string;
  note?: string;
}

export interface CapacityConfig {
  teams: TeamCapacity[];
  absences: Absence[];
  /** public holidays (Bavaria) as YYYY-MM-DD */
  holidays: string[];
}

/**
 * A planned day of a step is not a person's full day: the Gemeinderat deliberates for weeks while the board spends
 * an hour on it. The share of a person's day (8 h) a planned business day of each step kind takes of its team.
 */
export const HOURS_PER_DAY = 8;
export const EFFORT_SHARE: Record<StepKind, number> = { manual: 0.05, automated: 0.02, external: 0.02, wait: 0.05, child: 0 };

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => parseDate(date) / DAY_MS;
export const addDays = (date: string, days: number) => formatDate(parseDate(date) + days * DAY_MS);
/** Weeks are numbered from the Monday 1970-01-05; a week's key is its Monday. */
export const weekNumber = (date: string) => Math.floor((dayNumber(date) - 4) / 7);
export const weekMonday = (week: number) => formatDate((week * 7 + 4) * DAY_MS);
/** The Monday of the week holding `date`. */
export const weekOf = (date: string) => weekMonday(weekNumber(date));

/**
 * The last day (a Sunday) of the year plan's default span: it ends with the week of the `months`-th month, counting the
 * month `from`'s week belongs to as the first. A week belongs to the month of its Thursday, as the heat map sums it,
 * so the plan shows exactly `months` month columns.
 */
export function planSpanEnd(from: string, months: number): string {
  const [year, month] = addDays(weekOf(from), 3).split('-').map(Number);
  const after = year * 12 + month - 1 + months;
  const firstAfter = `${String(Math.floor(after / 12)).padStart(4, '0')}-${String((after % 12) + 1).padStart(2, '0')}-01`;
  // the week holding the fourth-last day of a month is the last week whose Thursday falls in that month
  return addDays(weekOf(addDays(firstAfter, -4)), 6);
}

/** Hours per team and week number. */
export type Load = Map<TeamRole, Map<number, number>>;

function add(load: Load, role: TeamRole, week: number, hours: number): void {
  if (!load.has(role)) load.set(role, new Map());
  const weeks = load.get(role)!;
  weeks.set(week, (weeks.get(week) ?? 0) + hours);
}

/** The teams a step's effort falls on (shared equally): its candidate roles that are teams. */
const teamsOf = (step: PlanStep) => step.candidateRoles.filter(isTeamRole);

/** The hours a step asks of each of its teams (shared equally), for the business days from its start to its end. */
export interface StepDemand {
  role: TeamRole;
  /** the business days it may be done on, in order (at least one) */
  days: string[];
  hours: number;
}

function stepDemands(step: PlanStep, start: string, end: string, scale: number, cal: BusinessCalendar): StepDemand[] {
  const teams = teamsOf(step);
  const hours = Math.max(step.plannedDays, 1) * HOURS_PER_DAY * EFFORT_SHARE[step.kind] * scale;
  if (!teams.length || hours <= 0) return [];
  const days: string[] = [];
  for (let d = cal.nextBusinessDay(start); d < end || days.length === 0; d = cal.addBusinessDays(d, 1)) days.push(d);
  return teams.map((role) => ({ role, days, hours: hours / teams.length }));
}

/** Demands as hours per team and week, each spread evenly over its days (how the heat map shows them). */
export function loadOf(demands: readonly StepDemand[], load: Load = new Map()): Load {
  for (const d of demands) for (const day of d.days) add(load, d.role, weekNumber(day), d.hours / d.days.length);
  return load;
}

/**
 * How far a running onboarding has come: its finished steps (they load nobody any more) and the dates its remaining
 * steps are now projected for (domain/schedule.ts), from today on.
 */
export interface RunCourse {
  finished: string[];
  dates: Record<string, { start: string; end: string }>;
}

/** A running onboarding's course from its steps' progress: finished steps, the rest as projected from `today`. */
export function runCourse(plan: ResolvedPlan, progress: StepProgress[], today: string): RunCourse {
  const schedule = scheduleRun(plan, progress, today);
  const dates: RunCourse['dates'] = {};
  for (const [id, s] of Object.entries(schedule.steps)) {
    const start = s.projectedStart > today ? s.projectedStart : today;
    dates[id] = { start, end: s.projectedEnd > start ? s.projectedEnd : start };
  }
  return { finished: progress.filter((p) => p.state === 'done' || p.state === 'skipped').map((p) => p.id), dates };
}

/**
 * What a plan asks of the teams, step by step: each step's effort over its planned dates, child steps by their
 * children (migrations per Verfahren, rollouts per device: a batch weighs its devices against a full batch), started
 * as the plan's child concurrency allows — the same order the feasibility plan uses.
 */
export function planDemands(plan: ResolvedPlan, course?: RunCourse): StepDemand[] {
  const cal = new BusinessCalendar(plan.calendar.holidays);
  const dates = course?.dates ?? plannedDates(plan, cal);
  const demands: StepDemand[] = [];
  for (const step of topologicalOrder(plan.steps)) {
    if (course?.finished.includes(step.id)) continue;
    const { start, end } = dates[step.id];
    if (step.kind !== 'child') {
      demands.push(...stepDemands(step, start, end, 1, cal));
      continue;
    }
    const slots = Array.from({ length: Math.max(1, plan.childConcurrency) }, () => cal.nextBusinessDay(start));
    for (const child of step.children ?? []) {
      slots.sort();
      const childPlan = resolveChildPlan(child, plan, slots[0]);
      const childDates = plannedDates(childPlan, cal);
      const weight = child.process === 'arbeitsplatz-rollout' ? child.input.devices / DEFAULT_BATCH_SIZE : 1;
      for (const s of childPlan.steps) if (s.kind !== 'child') demands.push(...stepDemands(s, childDates[s.id].start, childDates[s.id].end, weight, cal));
      slots[0] = Object.values(childDates).reduce((max, d) => (d.end > max ? d.end : max), slots[0]);
    }
  }
  return demands;
}

/** The load of a plan per team and week: its demands spread evenly over their days. */
export function planLoad(plan: ResolvedPlan, load: Load = new Map(), course?: RunCourse): Load {
  return loadOf(planDemands(plan, course), load);
}

/** Hours a team has in a week: people × hours, less public holidays and each absent person's business days. */
export function weekCapacity(team: TeamCapacity, week: number, absences: readonly Absence[], cal: BusinessCalendar): number {
  const perDay = team.hoursPerWeek / 5;
  let hours = 0;
  for (let i = 0; i < 5; i++) {
    const day = formatDate((week * 7 + 4 + i) * DAY_MS);
    if (!cal.isBusinessDay(day)) continue;
    const away = absences.filter((a) => a.role === team.role && a.from <= day && day <= a.to).length;
    hours += perDay * Math.max(0, team.people - away);
  }
  return hours;
}

export interface CapacityCell {
  role: TeamRole;
  /** Monday of the week */
  week: string;
  capacity: number;
  load: number;
  free: number;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** Capacity, load and free hours per team and week from the week of `from` to the week of `to`. */
export function capacityTable(config: CapacityConfig, load: Load, from: string, to: string): CapacityCell[] {
  const cal = new BusinessCalendar(config.holidays);
  const cells: CapacityCell[] = [];
  for (const team of config.teams) {
    for (let w = weekNumber(from); w <= weekNumber(to); w++) {
      const capacity = weekCapacity(team, w, config.absences, cal);
      const hours = load.get(team.role)?.get(w) ?? 0;
      cells.push({ role: team.role, week: weekMonday(w), capacity: round1(capacity), load: round1(hours), free: round1(capacity - hours) });
    }
  }
  return cells;
}

/** A running or planned onboarding as the year plan sees it: its plan (the load) and its go-live. */
export interface PlannedWork {
  id: string;
  name: string;
  kind: 'run' | 'planned';
  plan: ResolvedPlan;
  goLive: string;
  /** a running onboarding: what is finished and when the rest is projected */
  course?: RunCourse;
}

/** The load of all the work together: planned ones from their plan, running ones from their projected course. */
export function totalLoad(work: readonly PlannedWork[]): Load {
  const load: Load = new Map();
  for (const w of work) planLoad(w.plan, load, w.course);
  return load;
}

/**
 * A planned onboarding's plan: started as late as its desired go-live allows (its plan's length before it), but not
 * before today. `planFrom` resolves the plan for a start date.
 */
export function planForGoLive(planFrom: (start: string) => ResolvedPlan, desiredGoLive: string, today: string): ResolvedPlan {
  const fromToday = planFrom(today);
  const length = dayNumber(earliestGoLive(fromToday)) - dayNumber(today);
  const start = addDays(desiredGoLive, -length);
  return start > today ? planFrom(start) : fromToday;
}
