// What every fault test promises about a finished run tree: every run completed, every completion the API confirmed
// is in the audit trail under its actor, and each run's event log is 1..n with no gap and no duplicate.
import type { Api, Confirmed } from './driver';

export interface AuditEvent {
  seq: number;
  at: string;
  type: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface TreeAudit {
  runs: string[];
  events: Record<string, AuditEvent[]>;
}

async function treeOf(api: Api, runId: string): Promise<string[]> {
  const run = await api('GET', `/api/v1/runs/${encodeURIComponent(runId)}`, 'm.huber');
  if (run.status !== 200) throw new Error(`GET run ${runId}: ${run.status}`);
  if (run.body.status !== 'completed') throw new Error(`${runId} is ${run.body.status}, not completed`);
  const children = (run.body.steps as { children?: string[] }[]).flatMap((s) => s.children ?? []);
  const below = await Promise.all(children.map((c) => treeOf(api, c)));
  return [runId, ...below.flat()];
}

/** The audit trail of a finished run, once the read model has caught up with its last event. */
async function completedLog(api: Api, runId: string, timeoutMs = 120_000): Promise<AuditEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api('GET', `/api/v1/runs/${encodeURIComponent(runId)}/events?limit=500`, 'b.wolf');
    if (res.status === 200 && res.body.nextCursor) throw new Error(`the audit trail of ${runId} has more than 500 events`);
    const items = res.status === 200 ? (res.body.items as AuditEvent[]) : [];
    if (items.at(-1)?.type === 'run.completed') return items;
    if (Date.now() > deadline) throw new Error(`the audit trail of ${runId} did not reach run.completed (last: ${items.at(-1)?.type ?? res.status})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function auditTree(api: Api, rootRunId: string, confirmed: Confirmed[]): Promise<TreeAudit> {
  const runs = await treeOf(api, rootRunId);
  const events: Record<string, AuditEvent[]> = {};
  for (const runId of runs) {
    const log = await completedLog(api, runId);
    events[runId] = log;
    // no gap, no duplicate: the seqs are exactly 1..n
    expect({ runId, seqs: log.map((e) => e.seq) }).toEqual({ runId, seqs: log.map((_, i) => i + 1) });
    // no event recorded twice under another seq: an event is a workflow's deterministic output, so a copy would be
    // identical in type, actor, time and data
    const keys = log.map((e) => JSON.stringify([e.type, e.actor, e.at, e.data]));
    expect({ runId, duplicates: keys.filter((k, i) => keys.indexOf(k) !== i) }).toEqual({ runId, duplicates: [] });
    const reopened = new Set(log.filter((e) => e.type === 'step.reopened').map((e) => e.data.stepId));
    const completions = log.filter((e) => e.type === 'task.completed' && !reopened.has(e.data.stepId)).map((e) => String(e.data.stepId));
    expect({ runId, twice: completions.filter((k, i) => completions.indexOf(k) !== i) }).toEqual({ runId, twice: [] });
    expect(log.filter((e) => e.type === 'run.started')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'run.completed')).toHaveLength(1);
  }
  // no completed task lost: each completion the API answered 200 is in the task (the workflow's own record) and in
  // its run's trail under that person (a four-eyes submission or approval: the task tells which it was)
  const missing: string[] = [];
  for (const c of confirmed) {
    const task = await api('GET', `/api/v1/tasks/${encodeURIComponent(c.taskId)}`, 'm.huber');
    const given = (task.body?.approvals?.given ?? []) as { user: string }[];
    const log = events[c.runId] ?? [];
    const done = log.some((e) => e.type === 'task.completed' && e.data.stepId === c.stepId);
    const byUser = log.some((e) => (e.type === 'task.completed' && e.data.stepId === c.stepId && e.actor === c.user)
      || ((e.type === 'task.approved' || e.type === 'task.submitted') && e.actor === c.user));
    if (task.body?.state !== 'done' || !given.some((g) => g.user === c.user) || !done || !byUser) missing.push(`${c.taskId} by ${c.user}`);
  }
  expect(missing).toEqual([]);
  return { runs, events };
}
