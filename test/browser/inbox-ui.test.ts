// Issue 19, the inbox at a provider's size in a real browser: the server filters, counts and pages it. A network
// technician's team has 130 open tasks, more than a page of 100; the counts are those of all (not of the page),
// "Weitere laden" shows the rest, and a filter asks the server again. And the inbox with the keyboard alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { openStore } from '../../store/store';
import { openTask, startRun } from '../store/fixtures';
import { startSystem, type TestSystem } from '../helpers/system';
import { ensureWebBundle, eventually, launchBrowser, newTab, screenshot, signIn, type TestBrowser } from './browser';

const NETWORK = 130;
const fromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let sys: TestSystem;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  const store = await openStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-ui-')) });
  const streams = GEMEINDEN.slice(0, 10).map((g, i) => startRun(`iui-${i}`, { ags: g.ags, gemeindeName: g.name, startedAt: fromNow(-30) }));
  // the network team's tasks: every tenth overdue, every 26th claimed by Klaus Hofmann; the ISB's are not his work
  for (let i = 0; i < NETWORK; i++) {
    openTask(streams[i % 10], `netz-${String(i).padStart(3, '0')}`, {
      candidateRoles: ['netzwerk'], dueAt: fromNow(i % 10 === 0 ? -2 : 30 + i), ...(i % 26 === 0 ? { assignee: 'k.hofmann' } : {}),
    });
  }
  for (let i = 0; i < 20; i++) openTask(streams[i % 10], `isb-${i}`, { candidateRoles: ['isb'], dueAt: fromNow(40) });
  await store.appendEvents(streams.flatMap((s) => s.events));
  sys = await startSystem({ store });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.stop();
  await sys?.stop();
});

it('counts every task of the views, loads more on demand and filters on the server', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Klaus Hofmann');
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();
  const counts = async () => Promise.all(['Meine Aufgaben', 'Mein Team', 'Alle offenen'].map(
    async (view) => (await page.locator('fieldset.segmented label', { hasText: view }).locator('.count').textContent())?.trim(),
  ));
  const rows = page.locator('table.table--tasks tbody tr');
  await page.getByText('100 von 130 angezeigt').waitFor();
  expect(await page.getByRole('status').filter({ hasText: /Aufgaben?$/ }).textContent()).toBe('130 Aufgaben');
  expect(await counts()).toEqual(['5', '130', '150']);
  expect(await rows.count()).toBe(100);

  await page.getByRole('button', { name: 'Weitere laden' }).click();
  await eventually(page, async () => (await rows.count()) === 130, 'the second page below the first');
  expect(await page.getByRole('button', { name: 'Weitere laden' }).count()).toBe(0);
  await screenshot(page, 'inbox-paged');

  await page.getByLabel('Nur überfällige').check();
  await page.getByRole('status').filter({ hasText: '13 Aufgaben' }).waitFor();
  expect(await rows.count()).toBe(13);
  expect(await counts()).toEqual(['1', '13', '13']);
  await page.getByRole('radio', { name: /Meine Aufgaben/ }).check();
  await page.getByRole('status').filter({ hasText: '1 Aufgabe' }).waitFor();
  expect(await rows.count()).toBe(1);
  expect(pageErrors).toEqual([]);
  await page.close();
});

it('works with the keyboard alone: sign in, skip link, sign out', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  const focused = page.locator(':focus');
  await page.getByRole('button', { name: /^Anmelden als Josef Bauer/ }).waitFor();
  await page.keyboard.press('Tab');
  expect(await focused.textContent()).toMatch(/^Anmelden als Josef Bauer/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();
  await page.keyboard.press('Tab');
  expect(await focused.textContent()).toBe('Zum Inhalt springen');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focused.getAttribute('type')).toBe('radio');
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL('**/aufgaben?ansicht=meine');

  await page.getByRole('button', { name: 'Abmelden' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await page.close();
});
