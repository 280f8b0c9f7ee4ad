// When the forecast (projected go-live) moves by a week or more, the audit trail says so and why. The forecast only
// moves with progress (steps finished early or late) and time (open steps running over), so the cause is the step
// that made it move.
import { berlinDate } from './berlin-time';
import { BusinessCalendar } from './calendar';
import { days, germanDate } from './health';
import { lateStep, type RunSchedule, type StepProgress } from './schedule';
import type { ResolvedPlan } from './types';

/** A move of this many business days or more is an audit event. */
export const FORECAST_MOVE_DAYS = 5;

export interface ForecastMove {
  before: string;
  after: string;
  /** business days, positive: later */
  days: number;
  cause: string;
  /** "Prognose +12 Arbeitstage: „Testexport und Testmigration“ 9 Arbeitstage überfällig" */
  text: string;
}

/**
 * The move from the last announced forecast `announced`, if it is a week or more; undefined otherwise. It is told
 * from the forecast last `shown` (a move by days alone is published too, and the audit trail's dates must chain:
 * each move starts where the last line left off), which is the announced one unless given.
 */
export function forecastMove(plan: ResolvedPlan, schedule: RunSchedule, progress: StepProgress[], announced: string, today: string, shown = announced): ForecastMove | undefined {
  const cal = new BusinessCalendar(plan.calendar.holidays);
  const after = schedule.projectedGoLive;
  if (Math.abs(cal.businessDaysBetween(announced, after)) < FORECAST_MOVE_DAYS) return undefined;
  const before = shown;
  const moved = cal.businessDaysBetween(before, after);
  const cause = moved > 0 ? laterCause(plan, schedule, progress, today, cal) : earlierCause(plan, progress);
  const sign = moved > 0 ? '+' : '−';
  return { before, after, days: moved, cause, text: `Prognose ${sign}${days(Math.abs(moved))}: ${cause}` };
}

function laterCause(plan: ResolvedPlan, schedule: RunSchedule, progress: StepProgress[], today: string, cal: BusinessCalendar): string {
  const late = lateStep(plan, schedule.steps, new Map(progress.map((p) => [p.id, p])), today, cal);
  if (late) return `„${late.step.title}“ ${late.text}`;
  const failed = plan.steps.find((s) => progress.some((p) => p.id === s.id && p.state === 'failed'));
  return failed ? `Störung in „${failed.title}“` : 'Plan geändert';
}

function earlierCause(plan: ResolvedPlan, progress: StepProgress[]): string {
  const latest = progress
    .filter((p) => p.completedAt && (p.state === 'done' || p.state === 'skipped'))
    .sort((a, b) => (a.completedAt! < b.completedAt! ? 1 : -1))[0];
  const step = latest && plan.steps.find((s) => s.id === latest.id);
  if (!step) return 'Plan geändert';
  // the day people saw it done, in Bavaria: just after midnight the UTC date is still yesterday's
  return `„${step.title}“ ${latest.state === 'skipped' ? 'übersprungen' : `am ${germanDate(berlinDate(latest.completedAt!))} abgeschlossen`}`;
}
