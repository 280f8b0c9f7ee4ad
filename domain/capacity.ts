// Team capacity and load per week (issue 15, year plan): what each team (role) can give to onboarding work, what
// the running and planned onboardings ask of it from their templates' step effort, and the what-if "can we take
// Gemeinde X with go-live in Q3". Pure functions over plans and configuration: the API feeds them from the store,
// the tests and the bench from sample data. The capacity figures themselves are configuration (admin UI, store).
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
const addDays = (date: string, days: number) => formatDate(parseDate(date) + days * DAY_MS);
/** Weeks are numbered from the Monday 1970-01-05; a week's key is its Monday. */
const weekNumber = (date: string) => Math.floor((dayNumber(date) - 4) / 7);
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

/** Adds a step's hours, spread evenly over the business days from its start to its end. */
function addStep(load: Load, step: PlanStep, start: string, end: string, scale: number, cal: BusinessCalendar): void {
  const teams = teamsOf(step);
  const hours = Math.max(step.plannedDays, 1) * HOURS_PER_DAY * EFFORT_SHARE[step.kind] * scale;
  if (!teams.length || hours <= 0) return;
  const days: string[] = [];
  for (let d = cal.nextBusinessDay(start); d < end || days.length === 0; d = cal.addBusinessDays(d, 1)) days.push(d);
  for (const day of days) for (const role of teams) add(load, role, weekNumber(day), hours / days.length / teams.length);
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
 * The load of a plan per team and week: each step's effort from its planned dates, child steps by their children
 * (migrations per Verfahren, rollouts per device: a batch weighs its devices against a full batch), started as the
 * plan's child concurrency allows — the same order the feasibility plan uses.
 */
export function planLoad(plan: ResolvedPlan, load: Load = new Map(), scale = 1, course?: RunCourse): Load {
  const cal = new BusinessCalendar(plan.calendar.holidays);
  const dates = course?.dates ?? plannedDates(plan, cal);
  for (const step of topologicalOrder(plan.steps)) {
    if (course?.finished.includes(step.id)) continue;
    const { start, end } = dates[step.id];
    if (step.kind !== 'child') {
      addStep(load, step, start, end, scale, cal);
      continue;
    }
    const slots = Array.from({ length: Math.max(1, plan.childConcurrency) }, () => cal.nextBusinessDay(start));
    for (const child of step.children ?? []) {
      slots.sort();
      const childPlan = resolveChildPlan(child, plan, slots[0]);
      const childDates = plannedDates(childPlan, cal);
      const weight = child.process === 'arbeitsplatz-rollout' ? child.input.devices / DEFAULT_BATCH_SIZE : 1;
      for (const s of childPlan.steps) if (s.kind !== 'child') addStep(load, s, childDates[s.id].start, childDates[s.id].end, scale * weight, cal);
      slots[0] = Object.values(childDates).reduce((max, d) => (d.end > max ? d.end : max), slots[0]);
    }
  }
  return load;
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

const round1 = (n: number) => Math.round(n * 10) / 10;

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
  for (const w of work) planLoad(w.plan, load, 1, w.course);
  return load;
}

export interface WhatIfCandidate {
  /** the candidate's plan as if it started on `today` (its earliest go-live is the plan's go-live) */
  plan: ResolvedPlan;
  goLive: string;
  targetGoLive?: string;
}

export interface WhatIfEffect {
  id: string;
  name: string;
  kind: PlannedWork['kind'];
  /** what moving this onboarding a month (four weeks) later would make the candidate's earliest go-live */
  earliestGoLive: string | null;
  /** weeks gained against the answer without the move (0: no change) */
  weeksEarlier: number;
}

export interface WhatIfResult {
  /** the earliest go-live at which every team has room, or null when none within the horizon */
  earliestGoLive: string | null;
  /** when a target was given: whether it fits */
  targetFits?: boolean;
  /** the team and week that hold the candidate back most (at its earliest start by the template) */
  bottleneck: { role: TeamRole; week: string; overloadHours: number } | null;
  /**
   * A team the candidate alone needs more of in one week than the team has at all (people × hours): then no shift
   * makes it fit, however empty the calendar, and the answer must say so rather than name a week's overload.
   */
  beyondTeam?: { role: TeamRole; hours: number; capacity: number };
  effects: WhatIfEffect[];
}

/** How far ahead the what-if looks for a start: three years of weeks. */
export const WHAT_IF_HORIZON_WEEKS = 156;
const MONTH_WEEKS = 4;

/** Free hours per team and week from the grid's first week: capacity less the load of the other work. */
type FreeGrid = Map<TeamRole, Float64Array>;

function freeGrid(config: CapacityConfig, existing: Load, first: number, weeks: number): FreeGrid {
  const cal = new BusinessCalendar(config.holidays);
  const free: FreeGrid = new Map();
  for (const team of config.teams) {
    const row = new Float64Array(weeks);
    const load = existing.get(team.role);
    for (let i = 0; i < weeks; i++) row[i] = weekCapacity(team, first + i, config.absences, cal) - (load?.get(first + i) ?? 0);
    free.set(team.role, row);
  }
  return free;
}

/** The free grid with one onboarding's load moved `weeks` later. */
function moved(grid: FreeGrid, own: Load, first: number, weeks: number): FreeGrid {
  const copy: FreeGrid = new Map([...grid].map(([role, row]) => [role, row.slice()]));
  for (const [role, load] of own) {
    const row = copy.get(role);
    if (!row) continue;
    for (const [week, hours] of load) {
      const i = week - first;
      if (i >= 0 && i < row.length) row[i] += hours;
      if (i + weeks >= 0 && i + weeks < row.length) row[i + weeks] -= hours;
    }
  }
  return copy;
}

/** The candidate's load as offsets from its first week, per team (teams without capacity have none). */
function profile(load: Load, first: number, grid: FreeGrid): { row: Float64Array; offsets: number[]; hours: number[]; role: TeamRole }[] {
  return [...load].map(([role, weeks]) => ({
    role,
    row: grid.get(role) ?? new Float64Array(grid.values().next().value?.length ?? 0),
    offsets: [...weeks.keys()].map((w) => w - first),
    hours: [...weeks.values()],
  }));
}

/** The first shift (in weeks) at which the candidate fits, and at shift 0 the worst overload. */
function firstFit(grid: FreeGrid, load: Load, first: number) {
  const cand = profile(load, first, grid);
  let worst: { role: TeamRole; offset: number; overloadHours: number } | null = null;
  for (const c of cand) {
    c.offsets.forEach((offset, j) => {
      const over = c.hours[j] - (offset >= 0 && offset < c.row.length ? c.row[offset] : 0);
      if (over > 1e-6 && (!worst || over > worst.overloadHours)) worst = { role: c.role, offset, overloadHours: over };
    });
  }
  if (!worst) return { shift: 0, worst };
  for (let k = 1; k < WHAT_IF_HORIZON_WEEKS; k++) {
    const fits = cand.every((c) => c.offsets.every((offset, j) => offset + k < c.row.length && c.hours[j] - c.row[offset + k] <= 1e-6));
    if (fits) return { shift: k, worst };
  }
  return { shift: null, worst };
}

/** The team whose whole weekly capacity the candidate alone exceeds most in some week, if any. */
function beyondTeam(config: CapacityConfig, load: Load): WhatIfResult['beyondTeam'] {
  let worst: WhatIfResult['beyondTeam'];
  for (const [role, weeks] of load) {
    const team = config.teams.find((t) => t.role === role);
    const capacity = team ? team.people * team.hoursPerWeek : 0;
    const hours = Math.max(...weeks.values());
    if (hours - capacity > 1e-6 && (!worst || hours - capacity > worst.hours - worst.capacity)) worst = { role, hours: round1(hours), capacity: round1(capacity) };
  }
  return worst;
}

/**
 * Can we take the candidate? Its plan is shifted week by week from today until every team has room in every week
 * it needs; the answer is that shift's go-live. The bottleneck is the team and week most overloaded at the earliest
 * start the template allows (when it fits at once: the week it leaves least room). Effects: for each other
 * onboarding, what moving it a month later would make the candidate's earliest go-live.
 */
export function whatIf(config: CapacityConfig, work: readonly PlannedWork[], candidate: WhatIfCandidate): WhatIfResult {
  const cal = new BusinessCalendar(config.holidays);
  const candLoad = planLoad(candidate.plan);
  const first = weekNumber(candidate.plan.startDate);
  const loads = work.map((w) => planLoad(w.plan, new Map(), 1, w.course));
  const existing: Load = new Map();
  for (const l of loads) for (const [role, weeks] of l) for (const [week, hours] of weeks) add(existing, role, week, hours);
  const grid = freeGrid(config, existing, first, WHAT_IF_HORIZON_WEEKS + 120);
  const goLiveAt = (shift: number | null) => (shift === null ? null : cal.nextBusinessDay(addDays(candidate.goLive, shift * 7)));

  const base = firstFit(grid, candLoad, first);
  const earliest = goLiveAt(base.shift);
  let bottleneck: { role: TeamRole; offset: number; overloadHours: number } | null = base.worst;
  if (!bottleneck) {
    // it fits at once: the week it leaves least room is where the next request would first collide
    let least: { role: TeamRole; offset: number; room: number } | null = null;
    for (const c of profile(candLoad, first, grid)) {
      c.offsets.forEach((offset, j) => {
        const room = (c.row[offset] ?? 0) - c.hours[j];
        if (!least || room < least.room) least = { role: c.role, offset, room };
      });
    }
    const l = least as { role: TeamRole; offset: number; room: number } | null;
    bottleneck = l ? { role: l.role, offset: l.offset, overloadHours: 0 } : null;
  }

  const effects = work.map((w, i): WhatIfEffect => {
    const shift = firstFit(moved(grid, loads[i], first, MONTH_WEEKS), candLoad, first).shift;
    const weeksEarlier = base.shift !== null && shift !== null ? base.shift - shift : 0;
    return { id: w.id, name: w.name, kind: w.kind, earliestGoLive: goLiveAt(shift), weeksEarlier };
  });

  const beyond = beyondTeam(config, candLoad);
  return {
    earliestGoLive: earliest,
    ...(candidate.targetGoLive ? { targetFits: earliest !== null && earliest <= candidate.targetGoLive } : {}),
    ...(beyond ? { beyondTeam: beyond } : {}),
    bottleneck: bottleneck ? { role: bottleneck.role, week: weekMonday(first + bottleneck.offset), overloadHours: round1(bottleneck.overloadHours) } : null,
    effects,
  };
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
