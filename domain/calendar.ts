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

/** The calendar date (UTC) of an instant. */
export function toDate(at: Date | string): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

export class BusinessCalendar {
  private readonly holidays: Set<string>;

  constructor(holidays: Iterable<string>) {
    this.holidays = new Set(holidays);
  }

  isBusinessDay(date: string): boolean {
    const weekday = new Date(parseDate(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(date);
  }

  /** The date itself when it is a business day, else the next one. */
  nextBusinessDay(date: string): string {
    let ms = parseDate(date);
    while (!this.isBusinessDay(formatDate(ms))) ms += DAY_MS;
    return formatDate(ms);
  }

  /** `days` business days after `date` (0 → the next business day on or after `date`). */
  addBusinessDays(date: string, days: number): string {
    let current = this.nextBusinessDay(date);
    let ms = parseDate(current);
    for (let left = Math.ceil(days); left > 0; ) {
      ms += DAY_MS;
      current = formatDate(ms);
      if (this.isBusinessDay(current)) left--;
    }
    return current;
  }

  /** Business days from `from` to `to` (negative when `to` is earlier). */
  businessDaysBetween(from: string, to: string): number {
    const sign = parseDate(to) >= parseDate(from) ? 1 : -1;
    const [a, b] = sign > 0 ? [from, to] : [to, from];
    let count = 0;
    for (let ms = parseDate(a) + DAY_MS; ms <= parseDate(b); ms += DAY_MS) {
      if (this.isBusinessDay(formatDate(ms))) count++;
    }
    return sign * count;
  }
}
