// Drives runs to completion through the HTTP API alone, as the entitled demo users would: for every open task it
// picks a user the policy allows to complete it (domain/policy.ts, the rule behind the task's `allowedActions`), and
// completes the task with valid form data. Four-eyes tasks get two different people. Used by the end-to-end test and
// the benchmarks.
import { allowedActions } from '../domain/policy';
import type { Role } from '../domain/types';
import { sampleFormData } from './sample-form-data';
import type { FormId } from '../domain/types';

export interface BotUser {
  id: string;
  roles: Role[];
  gemeinden: string[];
  token: string;
}

export interface OpenTask {
  id: string;
  kind: string;
  /** `open`, or `review`: four eyes, submitted and waiting for a second person */
  state: string;
  ags: string;
  candidateRoles: Role[];
  approvals: { required: number; roles?: Role[]; given: { user: string; role: Role }[] };
  form: { id: FormId } | null;
  /** the step needs a paper of this kind before it can be completed */
  requiresDocument?: { kind: string };
  runId?: string;
  assignee?: string;
  submission?: { by: string };
  incident?: { stepId: string; error: string };
}

export interface Http {
  (method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function fetchHttp(baseUrl: string): Http {
  return async (method, path, token, body) => {
    // a document upload is multipart (fetch sets its content type with the boundary); everything else JSON
    const multipart = body instanceof FormData;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && !multipart ? { 'content-type': 'application/json' } : {}) },
      body: multipart ? body : body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** A small PDF standing for the signed paper a step requires. */
const SIGNED_PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

/** Uploads the paper a step requires (the signed contract …) to its task, as the person about to complete it. */
export async function uploadRequiredDocument(http: Http, task: Pick<OpenTask, 'id' | 'state' | 'runId' | 'requiresDocument'>, token: string): Promise<void> {
  if (!task.requiresDocument || task.state === 'review') return;
  const form = new FormData();
  form.append('taskId', task.id);
  form.append('kind', task.requiresDocument.kind);
  form.append('file', new Blob([SIGNED_PDF], { type: 'application/pdf' }), `${task.requiresDocument.kind}.pdf`);
  const runId = task.runId ?? task.id.slice(0, task.id.lastIndexOf(':'));
  const res = await http('POST', `/api/v1/runs/${encodeURIComponent(runId)}/documents`, token, form);
  if (res.status !== 201) throw new Error(`upload for ${task.id}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Who may complete the task, or approve it once submitted (the list is read as `reader`, so ask the policy). */
export function candidatesFor(task: OpenTask, users: BotUser[]): BotUser[] {
  const action = task.state === 'review' ? 'approve' : 'complete';
  return users.filter((u) => allowedActions(u, task).includes(action));
}

export interface BotOptions {
  http: Http;
  users: BotUser[];
  /** a user who may read every task (e.g. vorstand) */
  reader: BotUser;
  rootRunId: string;
  timeoutMs?: number;
  /** called once per completion with its HTTP status */
  onComplete?: (taskId: string, status: number, ms: number) => void;
}

/** Completes open tasks until the root run is no longer running; returns the number of completions sent. */
export async function driveToCompletion(o: BotOptions): Promise<number> {
  const deadline = Date.now() + (o.timeoutMs ?? 600_000);
  let completions = 0;
  for (;;) {
    const run = await o.http('GET', `/api/v1/runs/${encodeURIComponent(o.rootRunId)}`, o.reader.token);
    if (run.status !== 200) throw new Error(`GET run ${o.rootRunId}: ${run.status} ${JSON.stringify(run.body)}`);
    if (run.body.status !== 'running') return completions;
    if (run.body.incidents?.length) throw new Error(`incident in ${o.rootRunId}: ${JSON.stringify(run.body.incidents)}`);
    if (Date.now() > deadline) throw new Error(`run ${o.rootRunId} not completed in time (phase ${run.body.phase})`);

    const list = await o.http('GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(o.rootRunId)}&limit=500`, o.reader.token);
    if (list.status !== 200) throw new Error(`GET tasks: ${list.status} ${JSON.stringify(list.body)}`);
    const tasks = list.body.items as OpenTask[];
    await Promise.all(tasks.map(async (task) => {
      const user = candidatesFor(task, o.users)[0];
      if (!user) throw new Error(`no demo user may complete ${task.id} (${task.candidateRoles.join(', ')})`);
      const body: Record<string, unknown> = {};
      if (task.form) body.data = sampleFormData(task.form.id);
      if (task.kind === 'wait') body.comment = 'Vorzeitig beendet: alles stabil.';
      await uploadRequiredDocument(o.http, task, user.token);
      const started = Date.now();
      // four eyes: a submitted task is approved by a second person (candidatesFor skips whoever submitted it)
      const res = task.state === 'review'
        ? await o.http('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/approve`, user.token, {})
        : await o.http('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, user.token, body);
      o.onComplete?.(task.id, res.status, Date.now() - started);
      // 409: someone (the bot itself, a second approver, an inbound event) got there first; the next round sees it
      if (res.status !== 200 && res.status !== 409) throw new Error(`complete ${task.id} as ${user.id}: ${res.status} ${JSON.stringify(res.body)}`);
      completions++;
    }));
    if (tasks.length === 0) await new Promise((r) => setTimeout(r, 150));
  }
}
