import { BusinessCalendar } from '../../domain/calendar';
import { GO_LIVE_HORIZON_YEARS, goLiveHorizon, migrationChild, resolveTemplate } from '../../domain/plan';
import { healthOf, projectedRunEnd, scheduleRun } from '../../domain/schedule';
import type { ProcessTemplate } from '../../domain/types';
import { TEMPLATES } from '../../domain/templates';
import { bavarianCalendar } from '../../runtime/bavarian-calendar';

describe('business calendar', () => {
  const cal = new BusinessCalendar(bavarianCalendar(2027, 1).holidays);

  it('knows Bavarian holidays incl. Mariä Himmelfahrt and Fronleichnam', () => {
    const h = bavarianCalendar(2027, 1).holidays;
    expect(h).toEqual(expect.arrayContaining(['2027-01-06', '2027-03-26', '2027-05-27', '2027-08-15', '2027-11-01', '2027-12-26']));
    expect(h).not.toContain('2027-12-24');
  });

  it('skips weekends and holidays', () => {
    expect(cal.addBusinessDays('2027-01-05', 1)).toBe('2027-01-07'); // 6 Jan is Heilige Drei Könige
    expect(cal.addBusinessDays('2027-01-08', 1)).toBe('2027-01-11'); // Friday → Monday
    expect(cal.addBusinessDays('2027-03-25', 1)).toBe('2027-03-30'); // Karfreitag, weekend, Ostermontag
    expect(cal.nextBusinessDay('2027-01-09')).toBe('2027-01-11');
    expect(cal.businessDaysBetween('2027-01-04', '2027-01-11')).toBe(4);
    expect(cal.businessDaysBetween('2027-01-11', '2027-01-04')).toBe(-4);
  });
});

describe('schedule, progress and health', () => {
  const plan = resolveTemplate(TEMPLATES['verfahren-migration'], {
    subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', targetGoLive: '2027-03-31',
  });

  it('plans every step after its dependencies and marks a critical path to the end', () => {
    const s = scheduleRun(plan, [], '2027-01-04');
    for (const step of plan.steps) {
      for (const d of step.dependsOn) expect(s.steps[step.id].plannedStart >= s.steps[d].plannedEnd).toBe(true);
    }
    expect(s.steps.stilllegung.critical).toBe(true);
    expect(s.steps.steckbrief.critical).toBe(true);
    expect(s.steps.herstellertermin.critical).toBe(false); // Datenbereinigung (20 d) is longer
    expect(s.progress).toBe(0);
    expect(s.health).toBe('green');
  });

  it('projects a later go-live when work is late and turns the run amber, then red', () => {
    const early = scheduleRun(plan, [], '2027-01-04');
    const late = scheduleRun(plan, [{ id: 'steckbrief', state: 'active', startedAt: '2027-01-04T08:00:00Z' }], '2027-03-01');
    expect(late.projectedGoLive > early.projectedGoLive).toBe(true);
    expect(late.health).toBe('red');
    expect(healthOf(-3, false)).toBe('amber');
    expect(healthOf(2, true)).toBe('amber');
    expect(healthOf(2, false)).toBe('green');
  });

  it('weights progress by planned days', () => {
    const s = scheduleRun(plan, [{ id: 'steckbrief', state: 'done', startedAt: '2027-01-04T08:00:00Z', completedAt: '2027-01-06T08:00:00Z' }], '2027-01-06');
    const total = plan.steps.reduce((n, st) => n + st.plannedDays, 0);
    expect(s.progress).toBeCloseTo(3 / total, 3);
  });

  it('dates a step by its Bavarian day: begun 00:30 on 1 April in summer time is 1 April, not 31 March', () => {
    const started = '2027-03-31T22:30:00Z'; // 00:30 CEST on Thursday, 1 April
    const s = scheduleRun(plan, [{ id: 'steckbrief', state: 'done', startedAt: started, completedAt: '2027-04-01T21:30:00Z' }], '2027-04-02');
    expect(s.steps.steckbrief.projectedStart).toBe('2027-04-01');
    expect(s.steps.steckbrief.projectedEnd).toBe('2027-04-01'); // 23:30 CEST, still 1 April
  });
});

describe('go-live horizon', () => {
  it('counts from today in Bavaria: 00:30 on New Year in Bavaria is already the new year', () => {
    expect(goLiveHorizon(new Date('2026-12-31T23:30:00Z'))).toBe(`${2027 + GO_LIVE_HORIZON_YEARS}-01-01`);
    expect(goLiveHorizon(new Date('2026-12-31T22:30:00Z'))).toBe(`${2026 + GO_LIVE_HORIZON_YEARS}-12-31`);
  });
});

describe('a child step forecast by its children', () => {
  const template: ProcessTemplate = {
    id: 'verfahren-migration', title: 'Eltern', description: '', phases: [{ id: 'p', title: 'P' }],
    steps: [
      { id: 'migrationen', title: 'Migrationen', phase: 'p', kind: 'child', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 60, child: { process: 'verfahren-migration', fanOut: 'verfahren' } },
      { id: 'danach', title: 'Danach', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: ['migrationen'], plannedDays: 5 },
    ],
  };
  const plan = resolveTemplate(template, {
    subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', childConcurrency: 2,
    children: { migrationen: ['ok-fis', 'ok-ewo'].map((v) => migrationChild('09181128', v)) },
  });
  const started = { id: 'migrationen', state: 'active' as const, startedAt: '2027-01-04T08:00:00Z', childProgress: 0.5 };

  it('ends when its children say they end, earlier or later than its plan, and the steps after it follow', () => {
    const byPlan = scheduleRun(plan, [started], '2027-02-01');
    const ahead = scheduleRun(plan, [{ ...started, childrenEnd: '2027-02-15' }], '2027-02-01');
    expect(byPlan.steps.migrationen.projectedEnd > '2027-02-15').toBe(true);
    expect(ahead.steps.migrationen.projectedEnd).toBe('2027-02-15');
    expect(ahead.steps.danach.projectedStart >= '2027-02-15').toBe(true);
    const behind = scheduleRun(plan, [{ ...started, childrenEnd: '2027-09-30' }], '2027-02-01');
    expect(behind.steps.migrationen.projectedEnd).toBe('2027-09-30');
    expect(projectedRunEnd(behind)).toBe(behind.steps.danach.projectedEnd);
    // a forecast already past is today's
    expect(scheduleRun(plan, [{ ...started, childrenEnd: '2027-01-20' }], '2027-02-01').steps.migrationen.projectedEnd).toBe('2027-02-01');
  });

  it('keeps the rules of runs recorded before feasible plans', () => {
    const legacy = scheduleRun(plan, [{ ...started, childrenEnd: '2027-02-15' }], '2027-02-01', { legacy: true });
    expect(legacy).toEqual(scheduleRun(plan, [started], '2027-02-01', { legacy: true }));
  });
});
