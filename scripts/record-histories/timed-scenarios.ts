// The recorder's scenarios on servers of their own: deadlines on the time-skipping server, the directory sync against
// a real slapd (scripts/record-histories.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bavarianCalendar } from '../../runtime/bavarian-calendar';
import { notificationDeps } from '../../activities/notification-setup';
import { DEMO_USERS } from '../../config/users';
import { resolveMigrationPlan, runIds } from '../../domain/plan';
import { openStore } from '../../store/store';
import { createWorker } from '../../worker/create-worker';
import { getState, type WorkflowInput } from '../../workflows/messages';
import { futureDate } from '../../test/helpers/system';
import { startTestEnv, workflowBundle } from '../../test/helpers/temporal-env';
import { LDAP_BASE, LDAP_PASSWORD, LDAP_SYNC_DN, startLdapServer } from '../../test/helpers/directory-ldap-server';
import { loadConfig } from '../../config/env';
import { temporalTestServerPath } from '../temporal-cli';
import type { Recorded } from './outputs';
import { log } from './log';
import { completeByUpdates } from './scenarios';

// ---- scenario: reminder and escalations on the time-skipping server (weeks of SLA in seconds) -----------------

export async function recordDeadline(): Promise<{ recorded: Recorded[]; histories: Map<string, unknown> }> {
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
export async function recordDirectory(): Promise<{ recorded: Recorded[]; histories: Map<string, unknown> }> {
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

