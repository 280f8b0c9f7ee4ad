// Compensation is a field of the template's step; plans resolved before the field existed are undone as the
// templates declare for the same activity.
import { compensationOf, declaredCompensations } from '../../domain/compensation';
import { resolveTemplate } from '../../domain/plan';
import { TEMPLATES } from '../../domain/templates';
import type { ProcessTemplate } from '../../domain/types';

const subject = { ags: '09181128', name: 'Kaufering' };

it('carries the template step’s compensation into the resolved plan, and the engine reads it from there', () => {
  const plan = resolveTemplate(TEMPLATES['gemeinde-onboarding'], { subject, calendar: { holidays: [] }, startDate: '2027-01-04', variant: 'mitglied' });
  const ipPlan = plan.steps.find((s) => s.id === 'ip-plan')!;
  expect(ipPlan.compensation).toBe('releaseNetworkPlan');
  expect(compensationOf(ipPlan)).toBe('releaseNetworkPlan');
  // only automated steps that reserve something declare one
  for (const step of plan.steps.filter((s) => s.compensation)) expect(step.kind).toBe('automated');
  expect(compensationOf(plan.steps.find((s) => s.activity === 'computeOffer')!)).toBeUndefined();
});

it('undoes a step of a plan resolved before the field existed as the templates declare for its activity', () => {
  expect(compensationOf({ activity: 'allocateNetworkPlan' })).toBe('releaseNetworkPlan');
  expect(compensationOf({ activity: 'planAccounts' })).toBeUndefined();
  expect(compensationOf({})).toBeUndefined();
});

it('takes the declarations from whatever templates it is given', () => {
  const template: ProcessTemplate = {
    id: 'arbeitsplatz-rollout', title: 'T', description: '', phases: [{ id: 'p', title: 'P' }],
    steps: [{ id: 'r', title: 'R', phase: 'p', kind: 'automated', description: '', candidateRoles: ['arbeitsplatz'], dependsOn: [], plannedDays: 1, activity: 'registerDevices', compensation: 'retireDevices' }],
  };
  expect(declaredCompensations([template])).toEqual({ registerDevices: 'retireDevices' });
  expect(compensationOf({ activity: 'registerDevices', compensation: 'retireDevices' })).toBe('retireDevices');
});
