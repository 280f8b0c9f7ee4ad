// The embedded system the benchmark measures, started the way `npm start` starts it (dev server with SQLite, PGlite
// store, worker and API in this process) but on free loopback ports and in a fresh temporary data directory, so a
// benchmark never touches `data/` or a running `npm start`. A second worker serves the plain baseline workflow on a
// task queue of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { DEMO_USERS } from '../../config/users';
import { notificationDeps } from '../../activities/notification-setup';
import type { Db } from '../../store/db';
import { openMigratedDb, storeOn, type Store } from '../../store/store';
import { bundleWorkflows } from '../../worker/bundle';
import { createWorker } from '../../worker/create-worker';
import { startDevServer, type DevServer } from '../dev-server';
import { demoApp, serveOnLoopback } from '../demo-app';
import { freePort } from '../free-port';

export const NAMESPACE = 'default';
export const TASK_QUEUE = 'bench-engine';
export const PLAIN_TASK_QUEUE = 'bench-plain';

export interface BenchSystem {
  dataDir: string;
  address: string;
  baseUrl: string;
  client: Client;
  store: Store;
  /** the store's database, for diagnostics the Store interface does not offer (read-model lag) */
  db: Db;
  taskQueue: string;
  /** the engine's workflow bundle as a file, for worker processes started later */
  bundlePath: string;
  stop(): Promise<void>;
}

export async function startBenchSystem(options: { keep?: boolean; log: (line: string) => void }): Promise<BenchSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-bench-'));
  const log = options.log;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => log(`  (cleanup: ${(err as Error).message})`));
    if (options.keep) log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    log(`data directory ${dataDir}`);
    const devServer: DevServer = await startDevServer({ dataDir, port: await freePort(), uiPort: await freePort(), namespace: NAMESPACE });
    cleanups.push(() => devServer.stop());
    // the embedded database as openStore opens it, with the Db at hand for diagnostic queries
    const db = await openMigratedDb({ dataDir });
    const store = storeOn(db);
    cleanups.push(() => store.close());

    const nativeConnection = await NativeConnection.connect({ address: devServer.address });
    cleanups.push(() => nativeConnection.close());
    const [engineBundle, plainBundle] = await Promise.all([
      bundleWorkflows(),
      bundleWorkflowCode({ workflowsPath: require.resolve('./plain-workflow'), logger: quiet }),
    ]);
    const bundlePath = path.join(dataDir, 'engine-bundle.js');
    fs.writeFileSync(bundlePath, engineBundle.code);
    // mail is captured in the store, as in the embedded default (no SMTP server in a benchmark)
    const notifications = notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: 'http://127.0.0.1', users: DEMO_USERS });
    cleanups.push(async () => notifications.mail.close());
    const engineWorker = await createWorker({
      connection: nativeConnection, namespace: NAMESPACE, taskQueue: TASK_QUEUE, workflowBundle: engineBundle, store, notifications,
    });
    const plainWorker = await Worker.create({
      connection: nativeConnection, namespace: NAMESPACE, taskQueue: PLAIN_TASK_QUEUE, workflowBundle: plainBundle,
      // the baseline's activity does nothing: what is left is Temporal's own cost of an activity
      activities: { plainActivity: async (round: number) => round },
      maxCachedWorkflows: 500,
    });
    for (const worker of [engineWorker, plainWorker]) {
      const running = worker.run();
      cleanups.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      });
    }

    const connection = await Connection.connect({ address: devServer.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: NAMESPACE });
    const app = demoApp({
      client,
      taskQueue: TASK_QUEUE,
      store,
      logError: (err, ctx) => log(`  API error: ${(err as Error).message} ${JSON.stringify(ctx)}`),
    });
    const server = await serveOnLoopback(app);
    cleanups.push(() => server.close());
    return { dataDir, address: devServer.address, baseUrl: server.baseUrl, client, store, db, taskQueue: TASK_QUEUE, bundlePath, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}


const noop = (): void => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m), log: noop };
