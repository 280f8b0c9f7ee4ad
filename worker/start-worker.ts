// The worker as configured by the environment, for both processes that run one: `npm start` (scripts/start.ts, beside
// the API) and the standalone worker (worker/main.ts). One place, so both honour the same settings
// (WORKER_MAX_CACHED_WORKFLOWS, SHUTDOWN_GRACE_SECONDS, NETWORK_POOL, LDAP_*, the mail settings …) and set up the
// same schedules.
import { Client } from '@temporalio/client';
import { NativeConnection, type Logger, type Worker } from '@temporalio/worker';
import { notificationDeps } from '../activities/notification-setup';
import { notificationDelivery, type NotificationDeps } from '../activities/notifications';
import type { Config } from '../config/env';
import { DEMO_USERS } from '../config/users';
import type { Store } from '../store/store';
import { bundleWorkflows } from './bundle';
import { createWorker, type WorkerOptions } from './create-worker';
import { ensureDirectorySchedule } from './directory-schedule';
import { scheduleDailyDigest } from './digest-schedule';
import { startWebhookRetries } from './webhook-retries';
import { backfillFinalStates } from './final-states-backfill';
import { scheduleMonthlyReport } from './report-schedule';

/** The mail and webhook wiring from configuration: SMTP when configured, otherwise captured in the database. */
export function notificationDepsFromConfig(store: Store, config: Config): NotificationDeps {
  return notificationDeps(store, {
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    mailTeams: config.MAIL_TEAMS,
    mailUserDomain: config.MAIL_USER_DOMAIN,
    publicUrl: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    users: config.embedded ? DEMO_USERS : [],
    webhookAllowLoopback: config.WEBHOOK_ALLOW_LOOPBACK,
  });
}

/** The worker's settings taken from configuration (everything but connection, bundle and adapters). */
export function workerSettings(config: Config): Pick<WorkerOptions, 'namespace' | 'taskQueue' | 'networkPool' | 'shutdownGraceSeconds' | 'maxCachedWorkflows' | 'ldap'> {
  return {
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    networkPool: config.NETWORK_POOL,
    shutdownGraceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    ldap: config.ldap,
  };
}

export interface StartWorkerOptions {
  /** the Temporal frontend (host:port) */
  address: string;
  store: Store;
  /** a workflow bundle built ahead of time (WORKFLOW_BUNDLE_PATH); without it the workflows are bundled now */
  bundlePath?: string;
  log: Pick<Logger, 'info' | 'error'>;
}

export interface StartedWorker {
  worker: Worker;
  /** settles when the worker has stopped */
  running: Promise<void>;
  /** drains the worker (unless the SDK already does on a signal) and closes its connection and mail transport */
  close: () => Promise<void>;
}

export async function startWorker(config: Config, options: StartWorkerOptions): Promise<StartedWorker> {
  const notifications = notificationDepsFromConfig(options.store, config);
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await createWorker({
    ...workerSettings(config),
    connection,
    workflowBundle: options.bundlePath ? { codePath: options.bundlePath } : await bundleWorkflows(),
    store: options.store,
    notifications,
  });
  const { log } = options;
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  // the directory sync's schedule (with LDAP_URL; without it, people are learned from their sign-ins), created once
  // by whichever replica comes first; a failure here must not keep the worker from executing runs, so it is logged
  // and the next start tries again
  await ensureDirectorySchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, enabled: !!config.ldap })
    .then((outcome) => { log.info('directory sync schedule', { outcome }); })
    .catch((err: unknown) => { log.error('directory sync schedule could not be set up', { error: String(err) }); });
  // the daily mail digest at 08:00 Europe/Berlin (created once; every later start finds it); logged like the above
  await scheduleDailyDigest(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_TASK_QUEUE)
    .catch((err: unknown) => { log.error('mail digest schedule could not be set up', { error: String(err) }); });
  // the board's monthly portfolio report on the first business day of each month (created once; logged likewise)
  await scheduleMonthlyReport(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_TASK_QUEUE)
    .catch((err: unknown) => { log.error('monthly report schedule could not be set up', { error: String(err) }); });
  const running = worker.run();
  // webhooks that failed in their run's delivery go out from here, each receiver's in order, until given up
  const delivery = notificationDelivery(notifications);
  const webhookRetries = startWebhookRetries(() => delivery.retryWebhooks(), log);
  // runs closed before the worker stored their final states get them while Temporal still holds them: in the
  // background, as each is a replay this worker answers; logged like the above, and the next start goes on. Closing
  // stops it after the run in hand, whose query then fails with the connection (it is not waited for).
  let closing = false;
  void backfillFinalStates(client, options.store, { stopped: () => closing })
    .then((counts) => { if (counts.stored + counts.gone + counts.failed > 0) log.info('final states of closed runs backfilled', { ...counts }); })
    .catch((err: unknown) => { log.error('final states of closed runs could not be backfilled', { error: String(err) }); });

  const close = async (): Promise<void> => {
    closing = true;
    await webhookRetries.stop();
    // the SDK's runtime reacts to SIGINT/SIGTERM itself and may already be draining
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close().catch(() => undefined);
    notifications.mail.close();
  };
  return { worker, running, close };
}
