import { resolveMigrationPlan, resolveOnboardingPlan, resolveRolloutPlan, resolveTemplate, topologicalOrder } from '../../domain/plan';
import { TEMPLATES, wentLiveOn } from '../../domain/templates';
import { ROLES, type OnboardingVariant, type ResolvedPlan } from '../../domain/types';

const calendar = { holidays: ['2027-01-01', '2027-01-06'] };
const subject = { ags: '09181128', name: 'Kaufering' };

function plansOf(): [string, ResolvedPlan][] {
  const plans: [string, ResolvedPlan][] = [];
  for (const template of Object.values(TEMPLATES)) {
    const variants: (OnboardingVariant | undefined)[] = template.id === 'gemeinde-onboarding' ? ['mitglied', 'dienstleistung'] : [undefined];
    for (const variant of variants) {
      plans.push([`${template.id}/${variant ?? '-'}`, resolveTemplate(template, { subject, calendar, startDate: '2027-01-04', variant })]);
    }
  }
  return plans;
}

describe.each(plansOf())('plan %s', (_name, plan) => {
  it('is acyclic and every dependency exists', () => {
    expect(topologicalOrder(plan.steps)).toHaveLength(plan.steps.length);
  });

  it('reaches every step from the start steps', () => {
    const reached = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of plan.steps) {
        if (!reached.has(s.id) && s.dependsOn.every((d) => reached.has(d))) {
          reached.add(s.id);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual(plan.steps.map((s) => s.id).sort());
  });

  it('uses only known roles, unique ids, known phases and complete step definitions', () => {
    expect(new Set(plan.steps.map((s) => s.id)).size).toBe(plan.steps.length);
    for (const s of plan.steps) {
      expect(s.candidateRoles.length).toBeGreaterThan(0);
      for (const r of s.candidateRoles) expect(ROLES).toContain(r);
      for (const r of s.approvals?.roles ?? []) expect(s.candidateRoles).toContain(r);
      expect(plan.phases.map((p) => p.id)).toContain(s.phase);
      if (s.kind === 'automated') expect(s.activity).toBeDefined();
      if (s.kind === 'child') expect(s.child).toBeDefined();
      expect(s.plannedDays).toBeGreaterThan(0);
    }
    expect(plan.steps.filter((s) => s.goLive)).toHaveLength(1);
  });
});

describe('onboarding variants', () => {
  it('Mitglied amends the statutes, Dienstleistung signs a Zweckvereinbarung and notifies the Rechtsaufsicht', () => {
    const input = { ags: '09181128', targetGoLive: '2027-09-30', projectLead: 'a.gruber', verfahren: ['ok-fis', 'ok-ewo'], workstations: 60 };
    const mitglied = resolveOnboardingPlan({ ...input, variant: 'mitglied' }, calendar, '2027-01-04');
    const dienst = resolveOnboardingPlan({ ...input, variant: 'dienstleistung' }, calendar, '2027-01-04');
    expect(mitglied.steps.find((s) => s.id === 'vertrag')!.title).toMatch(/Satzungsänderung/);
    expect(dienst.steps.find((s) => s.id === 'vertrag')!.title).toMatch(/Zweckvereinbarung/);
    expect(mitglied.steps.map((s) => s.id)).not.toContain('rechtsaufsicht');
    expect(dienst.steps.map((s) => s.id)).toContain('rechtsaufsicht');
    expect(mitglied.steps.find((s) => s.id === 'vertrag')!.plannedDays).toBeGreaterThan(dienst.steps.find((s) => s.id === 'vertrag')!.plannedDays);
  });

  it('fans out one migration per Verfahren and rollouts in device batches', () => {
    const plan = resolveOnboardingPlan(
      { ags: '09181128', variant: 'mitglied', targetGoLive: '2027-09-30', projectLead: 'a.gruber', verfahren: ['ok-fis', 'ok-ewo'], workstations: 60, batchSize: 25 },
      calendar, '2027-01-04',
    );
    const migrations = plan.steps.find((s) => s.id === 'verfahrensmigrationen')!.children!;
    expect(migrations.map((c) => c.runId)).toEqual(['migration-09181128-ok-fis', 'migration-09181128-ok-ewo']);
    const rollouts = plan.steps.find((s) => s.id === 'arbeitsplatz-rollouts')!.children!;
    expect(rollouts.map((c) => (c.input as { devices: number }).devices)).toEqual([25, 25, 10]);
  });

  it('hands the lead and the Stellvertretung down to every child run', () => {
    const input = { ags: '09181128', variant: 'mitglied' as const, targetGoLive: '2027-09-30', projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 10 };
    const plan = resolveOnboardingPlan({ ...input, deputyLead: 'f.maier' }, calendar, '2027-01-04');
    expect(plan).toMatchObject({ projectLead: 'a.gruber', deputyLead: 'f.maier' });
    const children = plan.steps.flatMap((s) => s.children ?? []);
    expect(children).toHaveLength(2);
    for (const child of children) expect(child.input).toMatchObject({ projectLead: 'a.gruber', deputyLead: 'f.maier' });
    // without a deputy nothing changes in what a run is started with
    const plain = resolveOnboardingPlan(input, calendar, '2027-01-04');
    expect('deputyLead' in plain).toBe(false);
    expect(plain.steps.flatMap((s) => s.children ?? []).some((c) => 'deputyLead' in c.input)).toBe(false);
  });

  it('four-eyes steps require two approvals', () => {
    const onboarding = TEMPLATES['gemeinde-onboarding'].steps;
    expect(onboarding.find((s) => s.id === 'go-no-go')!.approvals).toEqual({ required: 2, roles: ['projektleitung', 'gemeinde'] });
    expect(TEMPLATES['verfahren-migration'].steps.find((s) => s.id === 'abnahme')!.approvals!.required).toBe(2);
    expect(TEMPLATES['arbeitsplatz-rollout'].steps.find((s) => s.id === 'datenvernichtung')!.approvals!.required).toBe(2);
  });

  it('names migrations and rollouts by their subject', () => {
    expect(resolveMigrationPlan({ ags: '09181128', verfahrenId: 'ok-fis' }, calendar, '2027-01-04').title).toMatch(/OK\.FIS/);
    expect(resolveRolloutPlan({ ags: '09181128', batch: 'Rathaus', devices: 12 }, calendar, '2027-01-04').title).toMatch(/Rathaus \(12 Geräte\)/);
  });
});

it('knows the day a run went live: its go-live step done, on the Berlin date (a migration goes on after it)', () => {
  const steps = [{ id: 'abnahme', state: 'done', completedAt: '2027-03-01T10:00:00.000Z' }, { id: 'umstellung', state: 'active' }];
  expect(wentLiveOn('verfahren-migration', steps)).toBeUndefined();
  // 23:30 UTC on 4 March is 5 March in Bavaria
  steps[1] = { id: 'umstellung', state: 'done', completedAt: '2027-03-04T23:30:00.000Z' };
  expect(wentLiveOn('verfahren-migration', steps)).toBe('2027-03-05');
  expect(wentLiveOn('gemeinde-onboarding', steps)).toBe('2027-03-05');
});
