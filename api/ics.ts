// Calendars as iCalendar (RFC 5545), made with ical-generator: a person's open tasks by due date and the milestones
// of their runs, or one run's milestones. Due dates and milestones are Bavarian calendar days, so they are all-day
// events on the Europe/Berlin date (a task due at 23:30 UTC in summer is due the next day in Bavaria).
import ical, { type ICalCalendar } from 'ical-generator';
import type { RunSnapshot, TaskSnapshot } from '../domain/events';

const TIMEZONE = 'Europe/Berlin';

/** the calendar day of an instant in Bavaria, `YYYY-MM-DD` */
export function berlinDay(at: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/** an all-day event's start: midnight UTC of the day, the same calendar day in every zone from UTC to UTC+14 */
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * A calendar of all-day events, which carry no zone (their day is the Bavarian day already). Without ical-generator's
 * `timezone`: that writes every instant as floating local time, DTSTAMP too, which RFC 5545 requires in UTC, and adds
 * a TIMEZONE-ID line no client knows.
 */
function calendar(name: string): ICalCalendar {
  return ical({ name, prodId: { company: 'KU IT Bayern', product: 'Gemeinde-Onboarding', language: 'DE' } });
}

/** The run's next milestones, and its target go-live unless `withTarget` is false. */
function addMilestones(cal: ICalCalendar, run: RunSnapshot, publicUrl: string, withTarget = true): void {
  const where = `${run.gemeindeName}: ${run.title}`;
  for (const m of run.nextMilestones ?? []) {
    cal.createEvent({
      id: `${run.id}:${m.stepId}@gemeinde-onboarding`,
      start: dayStart(m.date), allDay: true,
      // two migrations of a Gemeinde have the same milestones: a child run's are named with the run
      summary: `Meilenstein: ${m.title}${run.parentId ? ` – ${run.title}` : ''} (${run.gemeindeName})`,
      description: `${where}\nVoraussichtlicher Termin nach aktuellem Plan.`,
      url: `${publicUrl}/vorgaenge/${encodeURIComponent(run.id)}`,
    });
  }
  if (withTarget && run.targetGoLive) {
    cal.createEvent({
      id: `${run.id}:ziel-go-live@gemeinde-onboarding`,
      start: dayStart(run.targetGoLive), allDay: true,
      summary: `Ziel-Go-live ${run.gemeindeName}`,
      description: where,
      url: `${publicUrl}/vorgaenge/${encodeURIComponent(run.id)}`,
    });
  }
}

/** `runTitles`: the title of each task's run, so that a migration's task names its Verfahren (not the run's id). */
export function personalFeed(owner: { name: string }, tasks: TaskSnapshot[], runs: RunSnapshot[], publicUrl: string, runTitles: ReadonlyMap<string, string>): string {
  const cal = calendar(`Onboarding – ${owner.name}`);
  for (const t of tasks) {
    if (!t.dueAt) continue;
    const run = runTitles.get(t.runId);
    cal.createEvent({
      id: `${t.id}:faellig@gemeinde-onboarding`,
      start: dayStart(berlinDay(t.dueAt)), allDay: true,
      summary: `Fällig: ${t.title}${run && t.runId !== t.rootId ? ` – ${run}` : ''} (${t.gemeindeName})`,
      description: `Aufgabe im Vorgang ${run ?? t.runId}`,
      url: `${publicUrl}/aufgaben/${encodeURIComponent(t.id)}`,
    });
  }
  // a migration or rollout has its onboarding's target go-live: the day is in the feed once, from the onboarding
  const ids = new Set(runs.map((r) => r.id));
  for (const run of runs) addMilestones(cal, run, publicUrl, !(run.parentId && ids.has(run.rootId)));
  return cal.toString();
}

export function runCalendar(run: RunSnapshot, publicUrl: string): string {
  const cal = calendar(`${run.gemeindeName}: ${run.title}`);
  addMilestones(cal, run, publicUrl);
  return cal.toString();
}
