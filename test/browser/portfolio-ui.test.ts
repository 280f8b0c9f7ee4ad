// Issue 19, the Übersicht at a provider's size in a real browser: 60 running onboardings, more than a page of 50.
// The key figures are those of all 60 (from the server, not summed from the page); "Weitere laden" shows the rest;
// a filter asks the server and leaves the key figures alone.
import request from 'supertest';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { openStore } from '../../store/store';
import { openTask, startRun } from '../store/fixtures';
import { startSystem, token, type TestSystem } from '../helpers/system';
import { ensureWebBundle, launchBrowser, newTab, screenshot, signIn, type TestBrowser } from './browser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ONBOARDINGS = 60;
const fromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let sys: TestSystem;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  const store = await openStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-ui-')) });
  // every fifth red, every third with an overdue task for the network team
  const streams = Array.from({ length: ONBOARDINGS }, (_v, i) => {
    const g = GEMEINDEN[i % GEMEINDEN.length];
    const s = startRun(`pui-${String(i).padStart(2, '0')}`, {
      ags: g.ags, gemeindeName: g.name, health: i % 5 === 0 ? 'red' : 'green', startedAt: fromNow(-30),
      targetGoLive: fromNow(100 + i).slice(0, 10),
    });
    openTask(s, 'netz', { candidateRoles: ['netzwerk'], dueAt: fromNow(i % 3 === 0 ? -2 : 20) });
    return s;
  });
  // one onboarding done last year or this: the yearly table with its durations, wide on a phone
  const done = startRun('pui-done', { ags: GEMEINDEN[0].ags, gemeindeName: GEMEINDEN[0].name, startedAt: fromNow(-400) });
  done.run = { ...done.run, status: 'completed', progress: 100, completedAt: fromNow(-10) };
  done.emit('run.completed', fromNow(-10), { actor: 'system', run: done.run });
  await store.appendEvents([...streams, done].flatMap((s) => s.events));
  sys = await startSystem({ store });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.stop();
  await sys?.stop();
});

it('shows the key figures of all onboardings, loads more on demand and filters on the server', async () => {
  const api = (await request(sys.app).get('/api/v1/dashboard').set('Authorization', `Bearer ${token('a.gruber')}`).expect(200)).body;
  expect(api.totals).toEqual({ running: 60, red: 12, openTasks: 60, overdueTasks: 20 });

  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Andrea Gruber');
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
  const kpi = async (label: string) => (await page.getByRole('list', { name: 'Kennzahlen' }).locator('li', { hasText: label }).locator('.kpi__value').textContent())?.trim();
  const rows = page.locator('table.table--portfolio tbody tr');
  await page.getByText('50 von 60 laufenden Onboardings angezeigt').waitFor();
  expect(await rows.count()).toBe(50);
  expect(await kpi('laufende Onboardings')).toBe('60');
  expect(await kpi('im Verzug')).toBe('12');
  expect(await kpi('überfällige Aufgaben')).toBe('20');
  expect(await kpi('offene Aufgaben')).toBe('60');

  // the year plan's bar of an onboarding runs from its start (a month ago) to its go-live
  const started = new Date(Date.now() - 30 * 86_400_000).toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
  expect(await page.locator(`[title^="${GEMEINDEN[0].name}: ${started} bis Go-live"]`).count()).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Weitere laden' }).click();
  await page.getByText('60 von 60 laufenden Onboardings angezeigt').waitFor();
  expect(await rows.count()).toBe(60);
  expect(await page.getByRole('button', { name: 'Weitere laden' }).count()).toBe(0);
  await screenshot(page, 'portfolio-paged');

  await page.getByLabel('Terminlage').selectOption('red');
  await page.getByText('12 Onboardings angezeigt').waitFor();
  expect(await rows.count()).toBe(12);
  expect(await kpi('laufende Onboardings')).toBe('60');
  // on a phone nothing of the page is wider than the screen (the status table's column asked for 380 px)
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('heading', { name: 'Vorgänge nach Status' }).waitFor();
  await page.getByRole('heading', { name: 'Abgeschlossen je Jahr' }).waitFor();
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  const statusTable = (await page.locator('section', { has: page.getByRole('heading', { name: 'Vorgänge nach Status' }) }).locator('table').boundingBox())!;
  expect(statusTable.x + statusTable.width).toBeLessThanOrEqual(390);
  expect(pageErrors).toEqual([]);
  await page.close();
});
