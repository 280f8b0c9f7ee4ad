// Issue 15, Übersicht → Jahresplanung in a real browser: a project lead starts at `/` signed out, signs in, goes to
// the Übersicht and on to the Jahresplanung, sees the teams' capacity heat map for 18 months, records a planned
// onboarding (a German error at the field first), and asks the what-if "Können wir Gemeinde X mit Go-live im Q3
// aufnehmen?". On the way, the Übersicht shows the onboarding's health trend. A technician gets no such page.
import fs from 'node:fs';
import request from 'supertest';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';
import { ensureWebBundle, launchBrowser, newTab, screenshot, signIn, type TestBrowser } from './browser';

let sys: TestSystem;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  sys = await startSystem();
  // one running onboarding loads the teams
  await request(sys.app).post('/api/v1/runs').set('Authorization', `Bearer ${token('a.gruber')}`).send({
    process: 'gemeinde-onboarding',
    input: { ags: '09181128', variant: 'mitglied', targetGoLive: futureDate(700), projectLead: 'a.gruber', verfahren: ['ok-fis', 'ok-ewo'], workstations: 40 },
  }).expect(201);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.stop();
  await sys?.stop();
});

it('shows the heat map, records a planned onboarding and answers the what-if', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Andrea Gruber');
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  // the portfolio's trend: eight weeks, started today, green in the last
  const trend = page.locator('tr', { hasText: 'Kaufering' }).locator('.health-trend');
  await trend.waitFor();
  expect(await trend.getAttribute('data-trend')).toBe('-,-,-,-,-,-,-,green');
  expect(await trend.locator('.sr-only').textContent()).toMatch(/^Verlauf der letzten 8 Wochen: .*: noch nicht gestartet, .*: Im Plan$/);
  // the monthly board report from the Übersicht
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Monatsbericht (PDF)' }).click()]);
  expect(report.suggestedFilename()).toMatch(/^portfoliobericht-\d{4}-\d{2}\.pdf$/);
  expect(fs.readFileSync((await report.path())).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByRole('link', { name: 'Jahresplanung' }).click();
  await page.getByRole('heading', { level: 1, name: 'Jahresplanung' }).waitFor();

  // the heat map: eight teams, 18 months, the board loaded by the running onboarding's Erstgespräch
  const heatmap = page.getByRole('table', { name: /Auslastung je Team und Monat/ });
  await heatmap.waitFor();
  expect(await heatmap.locator('tbody tr').count()).toBe(8);
  expect(await heatmap.locator('thead th').count()).toBe(1 + 18);
  const board = heatmap.locator('tr[data-team="vorstand"] td').first();
  expect(await board.textContent()).not.toBe('0 %');
  // all 18 months fit a 1280 px screen; narrower, the page says that the table scrolls sideways
  await page.setViewportSize({ width: 1280, height: 900 });
  const heatBox = page.locator('.heatmap-wrap');
  expect(await heatBox.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
  expect(await page.getByText(/seitlich scrollen/).count()).toBe(0);
  await page.setViewportSize({ width: 800, height: 900 });
  await page.getByText('Nicht alle 18 Monate passen auf den Bildschirm: die Tabelle seitlich scrollen.').waitFor();
  // scrolled to its end, the team names and their heading still show, the months pass beneath them
  await heatBox.evaluate((box) => box.scrollTo({ left: box.scrollWidth }));
  const teamHeading = await heatmap.locator('thead th').first().boundingBox();
  const firstTeam = await heatmap.locator('tbody th').first().boundingBox();
  const boxLeft = (await heatBox.boundingBox())!.x;
  expect([Math.round(teamHeading!.x - boxLeft), Math.round(firstTeam!.x - boxLeft)]).toEqual([0, 0]);
  expect(await page.locator('#heatmap-legend').isVisible()).toBe(true);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'jahresplanung-phone', { fullPage: false });
  await page.setViewportSize({ width: 1366, height: 900 });

  // a planned onboarding: without a date the field says so, in German
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Geplantes Onboarding erfassen' }) });
  await form.getByLabel('Gemeinde').selectOption({ label: 'Penzing' });
  await form.getByLabel('Status').selectOption('Angebot');
  await form.getByRole('button', { name: 'Geplantes Onboarding speichern' }).click();
  await form.getByText('Bitte ein Datum angeben').waitFor();
  await form.getByLabel('Gewünschter Go-live').fill(futureDate(540));
  await form.getByLabel('Arbeitsplätze').fill('35');
  await form.getByRole('button', { name: 'Geplantes Onboarding speichern' }).click();
  const row = page.locator('#pipeline tbody tr', { hasText: 'Penzing' });
  await row.waitFor();
  expect(await row.textContent()).toContain('Angebot');

  // the what-if: Fuchstal in a quarter about a year and a half ahead
  const whatIf = page.locator('form', { hasText: 'Können wir Gemeinde X mit Go-live im Q3 aufnehmen?' });
  await whatIf.getByLabel('Gemeinde').selectOption({ label: 'Fuchstal' });
  const quarters = await whatIf.getByLabel('Go-live im Quartal').locator('option').allTextContents();
  await whatIf.getByLabel('Go-live im Quartal').selectOption({ label: quarters[6] });
  await whatIf.getByRole('button', { name: 'Prüfen' }).click();
  const result = page.locator('#whatif-result');
  await result.getByText(/Frühester Go-live, bei dem jedes Team Platz hat/).waitFor();
  expect(await result.textContent()).toMatch(/(Engpass|Bei Beginn heute fehlte Platz): (Projektleitung|Bereichsleitung|Netzwerk|Arbeitsplatz|Verfahren|Datenschutz|ISB|Vorstand) in der Woche ab \d\d\.\d\d\.\d{4}/);
  expect(await result.textContent()).toMatch(/^(Ja|Nein): /);
  expect(await result.textContent()).toContain('Wenn ein anderes Onboarding einen Monat später käme');
  expect(await result.textContent()).toContain('Penzing (geplant)');
  await screenshot(page, 'jahresplanung');

  // asked about Penzing, planned already, the answer says it stands in for that entry
  await whatIf.getByLabel('Gemeinde').selectOption({ label: 'Penzing' });
  await whatIf.getByRole('button', { name: 'Prüfen' }).click();
  await result.getByText(/^Penzing ist bereits geplant \(gewünschter Go-live \d\d\.\d\d\.\d{4}\)\./).waitFor();
  // Kaufering's onboarding runs: no what-if for it, said at the field
  await whatIf.getByLabel('Gemeinde').selectOption({ label: 'Kaufering' });
  await whatIf.getByRole('button', { name: 'Prüfen' }).click();
  await whatIf.getByText(/Für Kaufering läuft bereits ein Onboarding \(Go-live-Prognose/).waitFor();
  expect(await result.count()).toBe(0);
  // another Gemeinde chosen, the refusal no longer stands at the field
  await whatIf.getByLabel('Gemeinde').selectOption({ label: 'Igling' });
  await whatIf.getByText(/Für Kaufering läuft bereits/).waitFor({ state: 'detached' });
  expect(await whatIf.getByRole('alert').count()).toBe(0); // nor is it said again above the form
  expect(pageErrors).toEqual([]);
}, 120_000);

it('lets an administrator set a team\'s capacity, which the heat map shows', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Daniel Krüger');
  // the capacity has its own page in the navigation; the Jahresplanung reckons with it
  await page.getByRole('navigation').getByRole('link', { name: 'Kapazität' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kapazität' }).waitFor();
  const teams = page.getByRole('region', { name: 'Kapazität der Teams' });
  await teams.getByLabel('Netzwerk: Personen').fill('3');
  await teams.getByRole('row', { name: /Netzwerk/ }).getByRole('button', { name: 'Speichern' }).click();
  await teams.getByRole('status').filter({ hasText: 'Gespeichert: Netzwerk – 3 × 16 h je Woche.' }).waitFor();
  // an absence: one already over is refused at its field; one ahead is confirmed, and deleted after a question
  await teams.getByRole('combobox', { name: /^Team/ }).selectOption({ label: 'Netzwerk' });
  await teams.getByLabel('Von').fill('2020-03-02');
  await teams.getByLabel('Bis').fill('2020-03-06');
  await teams.getByRole('button', { name: 'Abwesenheit erfassen' }).click();
  await teams.getByText(/Diese Abwesenheit ist schon vorbei/).waitFor();
  await teams.getByLabel('Von').fill(futureDate(30));
  await teams.getByLabel('Bis').fill(futureDate(34));
  await teams.getByRole('button', { name: 'Abwesenheit erfassen' }).click();
  await teams.getByRole('status').filter({ hasText: /^Abwesenheit erfasst: eine Person aus Netzwerk, / }).waitFor();
  page.once('dialog', (dialog) => void dialog.accept());
  await teams.getByRole('listitem').filter({ hasText: 'Netzwerk' }).getByRole('button', { name: 'Löschen' }).click();
  await teams.getByRole('status').filter({ hasText: /gelöscht\.$/ }).waitFor();
  expect(await teams.getByText('Keine Abwesenheiten erfasst.').count()).toBe(1);
  await page.getByRole('link', { name: 'Zur Jahresplanung' }).click();
  await page.locator('tr[data-team="netzwerk"] th', { hasText: '3 × 16 h' }).waitFor();
  expect(await page.getByRole('navigation').getByRole('link', { name: 'Jahresplanung' }).getAttribute('aria-current')).toBe('page');
  expect(await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).getAttribute('aria-current')).toBeNull();
  expect(pageErrors).toEqual([]);
}, 60_000);

it('offers no Jahresplanung to a technician', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Peter Fischer');
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
  expect(await page.getByRole('link', { name: 'Jahresplanung' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Kapazität' }).count()).toBe(0);
  expect(pageErrors).toEqual([]);
}, 60_000);
