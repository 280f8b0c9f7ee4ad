// Outside tools keep what the API publishes clean (issue 12, item 12). Redocly's recommended rules on /openapi.json,
// as the demo serves it (no PUBLIC_URL, no /metrics, demo routes) and as production does (PUBLIC_URL, METRICS_TOKEN,
// no demo routes); `promtool check metrics` (Debian's prometheus package, installed by test/global-setup.ts and
// .ci/run) on the API's /metrics with figures from a real store, and on the worker's own metrics (with the Temporal
// SDK's metrics too: test/worker/metrics.test.ts). Any error or warning of either tool fails.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { openStore, type Store } from '../../store/store';
import { startWorkerMetricsServer } from '../../worker/metrics';
import { promtool } from '../helpers/promtool';
import { openTask, startRun } from '../store/fixtures';
import { lightApp } from './support/light-app';

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'scrape-0123456789-abcdef';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-linters-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

/** Every problem Redocly's recommended ruleset finds, as `severity rule pointer: message`. */
function redocly(document: object, name: string): string[] {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(document));
  const bin = path.join(ROOT, 'node_modules/.bin/redocly');
  // exits 1 on errors; the JSON report on stdout lists errors and warnings alike
  const run = spawnSync(bin, ['lint', '--extends=recommended', '--format=json', file], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: RedoclyProblem[] };
  return report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
}

describe('Redocly (recommended rules) on /openapi.json', () => {
  it('finds nothing in the demo document (no PUBLIC_URL, no /metrics)', async () => {
    const doc = (await request(lightApp()).get('/openapi.json')).body as object;
    expect(redocly(doc, 'demo')).toEqual([]);
  });

  it('finds nothing in the production document (PUBLIC_URL, METRICS_TOKEN, no demo routes)', async () => {
    const app = lightApp({ embedded: false, publicUrl: 'https://onboarding.ku-it.example/', metrics: { token: TOKEN } });
    const doc = (await request(app).get('/openapi.json')).body as { servers: { url: string }[] };
    expect(doc.servers.map((s) => s.url)).toEqual(['https://onboarding.ku-it.example']);
    expect(redocly(doc, 'production')).toEqual([]);
  });

  it('is the real tool: a document without servers is an error to it', async () => {
    const { servers: _servers, ...doc } = (await request(lightApp()).get('/openapi.json')).body as Record<string, unknown>;
    expect(redocly(doc, 'no-servers')).toEqual([expect.stringMatching(/^error no-empty-servers /)]);
  });
});

describe('promtool check metrics', () => {
  let dataDir: string;
  let store: Store;

  beforeAll(async () => {
    expect(execFileSync('promtool', ['--version'], { encoding: 'utf8' })).toMatch(/promtool/);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promtool-'));
    store = await openStore({ dataDir });
    const run = startRun('promtool-kaufering', { health: 'amber' });
    openTask(run, 'netz-1', { candidateRoles: ['netzwerk', 'isb'], dueAt: new Date(Date.now() - 86_400_000).toISOString() });
    await store.appendEvents(run.events);
  });
  afterAll(async () => {
    await store?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("finds nothing in the API's /metrics", async () => {
    const app = lightApp({ store, metrics: { token: TOKEN, readModelMaxAgeMs: 0 } });
    await request(app).get('/api/v1/catalog/services').set('Authorization', 'Bearer demo-m.huber');
    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^ku_open_tasks\{process="gemeinde-onboarding",overdue="true"\} 1$/m);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(promtool(res.text)).toEqual({ status: 0, said: '' });
  });

  it("finds nothing in the worker's own metrics (process metrics and worker state)", async () => {
    const server = await startWorkerMetricsServer({ host: '127.0.0.1', port: 0, token: TOKEN, state: () => 'RUNNING' });
    try {
      const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^ku_worker_running 1$/m);
      expect(promtool(text)).toEqual({ status: 0, said: '' });
    } finally {
      await server.close();
    }
  });

  it('is the real tool: a gauge named …_total is a problem to it', () => {
    const misnamed = '# HELP nodejs_active_handles_total x\n# TYPE nodejs_active_handles_total gauge\nnodejs_active_handles_total 3\n';
    expect(promtool(misnamed)).toEqual({ status: 3, said: expect.stringContaining('nodejs_active_handles_total non-counter metrics should not have "_total" suffix') });
  });
});
