// Issue 15, the year plan's what-if over the sample year: the earliest go-live at which every team can do the
// candidate's work, the bottleneck, the effects of moving others; a step's hours may go to any week of its span.
import { earliestGoLive } from '../../domain/feasibility';
import { whatIf } from '../../domain/what-if';
import type { PlannedWork } from '../../domain/capacity';
import { config, onboarding, sampleYear, TODAY, type CapacityConfig } from './support/sample-year';

const planned = (plan: PlannedWork['plan']): PlannedWork => ({ id: 'p', name: 'Kaufering', kind: 'planned', plan, goLive: earliestGoLive(plan) });

it('answers the what-if for the sample year: an earliest go-live that fits every team, the bottleneck team and week, the effects of moving others', () => {
  const work = sampleYear();
  const candidatePlan = onboarding('09181144', 'dienstleistung', 4, 40, TODAY);
  const result = whatIf(config, work, { plan: candidatePlan, goLive: earliestGoLive(candidatePlan), targetGoLive: '2027-09-30' });
  // the board (1 × 2 h a week) is already full with the Erstgespräche and contracts of the others: it holds Utting back
  expect(result.bottleneck).toEqual({ role: 'vorstand', week: '2027-01-25', overloadHours: 8 });
  expect(result.targetFits).toBe(false);
  // a year after the template's 19 Nov 2027: the board has its two hours a week for a new Erstgespräch and Beschluss
  // only once the pipeline's are through. (Holding each hour to its week gave 18 May 2029, half a year later.)
  expect(earliestGoLive(candidatePlan)).toBe('2027-11-19');
  expect(result.earliestGoLive).toBe('2028-11-17');
  expect(result.effects).toHaveLength(10);
  expect(result.effects.map((e) => e.name)).toEqual(work.map((w) => w.name));
  expect(result.effects.every((e) => e.weeksEarlier <= 0)).toBe(true);
});

it('names what moving another onboarding a month later would bring: here the weeks of its board work the candidate needs', () => {
  const candidate = onboarding('09181144', 'dienstleistung', 2, 25, TODAY);
  const other = planned(onboarding('09181128', 'mitglied', 2, 25, '2027-05-03'));
  const result = whatIf(config, [other], { plan: candidate, goLive: earliestGoLive(candidate) });
  expect(result.earliestGoLive).toBe('2028-09-15');
  expect(result.effects).toEqual([{ id: 'p', name: 'Kaufering', kind: 'planned', earliestGoLive: '2027-11-19', weeksEarlier: 43 }]);
});

it("lets a step's hours go to any week of its span: a week without the board holds nothing back when the others have room", () => {
  const candidate = onboarding('09181144', 'dienstleistung', 2, 25, TODAY);
  // the board with four hours a week, away in the Erstgespräch's second week: its eight hours fit in the other three
  const away: CapacityConfig = {
    ...config,
    teams: config.teams.map((t) => (t.role === 'vorstand' ? { ...t, hoursPerWeek: 4 } : t)),
    absences: [{ role: 'vorstand', from: '2027-01-18', to: '2027-01-22' }],
  };
  const result = whatIf(away, [], { plan: candidate, goLive: earliestGoLive(candidate), targetGoLive: '2027-11-30' });
  expect(result.earliestGoLive).toBe(earliestGoLive(candidate));
  expect(result.targetFits).toBe(true);
  // the week it leaves least room is named, as nothing is over
  expect(result.bottleneck).toEqual({ role: 'vorstand', week: '2027-01-18', overloadHours: 0 });
  // away for two of the four weeks, the remaining eight hours still fit; away for three, they do not
  const twoWeeks = { ...away, absences: [{ role: 'vorstand' as const, from: '2027-01-18', to: '2027-01-29' }] };
  expect(whatIf(twoWeeks, [], { plan: candidate, goLive: earliestGoLive(candidate) }).earliestGoLive).toBe(earliestGoLive(candidate));
  const threeWeeks = { ...away, absences: [{ role: 'vorstand' as const, from: '2027-01-11', to: '2027-01-29' }] };
  expect(whatIf(threeWeeks, [], { plan: candidate, goLive: earliestGoLive(candidate) }).earliestGoLive! > earliestGoLive(candidate)).toBe(true);
});

it('takes a candidate at once when the teams are free, naming the week it leaves least room', () => {
  const plan = onboarding('09181144', 'dienstleistung', 2, 25, TODAY);
  const result = whatIf(config, [], { plan, goLive: earliestGoLive(plan), targetGoLive: '2028-12-31' });
  expect(result.earliestGoLive).toBe(earliestGoLive(plan));
  expect(result.targetFits).toBe(true);
  expect(result.bottleneck).toMatchObject({ role: 'vorstand', overloadHours: 0 });
  expect(result.effects).toEqual([]);
});

it('says when the candidate alone needs more of a team in a week than the team has at all: it never fits', () => {
  const plan = onboarding('09181144', 'dienstleistung', 2, 25, TODAY);
  const fits = whatIf(config, [], { plan, goLive: earliestGoLive(plan) });
  expect(fits.beyondTeam).toBeUndefined();
  // the information security officer with an hour a week: a week of the candidate needs more
  const tiny: CapacityConfig = { ...config, teams: config.teams.map((t) => (t.role === 'isb' ? { ...t, people: 1, hoursPerWeek: 1 } : t)) };
  const never = whatIf(tiny, [], { plan, goLive: earliestGoLive(plan) });
  expect(never.earliestGoLive).toBeNull();
  expect(never.beyondTeam).toMatchObject({ role: 'isb', capacity: 1 });
  expect(never.beyondTeam!.hours).toBeGreaterThan(1);
});

