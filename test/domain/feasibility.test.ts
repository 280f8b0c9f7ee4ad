// Earliest feasible go-live, effort, health with reasons and forecast moves on scripted plans, against values
// computed by hand (no holidays: every weekday is a business day; 2027-01-04 is a Monday).
import { BusinessCalendar } from '../../domain/calendar';
import { childrenEnd, earliestGoLive, planEffort } from '../../domain/feasibility';
import { forecastMove } from '../../domain/forecast';
import { resolveOnboardingPlan, resolveTemplate } from '../../domain/plan';
import { runProgress, scheduleRun, type StepProgress } from '../../domain/schedule';
import { TEMPLATES } from '../../domain/templates';
import type { ResolvedPlan } from '../../domain/types';

const migration = (over: Partial<ResolvedPlan> = {}): ResolvedPlan => ({
  ...resolveTemplate(TEMPLATES['verfahren-migration'], {
    subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', targetGoLive: '2027-03-03',
  }),
  ...over,
});

const onboarding = (migrationConcurrency?: number) => resolveOnboardingPlan(
  { ags: '09181128', variant: 'dienstleistung', targetGoLive: '2028-06-01', projectLead: 'a.gruber', verfahren: ['ok-fis', 'ok-ewo'], workstations: 10, migrationConcurrency },
  { holidays: [] }, '2027-01-04',
);

describe('earliest feasible go-live', () => {
  it('follows the critical path of planned business days to the cutover', () => {
    // Steckbrief 3 → 07.01., Datenbereinigung 20 → 04.02., Testexport 5 → 11.02., Abgleich 1 → 12.02.,
    // Funktionstest 7 → 23.02., Schulung 2 → 25.02., Abnahme 2 → 01.03., Umstellung 2 → 03.03.
    expect(earliestGoLive(migration())).toBe('2027-03-03');
  });

  it('never puts a cutover into a blocked window', () => {
    const plan = migration({ blockedWindows: [{ from: '2027-03-01', to: '2027-03-05', reason: 'Kommunalwahl' }] });
    expect(earliestGoLive(plan)).toBe('2027-03-10'); // Umstellung starts Monday 08.03., two days → 10.03.
  });

  it('runs child migrations at most `migrationConcurrency` at a time', () => {
    // one migration from 04.01. lasts 92 business days to its Stilllegung: 12.05.2027
    const parallel = onboarding(2);
    const step = parallel.steps.find((s) => s.id === 'verfahrensmigrationen')!;
    expect(childrenEnd(step, parallel, '2027-01-04')).toBe('2027-05-12');
    // one at a time: the second starts 12.05. and needs 92 more business days → 17.09.2027
    const serial = onboarding(1);
    expect(childrenEnd(serial.steps.find((s) => s.id === 'verfahrensmigrationen')!, serial, '2027-01-04')).toBe('2027-09-17');
    expect(earliestGoLive(serial) > earliestGoLive(parallel)).toBe(true);
  });
});

describe('progress weighted by planned effort', () => {
  const plan = onboarding();
  // effort: the onboarding's own steps 263 business days, each migration 97, the one rollout batch (10 devices) 24
  const before = ['verfahrensmigrationen', 'arbeitsplatz-rollouts', 'schulungen', 'go-no-go', 'schliesszeit', 'umstellung', 'nachbetreuung', 'abnahme', 'stilllegung'];
  const doneBefore: StepProgress[] = plan.steps.filter((s) => !before.includes(s.id)).map((s) => ({ id: s.id, state: 'done' }));

  it('weighs child steps by their children plans', () => {
    expect(planEffort(plan)).toBe(263 + 2 * 97 + 24);
  });

  it('counts migrations not started as 0 and finished ones by their effort', () => {
    // finished before the migrations: 263 − 56 = 207 of 481
    const none = runProgress(plan, [...doneBefore, { id: 'verfahrensmigrationen', state: 'active', childProgress: 0 }]);
    expect(none).toBeCloseTo(207 / 481, 3);
    expect(none).toBeLessThan(0.5);
    const half = runProgress(plan, [...doneBefore, { id: 'verfahrensmigrationen', state: 'active', childProgress: 0.5 }]);
    expect(half).toBeCloseTo((207 + 97) / 481, 3);
  });
});

describe('health with reasons', () => {
  const steckbriefSince = (today: string) => scheduleRun(migration(), [{ id: 'steckbrief', state: 'active', startedAt: '2027-01-04T08:00:00Z' }], today);

  it('is green on day 0 with a feasible target', () => {
    const s = scheduleRun(migration(), [], '2027-01-04');
    expect(s).toMatchObject({ health: 'green', reasons: [], ambitious: false, plannedGoLive: '2027-03-03', projectedGoLive: '2027-03-03', progress: 0 });
  });

  it('names the late step and the slip: amber up to 10 business days, red beyond', () => {
    // Steckbrief due 07.01.; on 11.01. it is 2 days overdue, its 3 days end 14.01.: 5 days of slip
    const amber = steckbriefSince('2027-01-11');
    expect(amber.health).toBe('amber');
    expect(amber.reasons).toEqual([{
      kind: 'late', stepId: 'steckbrief',
      text: '„Verfahrenssteckbrief“ 2 Arbeitstage überfällig; Go-live-Prognose 10.03.2027, 5 Arbeitstage nach dem Ziel (03.03.2027)',
    }]);
    // on 21.01. it is 10 days overdue and ends 26.01.: 13 days of slip
    const red = steckbriefSince('2027-01-21');
    expect(red.health).toBe('red');
    expect(red.projectedGoLive).toBe('2027-03-22');
    expect(red.reasons[0].text).toBe('„Verfahrenssteckbrief“ 10 Arbeitstage überfällig; Go-live-Prognose 22.03.2027, 13 Arbeitstage nach dem Ziel (03.03.2027)');
  });

  it('measures an ambitious target against the plan: amber from the start, red only when the run slips further', () => {
    const plan = migration({ targetGoLive: '2027-02-15' });
    const fresh = scheduleRun(plan, [], '2027-01-04');
    expect(fresh.ambitious).toBe(true);
    expect(fresh.health).toBe('amber');
    expect(fresh.reasons).toEqual([{
      kind: 'ambitious',
      text: 'Ambitioniertes Ziel: 15.02.2027 liegt 12 Arbeitstage vor dem frühesten machbaren Go-live (03.03.2027); gemessen wird am Plan',
    }]);
    const started = [{ id: 'steckbrief', state: 'active' as const, startedAt: '2027-01-04T08:00:00Z' }];
    expect(scheduleRun(plan, started, '2027-01-11').health).toBe('amber');
    expect(scheduleRun(plan, started, '2027-01-21').health).toBe('red');
  });

  it('names an open incident and a held cutover', () => {
    const done = (id: string): StepProgress => ({ id, state: 'done', startedAt: '2027-01-04T08:00:00Z', completedAt: '2027-01-04T09:00:00Z' });
    const failed = scheduleRun(migration(), [done('steckbrief'), done('herstellertermin'), done('datenbereinigung'), done('testexport'),
      { id: 'abgleich', state: 'failed', startedAt: '2027-01-04T09:00:00Z', error: 'Abweichung 3 %' }], '2027-01-04');
    expect(failed.health).toBe('amber');
    expect(failed.reasons).toEqual([{ kind: 'incident', stepId: 'abgleich', text: 'Störung in „Abgleich der Testmigration“: Abweichung 3 %' }]);

    const held = scheduleRun(migration({ targetGoLive: '2027-06-01' }), [{ id: 'umstellung', state: 'pending', heldUntil: '2027-01-11T00:00:00.000Z', heldReason: 'Jahresabschluss' }], '2027-01-04');
    expect(held.reasons.map((r) => r.kind)).toEqual(['held']);
    expect(held.reasons[0].text).toBe('„Umstellung: Schließtag, finaler Export, Produktivsetzung“ zurückgestellt bis 11.01.2027 (Jahresabschluss)');
    // the forecast starts the cutover after its hold; with months to the target that is no risk: told, and green
    expect(held.health).toBe('green');
    // runs recorded before the patch 'held-step-informs' keep turning amber with a hold
    expect(scheduleRun(migration({ targetGoLive: '2027-06-01' }), [{ id: 'umstellung', state: 'pending', heldUntil: '2027-01-11T00:00:00.000Z', heldReason: 'Jahresabschluss' }], '2027-01-04', { heldIsRisk: true }).health).toBe('amber');
  });

  it('shows a hold that costs the go-live as the slip it causes', () => {
    // the target is the plan's go-live, and the cutover is held for a month beyond it: the run turns red for the slip
    const target = scheduleRun(migration(), [], '2027-01-04').plannedGoLive;
    const heldUntil = `${new BusinessCalendar([]).addBusinessDays(target, 22)}T00:00:00.000Z`;
    const held = scheduleRun(migration({ targetGoLive: target }), [{ id: 'umstellung', state: 'pending', heldUntil, heldReason: 'Kommunalwahl' }], '2027-01-04');
    expect(held.reasons.map((r) => r.kind)).toEqual(['late', 'held']);
    expect(held.health).toBe('red');
  });
});

describe('forecast moves', () => {
  it('records a move of a week or more with its cause, not a smaller one', () => {
    const plan = migration();
    const progress: StepProgress[] = [{ id: 'steckbrief', state: 'active', startedAt: '2027-01-04T08:00:00Z' }];
    const late = scheduleRun(plan, progress, '2027-01-21');
    expect(forecastMove(plan, late, progress, '2027-03-03', '2027-01-21')).toEqual({
      before: '2027-03-03', after: '2027-03-22', days: 13, cause: '„Verfahrenssteckbrief“ 10 Arbeitstage überfällig',
      text: 'Prognose +13 Arbeitstage: „Verfahrenssteckbrief“ 10 Arbeitstage überfällig',
    });
    // 3 business days on from the last announced forecast: no event
    const later = scheduleRun(plan, progress, '2027-01-26');
    expect(later.projectedGoLive).toBe('2027-03-25');
    expect(forecastMove(plan, later, progress, '2027-03-22', '2027-01-26')).toBeUndefined();
  });

  it('tells a move from the forecast last shown, so the audit trail\'s dates chain; a week from the announced one decides', () => {
    const plan = migration();
    const progress: StepProgress[] = [{ id: 'steckbrief', state: 'active', startedAt: '2027-01-04T08:00:00Z' }];
    const late = scheduleRun(plan, progress, '2027-01-21'); // 2027-03-22
    // announced 03.03., shown 17.03. since (moves by days alone): a move of 13 days from the announced one, told from 17.03.
    expect(forecastMove(plan, late, progress, '2027-03-03', '2027-01-21', '2027-03-17')).toMatchObject({
      before: '2027-03-17', after: '2027-03-22', days: 3, text: 'Prognose +3 Arbeitstage: „Verfahrenssteckbrief“ 10 Arbeitstage überfällig',
    });
    expect(forecastMove(plan, late, progress, '2027-03-19', '2027-01-21', '2027-03-03')).toBeUndefined();
  });

  it('names the day a step was done that moved the forecast earlier as Bavaria saw it, also just after midnight', () => {
    const plan = migration({ targetGoLive: '2027-06-01' });
    // done at 00:14 on 5 January in Bavaria, still the 4th in UTC
    const progress: StepProgress[] = [{ id: 'steckbrief', state: 'done', startedAt: '2027-01-04T08:00:00Z', completedAt: '2027-01-04T23:14:00Z' }];
    const early = scheduleRun(plan, progress, '2027-01-05');
    const move = forecastMove(plan, early, progress, '2027-06-01', '2027-01-05');
    expect(move?.cause).toBe('„Verfahrenssteckbrief“ am 05.01.2027 abgeschlossen');
  });
});
