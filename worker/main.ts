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
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, type Logger, type Worker } from '@temporalio/worker';
import { notificationDepsFromConfig } from '../activities/notification-setup';
import { ConfigError, loadConfig, type Config } from '../config/env';
import { openStore } from '../store/store';
import { bundleWorkflows } from './bundle';
import { createWorker } from './create-worker';
import { ensureDirectorySchedule } from './directory-schedule';
import { scheduleDailyDigest } from './digest-schedule';
import { scheduleMonthlyReport } from './report-schedule';
import { workerLogger } from './logging';
import { installCoreMetrics, startWorkerMetricsServer, type WorkerMetricsServer } from './metrics';

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
  // the same mail and webhook wiring as `npm start`: SMTP when configured, otherwise captured in the database
  const notifications = notificationDepsFromConfig(store, config);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: bundlePath ? { codePath: bundlePath } : await bundleWorkflows(),
    store,
    notifications,
    networkPool: config.NETWORK_POOL,
    shutdownGraceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    ldap: config.ldap,
  });
  created(worker);
  // the directory sync's schedule: created once by whichever replica comes first; a failure here must not keep
  // the worker from executing runs, so it is logged and the next start tries again
  await ensureDirectorySchedule(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), { taskQueue: config.TEMPORAL_TASK_QUEUE, enabled: !!config.ldap })
    .then((outcome) => logger.info('directory sync schedule', { outcome }))
    .catch((err: unknown) => logger.error('directory sync schedule could not be set up', { error: String(err) }));
  // the daily mail digest at 08:00 Europe/Berlin (created once; every later start finds it); logged like the above
  await scheduleDailyDigest(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_TASK_QUEUE)
    .catch((err: unknown) => logger.error('mail digest schedule could not be set up', { error: String(err) }));
  // the monthly portfolio report on the first business day of each month, likewise
  await scheduleMonthlyReport(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_TASK_QUEUE)
    .catch((err: unknown) => logger.error('portfolio report schedule could not be set up', { error: String(err) }));
  const drain = (): void => {
    // the SDK's runtime reacts to these signals itself and may already be draining
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.once('SIGTERM', drain);
  process.once('SIGINT', drain);

  const running = worker.run();
  logger.info('worker ready', {
    taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE,
    workflowBundle: bundlePath ?? 'built at start-up', pid: process.pid,
  });
  try {
    await running;
  } finally {
    await connection.close().catch(() => undefined);
    notifications.mail.close();
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
