// Hand-off: a task completed through the API → the next task of the run visible in GET /tasks (the inbox's source,
// the read model). Migrations are walked one task at a time, one run after another, against the worker as deployed;
// a sample is timed from sending the completion until a task (or a task in a new state: submitted for the second
// pair of eyes) shows up in the run's open list that was not there before. Only the last open task of a run is
// timed: completing one of two parallel tasks opens nothing until the other is done, which is no hand-off.
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { DEMO_USERS } from '../../config/users';
import { VERFAHREN } from '../../domain/catalog/verfahren';
import { completeAsBot, type Http, type OpenTask } from '../bot';
import { futureDate } from './onboardings';
import { percentiles, sleep, type Percentiles, type Row } from './stats';
import { meanBetween, scrape, seriesKey, type Scrape, type WorkerMetrics } from './worker-metrics';

const lead = DEMO_USERS.find((u) => u.id === 'a.gruber')!;
const reader = DEMO_USERS.find((u) => u.id === 'm.huber')!;
/**
 * How often the open list is read while waiting, after the first read right after the answer (a person's screen
 * reads once): the figure's resolution. A read costs the API and PostgreSQL a few ms of CPU; read every 2 ms, the
 * probe kept one of this machine's two cores busy with itself, and the automated steps it waited for ran slower
 * (their hand-offs p50 107–142 ms, at 5 ms 86 ms, at 10 ms 76–112 ms).
 */
const POLL_MS = 5;
const WAIT_LIMIT_MS = 10_000;

export interface HandoffResult {
  handoff: Percentiles;
  /** the completing request alone (its answer comes before the next task is visible, or with it) */
  completion: Percentiles;
  runs: number;
  /** hand-offs whose next task was visible when the completion's answer arrived */
  visibleOnAnswer: number;
  /** the hand-offs by the first read after the answer: next task there (the answer's events), or not yet (an
   * automated step between the two tasks, e.g. the test migration's reconciliation, so the outbox stores it) */
  split: { atOnce: Percentiles; later: Percentiles };
  /** where the time goes, from the runs' histories */
  profile?: HandoffProfile;
  /** and from the worker process's own metrics */
  worker?: WorkerMeans;
}

/** Means over the phase, in ms, from the worker's Core metrics (every workflow and activity of the phase). */
export interface WorkerMeans {
  /** a workflow task scheduled → polled by the worker */
  workflowTaskToStart: number;
  /** a workflow task in the worker (activation, workflow code, commands) */
  workflowTaskRun: number;
  /** the server taking a workflow task's result (RespondWorkflowTaskCompleted) */
  serverTakesWorkflowTask: number;
  /** the server taking an activity's result (RespondActivityTaskCompleted) */
  serverTakesActivity: number;
  /** recordEvents in the worker (the append and the acceptance protocols) */
  recordEventsRun: number;
  workflowTasks: number;
}

const WORKER_SERIES: Record<Exclude<keyof WorkerMeans, 'workflowTasks'>, string> = {
  workflowTaskToStart: seriesKey('temporal_workflow_task_schedule_to_start_latency'),
  workflowTaskRun: seriesKey('temporal_workflow_task_execution_latency'),
  serverTakesWorkflowTask: seriesKey('temporal_request_latency', { operation: 'RespondWorkflowTaskCompleted' }),
  serverTakesActivity: seriesKey('temporal_request_latency', { operation: 'RespondActivityTaskCompleted' }),
  recordEventsRun: seriesKey('temporal_activity_execution_latency', { activity_type: 'recordEvents' }),
};

/**
 * Each completing Update (accepted in a workflow task) to the end of the first recordEvents after it, the write that
 * makes the next task visible, in parts: until the activity is scheduled (the workflow task, or waiting for the batch
 * in flight), until a worker starts it (dispatch), and the write itself.
 */
export interface HandoffProfile {
  updateToScheduled: Percentiles;
  scheduledToStarted: Percentiles;
  startedToCompleted: Percentiles;
  /** how often another recordEvents was still in flight when the Update was accepted (its batch then waits) */
  batchInFlight: number;
  updates: number;
}

type Ts = { seconds?: unknown; nanos?: number | null } | null | undefined;
const tsMs = (t: Ts): number => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

async function profileOf(client: Client, runIds: string[]): Promise<HandoffProfile> {
  const toScheduled: number[] = [];
  const toStarted: number[] = [];
  const writing: number[] = [];
  let inFlight = 0;
  let updates = 0;
  for (const id of runIds) {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    // recordEvents activities: scheduled event id → [scheduled, started, completed] times
    const records: { scheduledId: number; scheduled: number; started?: number; completed?: number }[] = [];
    for (const e of events) {
      if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordEvents') records.push({ scheduledId: Number(e.eventId), scheduled: tsMs(e.eventTime) });
      const started = e.activityTaskStartedEventAttributes;
      const completed = e.activityTaskCompletedEventAttributes;
      const ref = Number(started?.scheduledEventId ?? completed?.scheduledEventId ?? 0);
      const r = records.find((x) => x.scheduledId === ref);
      if (r && started) r.started = tsMs(e.eventTime);
      if (r && completed) r.completed = tsMs(e.eventTime);
    }
    for (const e of events) {
      if (!e.workflowExecutionUpdateAcceptedEventAttributes) continue;
      updates++;
      const at = tsMs(e.eventTime);
      const eventId = Number(e.eventId);
      if (records.some((r) => r.scheduledId < eventId && (r.completed === undefined || r.completed > at))) inFlight++;
      const next = records.find((r) => r.scheduledId > eventId);
      if (!next || next.started === undefined || next.completed === undefined) continue;
      toScheduled.push(next.scheduled - at);
      toStarted.push(next.started - next.scheduled);
      writing.push(next.completed - next.started);
    }
  }
  return { updateToScheduled: percentiles(toScheduled), scheduledToStarted: percentiles(toStarted), startedToCompleted: percentiles(writing), batchInFlight: inFlight, updates };
}

const key = (t: OpenTask): string => `${t.id}|${t.state}`;

async function openTasks(http: Http, runId: string): Promise<OpenTask[]> {
  const res = await http('GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(runId)}&limit=100`, reader.token);
  if (res.status !== 200) throw new Error(`GET /tasks: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as OpenTask[];
}

async function runStatus(http: Http, runId: string): Promise<string> {
  return (await http('GET', `/api/v1/runs/${encodeURIComponent(runId)}`, reader.token)).body?.status as string;
}

/** Walks `runs` migrations of the Gemeinde to their end; at least `minSamples` hand-offs (more runs if need be). */
export async function measureHandoff(
  http: Http, opts: { ags: string; minSamples: number; maxRuns: number; client?: Client; workerMetrics?: WorkerMetrics },
): Promise<HandoffResult> {
  const { workerMetrics } = opts;
  const metricsBefore = workerMetrics && (await scrape(workerMetrics));
  const handoffMs: number[] = [];
  const atOnce: number[] = [];
  const later: number[] = [];
  const completionMs: number[] = [];
  let visibleOnAnswer = 0;
  let runs = 0;
  const runIds: string[] = [];
  // from the catalogue's end, before its last: the start samples take Verfahren from the front, the completion's the last
  for (const v of VERFAHREN.slice(-1 - opts.maxRuns, -1).reverse()) {
    if (handoffMs.length >= opts.minSamples) break;
    const start = await http('POST', '/api/v1/runs', lead.token, {
      process: 'verfahren-migration', input: { ags: opts.ags, verfahrenId: v.id, projectLead: lead.id, targetGoLive: futureDate(200) },
    });
    if (start.status !== 201) throw new Error(`POST /runs: ${start.status} ${JSON.stringify(start.body)}`);
    const runId = start.body.id as string;
    runIds.push(runId);
    runs++;
    let open = await openTasks(http, runId);
    for (let t0 = performance.now(); open.length === 0; open = await openTasks(http, runId)) {
      if (performance.now() - t0 > WAIT_LIMIT_MS) throw new Error(`${runId}: no first task`);
      await sleep(POLL_MS);
    }
    for (;;) {
      const task = open[0];
      const before = new Set(open.map(key));
      const timed = open.length === 1;
      const t0 = performance.now();
      await completeAsBot(http, task, DEMO_USERS, (_status, ms) => void (timed && completionMs.push(ms)));
      let firstRead = true;
      for (;;) {
        open = await openTasks(http, runId);
        const fresh = open.some((t) => !before.has(key(t)));
        // untimed: go on once the completed task has left the list (the next round must not pick it again)
        if (timed ? fresh : !open.some((t) => key(t) === key(task))) {
          if (timed) {
            const took = performance.now() - t0;
            handoffMs.push(took);
            (firstRead ? atOnce : later).push(took);
            if (firstRead) visibleOnAnswer++;
          }
          break;
        }
        firstRead = false;
        if (open.length === 0 && (await runStatus(http, runId)) !== 'running') break;
        if (performance.now() - t0 > WAIT_LIMIT_MS) throw new Error(`${runId}: nothing opened within ${WAIT_LIMIT_MS} ms after ${task.id}`);
        await sleep(POLL_MS);
      }
      if (open.length === 0) break;
    }
  }
  if (handoffMs.length < opts.minSamples) throw new Error(`only ${handoffMs.length} hand-offs in ${runs} runs`);
  const worker = workerMetrics && metricsBefore && workerMeans(metricsBefore, await scrape(workerMetrics));
  const profile = opts.client ? await profileOf(opts.client, runIds) : undefined;
  return {
    handoff: percentiles(handoffMs), completion: percentiles(completionMs), runs, visibleOnAnswer,
    split: { atOnce: percentiles(atOnce), later: percentiles(later) }, ...(profile ? { profile } : {}), ...(worker ? { worker } : {}),
  };
}

/** The hand-off's lines in the bench's table: the two goals, then where the time goes. */
export function handoffRows(h: HandoffResult, goals: { handoffP50Ms: number; handoffP95Ms: number }, ms: (x?: number) => string, pp: (p?: Percentiles) => string): Row[] {
  const rows: Row[] = [
    [`hand-off p50 (${h.handoff.n} hand-offs, ${h.runs} runs)`, ms(h.handoff.p50), `≤ ${goals.handoffP50Ms} ms`, h.handoff.p50 <= goals.handoffP50Ms],
    ['hand-off p95', ms(h.handoff.p95), `≤ ${goals.handoffP95Ms} ms`, h.handoff.p95 <= goals.handoffP95Ms],
    ['  the completing request alone', pp(h.completion), `diagnostic; next task seen at once ${h.visibleOnAnswer}×`, undefined],
    ['  seen on the first read after the answer', pp(h.split.atOnce), `diagnostic; ${h.split.atOnce.n} hand-offs`, undefined],
    ['  seen later (an automated step between)', pp(h.split.later), `diagnostic; ${h.split.later.n} hand-offs`, undefined],
  ];
  const p = h.profile;
  if (p) rows.push(
    ['  Update → recordEvents scheduled', pp(p.updateToScheduled), `diagnostic; a batch in flight ${p.batchInFlight} of ${p.updates}×`, undefined],
    ['  recordEvents scheduled → started', pp(p.scheduledToStarted), 'diagnostic (dispatch)', undefined],
    ['  recordEvents started → completed', pp(p.startedToCompleted), 'diagnostic (the write)', undefined]);
  const w = h.worker; // means: the metrics' buckets (1, 10, 20, 50 ms) are too coarse for a median
  if (w) rows.push(
    ['  workflow task: to start · run · server takes it', [w.workflowTaskToStart, w.workflowTaskRun, w.serverTakesWorkflowTask].map(ms).join(' · '), `diagnostic; worker metrics, means (${w.workflowTasks} tasks)`, undefined],
    ['  recordEvents: run · server takes it', [w.recordEventsRun, w.serverTakesActivity].map(ms).join(' · '), 'diagnostic; worker metrics, means', undefined]);
  return rows;
}

function workerMeans(before: Scrape, after: Scrape): WorkerMeans {
  const means = Object.fromEntries(Object.entries(WORKER_SERIES).map(([k, key]) => [k, meanBetween(before, after, key).meanMs]));
  return { ...(means as Omit<WorkerMeans, 'workflowTasks'>), workflowTasks: meanBetween(before, after, WORKER_SERIES.workflowTaskRun).n };
}
