import { berlinDate } from './berlin-time';
import { windowsFor } from './blocked-windows';
import { findGemeinde } from './catalog/gemeinden';
import { findVerfahren } from './catalog/verfahren';
import { rolloutTitle } from './rollout-batch';
import { templateFor } from './templates';
import type {
  BlockedWindow,
  Calendar,
  ChildRunInput,
  MigrationInput,
  OnboardingInput,
  OnboardingVariant,
  PlanStep,
  ProcessId,
  ProcessTemplate,
  ResolvedPlan,
  RolloutInput,
  Subject,
} from './types';

export const DEFAULT_BATCH_SIZE = 25;
export const DEFAULT_MIGRATION_CONCURRENCY = 5;

/** Readable, deterministic run ids: one running onboarding per Gemeinde, one migration per Verfahren. */
export const runIds = {
  onboarding: (ags: string) => `onboarding-${ags}`,
  migration: (ags: string, verfahrenId: string) => `migration-${ags}-${verfahrenId}`,
  rollout: (ags: string, batch: string) => `rollout-${ags}-${slug(batch)}`,
};

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Organisation-wide settings a plan carries (from configuration, resolved where the plan is resolved). */
export interface PlanSettings {
  /** every configured blocked window, concrete dates */
  windows?: BlockedWindow[];
  boardEscalationDays?: number;
}

export const DEFAULT_BOARD_ESCALATION_DAYS = 5;

/** How far ahead a go-live may be planned. Plans are computed day by day (business days, holidays), so a date in
 * the year 9999 would keep a workflow busy for good; five years is far beyond any takeover (4–9 months). */
export const GO_LIVE_HORIZON_YEARS = 5;

/** Whether `d` is a real calendar day written YYYY-MM-DD (2027-02-30 is not). */
export function isCalendarDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const parsed = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
}

/** The latest go-live date allowed on `today` (YYYY-MM-DD), counted from today's date in Bavaria. */
export function goLiveHorizon(today: Date): string {
  const d = new Date(`${berlinDate(today)}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + GO_LIVE_HORIZON_YEARS);
  return d.toISOString().slice(0, 10);
}

export interface ResolveOptions {
  subject: Subject;
  calendar: Calendar;
  startDate: string;
  variant?: OnboardingVariant;
  targetGoLive?: string;
  projectLead?: string;
  deputyLead?: string;
  children?: Record<string, ChildRunInput[]>;
  childConcurrency?: number;
  blockedWindows?: BlockedWindow[];
  windowRules?: BlockedWindow[];
  boardEscalationDays?: number;
}

/** Applies the variant (drops foreign steps and dependencies on them, applies overrides) and attaches children. */
export function resolveTemplate(template: ProcessTemplate, options: ResolveOptions): ResolvedPlan {
  const included = template.steps.filter((s) => !s.variants || (options.variant && s.variants.includes(options.variant)));
  const ids = new Set(included.map((s) => s.id));
  const steps: PlanStep[] = included.map((s) => {
    const { variantOverrides, variants: _variants, ...rest } = s;
    const override = options.variant ? variantOverrides?.[options.variant] : undefined;
    const step: PlanStep = { ...rest, ...override, dependsOn: s.dependsOn.filter((d) => ids.has(d)) };
    const children = options.children?.[s.id];
    if (children) step.children = children;
    return step;
  });
  return {
    process: template.id,
    title: template.title,
    subject: options.subject,
    phases: template.phases.filter((p) => steps.some((s) => s.phase === p.id)),
    steps,
    calendar: options.calendar,
    startDate: options.startDate,
    targetGoLive: options.targetGoLive,
    projectLead: options.projectLead,
    ...(options.deputyLead ? { deputyLead: options.deputyLead } : {}),
    childConcurrency: options.childConcurrency ?? DEFAULT_MIGRATION_CONCURRENCY,
    ...(options.blockedWindows?.length ? { blockedWindows: options.blockedWindows } : {}),
    ...(options.windowRules?.length ? { windowRules: options.windowRules } : {}),
    boardEscalationDays: options.boardEscalationDays ?? DEFAULT_BOARD_ESCALATION_DAYS,
  };
}

function subjectFor(ags: string): Subject {
  const gemeinde = findGemeinde(ags);
  return { ags, name: gemeinde?.name ?? `Gemeinde ${ags}` };
}

/** Splits `workstations` devices into batches of at most `batchSize`. */
export function deviceBatches(workstations: number, batchSize = DEFAULT_BATCH_SIZE): { batch: string; devices: number }[] {
  const batches: { batch: string; devices: number }[] = [];
  for (let done = 0, n = 1; done < workstations; n++) {
    const devices = Math.min(batchSize, workstations - done);
    batches.push({ batch: `Charge ${n}`, devices });
    done += devices;
  }
  return batches;
}

/** Child runs are led by the parent's lead and deputy; the key is left out when there is no deputy. */
const deputyOf = (leads: { deputyLead?: string }) => (leads.deputyLead ? { deputyLead: leads.deputyLead } : {});

export function resolveOnboardingPlan(input: OnboardingInput, calendar: Calendar, startDate: string, settings: PlanSettings = {}): ResolvedPlan {
  const { ags } = input;
  const migrations: ChildRunInput[] = input.verfahren.map((verfahrenId, i) =>
    migrationChild(ags, verfahrenId, input.projectLead, input.targetGoLive, i > 0 ? input.verfahren[i - 1] : undefined, input.deputyLead));
  const rollouts: ChildRunInput[] = deviceBatches(input.workstations, input.batchSize).map(({ batch, devices }) => ({
    process: 'arbeitsplatz-rollout',
    runId: runIds.rollout(ags, batch),
    input: { ags, batch, devices, projectLead: input.projectLead, ...deputyOf(input), targetGoLive: input.targetGoLive },
  }));
  return resolveTemplate(templateFor('gemeinde-onboarding'), {
    subject: subjectFor(ags),
    calendar,
    startDate,
    variant: input.variant,
    targetGoLive: input.targetGoLive,
    projectLead: input.projectLead,
    deputyLead: input.deputyLead,
    children: { verfahrensmigrationen: migrations, 'arbeitsplatz-rollouts': rollouts },
    childConcurrency: input.migrationConcurrency ?? DEFAULT_MIGRATION_CONCURRENCY,
    windowRules: settings.windows,
    boardEscalationDays: settings.boardEscalationDays,
  });
}

export function migrationChild(ags: string, verfahrenId: string, projectLead?: string, targetGoLive?: string, after?: string, deputyLead?: string): ChildRunInput {
  return {
    process: 'verfahren-migration',
    runId: runIds.migration(ags, verfahrenId),
    input: { ags, verfahrenId, projectLead, ...deputyOf({ deputyLead }), targetGoLive, ...(after ? { after } : {}) },
  };
}

export function resolveMigrationPlan(input: MigrationInput, calendar: Calendar, startDate: string, settings: PlanSettings = {}): ResolvedPlan {
  const verfahren = findVerfahren(input.verfahrenId);
  const plan = resolveTemplate(templateFor('verfahren-migration'), {
    subject: subjectFor(input.ags),
    calendar,
    startDate,
    targetGoLive: input.targetGoLive,
    projectLead: input.projectLead,
    deputyLead: input.deputyLead,
    blockedWindows: windowsFor(verfahren, settings.windows).filter((w) => w.to >= startDate),
    boardEscalationDays: settings.boardEscalationDays,
  });
  return { ...plan, title: `${plan.title}: ${verfahren?.name ?? input.verfahrenId}` };
}

export function resolveRolloutPlan(input: RolloutInput, calendar: Calendar, startDate: string, settings: PlanSettings = {}): ResolvedPlan {
  const plan = resolveTemplate(templateFor('arbeitsplatz-rollout'), {
    subject: subjectFor(input.ags),
    calendar,
    startDate,
    targetGoLive: input.targetGoLive,
    projectLead: input.projectLead,
    deputyLead: input.deputyLead,
    boardEscalationDays: settings.boardEscalationDays,
  });
  return { ...plan, title: rolloutTitle(plan.title, { name: input.batch, devices: input.devices }) };
}

/** A child's plan, resolved by its parent workflow with the parent's calendar and settings. */
export function resolveChildPlan(child: ChildRunInput, parent: ResolvedPlan, startDate: string): ResolvedPlan {
  const settings: PlanSettings = { windows: parent.windowRules, boardEscalationDays: parent.boardEscalationDays };
  return child.process === 'verfahren-migration'
    ? resolveMigrationPlan(child.input, parent.calendar, startDate, settings)
    : resolveRolloutPlan(child.input, parent.calendar, startDate, settings);
}

/** Steps in an order where every step comes after its dependencies; throws on a cycle or an unknown dependency. */
export function topologicalOrder<T extends { id: string; dependsOn: string[] }>(steps: T[]): T[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const order: T[] = [];
  const mark = new Map<string, 'visiting' | 'done'>();
  const visit = (step: T, path: string[]): void => {
    const m = mark.get(step.id);
    if (m === 'done') return;
    if (m === 'visiting') throw new Error(`cycle: ${[...path, step.id].join(' → ')}`);
    mark.set(step.id, 'visiting');
    for (const dep of step.dependsOn) {
      const d = byId.get(dep);
      if (!d) throw new Error(`step ${step.id} depends on unknown step ${dep}`);
      visit(d, [...path, step.id]);
    }
    mark.set(step.id, 'done');
    order.push(step);
  };
  for (const s of steps) visit(s, []);
  return order;
}

export function processIdOf(value: string): ProcessId | undefined {
  return (['gemeinde-onboarding', 'verfahren-migration', 'arbeitsplatz-rollout'] as const).find((p) => p === value);
}
