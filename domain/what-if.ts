// The year plan's what-if (issue 15): "can we take Gemeinde X with go-live in Q3?" The other onboardings' load is
// fixed, spread evenly over each step's days as the heat map shows it. The candidate's own work is not: a step's
// hours may be done in any week of the step's span (the board's eight hours of an Erstgespräch in whichever of its
// four weeks has room), as a team would. Holding every hour to its even share instead made a two-hour overload in
// one week push the go-live by months, looking for a shift at which every single week had room.
import { BusinessCalendar } from './calendar';
import {
  addDays, loadOf, planDemands, round1, weekCapacity, weekMonday, weekNumber,
  type CapacityConfig, type Load, type PlannedWork, type StepDemand, type TeamRole,
} from './capacity';
import type { ResolvedPlan } from './types';

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
  /**
   * Where the candidate is tightest at its earliest start by the template: the team and week most overloaded when
   * it does not fit then, else the week it leaves least room (overloadHours 0).
   */
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
const EPSILON = 1e-6;

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

/** A step's hours for one team, doable in any week from `from` to `to` (offsets from the grid's first week). */
interface Job {
  from: number;
  to: number;
  hours: number;
}

/** The candidate's jobs per team, each team's by their first week. */
function jobsByTeam(demands: readonly StepDemand[], first: number): Map<TeamRole, Job[]> {
  const jobs = new Map<TeamRole, Job[]>();
  for (const d of demands) {
    const job = { from: weekNumber(d.days[0]) - first, to: weekNumber(d.days[d.days.length - 1]) - first, hours: d.hours };
    jobs.set(d.role, [...(jobs.get(d.role) ?? []), job]);
  }
  for (const list of jobs.values()) list.sort((a, b) => a.from - b.from);
  return jobs;
}

/**
 * Whether one team's jobs, `shift` weeks later, fit its free hours: week by week, the free hours go to the open
 * jobs whose span ends first (earliest deadline first, which finds a way whenever there is one); a job with hours
 * left at the end of its span does not fit. A team without capacity has no free hours.
 */
function teamFits(free: Float64Array | undefined, jobs: readonly Job[], shift: number): boolean {
  const last = Math.max(...jobs.map((j) => j.to)) + shift;
  if (!free || last >= free.length) return false;
  let open: { to: number; left: number }[] = [];
  let next = 0;
  for (let week = jobs[0].from + shift; week <= last; week++) {
    while (next < jobs.length && jobs[next].from + shift <= week) {
      open.push({ to: jobs[next].to + shift, left: jobs[next].hours });
      next++;
    }
    open.sort((a, b) => a.to - b.to);
    let room = Math.max(0, free[week]);
    for (const job of open) {
      const take = Math.min(room, job.left);
      job.left -= take;
      room -= take;
      if (job.to === week && job.left > EPSILON) return false;
    }
    open = open.filter((job) => job.left > EPSILON);
  }
  return true;
}

/** The first shift (in weeks) at which every team's jobs fit, or null within the horizon. */
function firstFit(grid: FreeGrid, jobs: Map<TeamRole, Job[]>): number | null {
  for (let shift = 0; shift < WHAT_IF_HORIZON_WEEKS; shift++) {
    if ([...jobs].every(([role, list]) => teamFits(grid.get(role), list, shift))) return shift;
  }
  return null;
}

/** At shift 0, as the heat map would show the candidate: the week most overloaded, else the week with least room. */
function tightest(grid: FreeGrid, load: Load, first: number, fits: boolean): WhatIfResult['bottleneck'] {
  let worst: { role: TeamRole; week: number; room: number } | null = null;
  for (const [role, weeks] of load) {
    const row = grid.get(role);
    for (const [week, hours] of weeks) {
      const i = week - first;
      const room = (row && i >= 0 && i < row.length ? row[i] : 0) - hours;
      if (!worst || room < worst.room) worst = { role, week, room };
    }
  }
  if (!worst) return null;
  return { role: worst.role, week: weekMonday(worst.week), overloadHours: fits ? 0 : round1(Math.max(0, -worst.room)) };
}

/**
 * A team whose whole weekly capacity (people × hours, every week free) cannot take the candidate's work alone, if
 * any: named with the most the candidate asks of it in one week, spread evenly. Of several, the most overloaded.
 */
function beyondTeam(config: CapacityConfig, jobs: Map<TeamRole, Job[]>, load: Load): WhatIfResult['beyondTeam'] {
  let worst: WhatIfResult['beyondTeam'];
  for (const [role, list] of jobs) {
    const team = config.teams.find((t) => t.role === role);
    const capacity = team ? team.people * team.hoursPerWeek : 0;
    const weeks = Math.max(...list.map((j) => j.to)) + 1;
    if (teamFits(new Float64Array(weeks).fill(capacity), list, 0)) continue;
    const hours = Math.max(...(load.get(role)?.values() ?? [0]));
    if (!worst || hours - capacity > worst.hours - worst.capacity) worst = { role, hours: round1(hours), capacity: round1(capacity) };
  }
  return worst;
}

/**
 * Can we take the candidate? Its plan is shifted week by week from today until every team can do each of its
 * steps' hours within the step's span in the hours the other work leaves; the answer is that shift's go-live.
 * Effects: for each other onboarding, what moving it a month later would make the candidate's earliest go-live.
 */
export function whatIf(config: CapacityConfig, work: readonly PlannedWork[], candidate: WhatIfCandidate): WhatIfResult {
  const cal = new BusinessCalendar(config.holidays);
  const demands = planDemands(candidate.plan);
  const candLoad = loadOf(demands);
  const first = weekNumber(candidate.plan.startDate);
  const jobs = jobsByTeam(demands, first);
  const others = work.map((w) => planDemands(w.plan, w.course));
  const loads = others.map((d) => loadOf(d));
  const existing = loadOf(others.flat());
  const grid = freeGrid(config, existing, first, WHAT_IF_HORIZON_WEEKS + 120);
  const goLiveAt = (shift: number | null) => (shift === null ? null : cal.nextBusinessDay(addDays(candidate.goLive, shift * 7)));

  const shift = firstFit(grid, jobs);
  const effects = work.map((w, i): WhatIfEffect => {
    const later = firstFit(moved(grid, loads[i], first, MONTH_WEEKS), jobs);
    const weeksEarlier = shift !== null && later !== null ? shift - later : 0;
    return { id: w.id, name: w.name, kind: w.kind, earliestGoLive: goLiveAt(later), weeksEarlier };
  });

  const earliest = goLiveAt(shift);
  const beyond = beyondTeam(config, jobs, candLoad);
  return {
    earliestGoLive: earliest,
    ...(candidate.targetGoLive ? { targetFits: earliest !== null && earliest <= candidate.targetGoLive } : {}),
    ...(beyond ? { beyondTeam: beyond } : {}),
    bottleneck: tightest(grid, candLoad, first, shift === 0),
    effects,
  };
}
