import { PROCESS_REGISTRY, WORKFLOW_TYPES, initialSearchAttributes, resolvePlanOf, runIdOf, startOf } from '../../domain/processes';
import { resolveMigrationPlan, resolveOnboardingPlan, resolveRolloutPlan } from '../../domain/plan';
import { PROCESSES } from '../../domain/types';
import * as workflows from '../../workflows';
import { typedSearchAttributes } from '../../workflows/search-attributes';

const calendar = { holidays: ['2027-01-01', '2027-01-06'] };
const context = { calendar, startDate: '2027-01-04' };
const onboarding = {
  ags: '09181128', variant: 'mitglied' as const, targetGoLive: '2027-09-01', projectLead: 'p.lead',
  verfahren: ['ok-fis'], workstations: 30,
};
const migration = { ags: '09181128', verfahrenId: 'ok-fis', targetGoLive: '2027-06-01' };
const rollout = { ags: '09181128', batch: 'Rathaus 1. Stock', devices: 12 };

describe('process registry', () => {
  it('has an entry for every process, each naming a workflow the worker exports', () => {
    expect(Object.keys(PROCESS_REGISTRY).sort()).toEqual([...PROCESSES].sort());
    for (const process of PROCESSES) {
      expect(WORKFLOW_TYPES[process]).toBe(PROCESS_REGISTRY[process].workflowType);
      expect(typeof (workflows as Record<string, unknown>)[PROCESS_REGISTRY[process].workflowType]).toBe('function');
    }
  });

  it('builds readable run ids that match each process pattern and no other', () => {
    const ids = {
      'gemeinde-onboarding': runIdOf('gemeinde-onboarding', onboarding),
      'verfahren-migration': runIdOf('verfahren-migration', migration),
      'arbeitsplatz-rollout': runIdOf('arbeitsplatz-rollout', rollout),
    };
    expect(ids).toEqual({
      'gemeinde-onboarding': 'onboarding-09181128',
      'verfahren-migration': 'migration-09181128-ok-fis',
      'arbeitsplatz-rollout': 'rollout-09181128-rathaus-1-stock',
    });
    for (const process of PROCESSES) {
      for (const other of PROCESSES) {
        expect(PROCESS_REGISTRY[process].runIdPattern.test(ids[other])).toBe(process === other);
      }
    }
  });

  it('resolves each process the way its plan function does', () => {
    expect(resolvePlanOf('gemeinde-onboarding', onboarding, context)).toEqual(resolveOnboardingPlan(onboarding, calendar, '2027-01-04'));
    expect(resolvePlanOf('verfahren-migration', migration, context)).toEqual(resolveMigrationPlan(migration, calendar, '2027-01-04'));
    expect(resolvePlanOf('arbeitsplatz-rollout', rollout, context)).toEqual(resolveRolloutPlan(rollout, calendar, '2027-01-04'));
  });

  it('passes the plan settings on (blocked windows reach a migration plan)', () => {
    const windows = [{ from: '2027-03-01', to: '2027-03-31', reason: 'Jahresabschluss', verfahren: ['ok-fis'] }];
    const plan = resolvePlanOf('verfahren-migration', migration, { ...context, settings: { windows, boardEscalationDays: 3 } });
    expect(plan.boardEscalationDays).toBe(3);
    expect(plan.blockedWindows?.map((w) => w.from)).toEqual(['2027-03-01']);
  });

  it('starts a run in its first phase, green, at 0 %, with the target as the only date', () => {
    const start = startOf('verfahren-migration', migration, context);
    expect(start.workflowType).toBe('verfahrenMigration');
    expect(start.runId).toBe('migration-09181128-ok-fis');
    expect(start.searchAttributes).toEqual({
      process: 'verfahren-migration', ags: '09181128', phase: start.plan.phases[0].id, health: 'green', progress: 0,
      targetGoLive: '2027-06-01',
    });
    expect(initialSearchAttributes(resolvePlanOf('arbeitsplatz-rollout', rollout, context))).not.toHaveProperty('targetGoLive');
  });

  it('types the initial search attributes for Temporal, a target date as midnight UTC', () => {
    const pairs = typedSearchAttributes(startOf('verfahren-migration', migration, context).searchAttributes);
    expect(pairs.map((p) => [p.key.name, p.value])).toEqual([
      ['RunProcess', 'verfahren-migration'],
      ['Ags', '09181128'],
      ['RunPhase', expect.any(String)],
      ['RunHealth', 'green'],
      ['RunProgress', 0],
      ['TargetGoLive', new Date('2027-06-01T00:00:00Z')],
    ]);
  });
});
