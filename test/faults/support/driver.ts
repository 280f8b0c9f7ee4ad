// Drives a run tree to completion through the HTTP API while things break underneath. Unlike scripts/bot.ts it finds
// open work in the live state of the runs (Temporal), not in the read model, so it keeps working while PostgreSQL
// is away; and it rides out outages: a failed request is repeated after a pause, a completion with the same
// Idempotency-Key (unless switched off: the API claims keys in PostgreSQL). A repeated completion that finds its
// task already done gets 409 and is simply not booked as confirmed. It books every completion the API confirmed, for the "no completed task is lost" check.
import { randomUUID } from 'node:crypto';
import { DEMO_USERS, type DemoUser } from '../../../config/users';
import { allowedActions } from '../../../domain/policy';
import type { Role } from '../../../domain/types';
import { uploadRequiredDocument } from '../../../scripts/bot';
import { sampleFormData } from '../../../scripts/sample-form-data';

export interface Confirmed {
  taskId: string;
  runId: string;
  stepId: string;
  user: string;
}

export interface Api {
  (method: 'GET' | 'POST', path: string, user: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** requests that failed and were repeated, by cause */
  retried: Map<string, number>;
}

const TRANSIENT = new Set([500, 502, 503, 504]);

export function resilientApi(baseUrl: string, options: { idempotencyKeys?: boolean } = {}): Api {
  const keys = options.idempotencyKeys ?? true;
  const retried = new Map<string, number>();
  const note = (why: string): void => {
    retried.set(why, (retried.get(why) ?? 0) + 1);
  };
  const api = (async (method, path, userId, body) => {
    const user = DEMO_USERS.find((u) => u.id === userId);
    if (!user) throw new Error(`no demo user ${userId}`);
    const key = randomUUID();
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        const res = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${user.token}`,
            // a file upload (FormData) sets its own multipart content type
            ...(method === 'POST' && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
            ...(method === 'POST' && keys ? { 'idempotency-key': key } : {}),
          },
          body: body instanceof FormData ? body : body !== undefined ? JSON.stringify(body) : undefined,
          // an Update waits for a worker; give it the time a restarted worker needs to take over
          signal: AbortSignal.timeout(method === 'POST' ? 90_000 : 20_000),
        });
        const text = await res.text();
        if (!TRANSIENT.has(res.status)) return { status: res.status, body: text ? JSON.parse(text) : undefined };
        note(`${method} ${res.status}`);
      } catch (err) {
        note(`${method} ${(err as Error).name}`);
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer for 180 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }) as Api;
  api.retried = retried;
  return api;
}

interface LiveStep {
  id: string;
  kind: string;
  state: string;
  children?: string[];
  childStatus?: Record<string, string>;
}

interface LiveTask {
  id: string;
  runId: string;
  stepId: string;
  state: string;
  kind: string;
  ags: string;
  candidateRoles: Role[];
  approvals: { required: number; roles?: Role[]; given: { user: string; role: Role }[] };
  form: { id: Parameters<typeof sampleFormData>[0] } | null;
  assignee?: string;
  submission?: { by: string };
  incident?: { stepId: string; error: string };
  /** the paper the step needs before it can be completed (issue 16) */
  requiresDocument?: { kind: string };
}

const TASK_KINDS = new Set(['manual', 'wait', 'external']);

/** A demo user the policy allows to complete the task, or to approve it once submitted (domain/policy.ts). */
function candidate(task: LiveTask): DemoUser | undefined {
  const action = task.state === 'review' ? 'approve' : 'complete';
  return DEMO_USERS.find((u) => allowedActions(u, task).includes(action));
}

/** Open tasks of the run and its running children, from the workflows themselves. */
async function openTasks(api: Api, runId: string): Promise<LiveTask[]> {
  const run = await api('GET', `/api/v1/runs/${encodeURIComponent(runId)}`, 'm.huber');
  if (run.status !== 200) throw new Error(`GET run ${runId}: ${run.status} ${JSON.stringify(run.body)}`);
  if (run.body.status !== 'running') return [];
  const steps = run.body.steps as LiveStep[];
  const tasks: LiveTask[] = [];
  for (const step of steps.filter((s) => s.state === 'active' && TASK_KINDS.has(s.kind))) {
    const res = await api('GET', `/api/v1/tasks/${encodeURIComponent(`${runId}:${step.id}`)}`, 'm.huber');
    if (res.status === 200 && (res.body.state === 'open' || res.body.state === 'review')) tasks.push(res.body as LiveTask);
  }
  const children = steps.flatMap((s) => Object.entries(s.childStatus ?? {}).filter(([, st]) => st === 'running').map(([id]) => id));
  for (const child of children) tasks.push(...(await openTasks(api, child)));
  return tasks;
}

export interface DriveOptions {
  api: Api;
  rootRunId: string;
  timeoutMs?: number;
  /** called after every round; a test breaks something here once the run has got far enough */
  afterRound?: (completed: number) => Promise<void>;
}

/** Completes open tasks until the root run is no longer running; returns the completions the API confirmed. */
export async function driveLive(o: DriveOptions): Promise<Confirmed[]> {
  const confirmed: Confirmed[] = [];
  const deadline = Date.now() + (o.timeoutMs ?? 600_000);
  for (;;) {
    const root = await o.api('GET', `/api/v1/runs/${encodeURIComponent(o.rootRunId)}`, 'm.huber');
    if (root.status !== 200) throw new Error(`GET run ${o.rootRunId}: ${root.status}`);
    if (root.body.status !== 'running') return confirmed;
    if (root.body.incidents?.length) throw new Error(`incident: ${JSON.stringify(root.body.incidents)}`);
    if (Date.now() > deadline) throw new Error(`${o.rootRunId} not completed in time (phase ${root.body.phase})`);
    const tasks = await openTasks(o.api, o.rootRunId);
    await Promise.all(tasks.map(async (task) => {
      const user = candidate(task);
      if (!user) throw new Error(`nobody may complete ${task.id}`);
      const body: Record<string, unknown> = {};
      if (task.form) body.data = sampleFormData(task.form.id);
      if (task.kind === 'wait') body.comment = 'Vorzeitig beendet: alles stabil.';
      // a step that needs a signed paper gets it uploaded first, as the bot does (scripts/bot.ts). The upload checks
      // the task against the read model, which may not have it yet while a worker or the server is being restarted:
      // then the next round tries again.
      try {
        await uploadRequiredDocument((method, path, _token, b) => o.api(method, path, user.id, b), task, user.id);
      } catch {
        return;
      }
      // four eyes: a submitted task is approved by a second person (candidate() skips whoever submitted it)
      const res = task.state === 'review'
        ? await o.api('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/approve`, user.id, {})
        : await o.api('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, user.id, body);
      if (res.status === 200) confirmed.push({ taskId: task.id, runId: task.runId, stepId: task.stepId, user: user.id });
      else if (res.status !== 409) throw new Error(`complete ${task.id} as ${user.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }));
    await o.afterRound?.(confirmed.length);
    if (tasks.length === 0) await new Promise((r) => setTimeout(r, 200));
  }
}
