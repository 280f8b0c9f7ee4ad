// One worker start-up for both processes that run a worker (worker/start-worker.ts): `npm start` and the
// standalone worker take the same settings from the environment — `npm start` once ignored WORKER_MAX_CACHED_WORKFLOWS.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { workerSettings } from '../../worker/start-worker';

test('the worker settings come from the environment, WORKER_MAX_CACHED_WORKFLOWS included', () => {
  const config = loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '7', SHUTDOWN_GRACE_SECONDS: '3', TEMPORAL_TASK_QUEUE: 'q', NETWORK_POOL: '10.20.0.0/16' });
  expect(workerSettings(config)).toMatchObject({ maxCachedWorkflows: 7, shutdownGraceSeconds: 3, taskQueue: 'q', networkPool: '10.20.0.0/16' });
  expect(workerSettings(loadConfig({})).maxCachedWorkflows).toBe(500);
});

test.each(['scripts/start.ts', 'worker/main.ts'])('%s starts its worker with startWorker, not a worker of its own', (file) => {
  const source = fs.readFileSync(path.join(__dirname, '../..', file), 'utf8');
  expect(source).toMatch(/\bstartWorker\(config,/);
  expect(source).not.toMatch(/\bcreateWorker\(|Worker\.create\(/);
});
