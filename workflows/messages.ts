// The contract between the API and the workflows: Update, Query and Signal definitions plus the shapes they carry.
// The API imports this module without pulling in any workflow code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DomainEvent, StoredRange } from '../domain/events';
import type {
  ApprovalRule,
  FormId,
  ProcessId,
  ResolvedPlan,
  Role,
  RunStatus,
  StepKind,
} from '../domain/types';
import type { CarriedState } from './engine/continue-as-new';
import type { RunView, StepView } from '../domain/run-view';

export const TASK_QUEUE = 'gemeinde-onboarding';

/** The activity that appends a run's domain events to the audit log (implemented in activities/events.ts). */
export type RecordEvents = (events: DomainEvent[]) => Promise<void>;
/** Sends the mails and webhooks a batch of stored events calls for (implemented in activities/notifications.ts). */
export type DeliverNotifications = (events: DomainEvent[]) => Promise<void>;
/** The same for a batch named by its seqs, read back from the audit log (patch notify-stored-range). */
export type DeliverStoredNotifications = (range: StoredRange) => Promise<void>;

/** Who acts: taken from the verified token by the API and re-checked by the workflow validators. */
export interface Actor {
  id: string;
  roles: Role[];
  /** AGS the actor is scoped to (role `gemeinde`) */
  gemeinden: string[];
}

export interface Comment {
  id: number;
  user: string;
  at: string;
  text: string;
}

export interface Approval {
  user: string;
  role: Role;
  at: string;
}

export type TaskState = 'open' | 'review' | 'done' | 'cancelled';

/** What the first person of a four-eyes step entered; the step records exactly this once it is approved. */
export interface Submission {
  data: Record<string, unknown>;
  by: string;
  at: string;
}

/** One decision of a second person on a submission; every round stays in the task's record. */
export interface Review {
  by: string;
  at: string;
  decision: 'approved' | 'rejected';
  reason?: string;
  comment?: string;
}

/** The failed automated step a repair task stands for (the task closes with the step's retry or skip). */
export interface Incident {
  stepId: string;
  error: string;
  /** the input the step failed on, prefilled in the repair form */
  input: Record<string, unknown>;
}

/** The result of an earlier automated step that a task shows (StepTemplate.showResultOf). */
export interface TaskContext {
  stepId: string;
  title: string;
  summary?: string;
  result: Record<string, unknown>;
}

export interface Task {
  id: string;
  runId: string;
  stepId: string;
  title: string;
  description: string;
  kind: StepKind;
  state: TaskState;
  candidateRoles: Role[];
  ags: string;
  gemeindeName: string;
  process: ProcessId;
  assignee?: string;
  openedAt: string;
  dueAt?: string;
  completedAt?: string;
  completedBy?: string;
  approvals: ApprovalRule & { given: Approval[] };
  formId: FormId | null;
  data?: Record<string, unknown>;
  /** what the task is about, from an earlier automated step (e.g. the offer an approval approves); not in history */
  context?: TaskContext;
  comments: Comment[];
  /** why the task was returned or reopened, shown to the next person */
  returnReason?: string;
  /** when the reminder goes out (one business day before the due date) */
  remindAt?: string;
  remindedAt?: string;
  /** when an overdue task goes on to the board */
  boardEscalationAt?: string;
  escalation?: { level: 'projektleitung' | 'vorstand'; at: string };
  /** four eyes: the data awaiting (or last sent for) a second person's review */
  submission?: Submission;
  /** four eyes: every approval and rejection, oldest first (absent on runs started before the review rule) */
  reviews?: Review[];
  /** a repair task: the failed automated step and the input it failed on */
  incident?: Incident;
}

export type { StepView };

export type RunState = RunView<Task>;

export interface WorkflowInput {
  plan: ResolvedPlan;
  /** the validated start request, kept for the audit trail and child resolution */
  request: Record<string, unknown>;
  /** who started the run, for the audit trail (absent: the system — a child run, or a run started before it was kept) */
  startedBy?: string;
  parentId?: string;
  /** the top-most ancestor run (absent: this run is the root) */
  rootId?: string;
  /** false only on Temporal's time-skipping test server, which has no visibility store for search attributes */
  searchAttributes?: boolean;
  /** retry policy for automated steps; tests shorten it */
  activityRetry?: { maximumAttempts: number; initialIntervalMs: number };
  /** history events after which the run continues as new (default DEFAULT_HISTORY_LIMIT); tests lower it */
  historyLimit?: number;
  /** the state a run continued as new takes over from its previous run */
  carried?: CarriedState;
}

export interface RunResult {
  status: RunStatus;
  completedAt: string;
}

export interface TaskActionBase {
  taskId: string;
  actor: Actor;
}

export interface CompleteTaskArgs extends TaskActionBase {
  data?: Record<string, unknown>;
  comment?: string;
}
export interface ApproveTaskArgs extends TaskActionBase {
  comment?: string;
}
export interface AssignTaskArgs extends TaskActionBase {
  assignee: string;
}
export interface ReturnTaskArgs extends TaskActionBase {
  reason: string;
}
export interface CommentArgs extends TaskActionBase {
  text: string;
}
export interface StepRepairArgs {
  stepId: string;
  actor: Actor;
  /** corrected input merged over the step's data */
  input?: Record<string, unknown>;
  reason?: string;
}
export interface MoveTargetArgs {
  actor: Actor;
  targetGoLive: string;
  reason: string;
}
export interface ChangeLeadArgs {
  actor: Actor;
  projectLead: string;
  /** the new Stellvertretung; '' ends it; absent: unchanged */
  deputyLead?: string;
  reason?: string;
}
export interface VerfahrenChangeArgs {
  actor: Actor;
  verfahrenId: string;
  reason?: string;
}
export interface CancelRunArgs {
  actor: Actor;
  reason: string;
}
export interface InboundEventArgs {
  eventId: string;
  type: string;
  /** the step to complete when several could match */
  stepId?: string;
  sender: string;
  data?: Record<string, unknown>;
}
export interface InboundEventResult {
  eventId: string;
  runId: string;
  stepId: string;
}

/**
 * A child run tells its parent its progress (0..1), so the parent counts a running child by its own progress, and
 * (patch child-forecast) the day it expects to end, so the parent's child step ends by its children's forecasts.
 */
export const childProgressed = defineSignal<[{ runId: string; progress: number; projectedEnd?: string }]>('childProgressed');

/** The event types a run is told of from outside its workflow (api/run-notes.ts), for its audit trail. */
export const RUN_NOTE_TYPES = ['document.uploaded', 'document.deleted', 'message.posted'] as const;

/**
 * A paper uploaded or deleted, a message posted: the API tells the run so that its audit trail holds them in order
 * with everything else. Ids and kinds only: a file's name or a message's text would put personal data into history.
 */
export interface RunNote {
  type: (typeof RUN_NOTE_TYPES)[number];
  actor: string;
  data: { documentId?: string; kind?: string; stepId?: string; messageId?: string; side?: 'gemeinde' | 'ku' };
}
export const noteOnRun = defineSignal<[RunNote]>('noteOnRun');
/**
 * What a task Update answers: the task, and the run's events not yet stored once the change is taken in (the API
 * stores them before it answers, so the inbox shows the change at once; workflows/engine/answer.ts).
 */
export type TaskAnswer = Task & { events?: DomainEvent[] };
/** A waiting period (kind `wait`) ended early by hand says why: the Update refuses it, the API already at its field. */
export const EARLY_END_NEEDS_REASON = 'Eine vorzeitig beendete Wartezeit braucht eine Begründung.';

export const completeTask = defineUpdate<TaskAnswer, [CompleteTaskArgs]>('completeTask');
export const approveTask = defineUpdate<TaskAnswer, [ApproveTaskArgs]>('approveTask');
export const rejectTask = defineUpdate<TaskAnswer, [ReturnTaskArgs]>('rejectTask');
export const claimTask = defineUpdate<TaskAnswer, [TaskActionBase]>('claimTask');
export const unclaimTask = defineUpdate<TaskAnswer, [TaskActionBase]>('unclaimTask');
export const assignTask = defineUpdate<TaskAnswer, [AssignTaskArgs]>('assignTask');
export const returnTask = defineUpdate<TaskAnswer, [ReturnTaskArgs]>('returnTask');
export const addComment = defineUpdate<TaskAnswer, [CommentArgs]>('addComment');
export const retryStep = defineUpdate<StepView, [StepRepairArgs]>('retryStep');
export const skipStep = defineUpdate<StepView, [StepRepairArgs]>('skipStep');
export const requestCancel = defineUpdate<RunState, [CancelRunArgs]>('requestCancel');
export const receiveEvent = defineUpdate<InboundEventResult, [InboundEventArgs]>('receiveEvent');
export const moveTargetGoLive = defineUpdate<RunState, [MoveTargetArgs]>('moveTargetGoLive');
export const changeProjectLead = defineUpdate<RunState, [ChangeLeadArgs]>('changeProjectLead');
export const addVerfahren = defineUpdate<RunState, [VerfahrenChangeArgs]>('addVerfahren');
export const removeVerfahren = defineUpdate<RunState, [VerfahrenChangeArgs]>('removeVerfahren');
export const getState = defineQuery<RunState>('getState');

/** Failure types the workflow raises on purpose; the API maps them to HTTP statuses. */
export const FailureTypes = {
  notFound: 'NotFound',
  conflict: 'Conflict',
  forbidden: 'Forbidden',
  invalid: 'Invalid',
} as const;

/** Each process's workflow type, from the process registry. */
export { WORKFLOW_TYPES } from '../domain/processes';

export function taskIdOf(runId: string, stepId: string): string {
  return `${runId}:${stepId}`;
}

export function parseTaskId(taskId: string): { runId: string; stepId: string } | undefined {
  const at = taskId.lastIndexOf(':');
  if (at <= 0 || at === taskId.length - 1) return undefined;
  return { runId: taskId.slice(0, at), stepId: taskId.slice(at + 1) };
}
