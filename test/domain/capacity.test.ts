// Issue 15, year plan: team capacity and the load of running and planned onboardings from the templates' step effort
// (the what-if over them: what-if.test.ts).
import {
  capacityTable, EFFORT_SHARE, HOURS_PER_DAY, planForGoLive, planSpanEnd, planLoad, runCourse, weekCapacity, weekOf,
} from '../../domain/capacity';
import { BusinessCalendar } from '../../domain/calendar';
import { earliestGoLive } from '../../domain/feasibility';
import { calendar, config, onboarding, teams, TODAY } from './support/sample-year';

it('gives a team people × hours per week, less holidays and absences', () => {
  const cal = new BusinessCalendar(calendar.holidays);
  const verfahren = teams[4];
  const week = (date: string) => Math.floor((Date.parse(`${date}T00:00:00Z`) / 86_400_000 - 4) / 7);
  expect(weekCapacity(verfahren, week('2027-02-10'), [], cal)).toBe(60);
  // Ostermontag 2027 is 29 March: four business days
  expect(weekCapacity(verfahren, week('2027-03-29'), [], cal)).toBe(48);
  // one of three away Monday to Wednesday: 3 × 4 h less
  expect(weekCapacity(verfahren, week('2027-02-10'), [{ role: 'verfahren', from: '2027-02-08', to: '2027-02-10' }], cal)).toBe(48);
});

it('loads the teams from the template steps: the board in the Erstgespräch, Verfahren with the migrations', () => {
  const plan = onboarding('09181128', 'mitglied', 2, 25, TODAY);
  const load = planLoad(plan);
  // Erstgespräch: 20 business days × 8 h × 0.1 on the board, from the start
  const vorstand = [...load.get('vorstand')!.values()].reduce((a, b) => a + b, 0);
  expect(vorstand).toBeGreaterThanOrEqual(20 * HOURS_PER_DAY * EFFORT_SHARE.manual);
  expect(capacityTable(config, load, TODAY, TODAY)).toContainEqual({ role: 'vorstand', week: '2027-01-11', capacity: 2, load: 2, free: 0 });
  // two migrations weigh twice one
  const one = [...planLoad(onboarding('09181128', 'mitglied', 1, 25, TODAY)).get('verfahren')!.values()].reduce((a, b) => a + b, 0);
  const two = [...load.get('verfahren')!.values()].reduce((a, b) => a + b, 0);
  expect(two).toBeGreaterThan(one);
  expect(weekOf('2027-01-14')).toBe('2027-01-11');
});

it('plans a pipeline entry back from its desired go-live, never before today', () => {
  const make = (start: string) => onboarding('09181132', 'mitglied', 3, 25, start);
  const late = planForGoLive(make, '2028-09-15', TODAY);
  expect(late.startDate > TODAY).toBe(true);
  expect(Math.abs(Date.parse(earliestGoLive(late)) - Date.parse('2028-09-15'))).toBeLessThan(7 * 86_400_000);
  expect(planForGoLive(make, '2027-03-01', TODAY).startDate).toBe(TODAY);
});

it('loads a running onboarding from its course: finished steps load nobody, the rest from today on as projected', () => {
  const plan = onboarding('09181128', 'mitglied', 2, 25, '2026-11-02');
  const weekNo = (date: string) => Math.floor((Date.parse(`${date}T00:00:00Z`) / 86_400_000 - 4) / 7);
  const sum = (load: ReturnType<typeof planLoad>, role: 'vorstand' | 'bereichsleitung', from: string) =>
    [...(load.get(role) ?? new Map<number, number>())].filter(([w]) => w >= weekNo(from)).reduce((a, [, h]) => a + h, 0);
  // by plan alone, the board's Erstgespräch (20 days from 2 November) is over by today; the offer is long done
  const asPlanned = planLoad(plan);
  // the course: the Erstgespräch still open, nine weeks late — its remaining days load the board from today
  const late = runCourse(plan, [{ id: 'erstgespraech', state: 'active', startedAt: '2026-11-02T08:00:00Z' }], TODAY);
  expect(late.dates.erstgespraech.start).toBe(TODAY);
  expect(late.dates.fragebogen.start >= TODAY).toBe(true);
  const fromCourse = planLoad(plan, new Map(), late);
  expect(sum(fromCourse, 'vorstand', TODAY)).toBeGreaterThan(sum(asPlanned, 'vorstand', TODAY));
  // finished steps load nobody: with the Erstgespräch and the offer done, the Bereichsleitung has only later work left
  const done = runCourse(plan, ['erstgespraech', 'fragebogen', 'angebot-berechnen', 'angebot-freigabe', 'angebot-ausstellen'].map((id) => ({ id, state: 'done' as const, completedAt: '2026-12-20T10:00:00Z' })), TODAY);
  expect(done.finished).toContain('angebot-freigabe');
  const rest = planLoad(plan, new Map(), done);
  expect(sum(rest, 'bereichsleitung', TODAY)).toBeLessThan(sum(planLoad(plan, new Map(), late), 'bereichsleitung', TODAY));
});

it('spans the year plan over 18 whole month columns, a week counting in the month of its Thursday', () => {
  const months = (from: string) => {
    const to = planSpanEnd(from, 18);
    const cells = capacityTable({ ...config, teams: teams.slice(0, 1) }, new Map(), from, to);
    return { to, months: new Set(cells.map((c) => new Date(Date.parse(c.week) + 3 * 86_400_000).toISOString().slice(0, 7))) };
  };
  // a Sunday in December 2026: December 2026 to May 2028, the last week being the one of Thursday 25.05.2028
  expect(months('2026-12-06').to).toBe('2028-05-28');
  for (const from of ['2026-12-06', '2027-01-01', '2027-03-31', '2027-10-15', '2028-02-29']) {
    const m = [...months(from).months];
    expect(m).toHaveLength(18);
    expect(m[0]).toBe(new Date(Date.parse(weekOf(from)) + 3 * 86_400_000).toISOString().slice(0, 7));
  }
  // Friday 01.01.2027 belongs to the week of Thursday 31.12.2026: the plan starts with December
  expect([...months('2027-01-01').months][0]).toBe('2026-12');
  // any date the API takes, even one of the year 20 (the fuzzer's), has its span
  expect(planSpanEnd('0020-02-29', 18)).toMatch(/^0021-08-\d\d$/);
});
