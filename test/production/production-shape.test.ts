// The production shape, proven on every change (`npm run test:production`, called by .ci/run): what the containers
// run, run here without containers.
// - Temporal server and SQL tool at the compose file's version, built from the Go module proxy once and cached in
//   `.tools/` (support/temporal-server.ts), on a throwaway Debian PostgreSQL; deploy/temporal/schema.sh and setup.sh
//   exactly as the compose file runs them; the server configured by the image's variable names.
// - `npm run build`, then the compiled API and worker (dist/) as two processes with NODE_ENV=production.
// - `oidc-provider`, a certified OpenID provider, as identity provider in a process of its own
//   (support/identity-provider.mjs) with people carrying roles and Gemeinden.
// In headless Chromium every person signs in through the provider's login page (code flow with PKCE). An
// Arbeitsplatz-Rollout is worked through the API with those people's tokens, its four-eyes step in the browser by
// two people; a visibility query on the custom search attributes finds the run. Both processes stop on SIGTERM,
// and production refuses to start without OIDC or a database password.
//
// SMOKE_SKIP_BUILD=1 reuses an existing dist/ (e.g. right after `npm run build` in a container build).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { generateKeyPair, SignJWT } from 'jose';
import { Connection, Client as TemporalClient } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { driveToCompletion, fetchHttp, type BotUser } from '../../scripts/bot';
import { freePort } from '../../scripts/free-port';
import type { Role } from '../../domain/types';
import type { TestDatabase } from '../helpers/postgres';
import { ensureWebBundle, launchBrowser, newTab, screenshot, type TestBrowser } from '../browser/browser';
import { driveToStep } from '../browser/drive-to-step';
import { databaseWithPassword } from './support/database';
import { baseEnv, describe as describeProcesses, runNode, startNode, waitUntil, type NodeProcess } from './support/node-process';
import { ensureServerTools, startServer, type RunningServer } from './support/temporal-server';

const ROOT = path.resolve(__dirname, '..', '..');
const API_MAIN = path.join(ROOT, 'dist', 'api', 'main.js');
const WORKER_MAIN = path.join(ROOT, 'dist', 'worker', 'main.js');
const BUNDLE = path.join(ROOT, 'dist', 'workflow-bundle.js');
const BUNDLE_PROBE = path.join(__dirname, 'support', 'bundle-probe.js');
const IDENTITY_PROVIDER = path.join(__dirname, 'support', 'identity-provider.mjs');
const GRACE_SECONDS = 5;
const AGS = '09181128'; // Kaufering
const NAMESPACE = 'ku-production-test';
const AUDIENCE = 'ku-onboarding-api';

interface Person { id: string; name: string; roles: Role[]; gemeinden?: string[] }
const PEOPLE: Record<string, Person> = {
  lead: { id: 'a.gruber', name: 'Andrea Gruber', roles: ['projektleitung'] },
  board: { id: 'm.huber', name: 'Maria Huber', roles: ['vorstand'] },
  workplace1: { id: 'm.koch', name: 'Markus Koch', roles: ['arbeitsplatz'] },
  workplace2: { id: 'j.richter', name: 'Julia Richter', roles: ['arbeitsplatz'] },
  isb1: { id: 'r.schwarz', name: 'Ralf Schwarz', roles: ['isb'] },
  isb2: { id: 'e.zimmermann', name: 'Eva Zimmermann', roles: ['isb'] },
  mayor: { id: `buergermeister-${AGS}`, name: 'Bürgermeister Kaufering', roles: ['gemeinde'], gemeinden: [AGS] },
};

let tmp: string;
let temporal: RunningServer | undefined;
let temporalDatabases: string | undefined;
let database: TestDatabase | undefined;
let idp: ChildProcess | undefined;
let issuer: string;
let api: NodeProcess | undefined;
let worker: NodeProcess | undefined;
let browser: TestBrowser | undefined;
let baseUrl: string;
let productionEnv: Record<string, string>;
const tokens: Record<string, string> = {};
const pageErrors: string[] = [];
/** seconds per stage, printed for the closing note and the CI log */
const timings: Record<string, number> = {};

async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
  }
}

/** The identity provider in a process of its own; resolves with its issuer URL once it listens. */
async function startIdentityProvider(apiPort: number): Promise<string> {
  const port = await freePort();
  const people = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.id, { name: p.name, roles: p.roles, gemeinden: p.gemeinden }]));
  const settings = { port, audience: AUDIENCE, redirectUri: `http://127.0.0.1:${apiPort}/anmelden/rueckruf`, webOrigin: `http://127.0.0.1:${apiPort}`, people };
  idp = spawn(process.execPath, [IDENTITY_PROVIDER], { env: { ...baseEnv(), IDP_SETTINGS: JSON.stringify(settings) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`identity provider did not start: ${output}`)), 30_000);
    idp!.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    idp!.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const ready = /identity provider ready (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    idp!.once('exit', (code) => reject(new Error(`identity provider exited with ${code}: ${output}`)));
  });
}

/** Temporal's two databases on the throwaway PostgreSQL, under names of their own (dropped afterwards). */
function temporalTarget() {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  temporalDatabases = `temporal_prod_${process.pid}_${Date.now().toString(36)}`;
  return {
    host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username),
    // the cluster of scripts/pg-test-server.sh trusts loopback; a password is still required by the scripts
    password: decodeURIComponent(url.password) || 'trusted-loopback', databasePrefix: temporalDatabases,
  };
}

async function dropTemporalDatabases(): Promise<void> {
  if (!temporalDatabases) return;
  const admin = new PgClient({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    for (const db of [temporalDatabases, `${temporalDatabases}_visibility`]) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Signs in as a person would: `/`, the sign-in button, the provider's login and consent pages, back in the app. */
async function signInAtProvider(person: Person): Promise<Page> {
  const page = await newTab(browser!, baseUrl, pageErrors);
  await page.getByRole('button', { name: 'Mit Dienstkonto anmelden' }).click();
  await page.waitForURL((u) => u.href.startsWith(issuer));
  await page.locator('input[name="login"]').fill(person.id);
  await page.locator('input[name="password"]').fill('im Test nicht geprüft');
  // the login form, then the consent form of a first sign-in: each a new page of the provider
  for (let form = 0; form < 3 && page.url().startsWith(issuer); form++) {
    const at = page.url();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.href !== at);
  }
  await page.waitForURL((u) => u.href.startsWith(baseUrl) && !u.pathname.startsWith('/anmelden'));
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  // the provider's session cookie would sign the next person in as this one (single sign-on); the app keeps its
  // session per tab in sessionStorage, so the tabs stay signed in as who they are
  await browser!.context.clearCookies();
  return page;
}

async function tokenOf(page: Page): Promise<string> {
  // the web UI keeps the session in the tab's sessionStorage (web/src/auth/session.ts)
  const raw = await page.evaluate<string | null>("sessionStorage.getItem('ku.session')");
  const token = raw ? (JSON.parse(raw) as { token?: string }).token : undefined;
  if (!token) throw new Error('signed in, but no access token in the session');
  return token;
}

const pages: Record<string, Page> = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-production-'));
  const building = process.env.SMOKE_SKIP_BUILD === '1'
    ? Promise.resolve()
    : stage('build', () => promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(
      () => undefined,
      (err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`npm run build failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
      },
    ));
  const apiPort = await freePort();
  baseUrl = `http://127.0.0.1:${apiPort}`;
  // the build and the servers it does not depend on start side by side
  const settled = await Promise.allSettled([
    building,
    stage('temporalTools', () => ensureServerTools((line) => console.log(line))).then(async (tools) => {
      temporal = await stage('temporalServer', () => startServer(tools, temporalTarget(), NAMESPACE));
      Object.assign(timings, Object.fromEntries(Object.entries(temporal.timings).map(([k, v]) => [`temporal.${k}`, v])));
    }),
    databaseWithPassword('production').then((d) => (database = d)),
    startIdentityProvider(apiPort).then((i) => (issuer = i)),
    ensureWebBundle(),
  ]);
  // whatever did start is in the variables above for afterAll to stop
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;

  productionEnv = {
    ...baseEnv(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    TEMPORAL_ADDRESS: temporal!.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    DATABASE_URL: database!.url,
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_CLIENT_ID: 'ku-onboarding-web',
    PUBLIC_URL: baseUrl,
    DATA_DIR: path.join(tmp, 'data'),
    WORKFLOW_BUNDLE_PATH: BUNDLE,
    SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    // info: the JSON log lines are part of what is checked (the worker's ready line, no token in the API's)
    LOG_LEVEL: 'info',
  };
  // the working directory is not the project: the compiled code must find its files from where it lies
  await stage('apiAndWorkerReady', async () => {
    worker = startNode(['--require', BUNDLE_PROBE, WORKER_MAIN], productionEnv, tmp);
    api = startNode([API_MAIN], productionEnv, tmp);
    await waitUntil('worker ready', () => worker!.stdout().includes('worker ready'), [worker, api], 60_000);
    await waitUntil('API /readyz 200', async () => (await fetch(`${baseUrl}/readyz`)).status === 200, [worker, api], 60_000);
  });

  browser = await launchBrowser();
  await stage('signIns', async () => {
    for (const [key, person] of Object.entries(PEOPLE)) {
      pages[key] = await signInAtProvider(person);
      tokens[key] = await tokenOf(pages[key]);
    }
  });
}, 900_000);

afterAll(async () => {
  console.log(`production-shape stages (seconds): ${JSON.stringify(timings)}`);
  expect(pageErrors).toEqual([]);
  await browser?.stop();
  await Promise.all([api?.kill(), worker?.kill()]);
  await temporal?.stop();
  await dropTemporalDatabases().catch(() => undefined);
  await database?.drop();
  if (idp && idp.exitCode === null) {
    const exited = new Promise((resolve) => idp!.once('exit', resolve));
    idp.kill('SIGTERM');
    await exited;
  }
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
    // a well-formed token signed by a key the provider never published
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'RS256', kid: 'ku-test-1' })
      .setIssuer(issuer).setAudience(AUDIENCE).setSubject('a.gruber').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    expect((await get('/api/v1/me', forged)).status).toBe(401);
    expect((await get('/api/v1/dev/users')).status).toBe(404);
    const me = await get('/api/v1/me', tokens.lead);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'a.gruber', roles: ['projektleitung'] });
    expect(await (await get('/api/v1/auth/config')).json()).toMatchObject({ mode: 'oidc', issuer });
  });

  it('works an Arbeitsplatz-Rollout to its end with the provider\'s people, four eyes in the browser, and finds it by a visibility query', async () => {
    const http = fetchHttp(baseUrl);
    const started = await http('POST', '/api/v1/runs', tokens.lead, {
      process: 'arbeitsplatz-rollout',
      input: { ags: AGS, batch: 'Rathaus EG', devices: 3, projectLead: 'a.gruber' },
    });
    expect({ status: started.status, body: started.body }).toMatchObject({ status: 201 });
    const runId = started.body.id as string;

    const users: BotUser[] = Object.entries(PEOPLE)
      .map(([key, p]) => ({ id: p.id, roles: p.roles, gemeinden: p.gemeinden ?? [], token: tokens[key] }));
    await stage('rolloutToFourEyes', () => driveToStep(http, runId, 'datenvernichtung', 120_000, users));

    // four eyes in the browser: a technician submits from the inbox, an ISB approves
    const submitter = pages.workplace1;
    await submitter.goto(`${baseUrl}/`);
    await submitter.getByRole('link', { name: /Datenträgervernichtung/ }).first().click();
    await submitter.getByLabel('Schutzklasse nach DIN 66399').selectOption('3');
    await submitter.getByLabel('Sicherheitsstufe').selectOption('H-5');
    await submitter.getByLabel('Nummer des Vernichtungsnachweises').fill('VN-2026-0815');
    await submitter.getByRole('button', { name: 'Zur Freigabe einreichen' }).click();
    await submitter.getByText(/Zur Freigabe eingereicht/).waitFor();

    const reviewer = pages.isb1;
    await reviewer.goto(`${baseUrl}/`);
    await reviewer.getByRole('link', { name: /Datenträgervernichtung/ }).first().click();
    // names, not ids: the people seen signing in are known to every API process (store/people.ts)
    await reviewer.getByText(/Eingereicht von Markus Koch/).waitFor();
    await screenshot(reviewer, 'production-four-eyes-review');
    await reviewer.getByRole('button', { name: 'Freigeben' }).click();
    await reviewer.getByText(/Freigegeben|erledigt/i).first().waitFor();

    const reader: BotUser = users.find((u) => u.id === PEOPLE.board.id)!;
    await stage('rolloutToEnd', () => driveToCompletion({ http, users: users.filter((u) => u !== reader), reader, rootRunId: runId, timeoutMs: 90_000 })).catch((err: Error) => {
      throw new Error(`${err.message}\n${output()}`);
    });

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
    // the four-eyes step: submitted by the technician and approved by the ISB, both named in the trail
    const fourEyes = (events.body.items as { type: string; actor?: string; data: { stepId?: string } }[])
      .filter((e) => e.data.stepId === 'datenvernichtung' && e.actor);
    expect(fourEyes.find((e) => e.type === 'task.submitted')?.actor).toBe(PEOPLE.workplace1.id);
    expect(fourEyes.find((e) => e.type === 'task.approved')?.actor).toBe(PEOPLE.isb1.id);

    // the real server's SQL visibility store answers queries on the custom search attributes
    const connection = await Connection.connect({ address: temporal!.address });
    try {
      const client = new TemporalClient({ connection, namespace: NAMESPACE });
      const query = `RunProcess = 'arbeitsplatz-rollout' AND Ags = '${AGS}' AND ExecutionStatus = 'Completed'`;
      let found: string[] = [];
      // visibility is written asynchronously: the completed run appears within moments
      for (let i = 0; i < 50 && !found.includes(runId); i++) {
        found = [];
        for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
        if (!found.includes(runId)) await new Promise((r) => setTimeout(r, 200));
      }
      expect(found).toContain(runId);
      const { count } = await client.workflow.count(`RunProcess = 'arbeitsplatz-rollout' AND RunHealth IS NOT NULL`);
      expect(count).toBeGreaterThanOrEqual(1);
    } finally {
      await connection.close();
    }
  }, 300_000);

  it('the worker ran on the prebuilt bundle: no bundling at start-up', () => {
    const out = worker!.stdout();
    expect(out).toContain('[bundle-probe] watching for workflow bundling');
    expect(out).not.toContain('[bundle-probe] bundling workflow code at start-up');
    // JSON log lines, the ready line among them, naming the bundle it loaded
    const ready = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'worker ready');
    expect(ready).toMatchObject({ service: 'ku-onboarding-worker', namespace: NAMESPACE, workflowBundle: expect.stringMatching(/dist\/workflow-bundle\.js$/) });
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
