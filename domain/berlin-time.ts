// Bavarian local time without a time-zone library: the workflow bundle (which includes domain/) must stay
// deterministic and cannot rely on the worker's ICU data, so the EU rule is written out here — the one place for
// it. Since 1996 Central European Summer Time (UTC+2) runs from the last Sunday of March, 01:00 UTC, to the last
// Sunday of October, 01:00 UTC; the rest of the year is UTC+1. test/domain/berlin-time.test.ts checks this
// against Node's Intl for every day of several years.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** 01:00 UTC on the last Sunday of `month` (0-based) of `year`: when the clocks change in the EU. */
function lastSundayChange(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}

/** Minutes Europe/Berlin is ahead of UTC at the instant `utcMs`: 120 in summer, 60 in winter. */
export function berlinOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayChange(year, 2) && utcMs < lastSundayChange(year, 9) ? 120 : 60;
}

/** The Bavarian calendar date (YYYY-MM-DD) of an instant. */
export function berlinDate(at: Date | string | number): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`invalid instant ${String(at)}`);
  return new Date(ms + berlinOffsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

/** "07.12.2026 14:03": an instant as the clocks in Bavaria showed it, for people (CSV exports read in spreadsheets). */
export function berlinDateTime(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new TypeError(`invalid instant ${at}`);
  const local = new Date(ms + berlinOffsetMinutes(ms) * 60_000).toISOString();
  return `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/**
 * The instant (ISO, UTC) at which the clocks in Bavaria show `time` (HH:MM:SS) on `date` (YYYY-MM-DD): a
 * deadline is `berlinInstant(day, '23:59:59')`, a reminder `berlinInstant(day, '08:00:00')`. Only meant for
 * times outside the changeover hour (02:00–03:00 local), which none of the engine's date-only instants are.
 */
export function berlinInstant(date: string, time: string): string {
  const local = Date.parse(`${date}T${time}Z`);
  if (Number.isNaN(local) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new TypeError(`invalid local time ${date} ${time}`);
  // the offset of the local time read as UTC is right except within two hours of a change: correct once
  const guess = local - berlinOffsetMinutes(local) * 60_000;
  return new Date(local - berlinOffsetMinutes(guess) * 60_000).toISOString();
}

/** A deadline on a business day: the end of that day in Bavaria. */
export const endOfBerlinDay = (date: string): string => berlinInstant(date, '23:59:59');
/** The start of a day in Bavaria (a wait or a hold that ends "on" that day). */
export const startOfBerlinDay = (date: string): string => berlinInstant(date, '00:00:00');
/** The first instant after a day in Bavaria: whatever is due by that day is due before it. */
export const afterBerlinDay = (date: string): string => startOfBerlinDay(new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10));
/** Reminders go out at the start of the office day. */
export const REMINDER_TIME = '08:00:00';
