// Preloaded into the worker process by the production-shape test (`node --require <this> dist/worker/main.js`):
// reports on stdout whether the worker bundles workflow code at start-up. With WORKFLOW_BUNDLE_PATH it must not.
// Plain JavaScript: node loads it before anything else, without a TypeScript loader.
'use strict';
const path = require('node:path');

// the same copy of the SDK the compiled worker resolves (the project's node_modules)
const bundlerPath = require.resolve('@temporalio/worker/lib/workflow/bundler', { paths: [path.resolve(__dirname, '..', '..', '..')] });
const { WorkflowCodeBundler } = require(bundlerPath);
const createBundle = WorkflowCodeBundler.prototype.createBundle;
WorkflowCodeBundler.prototype.createBundle = function probedCreateBundle(...args) {
  process.stdout.write('[bundle-probe] bundling workflow code at start-up\n');
  return createBundle.apply(this, args);
};
process.stdout.write('[bundle-probe] watching for workflow bundling\n');
