// Drives runs to completion through the HTTP API alone, as the entitled demo users would: for every open task it
// picks a user the policy allows to complete it (domain/policy.ts, the rule behind the task's `allowedActions`), and
// completes the task with valid form data. Four-eyes tasks get two different people. Used by the end-to-end test and
// the benchmarks.
import http from 'node:http';
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

/** A task as `GET /tasks` lists it: what a driver needs to pick a person and send the completion. */
export interface OpenTask {
  id: string;
  stepId: string;
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
  returnReason?: string;
  assignee?: string;
  submission?: { by: string };
  incident?: { stepId: string; error: string };
}

export interface Http {
  (method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** One pool of kept-alive connections for the process's requests. */
const keepAlive = new http.Agent({ keepAlive: true });

/** An answer's status and its JSON body, if it has one. */
const answer = (status: number, text: string) => ({ status, body: text ? JSON.parse(text) : undefined });

/**
 * Requests to the API at `baseUrl` (plain HTTP on loopback): JSON through node:http on kept-alive connections, a
 * document upload (multipart) through fetch, which builds the body with its boundary. The benchmarks run the API in
 * the same process as this client, and fetch (undici) took about 3 ms of the event loop's CPU per request there (a
 * profile of the completion phase), where a browser's cost is its own machine's.
 */
export function fetchHttp(baseUrl: string): Http {
  const base = new URL(baseUrl);
  return async (method, path, token, body) => {
    const authorization = `Bearer ${token}`;
    if (body instanceof FormData) {
      const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization }, body });
      return answer(res.status, await res.text());
    }
    const payload = body !== undefined ? Buffer.from(JSON.stringify(body)) : undefined;
    return new Promise((resolve, reject) => {
      const req = http.request({
        protocol: base.protocol, hostname: base.hostname, port: base.port, path: `${base.pathname.replace(/\/$/, '')}${path}`, method, agent: keepAlive,
        headers: { authorization, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve(answer(res.statusCode ?? 0, text));
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
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
  // 409: the same paper is there already (a task reopened, or another attempt was first)
  if (res.status !== 201 && res.status !== 409) throw new Error(`upload for ${task.id}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Who may complete the task, or approve it once submitted (lists are read as a reader, so ask the policy). */
export function candidatesFor<U extends Pick<BotUser, 'id' | 'roles' | 'gemeinden'>>(task: OpenTask, users: U[]): U[] {
  const action = task.state === 'review' ? 'approve' : 'complete';
  return users.filter((u) => allowedActions(u, task).includes(action));
}

/**
 * Completes the task as `user` with valid form data (uploading the paper its step requires first), or approves it
 * when it waits in review for a second person (four eyes). Answers the API's status: 409 means someone was first.
 */
export async function workTask(
  http: Http,
  task: OpenTask,
  user: { token: string },
  data?: Record<string, unknown>,
  /** the status and the time of the completing request alone (without the upload) */
  onSent?: (status: number, ms: number) => void,
): Promise<{ status: number; body: any }> {
  const send = async (action: 'approve' | 'complete', body: Record<string, unknown>) => {
    const started = Date.now();
    const res = await http('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/${action}`, user.token, body);
    onSent?.(res.status, Date.now() - started);
    return res;
  };
  if (task.state === 'review') return send('approve', {});
  const body: Record<string, unknown> = {};
  if (task.form) body.data = data ?? sampleFormData(task.form.id);
  if (task.kind === 'wait') body.comment = 'Vorzeitig beendet: alles stabil.';
  await uploadRequiredDocument(http, task, user.token);
  return send('complete', body);
}

/**
 * Completes an open task as the first demo user allowed to (see workTask); 409 means someone (the bot itself, a
 * second approver, an inbound event) got there first, and the next round sees it.
 */
export async function completeAsBot(http: Http, task: OpenTask, users: BotUser[], onSent?: (status: number, ms: number) => void, data?: Record<string, unknown>): Promise<number> {
  const user = candidatesFor(task, users)[0];
  if (!user) throw new Error(`no demo user may complete ${task.id} (${task.candidateRoles.join(', ')})`);
  const res = await workTask(http, task, user, data, onSent);
  if (res.status !== 200 && res.status !== 409) throw new Error(`complete ${task.id} as ${user.id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.status;
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
  /** open tasks the same person completes with the same form go in one POST /tasks/bulk (up to 200 a request) */
  bulk?: boolean;
  /** form data instead of the sample data, by form (e.g. the scale run's inventory of hundreds of devices) */
  formData?: Partial<Record<FormId, Record<string, unknown>>>;
}

const BULK_MAX = 200;

/**
 * Completes open tasks in groups through POST /tasks/bulk: one group per person, kind and form (one request carries
 * one form's data). Approvals (four eyes) and lone tasks go one by one. Returns the tasks completed.
 */
async function completeInBulk(o: BotOptions, tasks: OpenTask[]): Promise<number> {
  const groups = new Map<string, { user: BotUser; tasks: OpenTask[] }>();
  const single: OpenTask[] = [];
  for (const task of tasks) {
    const user = candidatesFor(task, o.users)[0];
    if (task.state !== 'open' || !user) {
      single.push(task);
      continue;
    }
    const key = `${user.id}|${task.kind}|${task.form?.id ?? ''}`;
    const g = groups.get(key) ?? { user, tasks: [] };
    g.tasks.push(task);
    groups.set(key, g);
  }
  let done = 0;
  const bulkRequests: Promise<void>[] = [];
  for (const { user, tasks: group } of groups.values()) {
    if (group.length === 1) {
      single.push(group[0]);
      continue;
    }
    for (let i = 0; i < group.length; i += BULK_MAX) {
      const part = group.slice(i, i + BULK_MAX);
      bulkRequests.push((async () => {
        for (const task of part) await uploadRequiredDocument(o.http, task, user.token);
        const body: Record<string, unknown> = { action: 'complete', taskIds: part.map((t) => t.id) };
        if (part[0].form) body.data = o.formData?.[part[0].form.id] ?? sampleFormData(part[0].form.id);
        if (part[0].kind === 'wait') body.comment = 'Vorzeitig beendet: alles stabil.';
        const started = Date.now();
        const res = await o.http('POST', '/api/v1/tasks/bulk', user.token, body);
        if (res.status !== 200) throw new Error(`bulk complete as ${user.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
        const ms = Date.now() - started;
        for (const r of res.body.results as { taskId: string; status: number; problem?: unknown }[]) {
          o.onComplete?.(r.taskId, r.status, ms);
          if (r.status !== 200 && r.status !== 409) throw new Error(`bulk complete ${r.taskId} as ${user.id}: ${r.status} ${JSON.stringify(r.problem)}`);
          done++;
        }
      })());
    }
  }
  await Promise.all([...bulkRequests, ...single.map(async (task) => {
    await completeAsBot(o.http, task, o.users, (status, ms) => o.onComplete?.(task.id, status, ms), task.form ? o.formData?.[task.form.id] : undefined);
    done++;
  })]);
  return done;
}

/**
 * Completes open tasks until the root run is no longer running; returns the number of completions sent. It works
 * the inbox as a person does: while tasks are open it completes them, and only an empty inbox sends it to the run
 * itself (finished? an incident?). The run page is a query of the live workflow, about 13 ms of CPU across the
 * processes even when idle (issue 19): asked before every round, it was one query per 7 steps of the throughput
 * bench, work the plain baseline does not do.
 */
export async function driveToCompletion(o: BotOptions): Promise<number> {
  const deadline = Date.now() + (o.timeoutMs ?? 600_000);
  let completions = 0;
  for (;;) {
    const list = await o.http('GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(o.rootRunId)}&limit=500`, o.reader.token);
    if (list.status !== 200) throw new Error(`GET tasks: ${list.status} ${JSON.stringify(list.body)}`);
    const tasks = list.body.items as OpenTask[];
    if (tasks.length === 0) {
      const run = await o.http('GET', `/api/v1/runs/${encodeURIComponent(o.rootRunId)}`, o.reader.token);
      if (run.status !== 200) throw new Error(`GET run ${o.rootRunId}: ${run.status} ${JSON.stringify(run.body)}`);
      if (run.body.status !== 'running') return completions;
      if (run.body.incidents?.length) throw new Error(`incident in ${o.rootRunId}: ${JSON.stringify(run.body.incidents)}`);
    }
    if (Date.now() > deadline) throw new Error(`run ${o.rootRunId} not completed in time`);
    if (o.bulk) completions += await completeInBulk(o, tasks);
    else await Promise.all(tasks.map(async (task) => {
      await completeAsBot(o.http, task, o.users, (status, ms) => o.onComplete?.(task.id, status, ms), task.form ? o.formData?.[task.form.id] : undefined);
      completions++;
    }));
    if (tasks.length === 0) await new Promise((r) => setTimeout(r, 150));
  }
}
