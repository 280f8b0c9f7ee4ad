// Start and completion latency through the API against the raw Temporal call that does the same to the same
// workflow type with the same input. Samples of the series alternate (API, raw, raw+query, then rotated), so a
// noisy neighbour hurts every series alike.
import { defaultPayloadConverter } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { demoAuthenticator } from '../../api/auth';
import { DEMO_USERS, demoDirectory } from '../../config/users';
import { VERFAHREN } from '../../domain/catalog/verfahren';
import { resolveMigrationPlan } from '../../domain/plan';
import type { Store } from '../../store/store';
import { completeTask, getState, WORKFLOW_TYPES, type Actor, type WorkflowInput } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { fetchHttp, type Http } from '../bot';
import { sampleFormData } from '../sample-form-data';
import type { BenchSystem } from './system';
import { percentiles, sleep, type Percentiles } from './stats';

export interface SeriesResult {
  api: Percentiles;
  raw: Percentiles;
  /** the raw call plus the getState query the API makes around it: the API's Temporal work without HTTP */
  rawWithQuery: Percentiles;
  ratio: number;
}

const user = (id: string) => DEMO_USERS.find((u) => u.id === id)!;
const actorOf = (id: string): Actor => {
  const u = user(id);
  return { id: u.id, roles: [...u.roles], gemeinden: [...u.gemeinden] };
};

function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The input a workflow was started with, read from its first history event. */
async function startedInput(client: Client, workflowId: string): Promise<WorkflowInput> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error(`no start input in the history of ${workflowId}`);
  return defaultPayloadConverter.fromPayload<WorkflowInput>(payload);
}

function searchAttributes(input: WorkflowInput) {
  const { plan } = input;
  return [
    { key: SA.process, value: plan.process },
    { key: SA.ags, value: plan.subject.ags },
    { key: SA.phase, value: plan.phases[0].id },
    { key: SA.health, value: 'green' },
    { key: SA.progress, value: 0 },
    ...(plan.targetGoLive ? [{ key: SA.targetGoLive, value: new Date(`${plan.targetGoLive}T00:00:00Z`) }] : []),
  ];
}

/**
 * Terminates the samples' workflows and waits until the server has closed them all (visibility shows none running),
 * so that the next phase does not measure this one's clean-up.
 */
async function terminateAll(client: Client, taskQueue: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((id) => client.workflow.getHandle(id).terminate('benchmark sample').catch(() => undefined)));
  }
  const deadline = performance.now() + 60_000;
  const running = `TaskQueue="${taskQueue}" AND ExecutionStatus="Running"`;
  while ((await client.workflow.count(running)).count > 0 && performance.now() < deadline) await sleep(200);
}

/** Runs the series' sample i in rotating order; returns each series' times. */
async function interleaved(n: number, series: ((i: number) => Promise<void>)[]): Promise<number[][]> {
  const times = series.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < series.length; k++) {
      const s = (i + k) % series.length;
      const t0 = performance.now();
      await series[s](i);
      times[s].push(performance.now() - t0);
    }
  }
  return times;
}

function result([api, raw, rawWithQuery]: number[][]): SeriesResult {
  const r = { api: percentiles(api), raw: percentiles(raw), rawWithQuery: percentiles(rawWithQuery) };
  return { ...r, ratio: Math.round((r.api.p50 / r.raw.p50) * 100) / 100 };
}

export interface StartProfile {
  /** POST /runs with Temporal stubbed out, and GET /healthz: the API's own work and the HTTP floor */
  apiOwnCost: ApiOwnCost;
  /** from the raw samples' histories: start until the worker picks up the first workflow task, and its processing */
  firstWorkflowTask: { toStartP50Ms: number; processingP50Ms: number; startToCompletedP50Ms: number };
}

type Ts = { seconds?: unknown; nanos?: number | null } | null | undefined;
const tsMs = (t: Ts): number => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

/** How long a fresh workflow waits for its first workflow task, and how long the worker takes to run it. */
async function firstWorkflowTask(client: Client, ids: string[]): Promise<StartProfile['firstWorkflowTask']> {
  const toStart: number[] = [];
  const processing: number[] = [];
  const total: number[] = [];
  for (const id of ids) {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const started = events.find((e) => e.workflowTaskStartedEventAttributes);
    const completed = events.find((e) => e.workflowTaskCompletedEventAttributes);
    if (!started || !completed) continue;
    toStart.push(tsMs(started.eventTime) - tsMs(events[0].eventTime));
    processing.push(tsMs(completed.eventTime) - tsMs(started.eventTime));
    total.push(tsMs(completed.eventTime) - tsMs(events[0].eventTime));
  }
  return { toStartP50Ms: percentiles(toStart).p50, processingP50Ms: percentiles(processing).p50, startToCompletedP50Ms: percentiles(total).p50 };
}

/** POST /runs (verfahren-migration) vs client.workflow.start of the same type with the same input. */
/** Where the latency is measured: an API, and a Temporal client for the raw calls on the same task queue. */
export type LatencyTarget = Pick<BenchSystem, 'baseUrl' | 'client' | 'taskQueue' | 'store'>;

/** The API's own work on one kind of request (p50), beside GET /healthz on the same app: the HTTP floor over loopback. */
export interface ApiOwnCost {
  requestP50Ms: number;
  healthzP50Ms: number;
}

/**
 * The API's own work per request, without Temporal: `request` against the same app and store whose Temporal client
 * (`instant`) answers at once. What latency the API adds beyond this is time its process waits for the CPU.
 */
async function apiOwnCost(store: Store, instant: object, samples: number, request: (http: Http) => Promise<void>): Promise<ApiOwnCost> {
  const app = createApp({
    client: instant as Client, taskQueue: 'none', store, users: demoDirectory, authenticate: demoAuthenticator(), embedded: true, readiness: {},
    planSettings: () => ({ windows: [] }),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const http = fetchHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const own: number[] = [];
  const floor: number[] = [];
  try {
    for (let i = 0; i < samples * 3; i++) {
      let t0 = performance.now();
      await request(http);
      own.push(performance.now() - t0);
      t0 = performance.now();
      await http('GET', '/healthz', 'none');
      floor.push(performance.now() - t0);
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return { requestP50Ms: percentiles(own).p50, healthzP50Ms: percentiles(floor).p50 };
}

export async function measureStart(sys: LatencyTarget, ags: string, samples: number): Promise<SeriesResult & StartProfile> {
  const http = fetchHttp(sys.baseUrl);
  const lead = user('a.gruber');
  const target = futureDate(200);
  const verfahren = VERFAHREN.map((v) => v.id);
  if (verfahren.length < samples + 4) throw new Error(`at most ${verfahren.length - 4} start samples (one migration per Verfahren)`);
  const viaApi = async (verfahrenId: string): Promise<void> => {
    const res = await http('POST', '/api/v1/runs', lead.token, {
      process: 'verfahren-migration', input: { ags, verfahrenId, projectLead: lead.id, targetGoLive: target },
    });
    if (res.status !== 201) throw new Error(`POST /runs: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const started: string[] = [];
  // warm-up, and the exact input the API starts a migration with
  for (const v of verfahren.slice(samples, samples + 3)) {
    await viaApi(v);
    started.push(`migration-${ags}-${v}`);
  }
  const input = await startedInput(sys.client, started[0]);
  const raw = (id: string) => sys.client.workflow.start(WORKFLOW_TYPES['verfahren-migration'], {
    workflowId: id, taskQueue: sys.taskQueue, args: [input], typedSearchAttributes: searchAttributes(input),
  });
  for (let i = 0; i < 3; i++) {
    const h = await raw(`bench-start-warm-${i}`);
    await h.query(getState);
    started.push(h.workflowId);
  }

  const times = await interleaved(samples, [
    (i) => viaApi(verfahren[i]).then(() => void started.push(`migration-${ags}-${verfahren[i]}`)),
    (i) => raw(`bench-start-raw-${i}`).then((h) => void started.push(h.workflowId)),
    async (i) => {
      const h = await raw(`bench-start-rawq-${i}`);
      started.push(h.workflowId);
      await h.query(getState);
    },
  ]);

  const own = await apiOwnCost(sys.store, { workflow: { start: async () => ({}) } }, samples, async (http) => {
    const res = await http('POST', '/api/v1/runs', lead.token, { process: 'verfahren-migration', input: { ags, verfahrenId: 'ok-fis', projectLead: lead.id, targetGoLive: futureDate(200) } });
    if (res.status !== 201) throw new Error(`POST /runs (Temporal stubbed): ${res.status}`);
  });
  const profile = await firstWorkflowTask(sys.client, Array.from({ length: Math.min(samples, 30) }, (_, i) => `bench-start-rawq-${i}`));
  await terminateAll(sys.client, sys.taskQueue, started);
  return { ...result(times), apiOwnCost: own, firstWorkflowTask: profile };
}

/** POST /tasks/{id}/complete vs executeUpdate(completeTask) on the first task of equally started migrations. */
export async function measureComplete(sys: LatencyTarget, ags: string, samples: number): Promise<SeriesResult & { apiOwnCost: ApiOwnCost }> {
  const http = fetchHttp(sys.baseUrl);
  const worker = user('p.fischer');
  // the catalogue's last Verfahren: measureStart takes them from the front, and a run id is never used twice
  const verfahrenId = VERFAHREN[VERFAHREN.length - 1].id;
  const source = `migration-${ags}-${verfahrenId}`;
  const lead = user('a.gruber');
  const res = await http('POST', '/api/v1/runs', lead.token, {
    process: 'verfahren-migration', input: { ags, verfahrenId, projectLead: lead.id, targetGoLive: futureDate(200) },
  });
  if (res.status !== 201) throw new Error(`POST /runs: ${res.status} ${JSON.stringify(res.body)}`);
  const input = await startedInput(sys.client, source);
  // sanity check of the premise: the plan resolved here is the API's (same type, same input)
  const expected = resolveMigrationPlan({ ags, verfahrenId, projectLead: lead.id, targetGoLive: input.plan.targetGoLive }, input.plan.calendar, input.plan.startDate);
  if (expected.steps[0].id !== input.plan.steps[0].id) throw new Error('unexpected migration plan');

  const series = ['api', 'raw', 'rawq'] as const;
  const ids = series.map((s) => Array.from({ length: samples + 2 }, (_, i) => `bench-complete-${s}-${i}`));
  const all = [source, ...ids.flat()];
  const firstTask = new Map<string, { id: string; data: Record<string, unknown> }>();
  for (let i = 0; i < all.length; i += 20) {
    await Promise.all(all.slice(i, i + 20).map(async (id) => {
      const h = id === source ? sys.client.workflow.getHandle(id)
        : await sys.client.workflow.start(WORKFLOW_TYPES['verfahren-migration'], {
          workflowId: id, taskQueue: sys.taskQueue, args: [input], typedSearchAttributes: searchAttributes(input),
        });
      const state = await h.query(getState);
      const task = state.tasks.find((t) => t.state === 'open' && t.candidateRoles.some((r) => worker.roles.includes(r)));
      if (!task) throw new Error(`${id}: no open task for ${worker.id}`);
      firstTask.set(id, { id: task.id, data: task.formId ? sampleFormData(task.formId) : {} });
    }));
  }
  const viaApi = async (wf: string): Promise<void> => {
    const t = firstTask.get(wf)!;
    const r = await http('POST', `/api/v1/tasks/${encodeURIComponent(t.id)}/complete`, worker.token, { data: t.data });
    if (r.status !== 200) throw new Error(`complete ${t.id}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const raw = async (wf: string): Promise<void> => {
    const t = firstTask.get(wf)!;
    await sys.client.workflow.getHandle(wf).executeUpdate(completeTask, { args: [{ taskId: t.id, actor: actorOf(worker.id), data: t.data }] });
  };
  const rawWithQuery = async (wf: string): Promise<void> => {
    await sys.client.workflow.getHandle(wf).query(getState);
    await raw(wf);
  };
  // warm-up
  for (let i = samples; i < samples + 2; i++) {
    await viaApi(ids[0][i]);
    await raw(ids[1][i]);
    await rawWithQuery(ids[2][i]);
  }
  const times = await interleaved(samples, [(i) => viaApi(ids[0][i]), (i) => raw(ids[1][i]), (i) => rawWithQuery(ids[2][i])]);
  await terminateAll(sys.client, sys.taskQueue, all);
  // the same completion of a task the read model knows, its Update answered at once with the task as it was
  const done = firstTask.get(ids[0][0])!;
  const known = await sys.store.getTask(done.id);
  if (!known) throw new Error(`${done.id} is not in the read model`);
  const own = await apiOwnCost(sys.store, { workflow: { getHandle: () => ({ executeUpdate: async () => known }) } }, samples, async (http) => {
    const r = await http('POST', `/api/v1/tasks/${encodeURIComponent(done.id)}/complete`, worker.token, { data: done.data });
    if (r.status !== 200) throw new Error(`complete ${done.id} (Temporal stubbed): ${r.status} ${JSON.stringify(r.body)}`);
  });
  return { ...result(times), apiOwnCost: own };
}
