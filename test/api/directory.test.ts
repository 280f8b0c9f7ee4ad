// The user directory against a real LDAP server (slapd on loopback) and a real Temporal server: the sync (on demand
// by an admin, and by its 15-minute Schedule) stores people with roles and Gemeinden in PostgreSQL; assigning a
// task to a directory person who never signed in works after an API restart and on a second API process; a person
// removed from a group loses that role at the next sync, and one in no group any more is deactivated, not deleted.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type express from 'express';
import request from 'supertest';
import { notificationDeps } from '../../activities/notification-setup';
import { authenticationFor } from '../../api/auth-setup';
import { createApp } from '../../api/app';
import { loadConfig, type Config } from '../../config/env';
import { openStore, type Store } from '../../store/store';
import { createWorker } from '../../worker/create-worker';
import { DIRECTORY_SCHEDULE_ID, ensureDirectorySchedule } from '../../worker/directory-schedule';
import { LDAP_PASSWORD, LDAP_SYNC_DN, startLdapServer, LDAP_BASE, type TestLdapServer } from '../helpers/directory-ldap-server';
import { startOidcIssuer, type TestIssuer, type TestPerson } from '../helpers/oidc-issuer';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { startTestEnv, workflowBundle } from '../helpers/temporal-env';

let ldap: TestLdapServer;
let idp: TestIssuer;
let db: TestDatabase;
let env: TestWorkflowEnvironment;
let worker: Worker;
let workerDone: Promise<void>;
let workerStore: Store;
let config: Config;
const taskQueue = `tq-directory-${Math.random().toString(36).slice(2)}`;
const opened: Store[] = [];

const groups = (...pairs: [string, string][]) => JSON.stringify(Object.fromEntries(pairs.map(([cn, v]) => [`cn=${cn},ou=groups,${LDAP_BASE}`, v])));

beforeAll(async () => {
  ldap = await startLdapServer(
    [
      { uid: 'a.gruber', cn: 'Andrea Gruber', mail: 'a.gruber@ku-it.example' },
      { uid: 'm.huber', cn: 'Maria Huber', mail: 'm.huber@ku-it.example' },
      { uid: 'j.bauer', cn: 'Josef Bauer', mail: 'j.bauer@ku-it.example' },
      { uid: 'l.weber', cn: 'Lena Weber', mail: 'l.weber@ku-it.example' },
      { uid: 'd.krueger', cn: 'Daniel Krüger', mail: 'd.krueger@ku-it.example' },
      { uid: 'x.extern', cn: 'Xaver Extern', mail: 'x.extern@example.org' },
    ],
    [
      { cn: 'projektleitung', members: ['a.gruber'] },
      { cn: 'vorstand', members: ['m.huber', 'j.bauer'] },
      { cn: 'netzwerk', members: ['l.weber'] },
      { cn: 'isb', members: ['l.weber'] },
      { cn: 'admin', members: ['d.krueger'] },
      { cn: 'kaufering', members: ['l.weber'] },
    ],
  );
  idp = await startOidcIssuer();
  db = await createTestDatabase('directory');
  config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: db.url, OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience,
    LDAP_URL: ldap.url, LDAP_BIND_DN: LDAP_SYNC_DN, LDAP_BIND_PASSWORD: LDAP_PASSWORD, LDAP_BASE_DN: `ou=people,${LDAP_BASE}`,
    LDAP_GROUP_ROLES: groups(['projektleitung', 'projektleitung'], ['vorstand', 'vorstand'], ['netzwerk', 'netzwerk'], ['isb', 'isb'], ['admin', 'admin']),
    LDAP_GROUP_GEMEINDEN: groups(['kaufering', '09181132']),
  });
  env = await startTestEnv();
  workerStore = await openStore({ databaseUrl: db.url });
  worker = await createWorker({
    connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), store: workerStore,
    notifications: notificationDeps(workerStore, { mailFrom: 'onboarding@ku-it.example', publicUrl: 'http://127.0.0.1' }),
    ldap: config.ldap,
  });
  workerDone = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerDone;
  await env?.teardown();
  for (const s of [workerStore, ...opened]) await s?.close().catch(() => undefined);
  await db?.drop();
  await idp?.close();
  await ldap?.stop();
});

/** One API process: its own store connection and sign-in, the shared database and Temporal. */
async function apiProcess(): Promise<{ app: express.Express; store: Store }> {
  const store = await openStore({ databaseUrl: db.url });
  opened.push(store);
  const auth = authenticationFor(config, { people: store.people, directory: true });
  const app = createApp({
    client: env.client, taskQueue, store, users: auth.users, authenticate: auth.authenticate, authConfig: auth.publicConfig,
    directory: 'ldap', embedded: false, readiness: {}, planSettings: () => ({ windows: [] }),
  });
  return { app, store };
}

const person = (id: string, roles: string[], gemeinden: string[] = []): TestPerson => ({ id, name: id, roles, gemeinden });
const as = async (p: TestPerson) => ({ Authorization: `Bearer ${await idp.token(p)}` });
const ADMIN = person('d.krueger', ['admin']);
const LEAD = person('a.gruber', ['projektleitung']);
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function eventually<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('user directory (LDAP)', () => {
  const runId = 'onboarding-09181132';
  const task = `${runId}:erstgespraech`;

  it('an admin sync stores the directory people with roles and Gemeinden; others may not list or sync', async () => {
    const { app } = await apiProcess();
    const synced = await request(app).post('/api/v1/admin/directory/sync').set(await as(ADMIN));
    expect(synced.status).toBe(200);
    expect(synced.body.lastSync).toMatchObject({ trigger: 'admin', ok: true, people: 5, added: 5, deactivated: 0 });

    const list = await request(app).get('/api/v1/admin/people').set(await as(ADMIN));
    expect(list.status).toBe(200);
    expect(list.body.directory).toBe('ldap');
    const byId = Object.fromEntries(list.body.items.map((p: { id: string }) => [p.id, p]));
    expect(Object.keys(byId).sort()).toEqual(['a.gruber', 'd.krueger', 'j.bauer', 'l.weber', 'm.huber']); // x.extern is in no mapped group
    expect(byId['l.weber']).toMatchObject({ name: 'Lena Weber', email: 'l.weber@ku-it.example', roles: ['isb', 'netzwerk'], gemeinden: ['09181132'],
      source: 'directory', active: true, lastSeenAt: null });

    expect((await request(app).get('/api/v1/admin/people').set(await as(LEAD))).status).toBe(403);
    expect((await request(app).post('/api/v1/admin/directory/sync').set(await as(LEAD))).status).toBe(403);
  });

  it('assigns a task to directory people who never signed in, after an API restart and on a second API process', async () => {
    const first = await apiProcess();
    await request(first.app).post('/api/v1/runs').set(await as(LEAD)).send({
      process: 'gemeinde-onboarding',
      input: { ags: '09181132', variant: 'mitglied', targetGoLive: future(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
    }).expect(201);
    await eventually(async () => ((await first.store.getTask(task))?.state === 'open' ? true : undefined));
    await first.store.close(); // the first process ends

    const restarted = await apiProcess();
    const assigned = await request(restarted.app).post(`/api/v1/tasks/${task}/assign`).set(await as(LEAD)).send({ assignee: 'j.bauer' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('j.bauer');

    const second = await apiProcess();
    const again = await request(second.app).post(`/api/v1/tasks/${task}/assign`).set(await as(LEAD)).send({ assignee: 'm.huber' });
    expect(again.status).toBe(200);
    expect(again.body.assignee).toBe('m.huber');
    // the run names its lead from the directory on either process
    expect((await request(second.app).get(`/api/v1/runs/${runId}`).set(await as(LEAD))).body.contact).toEqual({ id: 'a.gruber', name: 'Andrea Gruber', email: 'a.gruber@ku-it.example' });
    // someone the directory does not give the role is refused
    const wrong = await request(second.app).post(`/api/v1/tasks/${task}/assign`).set(await as(LEAD)).send({ assignee: 'l.weber' });
    expect(wrong.status).toBe(422);
  });

  it('a person removed from a group loses the role at the next sync; one in no group is deactivated, never deleted', async () => {
    const { app, store } = await apiProcess();
    await ldap.setMembers('isb', ['d.krueger']);
    await ldap.setMembers('vorstand', ['m.huber']);
    const synced = await request(app).post('/api/v1/admin/directory/sync').set(await as(ADMIN));
    expect(synced.body.lastSync).toMatchObject({ ok: true, people: 4, added: 0, deactivated: 1 });

    const weber = await store.people.find('l.weber');
    expect(weber?.roles).toEqual(['netzwerk']);
    expect(await store.people.find('d.krueger')).toMatchObject({ roles: ['admin', 'isb'] });
    expect(await store.people.find('j.bauer')).toBeUndefined(); // not assignable any more
    const all = await store.people.list();
    expect(all.find((p) => p.id === 'j.bauer')).toMatchObject({ active: false, name: 'Josef Bauer' }); // the audit trail still names him
    const refused = await request(app).post(`/api/v1/tasks/${task}/assign`).set(await as(LEAD)).send({ assignee: 'j.bauer' });
    expect(refused.status).toBe(422);
    // a token still claiming the old role signs in, but does not change what the directory says
    await request(app).get('/api/v1/me').set(await as(person('l.weber', ['netzwerk', 'isb']))).expect(200);
    expect((await store.people.find('l.weber'))?.roles).toEqual(['netzwerk']);
    expect((await store.people.find('l.weber'))?.lastSeenAt).toEqual(expect.any(String));
  });

  it('the worker wiring creates the 15-minute Schedule once; triggered, it runs the sync', async () => {
    const { store } = await apiProcess();
    expect(await ensureDirectorySchedule(env.client, { taskQueue, enabled: true })).toBe('created');
    expect(await ensureDirectorySchedule(env.client, { taskQueue, enabled: true })).toBe('exists');
    const handle = env.client.schedule.getHandle(DIRECTORY_SCHEDULE_ID);
    const described = await handle.describe();
    expect(described.spec.intervals?.map((i) => i.every)).toEqual([15 * 60_000]);

    await ldap.setMembers('vorstand', ['m.huber', 'j.bauer']); // Josef is back
    await handle.trigger();
    const last = await eventually(async () => {
      const s = await store.people.lastSync();
      return s?.trigger === 'schedule' ? s : undefined;
    });
    expect(last).toMatchObject({ ok: true, people: 5, added: 0, deactivated: 0 });
    expect(await store.people.find('j.bauer')).toMatchObject({ active: true, roles: ['vorstand'] });
    expect(await ensureDirectorySchedule(env.client, { taskQueue, enabled: false })).toBe('removed');
  });
});
