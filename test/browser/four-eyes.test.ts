// Issue 13 in a real browser: a four-eyes acceptance submitted by one person, rejected with a reason by a second,
// corrected and approved by a second person — the recorded data is the submitter's corrected entry, and the
// submitter is never offered the approval; and a failed automated step repaired from its repair task with
// corrected input, after which the run goes on.
import type { Page } from 'playwright-core';
import { fetchHttp, uploadRequiredDocument } from '../../scripts/bot';
import { berlinDate } from '../../domain/berlin-time';
import { futureDate, token } from '../helpers/system';
import { eventually, newTab, openTask, screenshot, signIn } from './browser';
import { browserSuite } from './suite';
import { driveToStep } from './drive-to-step';

const AGS = '09181128'; // Kaufering
const MIGRATION = `migration-${AGS}-ok-fis`;
const ONBOARDING = 'onboarding-09181139';
const ABNAHME = 'Abnahme (Abnahmeprotokoll)';
const REPAIR = 'Störung beheben: Angebot und Kostenplan berechnen';

const suite = browserSuite({
  async prepare(s) {
    await post('/api/v1/runs', 'a.gruber', {
      process: 'verfahren-migration', input: { ags: AGS, verfahrenId: 'ok-fis', projectLead: 'a.gruber', targetGoLive: futureDate(200) },
    });
    await driveToStep(fetchHttp(s.sys.baseUrl), MIGRATION, 'abnahme');
    // the acceptance needs its signed protocol (issue 16)
    await uploadRequiredDocument(fetchHttp(s.sys.baseUrl), { id: `${MIGRATION}:abnahme`, state: 'open', requiresDocument: { kind: 'abnahmeprotokoll' } }, token('p.fischer'));
    // an onboarding whose offer cannot be computed: no workstations, no Verfahren
    await post('/api/v1/runs', 'a.gruber', {
      process: 'gemeinde-onboarding',
      input: { ags: '09181139', variant: 'dienstleistung', targetGoLive: futureDate(300), projectLead: 'a.gruber', verfahren: [], workstations: 0 },
    });
    await driveToStep(fetchHttp(s.sys.baseUrl), ONBOARDING, 'fragebogen');
    await post(`/api/v1/tasks/${ONBOARDING}:fragebogen/complete`, 'buergermeister-09181139', {
      data: { arbeitsplaetze: 0, server: 0, verfahrenAnzahl: 0, mitarbeiterliste: 'Vorname;Nachname;Organisationseinheit\nAnna;Huber;Kämmerei' },
    });
  },
  timeoutMs: 180_000,
});
const { pageErrors } = suite;

async function post(path: string, user: string, body: unknown): Promise<void> {
  const res = await fetchHttp(suite.sys.baseUrl)('POST', path, token(user), body);
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function signedIn(name: string): Promise<Page> {
  const page = await newTab(suite.browser, suite.sys.baseUrl, pageErrors);
  await signIn(page, suite.sys.baseUrl, name);
  return page;
}

it('four eyes: submitted, rejected with a reason, corrected, approved by a second person', async () => {
  const submitter = await signedIn('Peter Fischer');
  await openTask(submitter, ABNAHME, 'Kaufering');
  await submitter.getByRole('heading', { level: 2, name: 'Vier-Augen-Prinzip' }).waitFor();
  await submitter.getByLabel('Abnahmedatum').fill(berlinDate(new Date()));
  await submitter.getByLabel('Offene Mängel').fill('Druckvorlage Mahnung fehlt');
  await submitter.getByRole('button', { name: 'Zur Freigabe einreichen' }).click();
  await submitter.getByText(/Zur Freigabe eingereicht/).waitFor();
  await submitter.getByRole('heading', { level: 2, name: 'Eingereichte Angaben' }).waitFor();
  // the submitter is told that a second person decides, and is offered no approval
  await submitter.getByText('Sie haben die Daten zur Freigabe eingereicht. Freigeben oder ablehnen muss eine zweite Person.').waitFor();
  expect(await submitter.getByRole('button', { name: 'Freigeben' }).count()).toBe(0);

  const reviewer = await signedIn('Christina Schneider');
  await openTask(reviewer, ABNAHME, 'Kaufering');
  await reviewer.getByText(/Eingereicht von Peter Fischer/).waitFor();
  await reviewer.getByText('Druckvorlage Mahnung fehlt').waitFor();
  await screenshot(reviewer, 'task-four-eyes-review');
  await reviewer.getByRole('button', { name: 'Ablehnen' }).click();
  await reviewer.getByText('Bitte einen Grund für die Ablehnung angeben.').waitFor();
  await reviewer.getByLabel('Grund der Ablehnung').fill('Mängel sind erledigt, bitte austragen');
  await reviewer.getByRole('button', { name: 'Ablehnen' }).click();
  await reviewer.getByText('Abgelehnt: die Aufgabe geht zur Korrektur zurück.').waitFor();
  await reviewer.close();

  await submitter.reload();
  await submitter.getByText('Abgelehnt von Christina Schneider – bitte korrigieren').waitFor();
  await submitter.getByText('Mängel sind erledigt, bitte austragen').first().waitFor();
  expect(await submitter.getByLabel('Offene Mängel').inputValue()).toBe('Druckvorlage Mahnung fehlt'); // data kept
  await submitter.getByLabel('Offene Mängel').fill('');
  await submitter.getByRole('button', { name: 'Zur Freigabe einreichen' }).click();
  await submitter.getByText(/Zur Freigabe eingereicht/).waitFor();
  await submitter.close();

  const gemeinde = await signedIn('Geschäftsleitung Kaufering');
  await openTask(gemeinde, ABNAHME); // from the Gemeinde's portal
  await gemeinde.getByText(/Eingereicht von Peter Fischer/).waitFor();
  await gemeinde.getByRole('button', { name: 'Freigeben' }).click();
  await gemeinde.getByText('Freigegeben: die Aufgabe ist erledigt.').waitFor();
  await gemeinde.getByRole('heading', { level: 2, name: 'Erledigt' }).waitFor();
  await gemeinde.getByText(/Abgelehnt von Christina Schneider/).waitFor();
  await gemeinde.getByText(/Freigegeben von Geschäftsleitung Kaufering/).waitFor();
  expect(await gemeinde.getByText('Druckvorlage Mahnung fehlt').count()).toBe(0); // the correction was recorded
  await screenshot(gemeinde, 'task-four-eyes-done');
  await gemeinde.close();

  const task = await fetchHttp(suite.sys.baseUrl)('GET', `/api/v1/tasks/${MIGRATION}:abnahme`, token('a.gruber'));
  expect(task.body).toMatchObject({ state: 'done', data: { abnahmeDatum: berlinDate(new Date()) }, submission: { by: 'p.fischer' } });
  expect(task.body.data.maengel ?? '').toBe('');
}, 180_000);

it('repairs a failed automated step from its repair task with corrected input, and the run goes on', async () => {
  const lead = await signedIn('Andrea Gruber');
  await openTask(lead, REPAIR, 'Schondorf am Ammersee');
  await lead.getByRole('heading', { level: 2, name: 'Störung beheben' }).waitFor();
  await lead.getByText(/Arbeitsplätze oder Verfahren/).first().waitFor();
  await lead.getByLabel('workstations', { exact: true }).fill('12');
  await lead.getByLabel('arbeitsplaetze', { exact: true }).fill('12');
  await screenshot(lead, 'task-repair');
  await lead.getByRole('button', { name: 'Erneut versuchen' }).click();
  await lead.getByText('Der Schritt wird mit den Eingaben erneut ausgeführt.').waitFor();
  await eventually(lead, async () => (await lead.getByRole('heading', { level: 2, name: 'Erledigt' }).count()) > 0, 'the repair task done');

  await lead.getByRole('link', { name: 'Gemeinde-Onboarding Schondorf am Ammersee' }).click();
  await lead.getByRole('heading', { level: 1, name: /Schondorf am Ammersee/ }).waitFor();
  await eventually(lead, async () => (await lead.getByRole('heading', { level: 2, name: 'Störungen' }).count()) === 0, 'no incident left');
  const run = await fetchHttp(suite.sys.baseUrl)('GET', `/api/v1/runs/${ONBOARDING}`, token('a.gruber'));
  expect(run.body.steps.find((s: { id: string }) => s.id === 'angebot-berechnen').state).toBe('done');
  await lead.close();
}, 180_000);
