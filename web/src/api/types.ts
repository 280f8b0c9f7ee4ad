// The shapes the UI reads from the HTTP API (API.md). Declared here, not imported from api/: web/ talks to the
// server over HTTP only, so it may lag behind or be ahead of a server version without breaking the build.

export type Role =
  | 'vorstand'
  | 'bereichsleitung'
  | 'projektleitung'
  | 'netzwerk'
  | 'arbeitsplatz'
  | 'verfahren'
  | 'datenschutz'
  | 'isb'
  | 'gemeinde'
  | 'admin';

export type ProcessId = 'gemeinde-onboarding' | 'verfahren-migration' | 'arbeitsplatz-rollout';
export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';
export type Health = 'green' | 'amber' | 'red';
export type StepKind = 'manual' | 'automated' | 'wait' | 'external' | 'child';
export type StepState = 'pending' | 'ready' | 'active' | 'done' | 'skipped' | 'failed';
export type TaskState = 'open' | 'review' | 'done' | 'cancelled';

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface User {
  id: string;
  name: string;
  roles: Role[];
  gemeinden: string[];
}

export interface DemoUser extends User {
  token: string;
}

export interface Gemeinde {
  ags: string;
  name: string;
  plz?: string;
  vg?: string;
}

export interface Verfahren {
  id: string;
  name: string;
  category: string;
  vendor?: string;
}

export interface Step {
  id: string;
  title: string;
  phase: string;
  kind: StepKind;
  state: StepState;
  candidateRoles?: Role[];
  dependsOn?: string[];
  plannedStart?: string;
  plannedEnd?: string;
  projectedEnd?: string;
  critical?: boolean;
  milestone?: boolean;
  startedAt?: string;
  completedAt?: string;
  error?: string;
  summary?: string;
  children?: string[];
  childStatus?: Record<string, RunStatus>;
  waitUntil?: string;
}

export interface RunSummary {
  id: string;
  process: ProcessId;
  title?: string;
  status: RunStatus;
  parentId?: string;
  gemeinde: { ags: string; name: string };
  progress: number;
  health: Health;
  /** why the run is amber or red, in German */
  healthReasons?: HealthReason[];
  phase: string;
  phaseTitle?: string;
  targetGoLive?: string;
  projectedGoLive?: string;
  startedAt?: string;
  completedAt?: string;
}

export interface HealthReason {
  kind: 'late' | 'incident' | 'held' | 'ambitious';
  text: string;
  stepId?: string;
}

/** POST /plan-preview: the earliest feasible go-live of an onboarding started today */
export interface PlanPreview {
  startDate: string;
  earliestGoLive: string;
  targetGoLive?: string;
  ambitious?: boolean;
}

export interface Run extends RunSummary {
  plannedGoLive?: string;
  slackDays?: number;
  /** the target lies before the earliest feasible go-live; health is measured against the plan */
  ambitious?: boolean;
  cancelReason?: string;
  steps: Step[];
  incidents?: { stepId: string; error: string }[];
  contact?: { id: string; name?: string; email?: string };
}

export interface Approval {
  user: string;
  role?: Role;
  at: string;
}

export interface Comment {
  id: number;
  user: string;
  at: string;
  text: string;
}

export interface Task {
  id: string;
  runId: string;
  stepId: string;
  title: string;
  description?: string;
  kind: StepKind;
  state: TaskState;
  process?: ProcessId;
  candidateRoles: Role[];
  ags: string;
  gemeindeName?: string;
  assignee?: string;
  openedAt?: string;
  dueAt?: string;
  overdue: boolean;
  completedAt?: string;
  completedBy?: string;
  approvals: { required: number; roles?: Role[]; given: Approval[] };
  form: { id: string; schema: JsonSchema } | null;
  data?: Record<string, unknown>;
  /** the result of an earlier automated step the task is about (the offer an approval approves) */
  context?: TaskContext;
  comments: Comment[];
  returnReason?: string;
  /** four eyes: what the first person entered, who and when */
  submission?: { data?: Record<string, unknown>; by: string; at: string };
  /** four eyes: every approval and rejection, oldest first */
  reviews?: Review[];
  /** a repair task: the failed automated step, its error and the input it failed on */
  incident?: { stepId: string; error: string; input?: Record<string, unknown> };
  /** what the signed-in user may do with the task now, decided by the server (domain/policy.ts) */
  allowedActions: TaskAction[];
}

/** The task actions as the API names them (`complete`: enter the data, or submit it for review). */
export type TaskAction = 'claim' | 'unclaim' | 'assign' | 'return' | 'complete' | 'approve' | 'reject' | 'comment' | 'retry' | 'skip';

export interface Review {
  by: string;
  at: string;
  decision: 'approved' | 'rejected';
  reason?: string;
  comment?: string;
}

export interface TaskContext {
  stepId: string;
  title: string;
  summary?: string;
  result: Record<string, unknown>;
}

/** The subset of JSON Schema (draft 2020-12) that task forms use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  title?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  /** `text/csv`: an export uploaded as a file (CSV or Excel) */
  contentMediaType?: string;
}

/** POST /forms/{formId}/fields/{field}/check: an uploaded export read and checked before the form is submitted */
export interface ExportCheck {
  name: string;
  format: 'csv' | 'xlsx';
  sheet?: string;
  csv: string;
  preview: { header: string[]; rows: { line: number; fields: string[] }[]; dataLines: number } | null;
  problems: string[];
  problemCount: number;
}

export interface ProcessTemplate {
  id: ProcessId;
  title: string;
  phases: { id: string; title: string }[];
}

export interface Milestone {
  stepId: string;
  title: string;
  date: string;
}

export interface DashboardOnboarding {
  id: string;
  gemeinde: { ags: string; name: string };
  phase: string;
  phaseTitle?: string;
  progress: number;
  health: Health;
  healthReasons?: HealthReason[];
  status?: RunStatus;
  startedAt?: string;
  targetGoLive?: string;
  projectedGoLive?: string;
  projectLead?: string | { id: string; name?: string };
  openTasks: number;
  overdueTasks: number;
  tasksByTeam?: Partial<Record<Role, { open: number; overdue: number }>>;
  nextMilestones: Milestone[];
}

export interface Dashboard {
  onboardings: DashboardOnboarding[];
  counts?: { process: ProcessId; status: RunStatus; count: number }[];
  completedByYear?: { year: number; process: ProcessId; count: number; avgDays: number; minDays: number; maxDays: number }[];
}

/** a document of a run (GET /runs/{id}/documents) */
export interface DocumentInfo {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  by: string;
  at: string;
  taskId?: string;
  kind?: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  type: string;
  actor?: string;
  data?: Record<string, unknown>;
}

export type AuthConfig = { mode: 'demo' } | { mode: 'oidc'; issuer: string; clientId: string; scopes?: string[] | string };

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  existingRunId?: string;
}
