// Records workflow histories from real runs for the replay test (test/replay/replay.test.ts): a real Temporal dev
// server, the real worker with the real activities and the HTTP API, driven the way people and systems would drive
// them. Each run's history is written as proto3 JSON (test/replay/history-json.ts) to
// test/replay/histories/<workflowType>-<scenario>.json and listed in test/replay/manifest.json.
//
//   npm run record-histories                      # refuses to overwrite existing histories
//   npm run record-histories -- --tag v2          # writes <workflowType>-<scenario>-v2.json next to the old ones
//   npm run record-histories -- --replace         # overwrites (only when no run of the old code is still open)
//   npm run record-histories -- --only four-eyes  # one scenario group: completed, cancelled, four-eyes, deadline, digest
//
// Keep the runs small (one or two Verfahren, a few devices): every file is replayed on every `npm test`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { EMBEDDED_INBOUND_SECRETS, sign } from '../api/inbound-auth';
import { bavarianCalendar } from '../api/calendar';
import { notificationDeps } from '../activities/notification-setup';
import { DEMO_USERS, type DemoUser } from '../config/users';
import { allowedActions, type TaskAction } from '../domain/policy';
import { resolveMigrationPlan, runIds } from '../domain/plan';
import type { FormId, Role } from '../domain/types';
import { openStore } from '../store/store';
import { createWorker } from '../worker/create-worker';
import { completeTask, getState, type Actor, type WorkflowInput } from '../workflows/messages';
import { futureDate, startSystem, type TestSystem } from '../test/helpers/system';
import { startTestEnv, workflowBundle } from '../test/helpers/temporal-env';
import { LDAP_BASE, LDAP_PASSWORD, LDAP_SYNC_DN, startLdapServer } from '../test/helpers/directory-ldap-server';
import { loadConfig } from '../config/env';
import {
  findSecrets,
  HISTORIES_DIR,
  loadHistory,
  readManifest,
  writeManifest,
  type ManifestEntry,
} from '../test/replay/history-files';
import { historyToJson } from '../test/replay/history-json';
import { fetchHttp, type Http } from './bot';
import { sampleFormData } from './sample-form-data';
import { temporalTestServerPath } from './temporal-cli';

const ROOT = path.resolve(__dirname, '..');

// ---- what gets recorded ---------------------------------------------------------------------------------------

const GROUPS = ['completed', 'cancelled', 'four-eyes', 'deadline', 'directory', 'digest'] as const;
type Group = (typeof GROUPS)[number];

/** The files each group writes (workflow type, scenario), known up front so an overwrite is refused before any run. */
const OUTPUTS: Record<Group, [string, string][]> = {
  completed: [
    ['gemeindeOnboarding', 'completed-with-run-changes'],
    ['verfahrenMigration', 'completed-as-child'],
    ['verfahrenMigration', 'removed-from-onboarding'],
    ['arbeitsplatzRollout', 'completed-with-inbound-event'],
  ],
  cancelled: [
    ['gemeindeOnboarding', 'incident-retried-then-cancelled'],
    ['arbeitsplatzRollout', 'cancelled-with-onboarding'],
  ],
  'four-eyes': [['verfahrenMigration', 'returned-under-four-eyes']],
  deadline: [['verfahrenMigration', 'deadline-reminded-escalated']],
  directory: [['directorySync', 'synced-from-ldap']],
  digest: [['mailDigest', 'daily-digest-sent']],
};

interface Recorded {
  workflowId: string;
  workflowType: string;
  scenario: string;
}

// ---- command line ---------------------------------------------------------------------------------------------

/** A mistake in how the script was called: reported without a stack trace. */
class UsageError extends Error {}

function parseArgs(argv: string[]): { tag?: string; replace: boolean; only: Group[] } {
  let tag: string | undefined;
  let replace = false;
  let only: Group[] = [...GROUPS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--replace') replace = true;
    else if (arg === '--tag') tag = argv[++i];
    else if (arg === '--only') only = (argv[++i] ?? '').split(',') as Group[];
    else throw new UsageError(`unknown argument ${arg} (use --tag NAME, --replace, --only ${GROUPS.join(',')})`);
  }
  if (tag !== undefined && !/^[a-z0-9][a-z0-9.-]*$/i.test(tag)) throw new UsageError(`--tag must be letters, digits, . and - (got ${JSON.stringify(tag)})`);
  const unknown = only.filter((g) => !GROUPS.includes(g));
  if (unknown.length) throw new UsageError(`--only: unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  return { tag, replace, only };
}

function fileName(workflowType: string, scenario: string, tag?: string): string {
  return `${workflowType}-${scenario}${tag ? `-${tag}` : ''}.json`;
}

function log(message: string): void {
  process.stderr.write(`[record-histories] ${message}\n`);
}

// ---- driving runs through the API -----------------------------------------------------------------------------

interface OpenTask {
  id: string;
  runId: string;
  stepId: string;
  kind: string;
  state: string;
  ags: string;
  candidateRoles: Role[];
  approvals: { required: number; roles?: Role[]; given: { user: string; role: Role }[] };
  form: { id: FormId } | null;
  returnReason?: string;
  assignee?: string;
  submission?: { by: string };
  incident?: { stepId: string; error: string };
}

interface RunBody {
  id: string;
  status: string;
  incidents: { stepId: string; error: string }[];
  steps: { id: string; state: string; children?: string[]; childStatus?: Record<string, string> }[];
}

const user = (id: string): DemoUser => DEMO_USERS.find((u) => u.id === id) ?? fail(`no demo user ${id}`);
const reader = user('m.huber');
const lead = user('a.gruber');

function fail(message: string): never {
  throw new Error(message);
}

/** Demo users who may do this with the task now (by default: enter its data, or approve it in review). */
function candidates(task: OpenTask, action: TaskAction = task.state === 'review' ? 'approve' : 'complete'): DemoUser[] {
  return DEMO_USERS.filter((u) => allowedActions(u, task).includes(action)); // domain/policy.ts
}

async function call(http: Http, method: 'GET' | 'POST', url: string, as: DemoUser, body?: unknown, ok = [200, 201, 202]): Promise<any> {
  const res = await http(method, url, as.token, body);
  if (!ok.includes(res.status)) throw new Error(`${method} ${url} as ${as.id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function getRun(http: Http, runId: string): Promise<RunBody> {
  return call(http, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}`, reader);
}

/**
 * Completes the task as the first entitled demo user would — or, for four eyes in review, approves it as a second
 * person (runs recorded before the review rule count each completion instead); 409 means someone was first.
 */
async function completeAsBot(http: Http, task: OpenTask, data?: Record<string, unknown>): Promise<void> {
  const by = candidates(task)[0] ?? fail(`no demo user may complete ${task.id}`);
  if (task.state === 'review') {
    await call(http, 'POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/approve`, by, {}, [200, 409]);
    return;
  }
  const body: Record<string, unknown> = {};
  if (task.form) body.data = data ?? sampleFormData(task.form.id);
  if (task.kind === 'wait') body.comment = 'Vorzeitig beendet: alles stabil.';
  await call(http, 'POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, by, body, [200, 409]);
}

interface Hooks {
  /** stop driving once this holds for the root run (default: when it no longer runs) */
  until?: (run: RunBody) => boolean | Promise<boolean>;
  /** once per round, before the tasks: run changes */
  round?: (run: RunBody) => Promise<void>;
  /** handles the task differently from the bot; true when it did (or when the task is to be left alone) */
  act?: (task: OpenTask) => Promise<boolean>;
  /** mends the root run's incidents (without this hook an incident stops the recording) */
  incident?: (run: RunBody) => Promise<void>;
}

async function drive(http: Http, rootRunId: string, hooks: Hooks = {}, timeoutMs = 600_000): Promise<RunBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(http, rootRunId);
    if (hooks.until ? await hooks.until(run) : run.status !== 'running') return run;
    if (run.status !== 'running') throw new Error(`${rootRunId} closed as ${run.status} before the scenario was done`);
    if (Date.now() > deadline) throw new Error(`${rootRunId}: scenario not done in time`);
    if (run.incidents.length) {
      if (!hooks.incident) throw new Error(`incident in ${rootRunId}: ${JSON.stringify(run.incidents)}`);
      await hooks.incident(run);
    }
    await hooks.round?.(run);
    const list = await call(http, 'GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(rootRunId)}&limit=500`, reader);
    const tasks = list.items as OpenTask[];
    // one at a time: a scenario's steps happen in a readable order, and the history stays the same shape
    for (const task of tasks) {
      if (await hooks.act?.(task)) continue;
      await completeAsBot(http, task);
    }
    if (tasks.length === 0) await sleep(150);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the run has closed, whatever the outcome; the history is complete only then. */
async function closed(client: Client, workflowId: string, timeoutMs = 120_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${workflowId} did not close within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([client.workflow.getHandle(workflowId).result().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runVisible(http: Http, runId: string): Promise<boolean> {
  return (await http('GET', `/api/v1/runs/${encodeURIComponent(runId)}`, reader.token)).status === 200;
}

// ---- scenario: a whole onboarding, with run changes, an inbound event and a removed Verfahren -------------------

async function recordCompleted(sys: TestSystem): Promise<Recorded[]> {
  const http = fetchHttp(sys.baseUrl);
  const ags = '09181128';
  const onboardingId = runIds.onboarding(ags);
  const kept = runIds.migration(ags, 'ok-fis');
  const removed = runIds.migration(ags, 'ok-ewo');
  await call(http, 'POST', '/api/v1/runs', lead, {
    process: 'gemeinde-onboarding',
    input: { ags, variant: 'dienstleistung', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
  });
  log(`${onboardingId}: started`);

  let changed = false;
  let added = false;
  let removedAt = 0;
  const eventsSent = new Set<string>();
  const run = await drive(http, onboardingId, {
    round: async (r) => {
      if (!changed) {
        changed = true;
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/target`, lead, { targetGoLive: futureDate(330), reason: 'Gemeinderat tagt erst im Herbst' });
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/lead`, lead, { projectLead: 'f.maier', reason: 'Urlaubsvertretung' });
        log(`${onboardingId}: target moved, lead changed`);
      }
      const migrations = r.steps.find((s) => s.id === 'verfahrensmigrationen')!;
      if (!added && migrations.state === 'active') {
        added = true;
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/verfahren`, lead, { verfahrenId: 'ok-ewo' });
        log(`${onboardingId}: Verfahren ok-ewo added while the migrations run`);
      }
      // removed only once its run answers, so the cancellation reaches a started child
      if (added && !removedAt && (await runVisible(http, removed))) {
        removedAt = Date.now();
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/verfahren/ok-ewo/remove`, lead, { reason: 'Verfahren wird abgekündigt' });
        log(`${onboardingId}: Verfahren ok-ewo removed again`);
      }
    },
    act: async (task) => {
      if (task.runId === removed) return true; // its run is being cancelled
      if (task.stepId !== 'imaging' || !task.runId.startsWith('rollout-')) return false;
      // the deployment tool reports the imaged devices, signed with its shared secret, instead of a person
      if (!eventsSent.has(task.id)) {
        eventsSent.add(task.id);
        const body = JSON.stringify({ id: `betankung-${task.runId}`, type: 'geraete.betankt', subject: task.id, data: { geraete: 3 } });
        const res = await fetch(`${sys.baseUrl}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-sender': 'softwareverteilung', 'x-signature': sign(EMBEDDED_INBOUND_SECRETS.softwareverteilung, body) },
          body,
        });
        if (res.status !== 200) throw new Error(`inbound event for ${task.id}: ${res.status} ${await res.text()}`);
        log(`${task.runId}: imaging reported by the deployment tool`);
      }
      return true;
    },
  }, 900_000);
  if (run.status !== 'completed') throw new Error(`${onboardingId} ended ${run.status}`);
  const rollouts = run.steps.find((s) => s.id === 'arbeitsplatz-rollouts')!.children!;
  for (const id of [onboardingId, kept, removed, ...rollouts]) await closed(sys.env.client, id);
  log(`${onboardingId}: completed`);
  return [
    { workflowId: onboardingId, workflowType: 'gemeindeOnboarding', scenario: 'completed-with-run-changes' },
    { workflowId: kept, workflowType: 'verfahrenMigration', scenario: 'completed-as-child' },
    { workflowId: removed, workflowType: 'verfahrenMigration', scenario: 'removed-from-onboarding' },
    { workflowId: rollouts[0], workflowType: 'arbeitsplatzRollout', scenario: 'completed-with-inbound-event' },
  ];
}

// ---- scenario: an incident retried with corrected input, then the onboarding is cancelled and compensates ------

const BAD_INVENTORY = [
  'Hostname;Seriennummer;MAC;Betriebssystem;Modell',
  'GB-PC-001;SN2001;00:1A:2B:3C:5D:01;Windows 10;Fujitsu Esprimo',
  'GB-PC-002;SN2001;00:1A:2B:3C:5D:01;Windows 10;Fujitsu Esprimo',
].join('\n');
const GOOD_INVENTORY = [
  'Hostname;Seriennummer;MAC;Betriebssystem;Modell',
  'GB-PC-001;SN2001;00:1A:2B:3C:5D:01;Windows 10;Fujitsu Esprimo',
  'GB-PC-002;SN2002;00:1A:2B:3C:5D:02;Windows 10;Fujitsu Esprimo',
].join('\n');

async function recordCancelled(sys: TestSystem): Promise<Recorded[]> {
  const http = fetchHttp(sys.baseUrl);
  const ags = '09181123';
  const onboardingId = runIds.onboarding(ags);
  await call(http, 'POST', '/api/v1/runs', lead, {
    process: 'gemeinde-onboarding',
    input: { ags, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-ewo'], workstations: 2 },
  });
  log(`${onboardingId}: started`);
  let badSent = false;
  let retried = false;
  let rolloutId: string | undefined;
  await drive(http, onboardingId, {
    act: async (task) => {
      if (task.stepId !== 'inventur' || badSent) return false;
      badSent = true;
      await completeAsBot(http, task, { inventarCsv: BAD_INVENTORY, vorOrtGeprueft: true });
      log(`${onboardingId}: inventory with a duplicate serial and MAC submitted`);
      return true;
    },
    incident: async (run) => {
      const incident = run.incidents.find((i) => i.stepId === 'inventar-import');
      if (!incident || retried) throw new Error(`unexpected incident in ${onboardingId}: ${JSON.stringify(run.incidents)}`);
      retried = true;
      await call(http, 'POST', `/api/v1/runs/${onboardingId}/steps/inventar-import/retry`, lead, {
        input: { inventarCsv: GOOD_INVENTORY }, reason: 'Scan-Export korrigiert',
      });
      log(`${onboardingId}: incident retried with the corrected inventory`);
    },
    // cancel once the network range is allocated (so there is something to compensate) and a rollout runs
    until: async (run) => {
      const ipPlan = run.steps.find((s) => s.id === 'ip-plan')!;
      const rollouts = run.steps.find((s) => s.id === 'arbeitsplatz-rollouts')!;
      rolloutId = Object.entries(rollouts.childStatus ?? {}).find(([, s]) => s === 'running')?.[0];
      return ipPlan.state === 'done' && rolloutId !== undefined && (await runVisible(http, rolloutId));
    },
  });
  if (!retried) throw new Error(`${onboardingId}: the incident never happened`);
  await call(http, 'POST', `/api/v1/runs/${onboardingId}/cancel`, lead, { reason: 'Gemeinderat hat den Beitritt vertagt' });
  log(`${onboardingId}: cancelled`);
  await closed(sys.env.client, onboardingId);
  await closed(sys.env.client, rolloutId!);
  const state = await getRun(http, onboardingId);
  if (state.status !== 'cancelled') throw new Error(`${onboardingId} ended ${state.status}`);
  return [
    { workflowId: onboardingId, workflowType: 'gemeindeOnboarding', scenario: 'incident-retried-then-cancelled' },
    { workflowId: rolloutId!, workflowType: 'arbeitsplatzRollout', scenario: 'cancelled-with-onboarding' },
  ];
}

// ---- scenario: a migration on its own: claim/assign/comment, failed reconciliation, four eyes returned ---------

async function recordFourEyes(sys: TestSystem): Promise<Recorded[]> {
  const http = fetchHttp(sys.baseUrl);
  const ags = '09181139';
  const runId = runIds.migration(ags, 'ok-ewo');
  await call(http, 'POST', '/api/v1/runs', lead, {
    process: 'verfahren-migration',
    input: { ags, verfahrenId: 'ok-ewo', projectLead: 'a.gruber', targetGoLive: futureDate(200) },
  });
  log(`${runId}: started`);
  const done = new Set<string>();
  const once = (key: string): boolean => {
    if (done.has(key)) return false;
    done.add(key);
    return true;
  };
  const run = await drive(http, runId, {
    act: async (task) => {
      const url = `/api/v1/tasks/${encodeURIComponent(task.id)}`;
      if (task.stepId === 'steckbrief' && once('steckbrief')) {
        await call(http, 'POST', `${url}/claim`, user('p.fischer'), {});
        await call(http, 'POST', `${url}/unclaim`, user('p.fischer'), {});
        await call(http, 'POST', `${url}/assign`, lead, { assignee: 'c.schneider' });
        await call(http, 'POST', `${url}/comments`, user('c.schneider'), { text: 'Übernehme ich, Herstellerkontakt liegt vor.' });
        await call(http, 'POST', `${url}/complete`, user('c.schneider'), { data: sampleFormData('steckbrief') });
        log(`${runId}: Steckbrief claimed, unclaimed, assigned, commented, completed`);
        return true;
      }
      if (task.stepId === 'testexport' && once('testexport')) {
        const sample = sampleFormData('testMigration');
        const incomplete = String(sample.quelleCsv).split('\n').slice(0, -1).join('\n');
        await completeAsBot(http, task, { ...sample, zielCsv: incomplete });
        log(`${runId}: test export with a missing record submitted (reconciliation must send it back)`);
        return true;
      }
      if (task.stepId === 'abnahme' && task.state === 'review' && once('abnahme-returned')) {
        // four eyes as a review: the second person rejects the first submission, which is corrected and approved
        const reviewer = candidates(task, 'reject')[0] ?? fail(`nobody may review ${task.id}`);
        await call(http, 'POST', `${url}/reject`, reviewer, { reason: 'Abnahmeprotokoll ohne Unterschrift des Fachamts' });
        log(`${runId}: acceptance rejected after its submission`);
        return true;
      }
      return false;
    },
  });
  if (run.status !== 'completed') throw new Error(`${runId} ended ${run.status}`);
  if (!done.has('abnahme-returned')) throw new Error(`${runId}: the acceptance was never returned`);
  await closed(sys.env.client, runId);
  log(`${runId}: completed`);
  return [{ workflowId: runId, workflowType: 'verfahrenMigration', scenario: 'returned-under-four-eyes' }];
}

/**
 * Completes a run's open tasks through Updates, as the API would, until the run ends. (Cancelling instead trips the
 * time-skipping server now and then: it answers the activity cancellation with ACTIVITY_UNKNOWN and the run hangs.)
 */
async function completeByUpdates(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await handle.query(getState);
    if (state.status !== 'running') return;
    if (state.incidents.length) throw new Error(`incident in ${state.id}: ${JSON.stringify(state.incidents)}`);
    if (Date.now() > deadline) throw new Error(`${state.id} not completed in time`);
    const open = state.tasks.filter((t) => t.state === 'open');
    for (const task of open) {
      const by = candidates({ ...task, form: task.formId ? { id: task.formId } : null })[0] ?? fail(`no demo user may complete ${task.id}`);
      const actor: Actor = { id: by.id, roles: [...by.roles], gemeinden: [...by.gemeinden] };
      await handle.executeUpdate(completeTask, {
        args: [{
          taskId: task.id,
          actor,
          ...(task.formId ? { data: sampleFormData(task.formId) } : {}),
          ...(task.kind === 'wait' ? { comment: 'Vorzeitig beendet: alles stabil.' } : {}),
        }],
      });
    }
    if (open.length === 0) await sleep(100);
  }
}

// ---- scenario: the daily mail digest as its Temporal Schedule starts it (worker/digest-schedule.ts) -------------

async function recordDigest(sys: TestSystem): Promise<Recorded[]> {
  const workflowId = 'mail-digest-recorded';
  await sys.env.client.workflow.execute('mailDigest', { taskQueue: sys.taskQueue, workflowId, args: [] });
  return [{ workflowId, workflowType: 'mailDigest', scenario: 'daily-digest-sent' }];
}

// ---- scenario: reminder and escalations on the time-skipping server (weeks of SLA in seconds) -----------------

async function recordDeadline(): Promise<{ recorded: Recorded[]; histories: Map<string, unknown> }> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-record-'));
  const store = await openStore({ dataDir });
  const taskQueue = 'record-deadline';
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    store,
    notifications: notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: 'http://127.0.0.1', users: DEMO_USERS }),
  });
  const workerDone = worker.run();
  try {
    const ags = '09181127';
    const runId = runIds.migration(ags, 'ok-fis');
    const start = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
    const request = { ags, verfahrenId: 'ok-fis', projectLead: 'a.gruber', targetGoLive: futureDate(200) };
    const plan = resolveMigrationPlan(request, bavarianCalendar(Number(start.slice(0, 4)), 4), start, { windows: [] });
    // as the API starts a run, minus search attributes: the time-skipping server has no visibility store
    const input: WorkflowInput = { plan, request: { ...request }, searchAttributes: false, activityRetry: { maximumAttempts: 2, initialIntervalMs: 100 } };
    const handle = await env.client.workflow.start('verfahrenMigration', { workflowId: runId, taskQueue, args: [input] });
    log(`${runId}: started on the time-skipping server`);
    await env.sleep('30 days'); // reminder, escalation to the project lead, then to the board
    const task = (await handle.query(getState)).tasks.find((t) => t.stepId === 'steckbrief')!;
    if (!task.remindedAt || task.escalation?.level !== 'vorstand') throw new Error(`${runId}: deadlines did not fire: ${JSON.stringify(task)}`);
    // then the team catches up: the late task and the rest of the migration are completed
    await completeByUpdates(handle);
    const result = (await handle.result()) as { status: string };
    if (result.status !== 'completed') throw new Error(`${runId} ended ${result.status}`);
    log(`${runId}: reminded, escalated twice, completed late, then driven to completion`);
    const histories = new Map<string, unknown>([[runId, await handle.fetchHistory()]]);
    return { recorded: [{ workflowId: runId, workflowType: 'verfahrenMigration', scenario: 'deadline-reminded-escalated' }], histories };
  } finally {
    worker.shutdown();
    await workerDone;
    await env.teardown();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One directory sync against a real slapd on loopback, as the 15-minute schedule starts it. */
async function recordDirectory(): Promise<{ recorded: Recorded[]; histories: Map<string, unknown> }> {
  const ldap = await startLdapServer([{ uid: 'k.hofmann', cn: 'Klaus Hofmann', mail: 'k.hofmann@ku-it.example' }], [{ cn: 'netzwerk', members: ['k.hofmann'] }]);
  const env = await startTestEnv();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-record-'));
  const store = await openStore({ dataDir });
  const taskQueue = 'record-directory';
  const ldapSettings = loadConfig({
    NODE_ENV: 'test', LDAP_URL: ldap.url, LDAP_BIND_DN: LDAP_SYNC_DN, LDAP_BIND_PASSWORD: LDAP_PASSWORD, LDAP_BASE_DN: LDAP_BASE,
    LDAP_GROUP_ROLES: JSON.stringify({ [ldap.groupDn('netzwerk')]: 'netzwerk' }),
  }).ldap;
  const worker = await createWorker({
    connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), store,
    notifications: notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: 'http://127.0.0.1' }), ldap: ldapSettings,
  });
  const workerDone = worker.run();
  try {
    const workflowId = 'directory-sync-recorded';
    const handle = await env.client.workflow.start('directorySync', { workflowId, taskQueue, args: [{ trigger: 'schedule' }] });
    log(`${workflowId}: synced ${JSON.stringify(await handle.result())}`);
    return { recorded: [{ workflowId, workflowType: 'directorySync', scenario: 'synced-from-ldap' }], histories: new Map([[workflowId, await handle.fetchHistory()]]) };
  } finally {
    worker.shutdown();
    await workerDone;
    await env.teardown();
    await store.close();
    await ldap.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- writing ---------------------------------------------------------------------------------------------------

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'workflows', 'domain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit}+uncommitted workflows/domain changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** The same JSON with one event per line: a fifth smaller than indented, and a diff still shows which events changed. */
function onePerLine(json: string): string {
  const { events, ...rest } = JSON.parse(json) as { events: unknown[] };
  if (Object.keys(rest).length) return `${json}\n`;
  return `{"events": [\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

function write(recorded: Recorded, history: unknown, tag: string | undefined, commit: string): ManifestEntry {
  const file = fileName(recorded.workflowType, recorded.scenario, tag);
  const json = historyToJson(history as Parameters<typeof historyToJson>[0]);
  const secrets = findSecrets(JSON.parse(json));
  if (secrets.length) throw new Error(`${file} would contain ${secrets.join(', ')}; not written`);
  fs.writeFileSync(path.join(HISTORIES_DIR, file), onePerLine(json));
  const loaded = loadHistory(file);
  if (loaded.workflowType !== recorded.workflowType) throw new Error(`${file}: history is of ${loaded.workflowType}`);
  const events = loaded.history.events?.length ?? 0;
  log(`wrote ${file}: ${events} events, ${(fs.statSync(path.join(HISTORIES_DIR, file)).size / 1024).toFixed(0)} KiB, ${loaded.closedAs}`);
  const entry: ManifestEntry = {
    file,
    workflowType: recorded.workflowType,
    workflowId: recorded.workflowId,
    runId: String(loaded.history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? ''),
    scenario: recorded.scenario,
    closedAs: loaded.closedAs ?? 'open',
    events,
    recordedAt: new Date().toISOString(),
    commit,
  };
  // the manifest follows each file at once, so an interrupted recording leaves both consistent
  writeManifest([...readManifest().filter((e) => e.file !== file), entry]);
  return entry;
}

async function main(): Promise<void> {
  const { tag, replace, only } = parseArgs(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const existing = only.flatMap((g) => OUTPUTS[g]).map(([type, scenario]) => fileName(type, scenario, tag)).filter((f) => fs.existsSync(path.join(HISTORIES_DIR, f)));
  if (existing.length && !replace) {
    throw new UsageError(
      `these histories exist already: ${existing.join(', ')}.\n` +
        'Keep them while runs of that code may still be open (onboardings run for months) and record next to them with ' +
        '--tag NAME; overwrite with --replace only when no such run is left (docs/workflow-versioning.md).',
    );
  }
  const commit = gitCommit();
  const t0 = Date.now();
  const entries: ManifestEntry[] = [];

  if (only.some((g) => g !== 'deadline' && g !== 'directory')) {
    log('starting the Temporal dev server, the worker with the real activities and the API');
    const sys = await startSystem();
    try {
      const recorded: Recorded[] = [];
      if (only.includes('completed')) recorded.push(...(await recordCompleted(sys)));
      if (only.includes('cancelled')) recorded.push(...(await recordCancelled(sys)));
      if (only.includes('four-eyes')) recorded.push(...(await recordFourEyes(sys)));
      if (only.includes('digest')) recorded.push(...(await recordDigest(sys)));
      for (const r of recorded) entries.push(write(r, await sys.env.client.workflow.getHandle(r.workflowId).fetchHistory(), tag, commit));
    } finally {
      await sys.stop();
    }
  }
  if (only.includes('deadline')) {
    const { recorded, histories } = await recordDeadline();
    for (const r of recorded) entries.push(write(r, histories.get(r.workflowId), tag, commit));
  }
  if (only.includes('directory')) {
    const { recorded, histories } = await recordDirectory();
    for (const r of recorded) entries.push(write(r, histories.get(r.workflowId), tag, commit));
  }

  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${entries.length} histories in ${path.relative(ROOT, HISTORIES_DIR)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
