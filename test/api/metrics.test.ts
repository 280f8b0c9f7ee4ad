// GET /metrics (docs/metrics.md): Prometheus text behind the METRICS_TOKEN bearer, latency per route pattern (never
// an id), the read model's figures at scrape time from a real (embedded) store, and a database outage that turns
// into ku_read_model_up 0 rather than a failed scrape.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ROUTE_ACTIONS } from '../../api/route-table';
import { routeLabel } from '../../api/metrics';
import { ConfigError, loadConfig } from '../../config/env';
import { openStore, type Store } from '../../store/store';
import { openTask, startRun } from '../store/fixtures';
import { lightApp } from './support/light-app';

const TOKEN = 'scrape-0123456789-abcdef';
const DAY = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

/** The value of the one sample with this name and exactly these labels (undefined: none). */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  const found = samples(text).filter((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want);
  if (found.length > 1) throw new Error(`${name} ${want} appears ${found.length} times`);
  return found[0]?.value;
}

const scrape = (app: ReturnType<typeof lightApp>) => request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

describe('route labels', () => {
  it('label every documented route by its pattern, whatever the ids and the method', () => {
    for (const key of Object.keys(ROUTE_ACTIONS)) {
      const template = key.split(' ')[1];
      const concrete = template.replace(/\{(\w+)\}/g, (_m, name: string) => `${name}-onboarding-09181128:steckbrief`);
      expect(routeLabel(`/api/v1${concrete}`)).toBe(`/api/v1${template}`);
      expect(routeLabel(`/API/V1${concrete.toUpperCase()}/`)).toBe(`/api/v1${template}`);
    }
  });

  it('keep unknown paths in two buckets and operational paths as they are', () => {
    expect(routeLabel('/api/v1/runs/a/b/c/d')).toBe('/api/v1/(unmatched)');
    expect(routeLabel('/api/v1')).toBe('/api/v1/(unmatched)');
    expect(routeLabel('/api/v2/runs')).toBe('(other)');
    expect(routeLabel('/aufgaben/onboarding-09181128:steckbrief')).toBe('(other)');
    expect(routeLabel('/assets/index-3f9a1c.js')).toBe('(other)');
    expect(routeLabel('/healthz')).toBe('/healthz');
    expect(routeLabel('/metrics/')).toBe('/metrics');
    expect(routeLabel('/docs/docs.js')).toBe('/docs/docs.js');
  });
});

describe('configuration', () => {
  it('takes METRICS_TOKEN and the worker port, and never echoes a token it refuses', () => {
    const c = loadConfig({ METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: '9464' });
    expect(c.METRICS_TOKEN).toBe(TOKEN);
    expect(c.WORKER_METRICS_PORT).toBe(9464);
    expect(c.WORKER_METRICS_HOST).toBe('127.0.0.1');
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({}).WORKER_METRICS_PORT).toBeUndefined();
    let err: unknown;
    try {
      loadConfig({ METRICS_TOKEN: 'kurz-geheim' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/METRICS_TOKEN: at least 16 characters \(value hidden\)/);
    expect((err as Error).message).not.toContain('kurz-geheim');
  });
});

describe('without METRICS_TOKEN', () => {
  it('has no /metrics at all', async () => {
    const app = lightApp();
    for (const res of [await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`), await request(app).post('/metrics')]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    // and the API description does not promise it
    expect((await request(app).get('/openapi.json')).body.paths['/metrics']).toBeUndefined();
    const withToken = lightApp({ metrics: { token: TOKEN } });
    expect((await request(withToken).get('/openapi.json')).body.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }]);
  });
});

describe('with METRICS_TOKEN and a real store', () => {
  let dataDir: string;
  let store: Store;
  let app: ReturnType<typeof lightApp>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-test-'));
    store = await openStore({ dataDir });
    const amber = startRun('metrics-kaufering', { health: 'amber', startedAt: iso(-20 * DAY) });
    const child = startRun('metrics-kaufering-mig', {
      process: 'verfahren-migration', parentId: 'metrics-kaufering', rootId: 'metrics-kaufering', health: 'red', startedAt: iso(-10 * DAY),
    });
    const green = startRun('metrics-landsberg', { ags: '09181130', gemeindeName: 'Landsberg am Lech', startedAt: iso(-5 * DAY) });
    const done = startRun('metrics-penzing', { ags: '09181132', gemeindeName: 'Penzing', startedAt: iso(-200 * DAY) });
    done.run = { ...done.run, status: 'completed', completedAt: iso(-30 * DAY), progress: 1 };
    done.emit('run.completed', done.run.completedAt!, { actor: 'system', run: done.run });
    openTask(amber, 'netz-1', { candidateRoles: ['netzwerk', 'isb'], dueAt: iso(-2 * DAY) }); // overdue
    openTask(amber, 'pl-1', { candidateRoles: ['projektleitung'] }); // no due date: never overdue
    openTask(child, 'steckbrief', { candidateRoles: ['verfahren'], dueAt: iso(3 * DAY) });
    openTask(green, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: iso(-1 * DAY) }); // overdue
    const closed = openTask(green, 'erledigt', { candidateRoles: ['gemeinde'], dueAt: iso(-3 * DAY) });
    green.emit('task.completed', iso(-2 * DAY), { task: { ...closed, state: 'done', completedAt: iso(-2 * DAY) } });
    await store.appendEvents([amber, child, green, done].flatMap((s) => s.events));
    app = lightApp({ store, metrics: { token: TOKEN, readModelMaxAgeMs: 0 } });
  });
  afterAll(async () => {
    await store?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a missing, malformed or wrong token with 401 problem+json', async () => {
    const attempts = [
      request(app).get('/metrics'),
      request(app).get('/metrics').set('Authorization', TOKEN),
      request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN.slice(0, -1)}`),
      request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`),
      request(app).get('/metrics').set('Authorization', `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`),
      // a user's token is no metrics token
      request(app).get('/metrics').set('Authorization', 'Bearer demo-vorstand'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.text).not.toContain('ku_');
    }
  });

  it('answers GET and HEAD only', async () => {
    const post = await request(app).post('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(post.headers['content-type']).toMatch(/application\/problem\+json/);
    const head = await request(app).head('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
  });

  it('serves the read model as it is at scrape time, with the process metrics', async () => {
    const res = await scrape(app);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.text;
    expect(value(text, 'ku_read_model_up')).toBe(1);
    expect(value(text, 'ku_runs', { process: 'gemeinde-onboarding', status: 'running' })).toBe(2);
    expect(value(text, 'ku_runs', { process: 'gemeinde-onboarding', status: 'completed' })).toBe(1);
    expect(value(text, 'ku_runs', { process: 'verfahren-migration', status: 'running' })).toBe(1);
    expect(value(text, 'ku_running_runs', { process: 'gemeinde-onboarding', health: 'amber' })).toBe(1);
    expect(value(text, 'ku_running_runs', { process: 'gemeinde-onboarding', health: 'green' })).toBe(1);
    expect(value(text, 'ku_running_runs', { process: 'verfahren-migration', health: 'red' })).toBe(1);
    expect(value(text, 'ku_open_tasks', { process: 'gemeinde-onboarding', overdue: 'true' })).toBe(2);
    expect(value(text, 'ku_open_tasks', { process: 'gemeinde-onboarding', overdue: 'false' })).toBe(1);
    expect(value(text, 'ku_open_tasks', { process: 'verfahren-migration', overdue: 'false' })).toBe(1);
    expect(value(text, 'ku_open_tasks', { process: 'verfahren-migration', overdue: 'true' })).toBeUndefined();
    expect(value(text, 'ku_open_tasks_by_role', { role: 'netzwerk', overdue: 'true' })).toBe(1);
    expect(value(text, 'ku_open_tasks_by_role', { role: 'isb', overdue: 'true' })).toBe(1);
    expect(value(text, 'ku_open_tasks_by_role', { role: 'gemeinde', overdue: 'true' })).toBe(1);
    expect(value(text, 'ku_open_tasks_by_role', { role: 'projektleitung', overdue: 'false' })).toBe(1);
    // prom-client's default process metrics
    expect(value(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // a task done since the last scrape is counted at the next one
    const next = startRun('metrics-utting', { ags: '09181144', gemeindeName: 'Utting am Ammersee', startedAt: iso(-DAY) });
    const t = openTask(next, 'x', { candidateRoles: ['arbeitsplatz'], dueAt: iso(-DAY) });
    next.emit('task.completed', iso(0), { task: { ...t, state: 'done', completedAt: iso(0) } });
    await store.appendEvents(next.events);
    const after = (await scrape(app)).text;
    expect(value(after, 'ku_runs', { process: 'gemeinde-onboarding', status: 'running' })).toBe(3);
    expect(value(after, 'ku_running_runs', { process: 'gemeinde-onboarding', health: 'green' })).toBe(2);
    expect(value(after, 'ku_open_tasks_by_role', { role: 'arbeitsplatz', overdue: 'true' })).toBeUndefined();
  });

  it('times requests by route pattern, method and status — never by id', async () => {
    // letters only: a number could turn up in any measured value (a sum of 0.004711 s) and fail the check by chance
    const id = 'metrics-kaufering:steckbrief-qxzv';
    await request(app).post(`/api/v1/tasks/${encodeURIComponent(id)}/complete`).send({});
    await request(app).post(`/api/v1/tasks/${encodeURIComponent(id)}/complete`).send({});
    await request(app).get(`/api/v1/runs/${id}`).set('Authorization', 'Bearer nope');
    await request(app).delete('/api/v1/runs'); // a known path, a method it lacks
    await request(app).get('/api/v1/unbekannt/qxzvw');
    await request(app).get('/healthz');
    const text = (await scrape(app)).text;
    expect(text).not.toContain('qxzv');
    expect(text).not.toContain('metrics-kaufering:');
    const count = (labels: Record<string, string>) => value(text, 'ku_http_request_duration_seconds_count', labels);
    expect(count({ method: 'POST', route: '/api/v1/tasks/{id}/complete', status: '401' })).toBe(2);
    expect(count({ method: 'GET', route: '/api/v1/runs/{id}', status: '401' })).toBe(1);
    expect(count({ method: 'DELETE', route: '/api/v1/runs', status: '401' })).toBe(1);
    expect(count({ method: 'GET', route: '/api/v1/(unmatched)', status: '401' })).toBe(1);
    expect(count({ method: 'GET', route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'ku_http_request_duration_seconds_bucket', { method: 'GET', route: '/healthz', status: '200', le: '+Inf' }))
      .toBe(count({ method: 'GET', route: '/healthz', status: '200' }));
    // the earlier scrapes of this file, timed like any request
    expect(count({ method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: '/metrics', status: '401' })).toBeGreaterThanOrEqual(6);
  });
});

describe('a read model that is down', () => {
  /** A store whose reads answer (one running run, one open task) until it goes down; then they fail or hang. */
  function flakyStore(kind: 'fails' | 'hangs', up = false) {
    const state = { up, reads: 0 };
    const read = <T>(answer: T) => (): Promise<T> => {
      state.reads++;
      if (state.up) return Promise.resolve(answer);
      return kind === 'fails' ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : new Promise<never>(() => undefined);
    };
    const store = {
      idempotency: {},
      dashboard: read({ onboardings: [], counts: [{ process: 'gemeinde-onboarding', status: 'running', count: 1 }], completedByYear: [] }),
      listRuns: read({ items: [{ process: 'gemeinde-onboarding', health: 'green' }], nextCursor: null }),
      listTasks: read({ items: [{ process: 'gemeinde-onboarding', candidateRoles: ['netzwerk'] }], nextCursor: null }),
    } as unknown as Store;
    return { store, state };
  }

  it('still serves the HTTP metrics, and says ku_read_model_up 0 with no stale figures', async () => {
    const errors: unknown[] = [];
    const { store, state } = flakyStore('fails', true);
    const app = lightApp({ store, metrics: { token: TOKEN, readModelMaxAgeMs: 0 }, logError: (err) => errors.push(err) });
    const before = (await scrape(app)).text;
    expect(value(before, 'ku_read_model_up')).toBe(1);
    expect(value(before, 'ku_runs', { process: 'gemeinde-onboarding', status: 'running' })).toBe(1);
    expect(value(before, 'ku_open_tasks_by_role', { role: 'netzwerk', overdue: 'false' })).toBe(1);

    state.up = false;
    await request(app).get('/healthz');
    const res = await scrape(app);
    expect(res.status).toBe(200);
    expect(value(res.text, 'ku_read_model_up')).toBe(0);
    expect(samples(res.text).filter((s) => ['ku_runs', 'ku_running_runs', 'ku_open_tasks', 'ku_open_tasks_by_role'].includes(s.name))).toEqual([]);
    expect(value(res.text, 'ku_http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status: '200' })).toBe(1);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => /ECONNREFUSED/.test((e as Error).message))).toBe(true);
  });

  it('does not wait for a database that hangs, and does not pile up reads on it', async () => {
    const { store, state } = flakyStore('hangs');
    const app = lightApp({ store, metrics: { token: TOKEN, readModelTimeoutMs: 300, readModelMaxAgeMs: 0 }, logError: () => undefined });
    const started = Date.now();
    const [a, b] = await Promise.all([scrape(app), scrape(app)]);
    const c = await scrape(app);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const res of [a, b, c]) {
      expect(res.status).toBe(200);
      expect(value(res.text, 'ku_read_model_up')).toBe(0);
    }
    // one read of each kind (dashboard, runs, tasks), still pending, shared by all three scrapes
    expect(state.reads).toBe(3);
  });
});
