// Business-day arithmetic over calendar dates (YYYY-MM-DD). The holidays come with the plan (computed where the
// plan is resolved), so this stays free of calendar libraries and can run inside workflows.

const DAY_MS = 86_400_000;

export function parseDate(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new TypeError(`invalid date ${date}`);
  return ms;
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC calendar date of an instant: only for runs recorded before Bavarian days (domain/berlin-time.ts has those). */
export function toDate(at: Date | string): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC): the calendar counts whole days as numbers and formats a date only for its answer. */
function dayNumber(date: string): number {
  return parseDate(date) / DAY_MS;
}

function dateOfDay(day: number): string {
  return formatDate(day * DAY_MS);
}

export class BusinessCalendar {
  private readonly holidays: Set<number>;

  constructor(holidays: Iterable<string>) {
    this.holidays = new Set([...holidays].map(dayNumber));
  }

  isBusinessDay(date: string): boolean {
    return this.isBusinessDayNumber(dayNumber(date));
  }

  /** The date itself when it is a business day, else the next one. */
  nextBusinessDay(date: string): string {
    return dateOfDay(this.nextBusinessDayNumber(dayNumber(date)));
  }

  /** `days` business days after `date` (0 → the next business day on or after `date`). */
  addBusinessDays(date: string, days: number): string {
    let day = this.nextBusinessDayNumber(dayNumber(date));
    for (let left = Math.ceil(days); left > 0; ) {
      day++;
      if (this.isBusinessDayNumber(day)) left--;
    }
    return dateOfDay(day);
  }

  /** Business days from `from` to `to` (negative when `to` is earlier). */
  businessDaysBetween(from: string, to: string): number {
    const [a, b] = [dayNumber(from), dayNumber(to)];
    const [first, last] = a <= b ? [a, b] : [b, a];
    let count = 0;
    for (let day = first + 1; day <= last; day++) if (this.isBusinessDayNumber(day)) count++;
    return b >= a ? count : -count;
  }

  // Day arithmetic runs in every workflow task that reschedules a run: string dates per step of the loop were a
  // tenth of the engine's CPU, whole-day numbers cost next to nothing.
  private isBusinessDayNumber(day: number): boolean {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(day);
  }

  private nextBusinessDayNumber(day: number): number {
    while (!this.isBusinessDayNumber(day)) day++;
    return day;
  }
}
