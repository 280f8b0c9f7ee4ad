import { berlinDate } from '../berlin-time';
import type { ProcessId, ProcessTemplate } from '../types';
import { migrationTemplate } from './migration';
import { onboardingTemplate } from './onboarding';
import { rolloutTemplate } from './rollout';

export const TEMPLATES: Record<ProcessId, ProcessTemplate> = {
  'gemeinde-onboarding': onboardingTemplate,
  'verfahren-migration': migrationTemplate,
  'arbeitsplatz-rollout': rolloutTemplate,
};

export function templateFor(process: ProcessId): ProcessTemplate {
  return TEMPLATES[process];
}

/**
 * The Berlin date a run went live: its go-live step done (the cutover), else undefined. A run goes on after it
 * (parallel operation, decommissioning), so its go-live is a fact from then on, no longer a forecast.
 */
export function wentLiveOn(process: ProcessId, steps: readonly { id: string; state: string; completedAt?: string }[]): string | undefined {
  const goLive = templateFor(process).steps.find((s) => s.goLive)?.id;
  const done = steps.find((s) => s.id === goLive && s.state === 'done');
  return done?.completedAt ? berlinDate(done.completedAt) : undefined;
}
