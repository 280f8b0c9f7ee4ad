// Growth of one worker (issue 19, goal 4): 10 / 50 / 100 onboardings of 40 Verfahren each running at once on one
// worker process (dist/worker/main.js on PostgreSQL, the production shape), each started through the API and driven by
// the bot's users through its own tasks until its Verfahren migrations are started and waiting for their first
// tasks (not to completion). The sizes are steps: the 10 keep running while 40 more join, and so on. Per step: the
// worker process's peak RSS (VmHWM, reset at the step's start) and the workflow-task latency p95 from the worker's
// own Prometheus metrics (temporal_workflow_task_schedule_to_start_latency: how long a workflow task waited for the
// worker; temporal_workflow_task_execution_latency: how long the worker then took), over that step's tasks only.
//
// An onboarding's run id is `onboarding-<AGS>`, one per Gemeinde, and the catalogue has ten: the benchmark adds
// numbered bench Gemeinden (AGS 0999xxxx) to the catalogue and to the first sample Gemeinde's staff in its own
// process (the API's). The worker needs no catalogue entry for them.
import { performance } from 'node:perf_hooks';
import { DEMO_USERS } from '../../config/users';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { candidatesFor, fetchHttp, uploadRequiredDocument, type Http } from '../bot';
import { sampleFormData } from '../sample-form-data';
import { startOnboarding, type OnboardingSize } from './onboardings';
import { startProductionShape } from './production-shape';
import { watchPeakRss } from './rss';
import { round } from './stats';
import { p95Between, scrape, workerMetricsEnv } from './worker-metrics';

export interface WorkerGrowthPoint {
  size: number;
  peakRssMb: number;
  /** p95 of temporal_workflow_task_schedule_to_start_latency over the step, ms (bucket bound: "≤ x") */
  workflowTaskScheduleToStartP95Ms: number;
  /** p95 of temporal_workflow_task_execution_latency over the step, ms */
  workflowTaskExecutionP95Ms: number;
  workflowTasks: number;
  /** seconds until every onboarding of the step had its migrations started */
  seconds: number;
}

export const WORKER_GOAL_RSS_MB_AT_100 = 1024;

const reader = DEMO_USERS.find((u) => u.id === 'm.huber')!;

/** Bench Gemeinden 09990001…: in the catalogue and in the first sample Gemeinde's staff, for this process only. */
export function benchGemeinden(count: number, from = 1): string[] {
  const ags = Array.from({ length: count }, (_, i) => `0999${String(from + i).padStart(4, '0')}`);
  const staff = DEMO_USERS.filter((u) => u.roles.includes('gemeinde') && u.gemeinden.includes(GEMEINDEN[0].ags));
  for (const a of ags) {
    if (GEMEINDEN.some((g) => g.ags === a)) continue;
    GEMEINDEN.push({ ags: a, name: `Messgemeinde ${a.slice(4)}`, plz: '86899' });
    for (const u of staff) u.gemeinden.push(a);
  }
  return ags;
}

interface RunView {
  status: string;
  incidents?: unknown[];
  steps: { id: string; childStatus?: Record<string, string> }[];
}

/** Completes the onboarding's own tasks until its migration step has started children. */
export async function driveUntilMigrations(http: Http, root: string, deadline: number): Promise<void> {
  for (;;) {
    const run = await http('GET', `/api/v1/runs/${encodeURIComponent(root)}`, reader.token);
    // 503: the run's query found no worker answering in time (a busy worker, a busy machine); ask again
    if (run.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (run.status !== 200) throw new Error(`GET run ${root}: ${run.status}`);
    const view = run.body as unknown as RunView;
    if (view.incidents?.length) throw new Error(`incident in ${root}: ${JSON.stringify(view.incidents).slice(0, 300)}`);
    const migrations = view.steps.find((s) => s.id === 'verfahrensmigrationen');
    if (Object.values(migrations?.childStatus ?? {}).some((s) => s === 'running')) return;
    if (view.status !== 'running') throw new Error(`${root} ended ${view.status} before its migrations`);
    if (Date.now() > deadline) throw new Error(`${root}: migrations not started in time`);
    const list = await http('GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(root)}&limit=500`, reader.token);
    if (list.status !== 200) throw new Error(`GET tasks: ${list.status}`);
    const own = (list.body.items as Parameters<typeof candidatesFor>[0][]).filter((t) => t.runId === root);
    for (const task of own) {
      const user = candidatesFor(task, DEMO_USERS)[0];
      if (!user) throw new Error(`no demo user may complete ${task.id}`);
      await uploadRequiredDocument(http, task, user.token);
      const res = task.state === 'review'
        ? await http('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/approve`, user.token, {})
        : await http('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, user.token, {
          ...(task.form ? { data: sampleFormData(task.form.id) } : {}),
          ...(task.kind === 'wait' ? { comment: 'Vorzeitig beendet.' } : {}),
        });
      if (res.status !== 200 && res.status !== 409) throw new Error(`complete ${task.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    if (own.length === 0) await new Promise((r) => setTimeout(r, 200));
  }
}

export async function measureWorkerGrowth(
  sys: { address: string; dataDir: string; bundlePath: string },
  opts: { sizes: number[]; onboarding: OnboardingSize; timeoutMs: number; log: (l: string) => void },
  /** filled step by step: a later step's failure keeps the earlier ones */
  points: WorkerGrowthPoint[] = [],
): Promise<WorkerGrowthPoint[]> {
  const ags = benchGemeinden(Math.max(...opts.sizes));
  const { env, metrics } = await workerMetricsEnv();
  // the default pool (10.81.0.0/16) holds 64 Gemeinde ranges of /22; a hundred Gemeinden need a larger one
  const workerEnv = { ...env, NETWORK_POOL: '10.64.0.0/12' };
  const shape = await startProductionShape({ ...sys, taskQueue: 'bench-growth', workerEnv, log: opts.log });
  if (!shape) throw new Error('no PostgreSQL for the worker process');
  try {
    const http = fetchHttp(shape.baseUrl);
    const deadline = Date.now() + opts.timeoutMs;
    let started = 0;
    for (const size of opts.sizes) {
      const before = await scrape(metrics);
      const rss = watchPeakRss(shape.workerPid);
      const t0 = performance.now();
      const fresh = ags.slice(started, size);
      started = size;
      // twenty at a time: more would crowd the worker out on a two-core machine with the bot's own requests
      for (let i = 0; i < fresh.length; i += 20) {
        await Promise.all(fresh.slice(i, i + 20).map(async (a) => driveUntilMigrations(http, await startOnboarding(http, a, opts.onboarding), deadline)));
      }
      // the children's first workflow tasks: until no workflow task waits any more
      await new Promise((r) => setTimeout(r, 3000));
      const after = await scrape(metrics);
      const toStart = p95Between(before, after, 'temporal_workflow_task_schedule_to_start_latency');
      const exec = p95Between(before, after, 'temporal_workflow_task_execution_latency');
      const point = {
        size, peakRssMb: rss.stop().peakMb, workflowTaskScheduleToStartP95Ms: toStart.p95, workflowTaskExecutionP95Ms: exec.p95,
        workflowTasks: toStart.n, seconds: round((performance.now() - t0) / 1000, 1),
      };
      points.push(point);
      opts.log(`  ${size} onboardings running: worker peak RSS ${point.peakRssMb} MB, workflow task schedule-to-start p95 ≤ ${point.workflowTaskScheduleToStartP95Ms} ms, execution p95 ≤ ${point.workflowTaskExecutionP95Ms} ms (${point.workflowTasks} tasks, ${point.seconds} s)`);
    }
  } finally {
    await shape.stop();
  }
  return points;
}
