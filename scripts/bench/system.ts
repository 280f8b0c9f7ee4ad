// The embedded system the benchmark measures, started the way `npm start` starts it (dev server with SQLite, PGlite
// store, worker and API in this process) but on free loopback ports and in a fresh temporary data directory, so a
// benchmark never touches `data/` or a running `npm start`. A second worker serves the plain baseline workflow on a
// task queue of its own.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { demoAuthenticator } from '../../api/auth';
import { demoDirectory } from '../../api/users';
import { openStore, type Store } from '../../store/store';
import { bundleWorkflows } from '../../worker/bundle';
import { createWorker } from '../../worker/create-worker';
import { startDevServer, type DevServer } from '../dev-server';

export const NAMESPACE = 'default';
export const TASK_QUEUE = 'bench-engine';
export const PLAIN_TASK_QUEUE = 'bench-plain';

export interface BenchSystem {
  dataDir: string;
  address: string;
  baseUrl: string;
  client: Client;
  store: Store;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
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
    const store = await openStore({ dataDir });
    cleanups.push(() => store.close());

    const nativeConnection = await NativeConnection.connect({ address: devServer.address });
    cleanups.push(() => nativeConnection.close());
    const [engineBundle, plainBundle] = await Promise.all([
      bundleWorkflows(),
      bundleWorkflowCode({ workflowsPath: require.resolve('./plain-workflow'), logger: quiet }),
    ]);
    const engineWorker = await createWorker({
      connection: nativeConnection, namespace: NAMESPACE, taskQueue: TASK_QUEUE, workflowBundle: engineBundle, dataDir, store,
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
    const app = createApp({
      client,
      taskQueue: TASK_QUEUE,
      store,
      users: demoDirectory,
      authenticate: demoAuthenticator(),
      embedded: true,
      readiness: {
        temporal: async () => {
          await connection.workflowService.getSystemInfo({});
        },
        database: () => store.ping(),
      },
      logError: (err, ctx) => log(`  API error: ${(err as Error).message} ${JSON.stringify(ctx)}`),
    });
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    // many concurrent bot requests: keep-alive sockets must not be cut between a poll and the next
    server.keepAliveTimeout = 60_000;
    cleanups.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    const { port } = server.address() as net.AddressInfo;
    return { dataDir, address: devServer.address, baseUrl: `http://127.0.0.1:${port}`, client, store, taskQueue: TASK_QUEUE, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}


const noop = (): void => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m), log: noop };
