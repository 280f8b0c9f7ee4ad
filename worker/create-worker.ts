// Worker start-up: one task queue for all three processes; the activities get their adapters from here.
import { Context } from '@temporalio/activity';
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
// a step's input checked in German (an incident names the field and what is wrong with it)
import '../config/validation-messages';
import { createStepActivities } from '../activities';
import { createDeviceBatchActivities } from '../activities/device-batches';
import { createDirectorySyncActivities } from '../activities/directory-sync';
import { createDigestActivities } from '../activities/digest';
import { createMonthlyReportActivities } from '../activities/monthly-report';
import { createEventActivities } from '../activities/events';
import { createMessageMailActivities } from '../activities/message-mail';
import { createDocumentMailActivities } from '../activities/document-mail';
import { createNotificationActivities, type NotificationDeps } from '../activities/notifications';
import type { LdapSettings } from '../activities/ldap-settings';
import type { Store } from '../store/store';
import { getState } from '../workflows/messages';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundleWithSourceMap | { codePath: string };
  /** the store: event log and the activities' records (required unless `activities` replaces the real activities) */
  store?: Store;
  networkPool?: string;
  /** mail and webhook adapters (required with the real activities) */
  notifications?: NotificationDeps;
  /** SIGTERM: running activities may finish within this time before they are cancelled (default 10) */
  shutdownGraceSeconds?: number;
  /** workflows kept in memory between their tasks (default 500) */
  maxCachedWorkflows?: number;
  /** the user directory the sync reads (LDAP_*); absent: the sync activity says none is configured */
  ldap?: LdapSettings;
  /** activities to use instead of the real ones (workflow tests mock the outside world) */
  activities?: object;
}

/** Every activity the workflows call, on the given store and adapters. */
export function realActivities(options: Pick<WorkerOptions, 'store' | 'notifications' | 'networkPool' | 'ldap'>) {
  if (!options.store || !options.notifications) {
    throw new Error('createWorker needs a store (event log, activity records) and the notification adapters');
  }
  return {
    ...createStepActivities({ store: options.store, networkPool: options.networkPool }),
    ...createDeviceBatchActivities(options.store),
    ...createEventActivities(options.store, {
      nameOf: (id) => options.notifications?.directory.person(id)?.name,
      // asked from inside the activity: the activity's client is the worker's own connection
      finalStateOf: (runId) => Context.current().client.workflow.getHandle(runId).query(getState),
    }),
    ...createNotificationActivities(options.notifications),
    ...createDirectorySyncActivities({ people: options.store.people, ldap: options.ldap }),
    ...createDigestActivities(options.notifications),
    ...createMonthlyReportActivities({ ...options.notifications, store: options.store }),
    ...createMessageMailActivities({ ...options.notifications, store: options.store }),
    ...createDocumentMailActivities({ ...options.notifications, store: options.store }),
  };
}

export function createWorker(options: WorkerOptions): Promise<Worker> {
  const activities = options.activities ?? realActivities(options);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities,
    // Months-long runs sit idle most of the time: a bounded cache keeps memory flat, replay rebuilds the rest.
    // Measured at the 300-Verfahren scale run: 318 cached workflows fit the deployed 320 MB heap (WORKER_HEAP_MB) at
    // 338 MB resident; with 100 onboardings of 40 Verfahren running, the 500 cached fit it too (609 MB resident).
    maxCachedWorkflows: options.maxCachedWorkflows ?? 500,
    shutdownGraceTime: `${options.shutdownGraceSeconds ?? 10} seconds`,
  });
}
