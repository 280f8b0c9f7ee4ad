// The worker as a process of its own: containers run it next to the API, and the fault tests kill it with SIGKILL.
// Configuration comes from the environment like everywhere else (DATA_DIR, DATABASE_URL, TEMPORAL_ADDRESS,
// TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, NETWORK_POOL). SIGTERM/SIGINT drain it: the SDK stops polling, lets
// running activities finish within the grace time, then the process exits 0.
//
//   TEMPORAL_ADDRESS=127.0.0.1:7233 DATABASE_URL=postgres://… npx ts-node --transpile-only worker/main.ts
//
// WORKFLOW_BUNDLE_PATH may name a bundle built ahead of time (bundleWorkflowCode → file), so a restart does not pay
// for bundling again.
//
// WORKER_METRICS_PORT (and WORKER_METRICS_HOST) give the worker an HTTP port of its own: /healthz for the
// container's health check, /metrics (METRICS_TOKEN bearer) with the Temporal SDK's metrics (docs/metrics.md).
// It logs JSON lines (worker/logging.ts) at LOG_LEVEL; `worker ready` is logged at info.
import fs from 'node:fs';
import { Runtime, type Logger, type Worker } from '@temporalio/worker';
import { ConfigError, loadConfig, type Config } from '../config/env';
import { openStore } from '../store/store';
import { workerLogger } from './logging';
import { installCoreMetrics, startWorkerMetricsServer, type WorkerMetricsServer } from './metrics';
import { startWorker } from './start-worker';

export async function runWorkerProcess(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  if (!config.TEMPORAL_ADDRESS) {
    // the embedded dev server belongs to `npm start`; a worker of its own joins a server that already runs
    throw new ConfigError('Invalid configuration:\n  TEMPORAL_ADDRESS: required for a standalone worker (host:port of the Temporal server)');
  }
  const bundlePath = env.WORKFLOW_BUNDLE_PATH;
  if (bundlePath && !fs.existsSync(bundlePath)) {
    throw new ConfigError(`Invalid configuration:\n  WORKFLOW_BUNDLE_PATH: no such file (got ${JSON.stringify(bundlePath)})`);
  }

  // The SDK's metrics come from its Core runtime, which must be set up before the first connection. The metrics
  // port answers from here on: /healthz says 503 until the worker polls.
  let worker: Worker | undefined;
  let metricsServer: WorkerMetricsServer | undefined;
  const logger = workerLogger(config.LOG_LEVEL);
  if (config.WORKER_METRICS_PORT === undefined) Runtime.install({ logger });
  else {
    const core = await installCoreMetrics(logger);
    metricsServer = await startWorkerMetricsServer({
      host: config.WORKER_METRICS_HOST,
      port: config.WORKER_METRICS_PORT,
      token: config.METRICS_TOKEN,
      core,
      state: () => worker?.getState() ?? 'STARTING',
    });
  }
  try {
    await runWorker(config, logger, bundlePath, (w) => (worker = w));
  } finally {
    await metricsServer?.close();
  }
}

async function runWorker(config: Config, logger: Logger, bundlePath: string | undefined, created: (worker: Worker) => void): Promise<void> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.DATABASE_URL });
  try {
    const { worker, running, close } = await startWorker(config, { address: config.TEMPORAL_ADDRESS!, store, bundlePath, log: logger });
    created(worker);
    const drain = (): void => {
      // the SDK's runtime reacts to these signals itself and may already be draining
      if (worker.getState() === 'RUNNING') worker.shutdown();
    };
    process.once('SIGTERM', drain);
    process.once('SIGINT', drain);
    logger.info('worker ready', {
      taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE,
      workflowBundle: bundlePath ?? 'built at start-up', pid: process.pid,
    });
    try {
      await running;
    } finally {
      await close();
    }
  } finally {
    await store.close().catch(() => undefined);
  }
}

if (require.main === module) {
  runWorkerProcess().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `Worker failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(err instanceof ConfigError ? 2 : 1);
    },
  );
}
