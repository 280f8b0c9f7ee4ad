// Production smoke test: what the containers run, run here. `npm run build` once, then the compiled API and worker
// (node dist/api/main.js, node dist/worker/main.js) as two processes with NODE_ENV=production against a Temporal dev
// server, a PostgreSQL database reached with a password and an OIDC issuer on loopback. One Arbeitsplatz-Rollout is
// started and driven to its end through the HTTP API alone with OIDC tokens; both processes then stop on SIGTERM.
// Production also has to refuse to start without OIDC or without a database password.
//
// SMOKE_SKIP_BUILD=1 reuses an existing dist/ (e.g. right after `npm run build` in a container build).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { driveToCompletion, fetchHttp, type BotUser } from '../../scripts/bot';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePort } from '../../scripts/free-port';
import type { Role } from '../../domain/types';
import type { TestDatabase } from '../helpers/postgres';
import { databaseWithPassword } from './support/database';
import { baseEnv, describe as describeProcesses, runNode, startNode, waitUntil, type NodeProcess } from './support/node-process';
import { startOidcIssuer, type TestIssuer, type TestPerson } from '../helpers/oidc-issuer';

const ROOT = path.resolve(__dirname, '..', '..');
const API_MAIN = path.join(ROOT, 'dist', 'api', 'main.js');
const WORKER_MAIN = path.join(ROOT, 'dist', 'worker', 'main.js');
const BUNDLE = path.join(ROOT, 'dist', 'workflow-bundle.js');
const BUNDLE_PROBE = path.join(__dirname, 'support', 'bundle-probe.js');
const GRACE_SECONDS = 5;
const AGS = '09181128'; // Kaufering

const PEOPLE: Record<string, TestPerson> = {
  lead: { id: 'a.gruber', name: 'Andrea Gruber', roles: ['projektleitung'] },
  board: { id: 'm.huber', name: 'Maria Huber', roles: ['vorstand'] },
  workplace1: { id: 'm.koch', name: 'Markus Koch', roles: ['arbeitsplatz'] },
  workplace2: { id: 'j.richter', name: 'Julia Richter', roles: ['arbeitsplatz'] },
  isb1: { id: 'r.schwarz', name: 'Ralf Schwarz', roles: ['isb'] },
  isb2: { id: 'e.zimmermann', name: 'Eva Zimmermann', roles: ['isb'] },
  mayor: { id: `buergermeister-${AGS}`, name: 'Bürgermeister Kaufering', roles: ['gemeinde'], gemeinden: [AGS] },
};

let tmp: string;
let devServer: DevServer | undefined;
let database: TestDatabase | undefined;
let issuer: TestIssuer | undefined;
let api: NodeProcess | undefined;
let worker: NodeProcess | undefined;
let baseUrl: string;
let productionEnv: Record<string, string>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-smoke-'));
  const building = process.env.SMOKE_SKIP_BUILD === '1'
    ? Promise.resolve()
    : promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(
      () => undefined,
      (err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`npm run build failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
      },
    );
  // the build and the servers it does not depend on start side by side
  const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const settled = await Promise.allSettled([
    building,
    startDevServer({ dataDir: path.join(tmp, 'temporal'), port: temporalPort, uiPort, namespace: 'ku-smoke' }).then((d) => (devServer = d)),
    databaseWithPassword('smoke').then((d) => (database = d)),
    startOidcIssuer().then((i) => (issuer = i)),
  ]);
  // whatever did start is in the variables above for afterAll to stop
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [dev, db, idp] = [devServer!, database!, issuer!];
  for (const [key, person] of Object.entries(PEOPLE)) tokens[key] = await idp.token(person);

  baseUrl = `http://127.0.0.1:${apiPort}`;
  productionEnv = {
    ...baseEnv(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    TEMPORAL_ADDRESS: dev.address,
    TEMPORAL_NAMESPACE: 'ku-smoke',
    DATABASE_URL: db.url,
    OIDC_ISSUER: idp.issuer,
    OIDC_AUDIENCE: idp.audience,
    DATA_DIR: path.join(tmp, 'data'),
    WORKFLOW_BUNDLE_PATH: BUNDLE,
    SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    // info: the JSON log lines are part of what is checked (the worker's ready line, no token in the API's)
    LOG_LEVEL: 'info',
  };
  // the working directory is not the project: the compiled code must find its files from where it lies
  worker = startNode(['--require', BUNDLE_PROBE, WORKER_MAIN], productionEnv, tmp);
  api = startNode([API_MAIN], productionEnv, tmp);
  await waitUntil('worker ready', () => worker!.stdout().includes('worker ready'), [worker, api], 60_000);
  await waitUntil('API /readyz 200', async () => (await fetch(`${baseUrl}/readyz`)).status === 200, [worker, api], 60_000);
}, 240_000);

afterAll(async () => {
  await Promise.all([api?.kill(), worker?.kill()]);
  await devServer?.stop();
  await database?.drop();
  await issuer?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

function output(): string {
  return describeProcesses([api, worker].filter((p): p is NodeProcess => p !== undefined));
}

const get = (p: string, token?: string, accept = 'application/json') =>
  fetch(`${baseUrl}${p}`, { headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

describe('the compiled API and worker in production mode', () => {
  it('are ready, serve the web UI and the docs from dist/, and accept OIDC tokens only', async () => {
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    const page = await get('/', undefined, 'text/html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('app.js');
    expect((await get('/docs', undefined, 'text/html')).status).toBe(200);

    expect((await get('/api/v1/me')).status).toBe(401);
    expect((await get('/api/v1/me', 'demo-a.gruber')).status).toBe(401);
    expect((await get('/api/v1/me', await issuer!.token(PEOPLE.lead, { key: 'stranger' }))).status).toBe(401);
    expect((await get('/api/v1/dev/users')).status).toBe(404);
    const me = await get('/api/v1/me', tokens.lead);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'a.gruber', roles: ['projektleitung'] });
    expect(await (await get('/api/v1/auth/config')).json()).toMatchObject({ mode: 'oidc', issuer: issuer!.issuer });
  });

  it('drives an Arbeitsplatz-Rollout to completion through the API, with a gap-free audit trail', async () => {
    const http = fetchHttp(baseUrl);
    const started = await http('POST', '/api/v1/runs', tokens.lead, {
      process: 'arbeitsplatz-rollout',
      input: { ags: AGS, batch: 'Rathaus EG', devices: 3, projectLead: 'a.gruber' },
    });
    expect({ status: started.status, body: started.body }).toMatchObject({ status: 201 });
    const runId = started.body.id as string;

    const users: BotUser[] = Object.entries(PEOPLE)
      .filter(([key]) => key !== 'board')
      .map(([key, p]) => ({ id: p.id, roles: p.roles as Role[], gemeinden: p.gemeinden ?? [], token: tokens[key] }));
    const reader: BotUser = { id: PEOPLE.board.id, roles: ['vorstand'], gemeinden: [], token: tokens.board };
    const completions = await driveToCompletion({ http, users, reader, rootRunId: runId, timeoutMs: 90_000 }).catch((err: Error) => {
      throw new Error(`${err.message}\n${output()}`);
    });
    expect(completions).toBeGreaterThanOrEqual(10);

    const run = await http('GET', `/api/v1/runs/${encodeURIComponent(runId)}`, tokens.board);
    expect(run.body.status).toBe('completed');
    expect(run.body.steps.every((s: { state: string }) => s.state === 'done')).toBe(true);

    const events = await http('GET', `/api/v1/runs/${encodeURIComponent(runId)}/events?limit=500`, tokens.board);
    expect(events.status).toBe(200);
    expect(events.body.nextCursor).toBeNull();
    const seqs = (events.body.items as { seq: number }[]).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    const types = (events.body.items as { type: string }[]).map((e) => e.type);
    expect(types[0]).toBe('run.started');
    expect(types).toContain('run.completed');
    // the four-eyes step was approved by two different people, both named in the trail
    const approvers = new Set((events.body.items as { type: string; actor?: string; data: { stepId?: string } }[])
      .filter((e) => e.data.stepId === 'datenvernichtung' && e.actor)
      .map((e) => e.actor));
    expect(approvers.size).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('the worker ran on the prebuilt bundle: no bundling at start-up', () => {
    const out = worker!.stdout();
    expect(out).toContain('[bundle-probe] watching for workflow bundling');
    expect(out).not.toContain('[bundle-probe] bundling workflow code at start-up');
    // JSON log lines, the ready line among them, naming the bundle it loaded
    const ready = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'worker ready');
    expect(ready).toMatchObject({ service: 'ku-onboarding-worker', namespace: 'ku-smoke', workflowBundle: expect.stringMatching(/dist\/workflow-bundle\.js$/) });
  });

  it('the API logs JSON lines with request ids, never a token', () => {
    const out = api!.stdout();
    const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { service?: string; msg?: string; req?: { id?: string; path?: string } });
    expect(lines.find((l) => l.msg === 'api ready')).toMatchObject({ service: 'ku-onboarding-api' });
    const requests = lines.filter((l) => l.req?.path?.startsWith('/api/v1/'));
    expect(requests.length).toBeGreaterThan(20);
    for (const r of requests) expect(r.req!.id).toMatch(/^[\w.-]{8,}$/);
    // access tokens are JWTs (eyJ…); the demo token was tried too
    expect(out).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(out).not.toContain('demo-a.gruber');
  });

  it('both stop on SIGTERM with exit code 0 within the grace time', async () => {
    const started = Date.now();
    api!.child.kill('SIGTERM');
    worker!.child.kill('SIGTERM');
    const [apiExit, workerExit] = await Promise.all([api!.exited, worker!.exited]);
    const took = Date.now() - started;
    expect({ api: apiExit, worker: workerExit }).toEqual({ api: { code: 0, signal: null }, worker: { code: 0, signal: null } });
    expect(took).toBeLessThan(GRACE_SECONDS * 1000 + 3000);
    expect(api!.stderr()).not.toMatch(/API failed/);
    expect(worker!.stderr()).not.toMatch(/Worker failed/);
  }, 30_000);
});

describe('production start-up refusals of the compiled code', () => {
  const withoutOidc = () => Object.fromEntries(Object.entries(productionEnv).filter(([k]) => !k.startsWith('OIDC_')));

  it('the API refuses to start without OIDC, naming OIDC_ISSUER', async () => {
    const res = await runNode([API_MAIN], withoutOidc(), tmp);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/OIDC_ISSUER/);
  });

  it.each([['API', API_MAIN], ['worker', WORKER_MAIN]])('the %s refuses a DATABASE_URL without a password, without echoing it', async (_what, main) => {
    const url = new URL(productionEnv.DATABASE_URL);
    url.password = '';
    const res = await runNode([main], { ...productionEnv, DATABASE_URL: url.toString() }, tmp);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/DATABASE_URL: production needs a database password/);
    expect(res.stderr).not.toContain(url.pathname.slice(1));
  });
});
