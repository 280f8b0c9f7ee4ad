// Driving runs through the HTTP API for the history recorder (scripts/record-histories.ts), as people and systems
// would.
import type { Client } from '@temporalio/client';
import { DEMO_USERS, type DemoUser } from '../../config/users';
import { allowedActions, type TaskAction } from '../../domain/policy';
import { workTask, type Http, type OpenTask as BotTask } from '../bot';

// ---- driving runs through the API -----------------------------------------------------------------------------

/** the tasks as the recorder reads them: every listed task belongs to a run */
export type OpenTask = BotTask & { runId: string };

export interface RunBody {
  id: string;
  status: string;
  incidents: { stepId: string; error: string }[];
  steps: { id: string; state: string; children?: string[]; childStatus?: Record<string, string> }[];
}

export const user = (id: string): DemoUser => DEMO_USERS.find((u) => u.id === id) ?? fail(`no demo user ${id}`);
export const reader = user('m.huber');
export const lead = user('a.gruber');

export function fail(message: string): never {
  throw new Error(message);
}

/** Demo users who may do this with the task now (by default: enter its data, or approve it in review). */
export function candidates(task: OpenTask, action: TaskAction = task.state === 'review' ? 'approve' : 'complete'): DemoUser[] {
  return DEMO_USERS.filter((u) => allowedActions(u, task).includes(action)); // domain/policy.ts
}

export async function call(http: Http, method: 'GET' | 'POST', url: string, as: DemoUser, body?: unknown, ok = [200, 201, 202]): Promise<any> {
  const res = await http(method, url, as.token, body);
  if (!ok.includes(res.status)) throw new Error(`${method} ${url} as ${as.id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function getRun(http: Http, runId: string): Promise<RunBody> {
  return call(http, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}`, reader);
}

/**
 * Completes the task as the first entitled demo user would — or, for four eyes in review, approves it as a second
 * person (runs recorded before the review rule count each completion instead); 409 means someone was first.
 */
export async function completeAsBot(http: Http, task: OpenTask, data?: Record<string, unknown>): Promise<void> {
  const by = candidates(task)[0] ?? fail(`no demo user may complete ${task.id}`);
  const res = await workTask(http, task, by, data);
  if (res.status !== 200 && res.status !== 409) fail(`complete ${task.id} as ${by.id}: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface Hooks {
  /** stop driving once this holds for the root run (default: when it no longer runs) */
  until?: (run: RunBody) => boolean | Promise<boolean>;
  /** once per round, before the tasks: run changes */
  round?: (run: RunBody) => Promise<void>;
  /** handles the task differently from the bot; true when it did (or when the task is to be left alone) */
  act?: (task: OpenTask) => Promise<boolean>;
  /** mends the root run's incidents (without this hook an incident stops the recording) */
  incident?: (run: RunBody) => Promise<void>;
}

export async function drive(http: Http, rootRunId: string, hooks: Hooks = {}, timeoutMs = 600_000): Promise<RunBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(http, rootRunId);
    if (hooks.until ? await hooks.until(run) : run.status !== 'running') return run;
    if (run.status !== 'running') throw new Error(`${rootRunId} closed as ${run.status} before the scenario was done`);
    if (Date.now() > deadline) throw new Error(`${rootRunId}: scenario not done in time`);
    if (run.incidents.length) {
      if (!hooks.incident) throw new Error(`incident in ${rootRunId}: ${JSON.stringify(run.incidents)}`);
      await hooks.incident(run);
    }
    await hooks.round?.(run);
    const list = await call(http, 'GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(rootRunId)}&limit=500`, reader);
    const tasks = list.items as OpenTask[];
    // one at a time: a scenario's steps happen in a readable order, and the history stays the same shape
    for (const task of tasks) {
      if (await hooks.act?.(task)) continue;
      await completeAsBot(http, task);
    }
    if (tasks.length === 0) await sleep(150);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the run has closed, whatever the outcome; the history is complete only then. */
export async function closed(client: Client, workflowId: string, timeoutMs = 120_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${workflowId} did not close within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([client.workflow.getHandle(workflowId).result().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runVisible(http: Http, runId: string): Promise<boolean> {
  return (await http('GET', `/api/v1/runs/${encodeURIComponent(runId)}`, reader.token)).status === 200;
}

