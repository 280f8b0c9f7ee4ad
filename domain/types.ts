// Shared vocabulary of the domain. Pure types: bundled into workflows, so nothing here may do I/O.

export const ROLES = [
  'vorstand',
  'bereichsleitung',
  'projektleitung',
  'netzwerk',
  'arbeitsplatz',
  'verfahren',
  'datenschutz',
  'isb',
  'gemeinde',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PROCESSES = ['gemeinde-onboarding', 'verfahren-migration', 'arbeitsplatz-rollout'] as const;
export type ProcessId = (typeof PROCESSES)[number];

export const STEP_KINDS = ['manual', 'automated', 'wait', 'external', 'child'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export type StepState = 'pending' | 'ready' | 'active' | 'done' | 'skipped' | 'failed';
export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';
export type Health = 'green' | 'amber' | 'red';
export type OnboardingVariant = 'mitglied' | 'dienstleistung';

/** Names of the automated activities a step may run (implemented in activities/, referenced by name here). */
export type ActivityName =
  | 'computeOffer'
  | 'issueOffer'
  | 'importInventory'
  | 'allocateNetworkPlan'
  | 'releaseNetworkPlan'
  | 'planAccounts'
  | 'reconcileTestMigration'
  | 'registerDevices'
  | 'retireDevices';

/** Names of task forms (zod schemas in api/forms.ts, exposed to clients as JSON Schema). */
export type FormId =
  | 'fragebogen'
  | 'angebotFreigabe'
  | 'beschluss'
  | 'vertrag'
  | 'avv'
  | 'vvt'
  | 'altvertraege'
  | 'inventur'
  | 'verfahrensliste'
  | 'netzAufnahme'
  | 'gapAnalyse'
  | 'schutzbedarf'
  | 'schulung'
  | 'goNoGo'
  | 'abnahme'
  | 'steckbrief'
  | 'testMigration'
  | 'funktionstest'
  | 'uebergabe'
  | 'geraeteErfassung'
  | 'vernichtung'
  | 'umstellung'
  | 'erledigt';

/** Four-eyes and other multi-approval rules. With `roles`, each approval must cover a role not yet covered. */
export interface ApprovalRule {
  required: number;
  roles?: Role[];
}

/** How a `child` step fans out. */
export interface ChildSpec {
  process: Exclude<ProcessId, 'gemeinde-onboarding'>;
  /** one child per selected Verfahren, or one per batch of devices */
  fanOut: 'verfahren' | 'deviceBatches';
}

export interface StepTemplate {
  id: string;
  title: string;
  phase: string;
  kind: StepKind;
  /** what a person has to do, shown on the task */
  description: string;
  candidateRoles: Role[];
  dependsOn: string[];
  /** planned duration in business days */
  plannedDays: number;
  /** business days until a task is due; defaults to plannedDays */
  slaDays?: number;
  form?: FormId;
  approvals?: ApprovalRule;
  activity?: ActivityName;
  /** the activity that undoes what this automated step reserved, run (newest first) when the run is cancelled */
  compensation?: ActivityName;
  child?: ChildSpec;
  /** only in these onboarding variants (absent: every variant) */
  variants?: OnboardingVariant[];
  /** inbound event type that completes an `external` step */
  externalEvent?: string;
  /** the step is a cutover: never inside a blocked window of its Verfahren category */
  cutover?: boolean;
  /** a milestone shown on timelines and announced by mail */
  milestone?: boolean;
  /** the step has a state per device of the batch (rollouts, domain/device-steps.ts) */
  perDevice?: boolean;
  /** the step whose end is the run's go-live (projected go-live, health) */
  goLive?: boolean;
  /** variant-specific title, description or duration of the same step */
  variantOverrides?: Partial<Record<OnboardingVariant, Partial<Pick<StepTemplate, 'title' | 'description' | 'plannedDays'>>>>;
  /** the task shows the result of this earlier automated step (the offer approval shows the offer it approves) */
  showResultOf?: string;
  /** when this automated step fails for good, reopen that manual step (e.g. a failed reconciliation sends the test export back) */
  reopenOnFailure?: string;
  /** the task is completed only once a document of this kind is uploaded to it or its run (checked by the API) */
  requiresDocument?: RequiredDocument;
}

export interface RequiredDocument {
  /** the documents' `kind` (`vertrag`, `avv`, `vernichtungsnachweis`, `abnahmeprotokoll`) */
  kind: string;
  /** what it is called in the error and on the task, e.g. „der unterschriebene Vertrag“ */
  label: string;
  /** the Gemeinde signs it and sends it back: asked for in its portal, and by mail when the step's task opens */
  fromGemeinde?: boolean;
}

export interface PhaseTemplate {
  id: string;
  title: string;
}

export interface ProcessTemplate {
  id: ProcessId;
  title: string;
  description: string;
  phases: PhaseTemplate[];
  steps: StepTemplate[];
}

/** A step of a resolved plan: the template step with variant text applied and, for wait steps, its duration. */
export interface PlanStep extends StepTemplate {
  /** child runs this step will start (input for each), resolved at start */
  children?: ChildRunInput[];
}

export interface Calendar {
  /** public holidays (Bavaria) as YYYY-MM-DD for every year the run may touch */
  holidays: string[];
}

export interface Gemeinde {
  ags: string;
  name: string;
  plz: string;
  vg?: string;
}

export interface Verfahren {
  id: string;
  name: string;
  category: string;
  vendor?: string;
}

export interface Subject {
  ags: string;
  name: string;
}

/** The resolved plan travels in the workflow input: editing a template never changes a running run. */
export interface ResolvedPlan {
  process: ProcessId;
  title: string;
  subject: Subject;
  phases: PhaseTemplate[];
  steps: PlanStep[];
  calendar: Calendar;
  /** YYYY-MM-DD */
  startDate: string;
  targetGoLive?: string;
  projectLead?: string;
  /** Stellvertretung: a second project lead who gets the lead's mail too */
  deputyLead?: string;
  /** concurrency limit for child runs of one child step */
  childConcurrency: number;
  /** periods in which no cutover of this run may be scheduled (already narrowed to this run's Verfahren) */
  blockedWindows?: BlockedWindow[];
  /** every configured blocked window, handed down to child runs that narrow it to their Verfahren */
  windowRules?: BlockedWindow[];
  /** overdue tasks go to the board after this many further business days */
  boardEscalationDays?: number;
}

/** A period (inclusive dates) in which cutovers of the matching Verfahren are not scheduled. */
export interface BlockedWindow {
  from: string;
  to: string;
  reason: string;
  /** matching Verfahren ids (absent: every Verfahren of the categories) */
  verfahren?: string[];
  /** matching catalogue categories */
  categories?: string[];
}

export interface OnboardingInput {
  ags: string;
  variant: OnboardingVariant;
  targetGoLive: string;
  /** why a target before the earliest feasible go-live is wanted (the run is then ambitious) */
  targetReason?: string;
  projectLead: string;
  /** Stellvertretung of the project lead (optional) */
  deputyLead?: string;
  verfahren: string[];
  workstations: number;
  notes?: string;
  /** devices per rollout batch (default 25) */
  batchSize?: number;
  /** at most this many Verfahren migrate at once (default 5) */
  migrationConcurrency?: number;
}

export interface MigrationInput {
  ags: string;
  verfahrenId: string;
  projectLead?: string;
  deputyLead?: string;
  targetGoLive?: string;
  /** previous Verfahren in the Gemeinde's fixed migration order (informational) */
  after?: string;
}

export interface RolloutInput {
  ags: string;
  /** batch label, e.g. "Rathaus 1" */
  batch: string;
  devices: number;
  projectLead?: string;
  deputyLead?: string;
  targetGoLive?: string;
}

export type ChildRunInput =
  | { process: 'verfahren-migration'; runId: string; input: MigrationInput }
  | { process: 'arbeitsplatz-rollout'; runId: string; input: RolloutInput };
