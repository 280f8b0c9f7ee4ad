// Plan resolution without a server (domain/plan.ts): variants drop their steps and the dependencies on them, run ids
// are readable and stable, devices split into batches, children inherit their parent's settings, dependency order.
import {
  DEFAULT_BOARD_ESCALATION_DAYS, DEFAULT_MIGRATION_CONCURRENCY, deviceBatches, isCalendarDate, processIdOf,
  resolveChildPlan, resolveOnboardingPlan, resolveTemplate, runIds, slug, topologicalOrder,
} from '../../domain/plan';
import type { ProcessTemplate, StepTemplate } from '../../domain/types';

const calendar = { holidays: ['2027-01-01', '2027-01-06'] };
const subject = { ags: '09181128', name: 'Kaufering' };

const step = (id: string, dependsOn: string[], extra: Partial<StepTemplate> = {}): StepTemplate => ({
  id, title: id, phase: 'start', kind: 'manual', description: '', candidateRoles: ['projektleitung'], dependsOn, plannedDays: 2, ...extra,
});
const template: ProcessTemplate = {
  id: 'gemeinde-onboarding',
  title: 'Probe',
  description: '',
  phases: [{ id: 'start', title: 'Start' }, { id: 'nur-dl', title: 'Nur Dienstleistung' }],
  steps: [
    step('a', []),
    step('dl', ['a'], { phase: 'nur-dl', variants: ['dienstleistung'] }),
    step('b', ['a', 'dl'], { variantOverrides: { mitglied: { title: 'B für Mitglieder', plannedDays: 7 } } }),
  ],
};

describe('resolveTemplate', () => {
  it('drops the steps of other variants, the dependencies on them and phases left empty', () => {
    const plan = resolveTemplate(template, { subject, calendar, startDate: '2027-01-04', variant: 'mitglied' });
    expect(plan.steps.map((s) => [s.id, s.dependsOn])).toEqual([['a', []], ['b', ['a']]]);
    expect(plan.phases.map((p) => p.id)).toEqual(['start']);
    expect(plan.steps[1]).toMatchObject({ title: 'B für Mitglieder', plannedDays: 7 });
    expect(plan.steps[1]).not.toHaveProperty('variantOverrides');
  });

  it('keeps a variant step in its variant, and the template defaults where nothing is given', () => {
    const plan = resolveTemplate(template, { subject, calendar, startDate: '2027-01-04', variant: 'dienstleistung' });
    expect(plan.steps.map((s) => s.id)).toEqual(['a', 'dl', 'b']);
    expect(plan.steps[2]).toMatchObject({ title: 'b', plannedDays: 2, dependsOn: ['a', 'dl'] });
    expect(plan).toMatchObject({
      childConcurrency: DEFAULT_MIGRATION_CONCURRENCY, boardEscalationDays: DEFAULT_BOARD_ESCALATION_DAYS, startDate: '2027-01-04',
    });
    expect(plan).not.toHaveProperty('deputyLead');
    expect(plan).not.toHaveProperty('blockedWindows');
  });
});

describe('run ids', () => {
  it('are readable and the same for the same input', () => {
    expect(runIds.onboarding('09181128')).toBe('onboarding-09181128');
    expect(runIds.migration('09181128', 'ok-fis')).toBe('migration-09181128-ok-fis');
    expect(runIds.rollout('09181128', 'Rathaus Süd (2. OG)')).toBe('rollout-09181128-rathaus-sued-2-og');
  });

  it('spell umlauts out and trim separators', () => {
    expect(slug('  Größe & Maß!  ')).toBe('groesse-mass');
  });
});

describe('deviceBatches', () => {
  it('splits devices into batches of at most the batch size, the last one smaller', () => {
    expect(deviceBatches(60, 25)).toEqual([
      { batch: 'Charge 1', devices: 25 }, { batch: 'Charge 2', devices: 25 }, { batch: 'Charge 3', devices: 10 },
    ]);
    expect(deviceBatches(0)).toEqual([]);
  });
});

describe('onboarding children', () => {
  const input = {
    ags: '09181128', variant: 'mitglied' as const, targetGoLive: '2027-09-01', projectLead: 'p.lead', deputyLead: 'f.maier',
    verfahren: ['ok-fis', 'ok-ewo'], workstations: 30, batchSize: 20, migrationConcurrency: 2,
  };
  const plan = resolveOnboardingPlan(input, calendar, '2027-01-04', { boardEscalationDays: 3 });
  const children = plan.steps.flatMap((s) => s.children ?? []);

  it('are one migration per Verfahren in the given order and one rollout per batch, led by the parent’s leads', () => {
    expect(children.map((c) => c.runId)).toEqual([
      'migration-09181128-ok-fis', 'migration-09181128-ok-ewo', 'rollout-09181128-charge-1', 'rollout-09181128-charge-2',
    ]);
    expect(children[1].input).toMatchObject({ after: 'ok-fis', projectLead: 'p.lead', deputyLead: 'f.maier' });
    expect(plan.childConcurrency).toBe(2);
  });

  it('resolve with the parent’s calendar and settings on the day they start', () => {
    const child = resolveChildPlan(children[2], plan, '2027-02-01');
    expect(child).toMatchObject({ process: 'arbeitsplatz-rollout', startDate: '2027-02-01', calendar, boardEscalationDays: 3 });
    expect(child.subject.ags).toBe('09181128');
  });
});

describe('topologicalOrder', () => {
  it('puts every step after its dependencies', () => {
    const order = topologicalOrder([{ id: 'c', dependsOn: ['b'] }, { id: 'b', dependsOn: ['a'] }, { id: 'a', dependsOn: [] }]);
    expect(order.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('names a cycle and an unknown dependency', () => {
    expect(() => topologicalOrder([{ id: 'a', dependsOn: ['b'] }, { id: 'b', dependsOn: ['a'] }])).toThrow('cycle: a → b → a');
    expect(() => topologicalOrder([{ id: 'a', dependsOn: ['x'] }])).toThrow('step a depends on unknown step x');
  });
});

describe('input checks', () => {
  it('knows real calendar days and the three processes', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-1')).toBe(false);
    expect(processIdOf('verfahren-migration')).toBe('verfahren-migration');
    expect(processIdOf('urlaub')).toBeUndefined();
  });
});
