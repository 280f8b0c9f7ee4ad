// Projection rows back into the snapshots of the event contract (absent optional fields stay absent).
import type { RunSnapshot, TaskSnapshot } from '../domain/events';

export interface RunRow {
  id: string;
  process: RunSnapshot['process'];
  title: string;
  status: RunSnapshot['status'];
  parent_id: string | null;
  root_id: string;
  ags: string;
  gemeinde_name: string;
  phase: string;
  phase_title: string;
  progress: number;
  health: RunSnapshot['health'];
  target_go_live: string | null;
  projected_go_live: string | null;
  project_lead: string | null;
  started_at: Date;
  completed_at: Date | null;
  next_milestones: RunSnapshot['nextMilestones'] | null;
  health_reasons?: RunSnapshot['healthReasons'] | null;
}

export interface TaskRow {
  id: string;
  run_id: string;
  root_id: string;
  step_id: string;
  process: TaskSnapshot['process'];
  title: string;
  description: string;
  kind: TaskSnapshot['kind'];
  state: TaskSnapshot['state'];
  candidate_roles: TaskSnapshot['candidateRoles'];
  ags: string;
  gemeinde_name: string;
  assignee: string | null;
  opened_at: Date;
  due_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
  approvals: TaskSnapshot['approvals'];
  form_id: TaskSnapshot['formId'];
  comments: TaskSnapshot['comments'];
  return_reason: string | null;
  submission: TaskSnapshot['submission'] | null;
  reviews: NonNullable<TaskSnapshot['reviews']>;
  incident: TaskSnapshot['incident'] | null;
}

/** Drops null and undefined values so optional fields are absent rather than null. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

const iso = (d: Date | null): string | undefined => (d ? d.toISOString() : undefined);

export function runFromRow(r: RunRow): RunSnapshot {
  return compact<RunSnapshot>({
    id: r.id,
    process: r.process,
    title: r.title,
    status: r.status,
    parentId: r.parent_id ?? undefined,
    rootId: r.root_id,
    ags: r.ags,
    gemeindeName: r.gemeinde_name,
    phase: r.phase,
    phaseTitle: r.phase_title,
    progress: r.progress,
    health: r.health,
    targetGoLive: r.target_go_live ?? undefined,
    projectedGoLive: r.projected_go_live ?? undefined,
    projectLead: r.project_lead ?? undefined,
    startedAt: r.started_at.toISOString(),
    completedAt: iso(r.completed_at),
    nextMilestones: r.next_milestones ?? undefined,
    healthReasons: r.health_reasons?.length ? r.health_reasons : undefined,
  });
}

export function taskFromRow(r: TaskRow): TaskSnapshot {
  const task = compact<TaskSnapshot>({
    id: r.id,
    runId: r.run_id,
    rootId: r.root_id,
    stepId: r.step_id,
    process: r.process,
    title: r.title,
    description: r.description,
    kind: r.kind,
    state: r.state,
    candidateRoles: r.candidate_roles,
    ags: r.ags,
    gemeindeName: r.gemeinde_name,
    assignee: r.assignee ?? undefined,
    openedAt: r.opened_at.toISOString(),
    dueAt: iso(r.due_at),
    completedAt: iso(r.completed_at),
    completedBy: r.completed_by ?? undefined,
    approvals: r.approvals,
    formId: r.form_id,
    comments: r.comments,
    returnReason: r.return_reason ?? undefined,
    submission: r.submission ?? undefined,
    // absent rather than empty, as in the snapshot
    reviews: r.reviews.length > 0 ? r.reviews : undefined,
    incident: r.incident ?? undefined,
  });
  // formId is part of the contract even when there is no form
  return { ...task, formId: r.form_id };
}
