// The process registry: for each process what starting it takes — its workflow type, its run id, how its input
// becomes a plan, and the search attributes its run starts with. The API's start and the engine's child starts both
// read it, so a process's facts are written once. Pure and deterministic: the engine bundles it.
import { resolveMigrationPlan, resolveOnboardingPlan, resolveRolloutPlan, runIds, type PlanSettings } from './plan';
import type { Calendar, Health, MigrationInput, OnboardingInput, ProcessId, ResolvedPlan, RolloutInput } from './types';

/** The start input of each process. */
export interface ProcessInputs {
  'gemeinde-onboarding': OnboardingInput;
  'verfahren-migration': MigrationInput;
  'arbeitsplatz-rollout': RolloutInput;
}

/** What each process's run id is built from (known before the rest of the input is checked). */
export interface RunIdInputs {
  'gemeinde-onboarding': Pick<OnboardingInput, 'ags'>;
  'verfahren-migration': Pick<MigrationInput, 'ags' | 'verfahrenId'>;
  'arbeitsplatz-rollout': Pick<RolloutInput, 'ags' | 'batch'>;
}

/** Where and when a plan is resolved: the calendar comes from the caller (a holiday library is not bundled here). */
export interface PlanContext {
  calendar: Calendar;
  /** the run's first day, a Europe/Berlin date */
  startDate: string;
  settings?: PlanSettings;
}

export interface ProcessDefinition<I, K = I> {
  /** the workflow function's name, exported from workflows/index.ts */
  workflowType: string;
  /** the run id: readable and deterministic, so a second start of the same thing is refused as a duplicate */
  runId(input: K): string;
  /** every id `runId` builds matches this */
  runIdPattern: RegExp;
  resolvePlan(input: I, context: PlanContext): ResolvedPlan;
}

export const PROCESS_REGISTRY: { [P in ProcessId]: ProcessDefinition<ProcessInputs[P], RunIdInputs[P]> } = {
  'gemeinde-onboarding': {
    workflowType: 'gemeindeOnboarding',
    runId: (input) => runIds.onboarding(input.ags),
    runIdPattern: /^onboarding-\d{8}$/,
    resolvePlan: (input, c) => resolveOnboardingPlan(input, c.calendar, c.startDate, c.settings),
  },
  'verfahren-migration': {
    workflowType: 'verfahrenMigration',
    runId: (input) => runIds.migration(input.ags, input.verfahrenId),
    runIdPattern: /^migration-\d{8}-.+$/,
    resolvePlan: (input, c) => resolveMigrationPlan(input, c.calendar, c.startDate, c.settings),
  },
  'arbeitsplatz-rollout': {
    workflowType: 'arbeitsplatzRollout',
    runId: (input) => runIds.rollout(input.ags, input.batch),
    runIdPattern: /^rollout-\d{8}-[a-z0-9-]*$/,
    resolvePlan: (input, c) => resolveRolloutPlan(input, c.calendar, c.startDate, c.settings),
  },
};

/** The workflow type of each process (also re-exported by workflows/messages.ts for the API and scripts). */
export const WORKFLOW_TYPES: Record<ProcessId, string> = {
  'gemeinde-onboarding': PROCESS_REGISTRY['gemeinde-onboarding'].workflowType,
  'verfahren-migration': PROCESS_REGISTRY['verfahren-migration'].workflowType,
  'arbeitsplatz-rollout': PROCESS_REGISTRY['arbeitsplatz-rollout'].workflowType,
};

export function runIdOf<P extends ProcessId>(process: P, input: RunIdInputs[P]): string {
  const definition: ProcessDefinition<ProcessInputs[P], RunIdInputs[P]> = PROCESS_REGISTRY[process];
  return definition.runId(input);
}

export function resolvePlanOf<P extends ProcessId>(process: P, input: ProcessInputs[P], context: PlanContext): ResolvedPlan {
  const definition: ProcessDefinition<ProcessInputs[P], RunIdInputs[P]> = PROCESS_REGISTRY[process];
  return definition.resolvePlan(input, context);
}

/**
 * The search attributes a run starts with (workflows/search-attributes.ts types them for Temporal). No personal
 * data: the process, the Gemeinde's AGS (a public key) and status figures. The engine updates phase, health and
 * progress as the run goes on.
 */
export interface InitialSearchAttributes {
  process: ProcessId;
  ags: string;
  phase: string;
  health: Health;
  progress: number;
  /** a date-only Europe/Berlin date; absent when the plan has no target */
  targetGoLive?: string;
}

export function initialSearchAttributes(plan: ResolvedPlan): InitialSearchAttributes {
  return {
    process: plan.process,
    ags: plan.subject.ags,
    phase: plan.phases[0].id,
    health: 'green',
    progress: 0,
    ...(plan.targetGoLive ? { targetGoLive: plan.targetGoLive } : {}),
  };
}

/** Everything a start needs, from the process and its input. */
export interface ProcessStart {
  workflowType: string;
  runId: string;
  plan: ResolvedPlan;
  searchAttributes: InitialSearchAttributes;
}

export function startOf<P extends ProcessId>(process: P, input: ProcessInputs[P], context: PlanContext): ProcessStart {
  const plan = resolvePlanOf(process, input, context);
  return {
    workflowType: PROCESS_REGISTRY[process].workflowType,
    runId: runIdOf(process, input),
    plan,
    searchAttributes: initialSearchAttributes(plan),
  };
}
