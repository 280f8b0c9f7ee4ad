// The whole system for API and end-to-end tests: a real Temporal dev server, a worker and the API on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type express from 'express';
import { DEMO_USERS } from '../../config/users';
import { demoApp, serveOnLoopback } from '../../scripts/demo-app';
import { notificationDeps } from '../../activities/notification-setup';
import { openStore, type Store } from '../../store/store';
import { createWorker, realActivities } from '../../worker/create-worker';
import { startWebhookRetries } from '../../worker/webhook-retries';
import { notificationDelivery } from '../../activities/notifications';
import { apiClient, startTestEnv, workflowBundle } from './temporal-env';

export interface TestSystem {
  env: TestWorkflowEnvironment;
  app: express.Express;
  baseUrl: string;
  dataDir: string;
  taskQueue: string;
  store: Store;
  stop(): Promise<void>;
}

/** `activities` replaces every activity; `replace` only the ones it names (the real ones do the rest). */
export async function startSystem(options: { activities?: object; replace?: object; taskQueue?: string; store?: Store } = {}): Promise<TestSystem> {
  const env = await startTestEnv();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-test-'));
  const taskQueue = options.taskQueue ?? `tq-${Math.random().toString(36).slice(2)}`;
  const store = options.store ?? (await openStore({ dataDir }));
  // mail is captured in the store, as in the embedded default
  // the tests' webhook receivers listen on loopback
  const notifications = notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: 'http://127.0.0.1', users: DEMO_USERS, webhookAllowLoopback: true });
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    store,
    notifications,
    activities: options.replace ? { ...realActivities({ store, notifications }), ...options.replace } : options.activities,
  });
  const workerDone = worker.run();
  // as the deployed worker does (worker/start-worker.ts), faster: a refused webhook comes again within a second
  const delivery = notificationDelivery(notifications);
  const webhookRetries = startWebhookRetries(() => delivery.retryWebhooks(), { error: () => undefined }, 500);
  const api = await apiClient(env);
  let stopping = false;
  const app = demoApp({
    client: api.client,
    taskQueue,
    store,
    workflowDefaults: { activityRetry: { maximumAttempts: 2, initialIntervalMs: 100 } },
    webhookAllowLoopback: true,
    // A request still running when stop() begins (a page closed mid-request) fails once Temporal is gone; that is the
    // stop's doing, and logging it then would land after the test file has ended (Jest: "Cannot log after tests are
    // done", and exit code 1 although every test passed).
    logError: (err) => {
      if (!stopping) console.error(err);
    },
  });
  const server = await serveOnLoopback(app);
  return {
    env, app, dataDir, taskQueue, store,
    baseUrl: server.baseUrl,
    async stop() {
      stopping = true;
      await server.close();
      await webhookRetries.stop();
      await api.close();
      worker.shutdown();
      await workerDone;
      await env.teardown();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function token(userId: string): string {
  const u = DEMO_USERS.find((x) => x.id === userId);
  if (!u) throw new Error(`no demo user ${userId}`);
  return u.token;
}

export function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
