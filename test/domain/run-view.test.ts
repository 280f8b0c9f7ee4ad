// The run as its getState query and the API's start answer show it (domain/run-view.ts), from plan and progress.
import { resolveTemplate } from '../../domain/plan';
import { currentPhase, describeRun, describeStep } from '../../domain/run-view';
import { scheduleRun } from '../../domain/schedule';
import type { ProcessTemplate, StepState, StepTemplate } from '../../domain/types';

const step = (id: string, phase: string, dependsOn: string[], extra: Partial<StepTemplate> = {}): StepTemplate => ({
  id, title: `Schritt ${id}`, phase, kind: 'manual', description: '', candidateRoles: ['projektleitung'], dependsOn, plannedDays: 2, ...extra,
});
const template: ProcessTemplate = {
  id: 'verfahren-migration',
  title: 'Migration',
  description: '',
  phases: [{ id: 'vorbereitung', title: 'Vorbereitung' }, { id: 'umstellung', title: 'Umstellung' }],
  steps: [step('a', 'vorbereitung', []), step('b', 'umstellung', ['a'], { milestone: true })],
};
const plan = resolveTemplate(template, {
  subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', projectLead: 'p.lead',
});

describe('currentPhase', () => {
  it('is the phase of the first step not yet finished, the last phase when all are, and abgeschlossen once completed', () => {
    const states = (a: StepState, b: StepState) => (id: string) => (id === 'a' ? a : b);
    expect(currentPhase(plan, 'running', states('active', 'pending'))).toBe('vorbereitung');
    expect(currentPhase(plan, 'running', states('skipped', 'ready'))).toBe('umstellung');
    expect(currentPhase(plan, 'running', states('done', 'done'))).toBe('umstellung');
    expect(currentPhase(plan, 'completed', states('done', 'done'))).toBe('abgeschlossen');
  });
});

describe('describeStep', () => {
  it('shows only the runtime facts a step has', () => {
    const view = describeStep(plan.steps[1], { state: 'failed', attempts: 3, error: 'Zeitüberschreitung' });
    expect(view).toMatchObject({ id: 'b', state: 'failed', milestone: true, attempts: 3, error: 'Zeitüberschreitung', dependsOn: ['a'] });
    expect(view).not.toHaveProperty('waitUntil');
    expect(view).not.toHaveProperty('children');
  });
});

describe('describeRun', () => {
  it('describes a run at its start from its plan, failed steps as incidents', () => {
    const states: Record<string, StepState> = { a: 'failed', b: 'pending' };
    const run = describeRun({
      runId: 'migration-09181128-ok-fis', plan, status: 'running', startedAt: '2027-01-04T08:00:00.000Z', tasks: [],
      schedule: scheduleRun(plan, Object.entries(states).map(([id, state]) => ({ id, state })), '2027-01-04'),
      progressOf: (id) => ({ state: states[id], ...(id === 'a' ? { error: 'kaputt' } : {}) }),
    });
    expect(run).toMatchObject({
      id: 'migration-09181128-ok-fis', process: 'verfahren-migration', gemeinde: { ags: '09181128', name: 'Kaufering' },
      phase: 'vorbereitung', phaseTitle: 'Vorbereitung', projectLead: 'p.lead', incidents: [{ stepId: 'a', error: 'kaputt' }],
    });
    expect(run.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(run).not.toHaveProperty('parentId');
  });
});
