// Dates and numbers the German way, always in the KU's time zone (a laptop abroad must not shift deadlines).
const TZ = 'Europe/Berlin';
const dateFmt = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ });
const dateTimeFmt = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ });
const monthFmt = new Intl.DateTimeFormat('de-DE', { month: 'short', timeZone: 'UTC' });

/** Calendar dates (YYYY-MM-DD) are days, not instants: parse them at UTC noon so no time zone moves them. */
export function parseDay(d: string): Date {
  return new Date(d.length === 10 ? `${d}T12:00:00Z` : d);
}

export function formatDate(d?: string): string {
  if (!d) return '–';
  return d.length === 10 ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : dateFmt.format(new Date(d));
}

export function formatDateTime(d?: string): string {
  return d ? dateTimeFmt.format(new Date(d)) : '–';
}

export function formatMonth(d: Date): string {
  return monthFmt.format(d).replace('.', '');
}

/** "vertrag" → "Vertrag": a label that starts a line. */
export const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** 2.5 → "2,5", 12 → "12": hours as people write them, to a tenth */
export function formatHours(h: number): string {
  return h.toLocaleString('de-DE', { maximumFractionDigits: 1 });
}

export function formatPercent(p: number): string {
  return `${Math.round(Math.max(0, Math.min(1, p)) * 100)} %`;
}

/** Today as YYYY-MM-DD in Berlin. */
export function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(iso: string, days: number): string {
  const d = parseDay(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Sunday of the current week (weeks start on Monday in Germany). */
export function endOfWeekIso(now = new Date()): string {
  const today = todayIso(now);
  const weekday = (parseDay(today).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(today, 6 - weekday);
}

/** A count of days in words: "1 Tag", "2 Tage" (the sign is the caller's business). */
export function formatDays(n: number): string {
  const abs = Math.abs(n);
  return `${abs} ${abs === 1 ? 'Tag' : 'Tage'}`;
}

/** A count of business days in words: "1 Arbeitstag", "12 Arbeitstage" (the sign is the caller's business). */
export function formatBusinessDays(n: number): string {
  const abs = Math.abs(n);
  return `${abs} ${abs === 1 ? 'Arbeitstag' : 'Arbeitstage'}`;
}

export function daysBetween(a: string, b: string): number {
  return Math.round((parseDay(b).getTime() - parseDay(a).getTime()) / 86_400_000);
}

/** The due day of a task. The API sets deadlines to the end of a calendar day in UTC, so its date part is the day. */
export function dueDay(dueAt?: string): string | undefined {
  return dueAt?.slice(0, 10);
}
