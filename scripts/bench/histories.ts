// What the workflows of a run tree did, read back from Temporal: history lengths (the scale goal) and the number of
// activities and Updates per workflow (the work the throughput baseline has to repeat).
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { sleep } from './stats';

const { EventType } = temporal.api.enums.v1;

export interface WorkflowFacts {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  historyLength: number;
}

export interface WorkflowWork extends WorkflowFacts {
  activities: number;
  updates: number;
  /** the profile: workflow tasks completed (activations that reached the server), activities by type, local
   * activities (markers) */
  workflowTasks: number;
  activityTypes: Record<string, number>;
  localActivities: number;
  /** history events by type (e.g. WORKFLOW_EXECUTION_SIGNALED): the server's work beside the steps */
  eventTypes: Record<string, number>;
}

/** Every execution matching a visibility query, once visibility has caught up with `expected` of them. */
export async function listWorkflows(client: Client, query: string, expected?: number): Promise<WorkflowFacts[]> {
  for (let attempt = 0; ; attempt++) {
    const out: WorkflowFacts[] = [];
    for await (const wf of client.workflow.list({ query })) {
      out.push({ workflowId: wf.workflowId, runId: wf.runId, type: wf.type, status: wf.status.name, historyLength: wf.historyLength });
    }
    // visibility is eventually consistent: closed executions show their final length a moment later
    const settled = out.every((w) => w.status !== 'RUNNING') && (expected === undefined || out.length >= expected);
    if (settled || attempt >= 20) return out;
    await sleep(500);
  }
}

/** Activities scheduled and Updates accepted in one execution's history. */
export async function workOf(client: Client, wf: WorkflowFacts): Promise<WorkflowWork> {
  const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
  let activities = 0;
  let updates = 0;
  let workflowTasks = 0;
  let localActivities = 0;
  const activityTypes: Record<string, number> = {};
  const eventTypes: Record<string, number> = {};
  for (const e of history.events ?? []) {
    const type = EventType[e.eventType ?? 0]?.replace(/^EVENT_TYPE_/, '') ?? String(e.eventType);
    eventTypes[type] = (eventTypes[type] ?? 0) + 1;
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) {
      activities++;
      const type = scheduled.activityType?.name ?? '?';
      activityTypes[type] = (activityTypes[type] ?? 0) + 1;
    }
    if (e.workflowExecutionUpdateAcceptedEventAttributes) updates++;
    if (e.workflowTaskCompletedEventAttributes) workflowTasks++;
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') localActivities++;
  }
  return { ...wf, historyLength: history.events?.length ?? wf.historyLength, activities, updates, workflowTasks, activityTypes, localActivities, eventTypes };
}

export async function workOfAll(client: Client, wfs: WorkflowFacts[], concurrency = 8): Promise<WorkflowWork[]> {
  const out: WorkflowWork[] = [];
  for (let i = 0; i < wfs.length; i += concurrency) out.push(...(await Promise.all(wfs.slice(i, i + concurrency).map((w) => workOf(client, w)))));
  return out;
}

export function agsQuery(ags: string[]): string {
  return ags.length === 1 ? `Ags = '${ags[0]}'` : `Ags IN (${ags.map((a) => `'${a}'`).join(', ')})`;
}
