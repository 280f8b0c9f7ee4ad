// Business-day arithmetic against a plain day-by-day reference (weekday from Date, holidays as strings), over two
// years around the Bavarian holidays: the whole-day implementation must agree with it everywhere.
import { BusinessCalendar } from '../../domain/calendar';

const HOLIDAYS = ['2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06', '2027-03-26', '2027-03-29', '2027-05-01', '2027-08-15', '2027-12-25'];
const cal = new BusinessCalendar(HOLIDAYS);

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const next = (d: string) => iso(Date.parse(`${d}T00:00:00Z`) + 86_400_000);
const isWorkday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !HOLIDAYS.includes(d);

function referenceAdd(date: string, days: number): string {
  let d = date;
  while (!isWorkday(d)) d = next(d);
  for (let left = days; left > 0; ) {
    d = next(d);
    if (isWorkday(d)) left--;
  }
  return d;
}

function referenceBetween(from: string, to: string): number {
  if (to < from) return -referenceBetween(to, from);
  let count = 0;
  for (let d = next(from); d <= to; d = next(d)) if (isWorkday(d)) count++;
  return count;
}

const DAYS: string[] = [];
for (let d = '2026-11-20'; d <= '2027-12-31'; d = next(d)) DAYS.push(d);

it('knows weekends and holidays', () => {
  expect(cal.isBusinessDay('2026-12-24')).toBe(true); // Thursday
  expect(cal.isBusinessDay('2026-12-25')).toBe(false); // holiday
  expect(cal.isBusinessDay('2026-12-27')).toBe(false); // Sunday
  expect(cal.isBusinessDay('2027-01-02')).toBe(false); // Saturday
  for (const d of DAYS) expect(cal.isBusinessDay(d)).toBe(isWorkday(d));
});

it('adds business days as the day-by-day reference does', () => {
  expect(cal.addBusinessDays('2026-12-23', 2)).toBe('2026-12-28'); // over Christmas
  for (let i = 0; i < DAYS.length; i += 7) {
    for (const n of [0, 1, 5, 20, 60]) expect(cal.addBusinessDays(DAYS[i], n)).toBe(referenceAdd(DAYS[i], n));
  }
  expect(cal.nextBusinessDay('2026-12-25')).toBe('2026-12-28');
});

it('counts business days between two dates in both directions', () => {
  for (let i = 0; i < DAYS.length; i += 11) {
    for (const j of [0, 3, 40, 200]) {
      const to = DAYS[Math.min(i + j, DAYS.length - 1)];
      expect(cal.businessDaysBetween(DAYS[i], to)).toBe(referenceBetween(DAYS[i], to));
      expect(cal.businessDaysBetween(to, DAYS[i])).toBe(referenceBetween(to, DAYS[i]));
    }
  }
});
