// One real Temporal dev server per test file (TestWorkflowEnvironment.createLocal with the provisioned binary and
// our search attributes), and the workflow bundle built once per file.
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporalCliPath } from '../../scripts/temporal-cli';
import { SA } from '../../workflows/search-attributes';
import { bundleWorkflows } from '../../worker/bundle';

export async function startTestEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH ?? temporalCliPath() },
      searchAttributes: Object.values(SA),
      ip: '127.0.0.1',
      log: { format: 'pretty', level: 'warn' },
    },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
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
