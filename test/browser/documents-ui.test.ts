// Documents in the browser: once the offer is computed, the Gemeinde finds it as a PDF under "Dokumente" on the run
// page and downloads it, uploads its signed contract, and is told in German why an executable renamed .pdf is
// refused.
import fs from 'node:fs';
import { fetchHttp } from '../../scripts/bot';
import { futureDate, token } from '../helpers/system';
import { newTab, screenshot, signIn } from './browser';
import { browserSuite } from './suite';
import { driveToStep } from './drive-to-step';

const AGS = '09181128'; // Kaufering
const RUN_ID = `onboarding-${AGS}`;
const suite = browserSuite({
  async prepare(s) {
    const http = fetchHttp(s.sys.baseUrl);
    const started = await http('POST', '/api/v1/runs', token('a.gruber'), {
      process: 'gemeinde-onboarding',
      input: { ags: AGS, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-ewo'], workstations: 4 },
    });
    if (started.status !== 201) throw new Error(`could not start: ${started.status} ${JSON.stringify(started.body)}`);
    // the offer is released (and its PDF stored) before the council decides; the Gemeinde sees it only from then on
    await driveToStep(http, RUN_ID, 'gemeinderatsbeschluss');
  },
  timeoutMs: 180_000,
});
const { pageErrors } = suite;

it('lets the Gemeinde download the offer PDF and upload its signed contract; an executable is refused', async () => {
  // from the start page, as the Gemeinde: its portal, the council's task, and from there the onboarding's page
  const page = await newTab(suite.browser, suite.sys.baseUrl, pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Bürgermeister/in Kaufering');
  await page.getByRole('link', { name: /Gemeinderatsbeschluss/ }).first().click();
  await page.getByRole('link', { name: 'Gemeinde-Onboarding Kaufering' }).click();
  await page.waitForURL(`**/vorgaenge/${RUN_ID}`);
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Dokumente' }) });
  await section.getByRole('row', { name: /Angebot Kaufering\.pdf/ }).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Herunterladen Angebot Kaufering.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Angebot Kaufering.pdf');
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await section.locator('input[type=file]').setInputFiles({ name: 'programm.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(64)]) });
  await section.getByRole('button', { name: 'Hochladen' }).click();
  await section.getByText('Ausführbare Dateien und Skripte werden nicht angenommen.').waitFor();

  await section.locator('input[type=file]').setInputFiles({ name: 'Vertrag unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await section.getByRole('combobox', { name: 'Art' }).selectOption('vertrag');
  await section.getByRole('button', { name: 'Hochladen' }).click();
  await section.getByText('„Vertrag unterschrieben.pdf“ wurde hochgeladen.').waitFor();
  await section.getByRole('row', { name: /Vertrag unterschrieben\.pdf.*Vertrag/ }).waitFor();
  await screenshot(page, 'run-documents');

  // the run's milestones as a calendar file
  const [ics] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Termine als Kalenderdatei (.ics)' }).click(),
  ]);
  expect(ics.suggestedFilename()).toBe(`termine-${RUN_ID}.ics`);
  const calendar = fs.readFileSync(await ics.path(), 'utf8');
  expect(calendar).toContain('BEGIN:VCALENDAR');
  expect(calendar).toContain('Ziel-Go-live Kaufering');
  expect(pageErrors).toEqual([]);
}, 120_000);

it('gives a person a calendar address on the task list that a calendar program reads without signing in', async () => {
  const page = await newTab(suite.browser, suite.sys.baseUrl, pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Bürgermeister/in Kaufering');
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).click();
  await page.getByText('Aufgaben und Meilensteine im eigenen Kalender').click();
  await page.getByRole('button', { name: 'Kalender-Adresse erzeugen' }).click();
  const address = page.getByLabel(/Abo-Adresse/);
  await address.waitFor();
  const url = await address.inputValue();
  expect(url).toMatch(/\/api\/v1\/calendar\/[\w-]+\.ics$/);
  const feed = await fetch(url);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
  // their onboarding's milestones and target go-live (no task of theirs is open yet: the offer is being released)
  expect(await feed.text()).toContain('BEGIN:VEVENT');
  expect(pageErrors).toEqual([]);
}, 60_000);
