// Health of a run and its reasons, in German: the late step and by how much, the open incident, the held cutover,
// the ambitious target. Health is measured against the target, or against the plan when the target is ambitious
// (before the earliest feasible go-live): a run turns red only when it slips further than RED_DELAY_DAYS.
import type { Health } from './types';

/** Slip beyond this many business days past the target (or the plan, for an ambitious target) turns a run red. */
export const RED_DELAY_DAYS = 10;

export type HealthReasonKind = 'late' | 'incident' | 'held' | 'ambitious';

export interface HealthReason {
  kind: HealthReasonKind;
  text: string;
  stepId?: string;
}

/** YYYY-MM-DD as the German date 14.10.2027. */
export function germanDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export const days = (n: number) => `${n} ${Math.abs(n) === 1 ? 'Arbeitstag' : 'Arbeitstage'}`;

export interface HealthInputs {
  /** business days the projected go-live lies after the baseline (target, or plan when ambitious) */
  slipDays: number;
  reasons: HealthReason[];
  /** a held step alone turns the run amber (runs recorded before the engine's patch 'held-step-informs') */
  heldIsRisk?: boolean;
}

/**
 * Red when the slip exceeds RED_DELAY_DAYS; amber with any other reason; green otherwise. A held step is told, not
 * counted: the forecast already starts it after its hold, so a hold that costs the go-live shows as the slip it
 * causes, and one the buffer absorbs is no risk.
 */
export function healthFrom({ slipDays, reasons, heldIsRisk = false }: HealthInputs): Health {
  if (slipDays > RED_DELAY_DAYS) return 'red';
  return reasons.some((r) => heldIsRisk || r.kind !== 'held') ? 'amber' : 'green';
}
