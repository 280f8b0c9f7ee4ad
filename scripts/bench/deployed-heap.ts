// The worker's JavaScript heap as docker-compose.yml deploys it (NODE_OPTIONS=--max-old-space-size, the default of
// WORKER_HEAP_MB there): the bench runs its worker processes with the same bound, so it measures the worker as deployed.
import fs from 'node:fs';
import path from 'node:path';

const COMPOSE = path.resolve(__dirname, '..', '..', 'docker-compose.yml');

export function deployedHeapMb(): number {
  const mb = /--max-old-space-size=\$\{WORKER_HEAP_MB:-(\d+)\}/.exec(fs.readFileSync(COMPOSE, 'utf8'))?.[1];
  if (!mb) throw new Error('docker-compose.yml: no NODE_OPTIONS=--max-old-space-size=${WORKER_HEAP_MB:-…} for the worker');
  return Number(mb);
}
