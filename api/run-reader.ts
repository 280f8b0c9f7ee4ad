// Reads runs and tasks from Temporal: single runs through the getState query, lists through visibility.
// (The read model in PostgreSQL takes the lists over; this stays the source for a single run's live state.)
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { findGemeinde } from '../domain/catalog/gemeinden';
import type { Health, ProcessId, RunStatus } from '../domain/types';
import { getState, type RunState, type Task } from '../workflows/messages';
import { SA } from '../workflows/search-attributes';
import { temporal } from './temporal-errors';

export interface RunFilter {
  process?: ProcessId;
  status?: RunStatus;
  ags?: string;
  /** restrict to these Gemeinden (tenant scope) */
  agsIn?: string[];
  parent?: string;
}

export interface RunSummaryRow {
  id: string;
  process: ProcessId;
  status: RunStatus;
  parentId?: string;
  gemeinde: { ags: string; name: string };
  progress: number;
  health: Health;
  phase: string;
  startedAt: string;
  completedAt?: string;
  targetGoLive?: string;
}

const STATUS_QUERY: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Canceled',
  failed: 'Failed',
};

function quote(value: string): string {
  return `'${value.replace(/[\\']/g, '')}'`;
}

function statusOf(info: WorkflowExecutionInfo): RunStatus {
  switch (info.status.name) {
    case 'RUNNING': return 'running';
    case 'COMPLETED': return 'completed';
    case 'CANCELLED': return 'cancelled';
    default: return 'failed';
  }
}

export class TemporalRunReader {
  constructor(private readonly client: Client) {}

  async state(runId: string): Promise<RunState> {
    return temporal(() => this.client.workflow.getHandle(runId).query(getState), 'Vorgang');
  }

  async listRuns(filter: RunFilter): Promise<RunSummaryRow[]> {
    const clauses = [`${SA.process.name} IS NOT NULL`];
    if (filter.process) clauses.push(`${SA.process.name} = ${quote(filter.process)}`);
    if (filter.ags) clauses.push(`${SA.ags.name} = ${quote(filter.ags)}`);
    if (filter.agsIn) clauses.push(filter.agsIn.length ? `${SA.ags.name} IN (${filter.agsIn.map(quote).join(', ')})` : 'false');
    if (filter.agsIn && filter.agsIn.length === 0) return [];
    if (filter.parent) clauses.push(`ParentWorkflowId = ${quote(filter.parent)}`);
    if (filter.status) clauses.push(`ExecutionStatus = ${quote(STATUS_QUERY[filter.status])}`);
    const rows: RunSummaryRow[] = [];
    await temporal(async () => {
      for await (const info of this.client.workflow.list({ query: clauses.join(' AND ') })) {
        rows.push(this.summary(info));
      }
    });
    // the newest execution of a workflow id wins (a Gemeinde may be onboarded again after a cancelled run)
    const latest = new Map<string, RunSummaryRow>();
    for (const r of rows) {
      const seen = latest.get(r.id);
      if (!seen || seen.startedAt < r.startedAt) latest.set(r.id, r);
    }
    return [...latest.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  }

  private summary(info: WorkflowExecutionInfo): RunSummaryRow {
    const sa = info.typedSearchAttributes;
    const ags = sa.get(SA.ags) ?? '';
    const target = sa.get(SA.targetGoLive);
    const parent = info.parentExecution?.workflowId;
    return {
      id: info.workflowId,
      process: (sa.get(SA.process) ?? 'gemeinde-onboarding') as ProcessId,
      status: statusOf(info),
      ...(parent ? { parentId: parent } : {}),
      gemeinde: { ags, name: findGemeinde(ags)?.name ?? ags },
      progress: statusOf(info) === 'completed' ? 1 : (sa.get(SA.progress) ?? 0) / 100,
      health: (sa.get(SA.health) ?? 'green') as Health,
      phase: sa.get(SA.phase) ?? '',
      startedAt: info.startTime.toISOString(),
      ...(info.closeTime ? { completedAt: info.closeTime.toISOString() } : {}),
      ...(target ? { targetGoLive: target.toISOString().slice(0, 10) } : {}),
    };
  }

  /** Tasks of running runs (optionally a run and all its descendants), as the workflows report them. */
  async listTasks(filter: { root?: string; agsIn?: string[] }): Promise<Task[]> {
    let runIds: string[];
    if (filter.root) {
      runIds = [filter.root];
      for (let frontier = [filter.root]; frontier.length; ) {
        const children = (await Promise.all(frontier.map((p) => this.listRuns({ parent: p })))).flat().map((r) => r.id);
        runIds.push(...children);
        frontier = children;
      }
    } else {
      runIds = (await this.listRuns({ status: 'running', agsIn: filter.agsIn })).map((r) => r.id);
    }
    const states = await Promise.all(runIds.map((id) => this.state(id).catch(() => undefined)));
    return states.flatMap((s) => s?.tasks ?? []);
  }
}
