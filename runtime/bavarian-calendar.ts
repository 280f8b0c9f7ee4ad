// Bavarian public holidays from a maintained library, computed where a plan is resolved; the plan carries them
// so workflows can do business-day arithmetic without a calendar library in their bundle.
import Holidays from 'date-holidays';
import type { Calendar } from '../domain/types';

const bavaria = new Holidays('DE', 'BY');

const computed = new Map<string, Calendar>();

/** Public holidays of Bavaria (incl. Mariä Himmelfahrt) for `years` calendar years starting with `fromYear`. */
export function bavarianCalendar(fromYear: number, years = 4): Calendar {
  // computing them takes ~10 ms, and every start needs the same few years
  const key = `${fromYear}/${years}`;
  const known = computed.get(key);
  if (known) return { holidays: [...known.holidays] };
  const holidays: string[] = [];
  for (let y = fromYear; y < fromYear + years; y++) {
    for (const h of bavaria.getHolidays(y)) {
      // The library lists Mariä Himmelfahrt as an observance because it is a day off only in Catholic-majority
      // Gemeinden — which every Gemeinde of the Landkreis Landsberg am Lech is (DOMAIN.md counts it).
      if (h.type === 'public' || h.date.slice(5, 10) === '08-15') holidays.push(h.date.slice(0, 10));
    }
  }
  const calendar = { holidays: [...new Set(holidays)].sort() };
  computed.set(key, calendar);
  return { holidays: [...calendar.holidays] };
}
