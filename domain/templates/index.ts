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
