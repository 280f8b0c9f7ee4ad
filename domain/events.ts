// Domain events: what the workflows report to the audit trail and the read model. Every event that changes a run
// or a task carries the run's or task's snapshot after the change, so projections are plain upserts (idempotent,
// rebuildable from the event log alone).
import type { HealthReason } from './health';
import type { ApprovalRule, FormId, Health, ProcessId, Role, RunStatus, StepKind } from './types';

export const EVENT_TYPES = [
  'run.started',
  'run.completed',
  'run.cancelled',
  'run.failed',
  'run.phaseChanged',
  'run.healthChanged',
  'run.progressed',
  'step.started',
  'step.done',
  'step.failed',
  'step.skipped',
  'step.retried',
  'step.reopened',
  'step.compensated',
  'task.opened',
  'task.claimed',
  'task.unclaimed',
  'task.assigned',
  'task.returned',
  'task.commented',
  'task.submitted',
  'task.approved',
  'task.rejected',
  'task.completed',
  'task.cancelled',
  'task.reminded',
  'task.escalated',
  'step.held',
  'run.targetMoved',
  'run.leadChanged',
  'run.verfahrenAdded',
  'run.verfahrenRemoved',
  'run.forecastMoved',
  // what happens to a run beside its workflow, told to it for its trail (workflows/messages.ts noteOnRun)
  'document.uploaded',
  'document.deleted',
  'message.posted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** the events a run closes with: nothing about it changes after one */
export const RUN_CLOSING_EVENTS: ReadonlySet<EventType> = new Set(['run.completed', 'run.cancelled', 'run.failed']);

export interface RunSnapshot {
  id: string;
  process: ProcessId;
  title: string;
  status: RunStatus;
  parentId?: string;
  /** the top-most ancestor (itself for a root run): `GET /tasks?root=` uses it */
  rootId: string;
  ags: string;
  gemeindeName: string;
  phase: string;
  phaseTitle: string;
  progress: number;
  health: Health;
  /** why the run is amber or red (absent or empty when green) */
  healthReasons?: HealthReason[];
  targetGoLive?: string;
  projectedGoLive?: string;
  projectLead?: string;
  /** Stellvertretung of the project lead: gets the lead's task mails too */
  deputyLead?: string;
  startedAt: string;
  completedAt?: string;
  /** next milestones: step title and projected date */
  nextMilestones?: { stepId: string; title: string; date: string }[];
}

export interface TaskSnapshot {
  id: string;
  runId: string;
  rootId: string;
  stepId: string;
  process: ProcessId;
  title: string;
  description: string;
  kind: StepKind;
  state: 'open' | 'review' | 'done' | 'cancelled';
  candidateRoles: Role[];
  ags: string;
  gemeindeName: string;
  assignee?: string;
  openedAt: string;
  dueAt?: string;
  completedAt?: string;
  completedBy?: string;
  approvals: ApprovalRule & { given: { user: string; role: Role; at: string }[] };
  formId: FormId | null;
  comments: { id: number; user: string; at: string; text: string }[];
  returnReason?: string;
  /** reminder sent before the due date */
  remindedAt?: string;
  /** escalation level reached after the due date */
  escalation?: { level: 'projektleitung' | 'vorstand'; at: string };
  /** four eyes: who submitted and when (the data itself stays out of the audit log) */
  submission?: { by: string; at: string };
  reviews?: { by: string; at: string; decision: 'approved' | 'rejected'; reason?: string; comment?: string }[];
  /** a repair task: the failed step and its error (the failed input stays out of the audit log) */
  incident?: { stepId: string; error: string };
}

export interface DomainEvent {
  runId: string;
  /** contiguous per run, from 1; (runId, seq) makes delivery idempotent */
  seq: number;
  at: string;
  type: EventType;
  /** user id, `system`, or `extern:<sender>` */
  actor?: string;
  /** what happened, with before/after where something changed; never bulk personal data */
  data: Record<string, unknown>;
  run?: RunSnapshot;
  task?: TaskSnapshot;
}

/** Consecutive stored events of one run, by seq (both ends included): what the outbox hands on once a batch is stored. */
export interface StoredRange {
  runId: string;
  fromSeq: number;
  toSeq: number;
}
