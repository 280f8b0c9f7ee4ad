// The production shape for the latency and scale runs: the worker as a process of its own, compiled as in a container
// (`npm run build`'s dist/worker/main.js, built once per bench run), against a real PostgreSQL, so its peak memory is
// the worker's alone. (Run through ts-node, the TypeScript compiler alone would add about 100 MB to it.) Its heap is
// bounded as docker-compose.yml bounds it (WORKER_HEAP_MB). In the embedded default one process holds
// PGlite (about 0.8 GB resident by itself), the API and the worker, and its memory says little about the worker.
// PostgreSQL: BENCH_DATABASE_URL (a database of its own is created and dropped), else a throwaway cluster started
// with scripts/pg-test-server.sh on a port of its own.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Db } from '../../store/db';
import { openMigratedDb, storeOn, type Store } from '../../store/store';
import { demoApp, serveOnLoopback } from '../demo-app';
import { freePort } from '../free-port';
import { copyAssets, DIST } from '../build-bundle';
import { deployedHeapMb } from './deployed-heap';
import { createScratchDatabase } from '../pg-database';
import { NAMESPACE } from './system';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ProductionShape {
  baseUrl: string;
  client: Client;
  store: Store;
  /** the store's database, for diagnostics the Store interface does not offer (read-model lag) */
  db: Db;
  workerPid: number;
  taskQueue: string;
  /** the run's PostgreSQL database, for a second worker process on the same store */
  databaseUrl: string;
  /** what the worker process said (errors, if any) */
  workerOutput(): string;
  stop(): Promise<void>;
}

/**
 * What this run started and has not stopped yet, stopped when the bench process exits: a phase cut short by its
 * deadline leaves its cleanup unawaited, and the worker process and the cluster would outlive the bench.
 */
const leftovers = new Set<() => void>();
process.once('exit', () => {
  for (const stop of leftovers) stop();
});

/** A PostgreSQL database for the run, or undefined when there is neither a server nor the binaries to start one. */
async function postgres(log: (l: string) => void): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  let base = process.env.BENCH_DATABASE_URL;
  let stopCluster: (() => void) | undefined;
  if (!base) {
    const port = String(await freePort());
    try {
      const out = execFileSync('bash', ['scripts/pg-test-server.sh', 'start', port], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      base = /DATABASE_URL=(\S+)/.exec(out)?.[1];
      stopCluster = () => {
        leftovers.delete(stopCluster!);
        execFileSync('bash', ['scripts/pg-test-server.sh', 'stop', port], { cwd: ROOT, stdio: 'ignore' });
      };
      leftovers.add(stopCluster);
    } catch (err) {
      log(`no PostgreSQL for the production shape (${(err as Error).message.split('\n')[0]})`);
      return undefined;
    }
    if (!base) return undefined;
  }
  const db = await createScratchDatabase(base, 'bench');
  return {
    url: db.url,
    async drop() {
      await db.drop();
      stopCluster?.();
    },
  };
}

export async function startProductionShape(opts: {
  address: string;
  dataDir: string;
  /** the engine's workflow bundle, built once by the embedded system */
  bundlePath: string;
  /** a task queue of its own, so that this shape's worker runs only its own workflows */
  taskQueue: string;
  /** more for the worker process's environment (its metrics port, a larger network pool) */
  workerEnv?: Record<string, string>;
  log: (l: string) => void;
}): Promise<ProductionShape | undefined> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => opts.log(`  (cleanup: ${(err as Error).message})`));
  };
  const db = await postgres(opts.log);
  if (!db) return undefined;
  cleanups.push(() => db.drop());
  try {
    const pg = await openMigratedDb({ databaseUrl: db.url });
    const store = storeOn(pg);
    cleanups.push(() => store.close());
    const dataDir = path.join(opts.dataDir, `worker-${opts.taskQueue}`);
    fs.mkdirSync(dataDir, { recursive: true });

    const worker = startWorkerProcess({
      address: opts.address, taskQueue: opts.taskQueue, databaseUrl: db.url, dataDir, bundlePath: opts.bundlePath, log: opts.log, label: 'worker process',
      env: opts.workerEnv,
    });
    cleanups.push(() => worker.stop());
    await worker.ready();

    const connection = await Connection.connect({ address: opts.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: NAMESPACE });
    const app = demoApp({
      client, taskQueue: opts.taskQueue, store,
      logError: (err, ctx) => opts.log(`  API error: ${(err as Error).message} ${JSON.stringify(ctx)}`),
    });
    const server = await serveOnLoopback(app);
    cleanups.push(() => server.close());
    return {
      baseUrl: server.baseUrl,
      client, store, db: pg, workerPid: worker.pid, taskQueue: opts.taskQueue, databaseUrl: db.url, workerOutput: worker.output, stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

let compiled: string | undefined;
/** dist/worker/main.js, compiled from the current sources once per bench run (the first half of `npm run build`). */
function compiledWorker(): string {
  if (!compiled) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    copyAssets();
    compiled = path.join(DIST, 'worker', 'main.js');
  }
  return compiled;
}

/** A worker process as deployed (dist/worker/main.js) on a task queue and database; stopped at the latest when the bench exits. */
export function startWorkerProcess(o: {
  address: string;
  taskQueue: string;
  databaseUrl: string;
  dataDir: string;
  bundlePath: string;
  log: (l: string) => void;
  /** how the log names it */
  label: string;
  env?: Record<string, string>;
}) {
  const child: ChildProcess = spawn(process.execPath, [`--max-old-space-size=${deployedHeapMb()}`, ...(process.env.BENCH_WORKER_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_CPU_PROFILE}`] : []), compiledWorker()], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: o.address, TEMPORAL_NAMESPACE: NAMESPACE, TEMPORAL_TASK_QUEUE: o.taskQueue,
      DATABASE_URL: o.databaseUrl, DATA_DIR: o.dataDir, WORKFLOW_BUNDLE_PATH: o.bundlePath, LOG_LEVEL: 'info',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killWorker = () => void child.kill('SIGKILL');
  leftovers.add(killWorker);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    leftovers.delete(killWorker);
    // a drained worker exits 0 on SIGTERM; anything else is worth a line
    if (code !== 0) o.log(`  ${o.label} ended with ${code ?? signal}:\n${out.slice(-2000)}`);
    resolve();
  }));
  return {
    pid: child.pid!,
    output: () => out,
    async ready(): Promise<void> {
      const deadline = Date.now() + 120_000;
      while (!out.includes('worker ready')) {
        if (child.exitCode !== null) throw new Error(`the ${o.label} exited:\n${out}`);
        if (Date.now() > deadline) throw new Error(`the ${o.label} did not get ready:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
