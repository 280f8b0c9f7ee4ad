// One real Temporal dev server per test file (TestWorkflowEnvironment.createLocal with the provisioned binary and
// our search attributes), and the workflow bundle built once per file.
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DomainEvent } from '../../domain/events';
import { DEV_SERVER_CONFIG_ARGS } from '../../scripts/dev-server';
import { temporalCliPath, temporalTestServerPath } from '../../scripts/temporal-cli';
import { SA } from '../../workflows/search-attributes';
import { bundleWorkflows } from '../../worker/bundle';
import { createWorker } from '../../worker/create-worker';

/**
 * The server picks free ports for its internal services, and a test file starting a server of its own at the same
 * moment may take one between its look and its bind: the server then exits at start-up (as scripts/dev-server.ts
 * handles for `npm start`). Another launch picks other ports; a third failure is the test file's.
 */
export async function startTestEnv(launches = 3): Promise<TestWorkflowEnvironment> {
  try {
    return await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH ?? temporalCliPath() },
        searchAttributes: Object.values(SA),
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'warn' },
        extraArgs: [...DEV_SERVER_CONFIG_ARGS],
      },
    });
  } catch (err) {
    if (launches <= 1) throw err;
    return startTestEnv(launches - 1);
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
}

export interface EngineWorker {
  /** the file's environment (set before its first test) */
  env: TestWorkflowEnvironment;
  /** every audit event the runs recorded, in order (unless `activities` brings its own recordEvents) */
  events: DomainEvent[];
}

/**
 * A worker for a test file of the engine's workflows, on its own task queue: started before the file's first test and
 * stopped after its last. The audit log is kept in `events` and notifications go nowhere unless `activities` says
 * otherwise. `timeSkipping` for timers and deadlines (the time-skipping test server), else a real dev server.
 */
export function useEngineWorker(o: { taskQueue: string; timeSkipping?: boolean; activities?: Record<string, (...args: never[]) => Promise<unknown>> }): EngineWorker {
  const ctx = { events: [] as DomainEvent[] } as EngineWorker;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    ctx.env = o.timeSkipping
      ? await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } })
      : await startTestEnv();
    worker = await createWorker({
      connection: ctx.env.nativeConnection, namespace: ctx.env.namespace ?? 'default', taskQueue: o.taskQueue, workflowBundle: await workflowBundle(),
      activities: {
        // appended as delivered: a batch recorded twice shows as repeated seqs
        recordEvents: async (batch: DomainEvent[]) => { ctx.events.push(...batch); },
        deliverNotifications: async () => undefined,
        deliverStoredNotifications: async () => undefined,
        ...o.activities,
      },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ctx.env?.teardown();
  });
  return ctx;
}

/**
 * A client of its own for the API under test, whose gRPC retries stop once the test system stops. The SDK's retry
 * interceptor schedules a retry with a timer that `Connection.close()` does not clear: a call that failed while the
 * server was being torn down would then retry on a closed channel and throw from the timer, failing whichever test
 * file runs then ("Channel has been shut down"). So no retry is scheduled after `close()`, and the channel itself is
 * closed only once a retry already waiting (at most 6 s: 5 s backoff plus jitter) has had its turn.
 */
export async function apiClient(env: TestWorkflowEnvironment): Promise<{ client: Client; close(): Promise<void> }> {
  let closing = false;
  const retry = defaultGrpcRetryOptions();
  const connection = await Connection.connect({
    address: env.address,
    interceptors: [makeGrpcRetryInterceptor({ ...retry, retryableDecider: (attempt, status) => !closing && retry.retryableDecider(attempt, status) })],
  });
  return {
    client: new Client({ connection, namespace: env.namespace ?? 'default' }),
    async close() {
      closing = true;
      setTimeout(() => void connection.close().catch(() => undefined), 10_000).unref();
    },
  };
}
