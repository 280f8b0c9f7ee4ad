// Where an onboarding stands and why a date moved, in plain words for the town hall: the run's health reasons
// (late step, incident, held cutover, ambitious target) say it for the KU's staff; these sentences say it for a
// Bürgermeister — no error texts, no step ids, and whose turn it is.
import type { HealthReason, Run } from '../api/types';
import { formatDate } from './format';

/** One sentence per reason, in the order the run gives them. */
export function plainReasons(run: Pick<Run, 'healthReasons' | 'steps' | 'projectedGoLive' | 'targetGoLive'>): string[] {
  return (run.healthReasons ?? []).map((r) => plainReason(r, run));
}

function plainReason(r: HealthReason, run: Pick<Run, 'steps' | 'projectedGoLive' | 'targetGoLive'>): string {
  const step = r.stepId ? run.steps.find((s) => s.id === r.stepId) : undefined;
  const title = step ? `„${step.title}“` : 'ein Arbeitsschritt';
  const ours = step?.candidateRoles?.length === 1 && step.candidateRoles[0] === 'gemeinde';
  switch (r.kind) {
    case 'late':
      return `Der Termin verschiebt sich, weil ${title} länger dauert als geplant`
        + (ours ? ' – dieser Schritt liegt bei Ihnen.' : '.')
        + (run.projectedGoLive ? ` Voraussichtlicher Start im neuen Betrieb: ${formatDate(run.projectedGoLive)}.` : '');
    case 'incident':
      return `Bei ${title} gibt es gerade ein technisches Problem. Das KU kümmert sich darum; Sie müssen dafür nichts tun.`;
    case 'held':
      return `Die Umstellung ${title} ist bewusst auf einen ruhigeren Zeitpunkt verschoben, damit Ihr Betrieb nicht gestört wird (etwa wegen eines Jahresabschlusses oder einer Wahl).`;
    case 'ambitious':
      return `Ihr Wunschtermin${run.targetGoLive ? ` (${formatDate(run.targetGoLive)})` : ''} ist knapp geplant: Wir arbeiten darauf hin, können ihn aber nicht fest zusagen.`;
    default:
      return 'Der Zeitplan hat sich geändert.';
  }
}

/** The run's state in one sentence. */
export function plainStatus(run: Pick<Run, 'status' | 'health' | 'projectedGoLive'>): string {
  if (run.status === 'completed') return 'Ihr Onboarding ist abgeschlossen.';
  if (run.status !== 'running') return 'Ihr Onboarding ruht derzeit.';
  const date = run.projectedGoLive ? ` Voraussichtlicher Start im neuen Betrieb: ${formatDate(run.projectedGoLive)}.` : '';
  if (run.health === 'green') return `Alles läuft nach Plan.${date}`;
  if (run.health === 'amber') return `Es gibt eine kleine Verzögerung; die Gründe stehen unten.${date}`;
  return `Der Zeitplan ist deutlich in Verzug; die Gründe stehen unten.${date}`;
}
