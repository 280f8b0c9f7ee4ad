// The system under fault, as separate pieces a test can break one at a time:
//   - the Temporal dev server (scripts/dev-server.ts) on a SQLite file in a temporary DATA_DIR, restartable on the
//     same file and ports;
//   - a real PostgreSQL (test/helpers/postgres.ts) behind a TCP proxy the test can cut;
//   - the worker as a child process (fault-worker.ts → worker/main.ts), so SIGKILL is a real crash;
//   - the API in this process, on a loopback port, reading the same PostgreSQL through the same proxy.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { connectApiToTemporal } from '../../../api/temporal-connection';
import { demoApp, serveOnLoopback } from '../../../scripts/demo-app';
import { startDevServer, type DevServer } from '../../../scripts/dev-server';
import { openStore, type Store } from '../../../store/store';
import { WORKFLOWS_PATH } from '../../../worker/bundle';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres';
import { freePort } from '../../../scripts/free-port';
import { ROOT } from '../../helpers/processes';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

const NAMESPACE = 'default';
const TASK_QUEUE = 'faults';

export interface WorkerProcess {
  pid: number;
  /** resolves with the next hook report after arm() */
  arm(what: 'activity' | 'update'): Promise<string>;
  kill(): Promise<void>;
  stop(): Promise<number | null>;
  output(): string;
}

export interface FaultSystem {
  baseUrl: string;
  client: Client;
  store: Store;
  proxy: TcpProxy;
  worker: WorkerProcess;
  startWorker(): Promise<WorkerProcess>;
  /** stops the dev server (SIGTERM); temporalUp() starts it again on the same SQLite file and port */
  temporalDown(): Promise<void>;
  temporalUp(): Promise<void>;
  stop(): Promise<void>;
}

async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(__dirname, 'fault-worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('worker ready')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker exited before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    arm(what) {
      const report = new Promise<string>((resolve) => {
        const onMessage = (m: { hung?: string; detail?: string }): void => {
          if (m.hung !== what) return;
          child.off('message', onMessage);
          resolve(m.detail ?? '');
        };
        child.on('message', onMessage);
      });
      child.send({ arm: what });
      return report;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    output: () => out,
  };
}

export async function startFaultSystem(): Promise<FaultSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-faults-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error(`cleanup: ${(err as Error).message}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ports = { temporal: await freePort(), ui: await freePort() };
    const startTemporal = () => startDevServer({ dataDir, port: ports.temporal, uiPort: ports.ui, namespace: NAMESPACE });
    let temporal: DevServer = await startTemporal();
    cleanups.push(() => temporal.stop());

    const db: TestDatabase = await createTestDatabase('faults');
    cleanups.push(() => db.drop());
    const dbUrl = new URL(db.url);
    const proxy = await startTcpProxy(dbUrl.hostname, Number(dbUrl.port));
    cleanups.push(() => proxy.close());
    dbUrl.port = String(proxy.port);
    const databaseUrl = dbUrl.toString();
    // short timeouts, so an outage turns into quick errors (and retries) rather than long hangs
    const store = await openStore({ databaseUrl, connectTimeoutMs: 1000, queryTimeoutMs: 5000 });
    cleanups.push(() => store.close());

    // the product's workflows plus the Update probe, bundled once; every worker (re)start loads the same file
    const bundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      workflowInterceptorModules: [require.resolve('./update-probe')],
      logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m), log: () => undefined },
    });
    const bundlePath = path.join(dataDir, 'workflow-bundle.js');
    fs.writeFileSync(bundlePath, bundle.code);
    const workerEnv = {
      TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: NAMESPACE, TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATABASE_URL: databaseUrl, DATA_DIR: dataDir, WORKFLOW_BUNDLE_PATH: bundlePath, NODE_ENV: 'test', LOG_LEVEL: 'info',
    };
    const workers = new Set<WorkerProcess>();
    cleanups.push(async () => {
      for (const w of workers) await w.kill();
    });
    const startWorker = async (): Promise<WorkerProcess> => {
      const w = await spawnWorker(workerEnv);
      workers.add(w);
      return w;
    };

    // the API's own connection settings: a Temporal outage answers 503 within seconds
    const connection = await connectApiToTemporal(temporal.address);
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: NAMESPACE });
    const app = demoApp({ client, taskQueue: TASK_QUEUE, store, logError: () => undefined });
    const server = await serveOnLoopback(app);
    cleanups.push(() => server.close());

    const system: FaultSystem = {
      baseUrl: server.baseUrl,
      client,
      store,
      proxy,
      worker: await startWorker(),
      startWorker,
      temporalDown: () => temporal.stop(),
      async temporalUp() {
        temporal = await startTemporal();
      },
      stop,
    };
    return system;
  } catch (err) {
    await stop();
    throw err;
  }
}
