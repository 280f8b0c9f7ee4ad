// Growth (issue 19, goal 4): how the cost grows towards a state-wide provider's load, each as a small table of figures
// at three sizes beside its goal. Each section prints its own time; a failed section leaves its error in `errors`
// and the others still run.
import { performance } from 'node:perf_hooks';
import { measureReadGrowth, type ReadGrowth } from './growth-read';
import type { BenchSystem } from './system';
import { measureTwoWorkers, TWO_WORKERS_GOAL, type TwoWorkers } from './growth-workers';
import { measureWorkerGrowth, WORKER_GOAL_RSS_MB_AT_100, type WorkerGrowthPoint } from './growth-worker';

export interface GrowthResult {
  inbox?: ReadGrowth['inbox'];
  portfolio?: ReadGrowth['portfolio'];
  read?: Omit<ReadGrowth, 'inbox' | 'portfolio'>;
  /** one worker process, onboardings of 40 Verfahren running at once (scripts/bench/growth-worker.ts) */
  worker?: WorkerGrowthPoint[];
  /** two worker processes against one (scripts/bench/growth-workers.ts) */
  twoWorkers?: TwoWorkers;
  goal: { inboxP50MsAt100k: number; portfolioP50MsAt10k: number; workerPeakRssMbAt100: number; twoWorkersSpeedup: number; duplicates: 0 };
  seconds: Record<string, number>;
  errors: Record<string, string>;
}

export interface GrowthOptions {
  /** scale factor for every size (1: the issue's sizes; smaller while developing) */
  scale: number;
  readIterations: number;
  /** the sections to run (default: all) */
  sections?: string[];
  log: (l: string) => void;
}

export function emptyGrowth(): GrowthResult {
  return {
    goal: { inboxP50MsAt100k: 20, portfolioP50MsAt10k: 50, workerPeakRssMbAt100: WORKER_GOAL_RSS_MB_AT_100, twoWorkersSpeedup: TWO_WORKERS_GOAL, duplicates: 0 },
    seconds: {},
    errors: {},
  };
}

/** Fills `result` section by section, so a phase stopped at its deadline still reports the sections it finished. */
export async function measureGrowth(sys: BenchSystem, opts: GrowthOptions, result: GrowthResult = emptyGrowth()): Promise<GrowthResult> {
  const size = (n: number) => Math.max(1, Math.round(n * opts.scale));
  const section = async (name: string, run: () => Promise<void>): Promise<void> => {
    if (opts.sections && !opts.sections.includes(name)) return;
    opts.log(`  [growth: ${name}]`);
    const t0 = performance.now();
    try {
      await run();
    } catch (err) {
      result.errors[name] = (err as Error).message;
      opts.log(`  FAILED: ${(err as Error).stack ?? String(err)}`);
    }
    result.seconds[name] = Math.round((performance.now() - t0) / 1000);
    opts.log(`  (${name}: ${result.seconds[name]} s)`);
  };
  await section('read', async () => {
    const r = await measureReadGrowth(sys, {
      steps: [100, 1000, 10_000].map((runs) => ({ runs: Math.max(30, size(runs)), openTasks: Math.max(30, size(runs)) * 10 })),
      iterations: opts.readIterations,
      log: opts.log,
    });
    const { inbox, portfolio, ...rest } = r;
    Object.assign(result, { inbox, portfolio, read: rest });
  });
  await section('worker', async () => {
    result.worker = [];
    await measureWorkerGrowth(sys, {
      sizes: [10, 50, 100].map(size),
      // the deployed migration concurrency (5 of the 40 at a time); one small rollout batch
      onboarding: { verfahren: 40, workstations: 10, batchSize: 10 },
      timeoutMs: 900_000,
      log: opts.log,
    }, result.worker);
  });
  await section('twoWorkers', async () => {
    result.twoWorkers = await measureTwoWorkers(sys, {
      onboardings: Math.max(2, size(4)),
      size: { verfahren: 2, workstations: 10, batchSize: 5 },
      timeoutMs: 300_000,
      log: opts.log,
    });
  });
  return result;
}

/** The growth tables as lines: each figure at its three sizes, the goal beside the largest. */
export function growthTable(g: GrowthResult): string[] {
  const lines: string[] = [];
  const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const last = <T>(xs: T[] | undefined) => xs?.[xs.length - 1];
  if (g.inbox) {
    lines.push(`inbox p50 (a team member opens it: GET /tasks?work=true and GET /tasks/counts): ${g.inbox.map((p) => `${p.size} open tasks ${p.p50Ms} ms`).join(' · ')}`);
    if (g.read?.inboxCounts) lines.push(`  of which the counts alone: ${g.read.inboxCounts.map((p) => `${p.p50Ms} ms`).join(' · ')}`);
    lines.push(`  goal ≤ ${g.goal.inboxP50MsAt100k} ms at 100,000: ${met((last(g.inbox)?.p50Ms ?? Infinity) <= g.goal.inboxP50MsAt100k)}`);
  }
  if (g.portfolio) {
    lines.push(`portfolio p50 (GET /dashboard): ${g.portfolio.map((p) => `${p.size} runs ${p.p50Ms} ms`).join(' · ')}`);
    lines.push(`  goal ≤ ${g.goal.portfolioP50MsAt10k} ms at 10,000: ${met((last(g.portfolio)?.p50Ms ?? Infinity) <= g.goal.portfolioP50MsAt10k)}`);
  }
  if (g.worker) {
    lines.push(`one worker, onboardings of 40 Verfahren running: ${g.worker.map((p) => `${p.size}: ${p.peakRssMb} MB, wf-task to-start p95 ≤ ${p.workflowTaskScheduleToStartP95Ms} ms`).join(' · ')}`);
    lines.push(`  goal peak RSS < ${g.goal.workerPeakRssMbAt100} MB at 100: ${met((last(g.worker)?.peakRssMb ?? Infinity) < g.goal.workerPeakRssMbAt100)}`);
  }
  if (g.twoWorkers) {
    const t = g.twoWorkers;
    lines.push(`two workers: ${t.onboardings} onboardings in ${t.twoWorkersSeconds} s vs ${t.oneWorkerSeconds.join(' s and ')} s with one (before, after): ${t.speedup}×; duplicates ${JSON.stringify(t.duplicates)}`);
    const none = Object.values(t.duplicates).every((n) => n === 0);
    lines.push(`  goal ≥ ${g.goal.twoWorkersSpeedup}×: ${met(t.speedup >= g.goal.twoWorkersSpeedup)}; no duplicates: ${met(none)}`);
    const c = t.cpu.oneWorker;
    lines.push(`  CPU with one worker: ${c.cores} cores ${Math.round(c.utilization * 100)} % busy (${c.byGroup.slice(0, 5).map((x) => `${x.group} ${Math.round(x.share * 100)} %`).join(', ')}): at most ${t.speedupBoundOnThisMachine}× from any added parallelism here`);
  }
  for (const [section, message] of Object.entries(g.errors)) lines.push(`growth ${section} failed: ${message}`);
  lines.push(`growth sections (s): ${JSON.stringify(g.seconds)}`);
  return lines;
}
