// The Gemeinde portal in the browser (issue 16): a town-hall user signs in at `/`, reads in plain words where the
// onboarding stands, downloads the released offer PDF, uploads the signed contract the contract step waits for, and
// asks the project lead a question; the lead follows the mail's link, answers, and the Gemeinde sees the answer.
import fs from 'node:fs';
import { fetchHttp } from '../../scripts/bot';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';
import { ensureWebBundle, launchBrowser, newTab, screenshot, signIn, type TestBrowser } from './browser';
import { driveToStep } from './drive-to-step';

const AGS = '09181128'; // Kaufering
const RUN_ID = `onboarding-${AGS}`;
let sys: TestSystem;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  sys = await startSystem();
  const http = fetchHttp(sys.baseUrl);
  const started = await http('POST', '/api/v1/runs', token('a.gruber'), {
    process: 'gemeinde-onboarding',
    input: { ags: AGS, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-ewo'], workstations: 4 },
  });
  if (started.status !== 201) throw new Error(`could not start: ${started.status} ${JSON.stringify(started.body)}`);
  // the offer is released and the council has decided: the contract step waits for the signed contract
  await driveToStep(http, RUN_ID, 'vertrag');
  // the board sends the contract to be signed: a draft, which does not count as the signed paper
  const form = new FormData();
  form.set('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'Beitrittsvertrag Kaufering.pdf');
  form.set('kind', 'vertrag-vorlage');
  const draft = await fetch(`${sys.baseUrl}/api/v1/runs/${RUN_ID}/documents`, { method: 'POST', headers: { Authorization: `Bearer ${token('m.huber')}` }, body: form });
  if (draft.status !== 201) throw new Error(`could not upload the draft: ${draft.status} ${await draft.text()}`);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.stop();
  await sys?.stop();
});

async function mailTo(address: string, subject: RegExp) {
  for (let i = 0; i < 100; i++) {
    const mail = (await sys.store.notifications.captured({ to: address, limit: 50 })).find((m) => subject.test(m.subject));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${address} matching ${subject}`);
}

it('a Gemeinde user downloads the offer, uploads the signed contract and asks a question the project lead answers', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors, '/');
  await signIn(page, sys.baseUrl, 'Bürgermeister/in Kaufering');
  await page.getByRole('heading', { level: 2, name: 'Wo wir stehen' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Was wir von Ihnen brauchen' }).waitFor();
  // the portal speaks plainly and explains the terms that remain
  expect(await page.getByText('Übernehmen', { exact: true }).count()).toBe(0);
  await page.getByRole('heading', { level: 2, name: 'Begriffe kurz erklärt' }).waitFor();

  const papers = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Unterlagen' }) });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    papers.getByRole('button', { name: /^Angebot herunterladen/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Angebot Kaufering.pdf');
  expect(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // the draft to sign comes with the paper asked for
  const [draft] = await Promise.all([
    page.waitForEvent('download'),
    papers.getByRole('button', { name: /^Vorlage zum Unterschreiben herunterladen/ }).click(),
  ]);
  expect(draft.suggestedFilename()).toBe('Beitrittsvertrag Kaufering.pdf');

  await papers.getByLabel(/Der unterschriebene Vertrag/).setInputFiles({ name: 'Vertrag unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await papers.getByRole('button', { name: 'Hochladen' }).first().click();
  await papers.getByText('Danke! „Vertrag unterschrieben.pdf“ ist angekommen; Ihre Projektleitung erhält eine Nachricht.').waitFor();
  await papers.getByRole('button', { name: /^Vertrag herunterladen/ }).waitFor();
  // as promised, the project lead learns of the paper by mail
  const paperMail = await mailTo('a.gruber@ku-it.example', /Dokument von Bürgermeister\/in Kaufering$/);
  expect(paperMail.text).toContain('  Vertrag: Vertrag unterschrieben.pdf');

  const talk = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Fragen und Nachrichten' }) });
  await talk.getByLabel('Ihre Nachricht').fill('Bis wann brauchen Sie die Mitarbeiterliste?');
  await talk.getByRole('button', { name: 'Nachricht senden' }).click();
  await talk.getByText('Ihre Nachricht wurde gesendet.').waitFor();
  await talk.getByText('Bis wann brauchen Sie die Mitarbeiterliste?').waitFor();
  await screenshot(page, 'portal-gemeinde');

  // the project lead gets the question by mail and follows its link
  const question = await mailTo('a.gruber@ku-it.example', /Nachricht von Bürgermeister\/in Kaufering/);
  expect(question.text).toContain('> Bis wann brauchen Sie die Mitarbeiterliste?');
  const link = new URL(/https?:\/\/\S+\/vorgaenge\/\S+/.exec(question.text)![0]);
  const lead = await newTab(browser, sys.baseUrl, pageErrors, link.pathname);
  await signIn(lead, sys.baseUrl, 'Andrea Gruber');
  const leadTalk = lead.locator('section', { has: lead.getByRole('heading', { level: 2, name: 'Fragen und Nachrichten' }) });
  await leadTalk.getByText('Bis wann brauchen Sie die Mitarbeiterliste?').waitFor();
  await leadTalk.getByLabel('Ihre Nachricht').fill('Bis Ende nächster Woche genügt.');
  await leadTalk.getByRole('button', { name: 'Nachricht senden' }).click();
  await leadTalk.getByText('Ihre Nachricht wurde gesendet.').waitFor();

  // the Gemeinde gets the answer by mail and sees it on its portal
  await mailTo('buergermeister-09181128@gemeinde.example', /Nachricht von Andrea Gruber/);
  await page.reload();
  await talk.getByText('Bis Ende nächster Woche genügt.').waitFor();
  expect(pageErrors).toEqual([]);
}, 180_000);

it('fits a phone: the Gemeinde\'s portal and its header scroll up and down only, never sideways', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors, '/');
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, sys.baseUrl, 'Geschäftsleitung Kaufering');
  await page.getByRole('heading', { level: 2, name: 'Wo wir stehen' }).waitFor();
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  // navigation and sign-out fold behind the menu button: the page begins right below the brand
  expect(await page.getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(false);
  expect((await page.locator('header').boundingBox())!.height).toBeLessThan(90);
  const menu = page.getByRole('button', { name: 'Menü' });
  // Escape closes it with the focus back on its button, as does a click into the page
  const closed = page.locator('.menu-toggle[aria-expanded="false"]');
  await menu.click();
  await page.locator('.menu-toggle[aria-expanded="true"]').waitFor();
  await page.keyboard.press('Escape');
  await closed.waitFor();
  expect(await menu.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
  await menu.click();
  await page.getByRole('heading', { level: 2, name: 'Wo wir stehen' }).click();
  await closed.waitFor();
  await menu.click();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  const signOut = await page.getByRole('button', { name: 'Abmelden' }).boundingBox();
  expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(390);
  await screenshot(page, 'portal-phone');
  // a page chosen from the menu closes it, the page already shown too
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).click();
  await page.getByRole('heading', { level: 1, name: /Aufgaben/ }).waitFor();
  await closed.waitFor();
  expect(await page.getByRole('navigation').isVisible()).toBe(false);
  await menu.click();
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).click();
  await closed.waitFor();
  // the page stays: the focus goes back to the menu button, not to the page's start
  expect(await menu.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);

  // a tablet upright: the go-live card's dates stay inside it, under their labels
  await page.setViewportSize({ width: 768, height: 1024 });
  await menu.click();
  await page.getByRole('navigation').getByRole('link', { name: 'Unser Onboarding' }).click();
  const card = page.locator('.stat', { hasText: 'Start im neuen Betrieb' });
  await card.locator('dd').first().waitFor();
  const cardBox = (await card.boundingBox())!;
  for (const dd of await card.locator('dd').all()) {
    const box = (await dd.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
  }
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
  expect(pageErrors).toEqual([]);
}, 60_000);
