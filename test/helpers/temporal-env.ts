// One real Temporal dev server per test file (TestWorkflowEnvironment.createLocal with the provisioned binary and
// our search attributes), and the workflow bundle built once per file.
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
