// The sample year of the year plan's tests (issue 15): DOMAIN.md's team capacity, the ten sample Gemeinden (four
// onboardings running, six planned with desired go-lives across the next two years) and a plan maker.
import { bavarianCalendar } from '../../../runtime/bavarian-calendar';
import { GEMEINDEN } from '../../../domain/catalog/gemeinden';
import { planForGoLive, type CapacityConfig, type PlannedWork, type TeamCapacity } from '../../../domain/capacity';

export type { CapacityConfig };
import { earliestGoLive } from '../../../domain/feasibility';
import { resolveOnboardingPlan } from '../../../domain/plan';
import type { OnboardingVariant } from '../../../domain/types';

export const TODAY = '2027-01-11';
export const calendar = bavarianCalendar(2026, 5);
// DOMAIN.md's sample capacity
export const teams: TeamCapacity[] = [
  { role: 'projektleitung', people: 2, hoursPerWeek: 20 },
  { role: 'bereichsleitung', people: 1, hoursPerWeek: 6 },
  { role: 'netzwerk', people: 2, hoursPerWeek: 16 },
  { role: 'arbeitsplatz', people: 4, hoursPerWeek: 24 },
  { role: 'verfahren', people: 3, hoursPerWeek: 20 },
  { role: 'datenschutz', people: 1, hoursPerWeek: 6 },
  { role: 'isb', people: 1, hoursPerWeek: 6 },
  { role: 'vorstand', people: 1, hoursPerWeek: 2 },
];
export const config: CapacityConfig = { teams, absences: [], holidays: calendar.holidays };

const VERFAHREN = ['ok-fis', 'ok-ewo', 'ok-pws', 'pass-ausweis', 'fundsachen', 'gewerbe', 'grundsteuer'];

export function onboarding(ags: string, variant: OnboardingVariant, verfahren: number, workstations: number, start: string) {
  return resolveOnboardingPlan({ ags, variant, targetGoLive: '', projectLead: 'a.gruber', verfahren: VERFAHREN.slice(0, verfahren), workstations }, calendar, start);
}

/** Four onboardings started in the last months, six planned with desired go-lives across the next two years. */
export function sampleYear(): PlannedWork[] {
  const [a, b, c, d, ...planned] = GEMEINDEN.slice(0, 10);
  const running: PlannedWork[] = ([[a, '2026-07-01', 7, 120], [b, '2026-09-01', 5, 60], [c, '2026-10-15', 4, 40], [d, '2026-12-01', 3, 30]] as const)
    .map(([g, start, v, ws]) => {
      const plan = onboarding(g.ags, 'mitglied', v, ws, start);
      return { id: `onboarding-${g.ags}`, name: g.name, kind: 'run', plan, goLive: earliestGoLive(plan) };
    });
  const desired = ['2027-10-01', '2027-12-01', '2028-03-01', '2028-05-01', '2028-07-01', '2028-09-15'];
  const pipeline = planned.map((g, i): PlannedWork => {
    const plan = planForGoLive((start) => onboarding(g.ags, i % 2 ? 'dienstleistung' : 'mitglied', 3, 25, start), desired[i], TODAY);
    return { id: `p-${i}`, name: g.name, kind: 'planned', plan, goLive: earliestGoLive(plan) };
  });
  return [...running, ...pipeline];
}
