// Two workers (issue 19, goal 4): the same onboardings driven to completion by the bot through the API with one
// worker process, then with a second worker process (dist/worker/main.js, same task queue) on the same Temporal server and
// PostgreSQL, then with one again. The figure is the mean one-worker wall time over the two-worker one (same work on
// every side; goal ≥ 1.6×); one worker before and after, so a neighbour's load that comes or goes during the
// benchmark does not land on one side only. Afterwards
// SQL counts what two workers must never produce twice: overlapping network ranges, overlapping inventory numbers,
// and events recorded twice (a run started twice, a task opened or completed twice).
// Beside it, where the CPU went on each side (scripts/bench/cpu.ts): when the cores are nearly all busy with one
// worker, 1 / utilization bounds what any second process can gain on this machine.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPgDb } from '../../store/pg-db';
import { fetchHttp } from '../bot';
import { cpuBetween, cpuSnapshot, serverGroup, type CpuUse } from './cpu';
import { benchGemeinden } from './growth-worker';
import { drive, startOnboarding, type OnboardingSize } from './onboardings';
import { startProductionShape, startWorkerProcess, type ProductionShape } from './production-shape';
import { round } from './stats';

export interface TwoWorkers {
  onboardings: number;
  size: OnboardingSize;
  /** the one-worker runs before and after the two-worker run */
  oneWorkerSeconds: number[];
  twoWorkersSeconds: number;
  /** one worker's wall time over two workers' (same work): how much faster two are */
  speedup: number;
  duplicates: { networkRanges: number; inventoryNumbers: number; events: number };
  /** the CPU on the first one-worker side and on the two-worker side */
  cpu: { oneWorker: CpuUse; twoWorkers: CpuUse };
  /** 1 / utilization with one worker: the most any added parallelism could speed that side up on this machine */
  speedupBoundOnThisMachine: number;
}

export const TWO_WORKERS_GOAL = 1.6;

/** Overlaps and repeats that would mean two workers did one thing twice; 0 each when all is well. */
const DUPLICATE_SQL = {
  networkRanges: `SELECT count(*)::integer AS n FROM activity_records a JOIN activity_records b
    ON a.id < b.id AND a.collection = 'network-allocations' AND b.collection = 'network-allocations'
    AND ((a.data->>'cidr')::cidr && (b.data->>'cidr')::cidr OR a.data->>'runId' = b.data->>'runId')`,
  inventoryNumbers: `SELECT count(*)::integer AS n FROM activity_records a JOIN activity_records b
    ON a.id < b.id AND a.collection = 'inventory' AND b.collection = 'inventory'
    AND a.data->>'kind' = 'registrierung' AND b.data->>'kind' = 'registrierung'
    AND ((a.data->>'tenant' = b.data->>'tenant' AND a.data->>'year' = b.data->>'year'
          AND (a.data->>'first')::int <= (b.data->>'first')::int + (b.data->>'count')::int - 1
          AND (b.data->>'first')::int <= (a.data->>'first')::int + (a.data->>'count')::int - 1)
      OR a.data->>'runId' = b.data->>'runId')`,
  events: `SELECT count(*)::integer AS n FROM (
      SELECT run_id, type, data->>'stepId' FROM events
      WHERE type IN ('run.started', 'run.completed', 'task.opened', 'task.completed')
      GROUP BY run_id, type, data->>'stepId' HAVING count(*) > 1) d`,
};

/** A second worker process on the shape's task queue and database. */
function secondWorker(sys: { address: string; bundlePath: string; dataDir: string }, shape: ProductionShape, log: (l: string) => void) {
  return startWorkerProcess({
    address: sys.address, taskQueue: shape.taskQueue, databaseUrl: shape.databaseUrl, dataDir: path.join(sys.dataDir, 'worker-2'),
    bundlePath: sys.bundlePath, log, label: 'second worker',
  });
}

export async function measureTwoWorkers(
  sys: { address: string; dataDir: string; bundlePath: string },
  opts: { onboardings: number; size: OnboardingSize; timeoutMs: number; log: (l: string) => void },
): Promise<TwoWorkers> {
  // bench Gemeinden of their own (run ids are per Gemeinde): after the one-worker growth's 100
  const ags = benchGemeinden(3 * opts.onboardings + 1, 501);
  const shape = await startProductionShape({ ...sys, taskQueue: 'bench-two-workers', log: opts.log });
  if (!shape) throw new Error('no PostgreSQL for the worker processes');
  let second: ReturnType<typeof secondWorker> | undefined;
  try {
    const http = fetchHttp(shape.baseUrl);
    const label = (pid: number, name: string): string | undefined =>
      pid === process.pid ? 'bench process (API, bot)' : pid === shape.workerPid ? 'worker' : pid === second?.pid ? 'second worker'
        : serverGroup(name);
    let lastCpu: CpuUse | undefined;
    const side = async (gemeinden: string[]): Promise<number> => {
      const t0 = performance.now();
      const cpu0 = cpuSnapshot();
      const roots = await Promise.all(gemeinden.map((a) => startOnboarding(http, a, opts.size)));
      await Promise.all(roots.map((root) => drive(http, root, opts.timeoutMs)));
      lastCpu = cpuBetween(cpu0, cpuSnapshot(), label);
      return (performance.now() - t0) / 1000;
    };
    const cpuLine = (c: CpuUse) => `cores ${Math.round(c.utilization * 100)} % busy; `
      + c.byGroup.slice(0, 5).map((g) => `${g.group} ${Math.round(g.share * 100)} %`).join(', ');
    const k = opts.onboardings;
    // a warm-up onboarding first, not counted: the first run pays for cold caches in the API, the worker and the database
    await side(ags.slice(3 * k));
    const oneBefore = await side(ags.slice(0, k));
    const cpuOne = lastCpu!;
    opts.log(`  one worker: ${k} onboardings in ${round(oneBefore, 1)} s (${cpuLine(cpuOne)})`);
    // the second process only now: it polls the queue as soon as it is up
    second = secondWorker(sys, shape, opts.log);
    await second.ready();
    const two = await side(ags.slice(k, 2 * k));
    const cpuTwo = lastCpu!;
    opts.log(`  two workers: ${k} onboardings in ${round(two, 1)} s (${cpuLine(cpuTwo)})`);
    await second.stop();
    const oneAfter = await side(ags.slice(2 * k, 3 * k));
    opts.log(`  one worker again: ${k} onboardings in ${round(oneAfter, 1)} s`);
    const one = (oneBefore + oneAfter) / 2;
    const db = openPgDb({ connectionString: shape.databaseUrl });
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
    let duplicates: TwoWorkers['duplicates'];
    try {
      duplicates = {
        networkRanges: await count(DUPLICATE_SQL.networkRanges),
        inventoryNumbers: await count(DUPLICATE_SQL.inventoryNumbers),
        events: await count(DUPLICATE_SQL.events),
      };
    } finally {
      await db.close();
    }
    opts.log(`  speed-up ${round(one / two)}×; duplicates ${JSON.stringify(duplicates)}`);
    return {
      onboardings: opts.onboardings, size: opts.size, oneWorkerSeconds: [round(oneBefore, 1), round(oneAfter, 1)], twoWorkersSeconds: round(two, 1),
      speedup: round(one / two), duplicates,
      cpu: { oneWorker: cpuOne, twoWorkers: cpuTwo },
      speedupBoundOnThisMachine: round(1 / cpuOne.utilization),
    };
  } finally {
    await second?.stop();
    await shape.stop();
  }
}
