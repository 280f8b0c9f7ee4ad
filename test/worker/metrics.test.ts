// The standalone worker's metrics port (worker/metrics.ts, docs/metrics.md): worker/main.ts as a child process of its
// own — the SDK's runtime is a per-process singleton that must be installed before any connection, so it cannot
// share this test's process — against a real Temporal dev server. /healthz follows the worker's state; /metrics
// wants the METRICS_TOKEN bearer and passes the SDK Core's Prometheus text through.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { resolveTemplate } from '../../domain/plan';
import type { ProcessTemplate } from '../../domain/types';
import { freePort } from '../../scripts/free-port';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { getState, type WorkflowInput } from '../../workflows/messages';
import { ROOT } from '../helpers/processes';
import { promtool } from '../helpers/promtool';

const TOKEN = 'worker-scrape-0123456789';
const TASK_QUEUE = 'worker-metrics';

let dataDir: string;
let temporal: DevServer;
let child: ChildProcess;
let exited: Promise<number | null>;
let output = '';
let base: string;
/** what /healthz answered while the worker was starting, in order */
const startup: number[] = [];

async function get(pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${pathname}`, { ...init, signal: AbortSignal.timeout(10_000) });
}
const scrape = async (): Promise<string> => {
  const res = await get('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-metrics-'));
  const [port, uiPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  temporal = await startDevServer({ dataDir: path.join(dataDir, 'temporal'), port, uiPort, namespace: 'default' });
  base = `http://127.0.0.1:${metricsPort}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test', LOG_LEVEL: 'info',
    TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATA_DIR: path.join(dataDir, 'worker'),
    WORKER_METRICS_PORT: String(metricsPort), WORKER_METRICS_HOST: '127.0.0.1', METRICS_TOKEN: TOKEN,
  };
  delete env.DATABASE_URL; // the embedded store in DATA_DIR
  delete env.WORKFLOW_BUNDLE_PATH;
  child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'worker/main.ts'], {
    cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`worker not healthy in time:\n${output}`);
    try {
      const res = await get('/healthz');
      if (startup.at(-1) !== res.status) startup.push(res.status);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  await temporal?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('answers /healthz 503 while the worker starts and 200 {"status":"ok"} once it polls', async () => {
  expect(startup).toEqual([503, 200]);
  const res = await get('/healthz');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(await res.json()).toEqual({ status: 'ok' });
});

it('refuses /metrics without the token, and knows no other paths or methods', async () => {
  const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${TOKEN}-falsch` }, { Authorization: TOKEN }, { Authorization: 'Bearer demo-vorstand' }];
  for (const headers of attempts) {
    const res = await get('/metrics', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ status: 401, title: 'Nicht angemeldet' });
    expect(body).not.toContain('temporal_');
  }
  const post = await get('/metrics', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD');
  expect((await get('/healthz', { method: 'DELETE' })).status).toBe(405);
  const unknown = await get('/api/v1/runs');
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toBe('application/problem+json');
});

it("passes the Temporal SDK's metrics through, with the process metrics", async () => {
  const text = await scrape();
  // the worker's slots and pollers, labelled with its task queue
  expect(text).toMatch(new RegExp(`^temporal_worker_task_slots_available\\{[^}]*task_queue="${TASK_QUEUE}"[^}]*worker_type="WorkflowWorker"[^}]*\\} \\d+`, 'm'));
  expect(text).toMatch(/^temporal_num_pollers\{[^}]*poller_type="workflow_task"[^}]*\} \d+/m);
  expect(text).toMatch(/^ku_worker_core_metrics_up 1$/m);
  expect(text).toMatch(/^ku_worker_running 1$/m);
  expect(text).toMatch(/^process_cpu_user_seconds_total \S+$/m);
  expect(text).toMatch(/^nodejs_heap_size_used_bytes \S+$/m);
  expect(text).not.toMatch(/^temporal_workflow_task_execution_latency_count\{[^}]*task_queue="worker-metrics"/m);
  expect(promtool(text)).toEqual({ status: 0, said: '' });
});

it('counts the workflow tasks the worker has handled', async () => {
  const template: ProcessTemplate = {
    id: 'verfahren-migration', title: 'Metriken', description: '', phases: [{ id: 'p', title: 'P' }],
    steps: [{ id: 'a', title: 'A', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 3 }],
  };
  const plan = resolveTemplate(template, { subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04' });
  const input: WorkflowInput = { plan, request: { ags: '09181128' } };
  const connection = await Connection.connect({ address: temporal.address });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const handle = await client.workflow.start('verfahrenMigration', { workflowId: `metrics-${Date.now()}`, taskQueue: TASK_QUEUE, args: [input] });
    // a query is answered by the worker, after the first workflow task
    expect((await handle.query(getState)).tasks.map((t) => t.stepId)).toEqual(['a']);
    await handle.terminate('test done');
  } finally {
    await connection.close();
  }
  const deadline = Date.now() + 30_000;
  let text = '';
  let handled = 0;
  while (Date.now() < deadline) {
    text = await scrape();
    const m = new RegExp(`^temporal_workflow_task_execution_latency_count\\{[^}]*task_queue="${TASK_QUEUE}"[^}]*\\} (\\d+)`, 'm').exec(text);
    handled = m ? Number(m[1]) : 0;
    if (handled >= 1) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(handled).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/^temporal_workflow_task_schedule_to_start_latency_count\{[^}]*\} [1-9]\d*$/m);
  // counters end in _total, as Prometheus names them (promtool finds nothing to fault)
  expect(text).toMatch(/^temporal_request_total\{/m);
  expect(promtool(text)).toEqual({ status: 0, said: '' });
});

it('logs JSON lines: the ready line, and the SDK lines with their ids', () => {
  const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.find((l) => l.msg === 'worker ready')).toMatchObject({ service: 'ku-onboarding-worker', level: 30, taskQueue: TASK_QUEUE, namespace: 'default' });
  // the SDK's own entries arrive through the same logger, with their attributes as fields
  expect(lines.find((l) => l.msg === 'Worker state changed')).toMatchObject({ sdkComponent: 'worker', taskQueue: TASK_QUEUE, state: 'RUNNING' });
});

it('drains on SIGTERM, exits 0 and closes the metrics port', async () => {
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  await expect(get('/healthz')).rejects.toThrow();
}, 60_000);
