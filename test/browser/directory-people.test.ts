// The admin page "Personen" in a real browser: an admin finds it in the navigation, starts a directory sync (real
// slapd, real Temporal worker), and sees the people with roles and Gemeinden and the sync's result; after a failed
// sync (the directory stopped) the page shows the cause. Others have no such navigation entry and no page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { notificationDeps } from '../../activities/notification-setup';
import { loadConfig } from '../../config/env';
import { demoApp, serveOnLoopback, type LoopbackServer } from '../../scripts/demo-app';
import { openStore, type Store } from '../../store/store';
import { createWorker } from '../../worker/create-worker';
import { LDAP_BASE, LDAP_PASSWORD, LDAP_SYNC_DN, startLdapServer, type TestLdapServer } from '../helpers/directory-ldap-server';
import { startTestEnv, workflowBundle } from '../helpers/temporal-env';
import { ensureWebBundle, launchBrowser, newTab, screenshot, signIn, type TestBrowser } from './browser';

let ldap: TestLdapServer;
let env: TestWorkflowEnvironment;
let store: Store;
let worker: Worker;
let workerDone: Promise<void>;
let server: LoopbackServer;
let browser: TestBrowser;
let dataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  ldap = await startLdapServer(
    [
      { uid: 'k.hofmann', cn: 'Klaus Hofmann', mail: 'k.hofmann@ku-it.example' },
      { uid: 'buergermeister-09181128', cn: 'Bürgermeister Kaufering', mail: 'bgm@kaufering.example' },
    ],
    [
      { cn: 'netzwerk', members: ['k.hofmann'] },
      { cn: 'gemeinde', members: ['buergermeister-09181128'] },
      { cn: 'kaufering', members: ['buergermeister-09181128'] },
    ],
  );
  const dn = (cn: string) => `cn=${cn},ou=groups,${LDAP_BASE}`;
  const config = loadConfig({
    NODE_ENV: 'test', LDAP_URL: ldap.url, LDAP_BIND_DN: LDAP_SYNC_DN, LDAP_BIND_PASSWORD: LDAP_PASSWORD, LDAP_BASE_DN: LDAP_BASE,
    LDAP_GROUP_ROLES: JSON.stringify({ [dn('netzwerk')]: 'netzwerk', [dn('gemeinde')]: 'gemeinde' }),
    LDAP_GROUP_GEMEINDEN: JSON.stringify({ [dn('kaufering')]: '09181128' }),
  });
  env = await startTestEnv();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'people-ui-'));
  store = await openStore({ dataDir });
  const taskQueue = `tq-people-${Math.random().toString(36).slice(2)}`;
  worker = await createWorker({
    connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), store,
    notifications: notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: 'http://127.0.0.1' }), ldap: config.ldap,
  });
  workerDone = worker.run();
  // demo sign-in (the browser has no identity provider here), the directory as configured above
  server = await serveOnLoopback(demoApp({ client: env.client, taskQueue, store, directory: 'ldap' }));
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.stop();
  await server?.close();
  worker?.shutdown();
  await workerDone;
  await env?.teardown();
  await store?.close();
  await ldap?.stop().catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

it('shows an admin the people from the directory and the last sync; a failed sync with its cause', async () => {
  const page = await newTab(browser, server.baseUrl, pageErrors);
  await signIn(page, server.baseUrl, 'Daniel Krüger');
  await page.getByRole('link', { name: 'Personen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Personen' }).waitFor();
  await page.getByText('Noch kein Abgleich gelaufen.').waitFor();

  await page.getByRole('button', { name: 'Jetzt abgleichen' }).click();
  await page.getByText(/Letzter Abgleich: .*von Hand gestartet/).waitFor();
  await page.getByText('2 Personen im Verzeichnis, 2 neu, 0 deaktiviert.').waitFor();
  const hofmann = page.getByRole('row', { name: /Klaus Hofmann/ });
  await hofmann.getByRole('cell', { name: 'Netzwerk', exact: true }).waitFor();
  const bgm = page.getByRole('row', { name: /Bürgermeister Kaufering/ });
  await bgm.getByRole('cell', { name: '09181128', exact: true }).waitFor();
  await screenshot(page, 'people');

  await ldap.stop();
  await page.getByRole('button', { name: 'Jetzt abgleichen' }).click();
  await page.getByText(/Letzter Abgleich fehlgeschlagen/).waitFor({ timeout: 90_000 });
  await page.getByText(/ECONNREFUSED|Verbindung|connect/i).first().waitFor();
  // the people stay as they were: a directory that cannot be reached deactivates nobody
  await page.getByRole('row', { name: /Klaus Hofmann/ }).getByRole('cell', { name: 'aktiv' }).waitFor();
}, 180_000);

it('offers the page to nobody else', async () => {
  // a link to the page (someone passed it on), followed signed out
  const page = await newTab(browser, server.baseUrl, pageErrors, '/personen');
  await signIn(page, server.baseUrl, 'Andrea Gruber');
  await page.getByRole('heading', { level: 1, name: 'Nicht verfügbar' }).waitFor();
  expect(await page.getByRole('link', { name: 'Personen' }).count()).toBe(0);
});
