// The German web UI in a real browser against the real system (Temporal dev server, worker, API): a project lead
// starts an onboarding through the form, staff and the Gemeinde complete tasks through their generated forms
// (one inline field error first), the run page shows progress, and a Gemeinde cannot reach another's run.
// Every tab starts where a person starts: the start page `/` or a link from a mail, signed out.
// Screenshots of the main pages go to test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../config/users';
import { fetchHttp } from '../../scripts/bot';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';
import { ensureWebBundle, eventually, launchBrowser, navigateTo, newTab, openOnboarding, screenshot, signIn, type TestBrowser } from './browser';
import { driveToStep } from './drive-to-step';

const AGS = '09181128'; // Kaufering
const RUN_ID = `onboarding-${AGS}`;
const OTHER_RUN_ID = 'onboarding-09181144'; // Utting am Ammersee, started over the API

let sys: TestSystem;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  sys = await startSystem();
  // a second onboarding, started over the API, so lists and the portfolio show more than one row
  const other = await fetchHttp(sys.baseUrl)('POST', '/api/v1/runs', token('f.maier'), {
    process: 'gemeinde-onboarding',
    input: { ags: '09181144', variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'f.maier', verfahren: ['ok-ewo'], workstations: 20 },
  });
  if (other.status !== 201) throw new Error(`could not start the second onboarding: ${other.status} ${JSON.stringify(other.body)}`);
  // a third (Penzing) with the same plan and a target one business day before its earliest feasible go-live: ambitious, with a reason
  const projected = await fetchHttp(sys.baseUrl)('GET', `/api/v1/runs/${OTHER_RUN_ID}`, token('f.maier'));
  const dayBefore = new Date(Date.parse(`${projected.body.projectedGoLive}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const late = await fetchHttp(sys.baseUrl)('POST', '/api/v1/runs', token('f.maier'), {
    process: 'gemeinde-onboarding',
    input: { ags: '09181132', variant: 'mitglied', targetGoLive: dayBefore, targetReason: 'Gemeinderat wünscht den Start zum Quartal', projectLead: 'f.maier', verfahren: ['ok-ewo'], workstations: 20 },
  });
  if (late.status !== 201) throw new Error(`could not start the third onboarding: ${late.status} ${JSON.stringify(late.body)}`);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.stop();
  await sys?.stop();
});

afterEach(() => {
  // a script error in the page is a failure even when the visible part happened to work
  expect(pageErrors).toEqual([]);
});

async function progressOf(page: Page): Promise<number> {
  return Number(await page.getByRole('progressbar', { name: /Fortschritt/ }).first().getAttribute('aria-valuenow'));
}

it('lets a project lead start an onboarding through the form, with field errors inline', async () => {
  // the README's way in: the start page, signed out, shows the sign-in (it stayed blank once)
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await page.waitForURL(`${sys.baseUrl}/anmelden`);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await page.getByRole('button', { name: /^Anmelden als Andrea Gruber/ }).waitFor();
  await screenshot(page, 'sign-in');
  await signIn(page, sys.baseUrl, 'Andrea Gruber');
  await page.getByRole('link', { name: 'Onboarding starten' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Onboarding starten' }).waitFor();
  // the project lead is the KU's, not a person of the Gemeinde
  expect(await page.locator('#start-lead-hint').textContent()).toContain('im KU leitet');

  // submitting the empty form: the API's 422 errors appear at their fields
  await page.getByRole('button', { name: 'Onboarding starten' }).click();
  await page.getByText('Das Onboarding wurde nicht gestartet').waitFor();
  expect(await page.getByRole('combobox', { name: 'Gemeinde', exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Anzahl Arbeitsplätze').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#start-ags-error').textContent()).toContain('Pflichtfeld');

  await page.getByRole('combobox', { name: 'Gemeinde', exact: true }).selectOption(AGS);
  await page.getByLabel('Ziel-Go-live').fill(futureDate(240));
  await page.getByRole('radio', { name: /Dienstleistung/ }).check();
  await page.getByLabel('Anzahl Arbeitsplätze').fill('12');
  await page.getByLabel('Projektleitung').selectOption('a.gruber');

  // the Verfahren list holds the whole catalogue; the filter narrows it
  const status = page.locator('#picker-status');
  expect(await status.textContent()).toMatch(/(\d{3}) von \1 Verfahren angezeigt/);
  await page.getByLabel('Verfahren filtern').fill('ok.fis');
  await page.getByRole('checkbox', { name: /OK\.FIS Finanzwesen/ }).check();
  await page.getByLabel('Verfahren filtern').fill('Einwohnermelde');
  await page.getByRole('checkbox', { name: /OK\.EWO Einwohnermeldewesen/ }).check();
  await page.getByLabel('Verfahren filtern').fill('');
  expect(await status.textContent()).toContain('2 ausgewählt');

  // the form knows the earliest feasible go-live; a target before it asks for a reason (the run is then ambitious)
  await page.locator('#start-earliest').filter({ hasText: /^frühestens \d\d\.\d\d\.\d{4}$/ }).waitFor();
  await page.getByLabel('Begründung für das ambitionierte Ziel').fill('Der Gemeinderat will vor der Kommunalwahl umstellen');
  await page.getByRole('button', { name: 'OK.FIS Finanzwesen entfernen' }).waitFor();
  await screenshot(page, 'start-form');

  await page.getByRole('button', { name: 'Onboarding starten' }).click();
  await page.waitForURL(`**/vorgaenge/${RUN_ID}`);
  await page.getByRole('heading', { level: 1, name: /Kaufering/ }).waitFor();
  await page.getByText('Andrea Gruber', { exact: true }).first().waitFor();
  expect(await progressOf(page)).toBe(0);
  await page.getByText(/^0 von \d+ Schritten erledigt \(Prozent nach geplantem Aufwand gewichtet\)$/).waitFor();
  // the run page says why it is amber: the target is ambitious, measured against the plan
  await page.getByRole('list', { name: 'Gründe für die Terminlage' }).getByText(/^Ambitioniertes Ziel: /).waitFor();

  // child runs that have not started yet are listed as planned, without a link to a page that does not exist yet
  const children = page.getByRole('region', { name: 'Teilvorgänge' });
  await children.getByText(/Verfahrensmigration: OK\.EWO/).waitFor();
  expect(await children.getByText('geplant', { exact: true }).count()).toBeGreaterThanOrEqual(2);
  expect(await children.getByRole('link').count()).toBe(0);
  await page.close();
});

it('leads a mail link opened signed out through the sign-in to the task it names, and a run link to its run', async () => {
  // the first mail about a task of the new run, as its addressee got it
  const http = fetchHttp(sys.baseUrl);
  let mail: { to: string; text: string } | undefined;
  const deadline = Date.now() + 30_000;
  while (!mail && Date.now() < deadline) {
    const box = await http('GET', '/api/v1/dev/mail?limit=200', token('d.krueger'));
    mail = (box.body.items as { to: string; text: string }[]).find(
      (m) => m.text.includes(`/aufgaben/${encodeURIComponent(RUN_ID)}`) && DEMO_USERS.some((u) => u.email === m.to && !u.roles.includes('gemeinde')),
    );
    if (!mail) await new Promise((r) => setTimeout(r, 500));
  }
  if (!mail) throw new Error(`no mail with a link to a task of ${RUN_ID}`);
  const link = new URL(mail.text.match(/https?:\/\/\S+\/aufgaben\/\S+/)![0]);
  const person = DEMO_USERS.find((u) => u.email === mail.to)!;

  const page = await newTab(browser, sys.baseUrl, pageErrors, link.pathname);
  await page.waitForURL(`${sys.baseUrl}/anmelden?weiter=${encodeURIComponent(link.pathname)}`);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await screenshot(page, 'sign-in-from-mail-link');
  await signIn(page, sys.baseUrl, person.name);
  await page.waitForURL(`${sys.baseUrl}${link.pathname}`);
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Anmelden' }).waitFor();
  await page.getByRole('link', { name: /Gemeinde-Onboarding Kaufering/ }).waitFor();
  await screenshot(page, 'task-from-mail-link');
  await page.close();

  // a run link: the Gemeinde writes to its project lead, whose mail links to the run page
  await http('POST', `/api/v1/runs/${RUN_ID}/messages`, token(`buergermeister-${AGS}`), { text: 'Wann kommt der Techniker?' });
  let runMail: { to: string; text: string } | undefined;
  for (const until = Date.now() + 30_000; !runMail && Date.now() < until;) {
    const box = await http('GET', '/api/v1/dev/mail?limit=200', token('d.krueger'));
    // the project lead's mail (the Gemeinde's other contact gets a copy that links to its portal)
    runMail = (box.body.items as { to: string; text: string }[]).find((m) => m.text.includes('Wann kommt der Techniker?') && m.text.includes('/vorgaenge/'));
    if (!runMail) await new Promise((r) => setTimeout(r, 500));
  }
  if (!runMail) throw new Error(`no mail about the Gemeinde's message on ${RUN_ID}`);
  const runLink = new URL(runMail.text.match(/https?:\/\/\S+\/vorgaenge\/\S+/)![0]);
  expect(runLink.pathname).toBe(`/vorgaenge/${RUN_ID}`);
  const lead = DEMO_USERS.find((u) => u.email === runMail.to)!;
  const run = await newTab(browser, sys.baseUrl, pageErrors, runLink.pathname);
  await run.waitForURL('**/anmelden?weiter=*');
  await signIn(run, sys.baseUrl, lead.name);
  await run.waitForURL(`${sys.baseUrl}/vorgaenge/${RUN_ID}`);
  await run.getByRole('heading', { level: 1, name: /Kaufering/ }).waitFor();
  await run.close();
});

it('completes a task through its generated form: claim, then Erledigen', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Maria Huber');
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();
  // the start page, signed in, forwards to the inbox and shows it (it stayed blank once)
  await page.goto(`${sys.baseUrl}/`);
  await page.waitForURL(`${sys.baseUrl}/aufgaben`);
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'Kaufering' }).filter({ hasText: 'Erstgespräch' });
  await row.waitFor();
  await screenshot(page, 'inbox');

  // assigning goes through a dialog listing the people of the task's team
  const other = page.getByRole('row').filter({ hasText: 'Utting am Ammersee' }).filter({ hasText: 'Erstgespräch' });
  await other.getByRole('button', { name: /Zuweisen/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Aufgabe zuweisen' });
  await dialog.getByRole('combobox', { name: 'Person' }).selectOption('j.bauer');
  await dialog.getByRole('button', { name: 'Zuweisen' }).click();
  await other.getByRole('cell', { name: 'Josef Bauer' }).waitFor();

  // the tab's count follows the claim at once, not at the next refresh (every 20 s)
  const mine = page.locator('fieldset.segmented label', { hasText: 'Meine Aufgaben' }).locator('.count');
  const before = Number(await mine.textContent());
  await row.getByRole('button', { name: /Übernehmen/ }).click();
  // giving a claimed task up is "Abgeben"; "Freigeben" means approving
  await row.getByRole('button', { name: /Abgeben/ }).waitFor();
  await page.locator('fieldset.segmented label', { hasText: 'Meine Aufgaben' }).locator('.count', { hasText: new RegExp(`^${before + 1}$`) })
    .waitFor({ timeout: 5_000 });
  expect(await row.getByRole('button', { name: /Freigeben/ }).count()).toBe(0);
  await page.getByRole('radio', { name: /Meine Aufgaben/ }).check();
  await row.getByRole('link', { name: /Erstgespräch/ }).click();

  await page.getByRole('heading', { level: 1, name: /Erstgespräch/ }).waitFor();
  await page.getByLabel('Bemerkung').fill('Vorstellung im Gemeinderat am Dienstag, gute Resonanz.');
  await page.getByRole('button', { name: 'Erledigen' }).click();
  await page.getByText('Die Aufgabe ist erledigt.').waitFor();
  await page.close();
});

it('shows the Gemeinde its portal and its task, with the API field error inline before it completes', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Geschäftsleitung Kaufering');
  await page.waitForURL('**/portal');
  await page.getByText('Ihre Ansprechperson').waitFor();
  await page.getByText('Andrea Gruber').first().waitFor();
  // staff-only pages are not offered
  expect(await page.getByRole('link', { name: 'Übersicht' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Onboarding starten' }).count()).toBe(0);
  const taskLink = page.getByRole('link', { name: 'Grob-Fragebogen ausfüllen' });
  await eventually(page, async () => (await taskLink.count()) > 0, 'the questionnaire task in the portal');
  await screenshot(page, 'gemeinde-portal');

  await taskLink.click();
  await page.getByRole('heading', { level: 1, name: 'Grob-Fragebogen ausfüllen' }).waitFor();
  const workstations = page.getByLabel('Anzahl Arbeitsplätze');
  await workstations.fill('99999');
  await page.getByLabel('Anzahl Server').fill('3');
  await page.getByLabel('Anzahl Fachverfahren').fill('25');
  await page.getByLabel(/Mitarbeiterliste/).setInputFiles({
    name: 'mitarbeiter.csv', mimeType: 'text/csv', buffer: Buffer.from('Vorname;Nachname;Organisationseinheit\nAnna;Müller;Hauptamt\nJürgen;Groß;Bürgerbüro'),
  });
  await page.getByText('Keine Probleme gefunden.').waitFor();
  await page.getByRole('button', { name: 'Erledigen' }).click();

  // the API (422, path data.arbeitsplaetze) is the judge; its message appears at the field, in German
  await page.getByText('Die Aufgabe konnte nicht erledigt werden').waitFor();
  expect(await workstations.getAttribute('aria-invalid')).toBe('true');
  const errorId = (await workstations.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
  expect(await page.locator(`#${errorId}`).textContent()).toContain('Höchstens 5000');
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe(await workstations.getAttribute('id'));
  await screenshot(page, 'task-form-error');

  await workstations.fill('42');
  await page.getByRole('button', { name: 'Erledigen' }).click();
  await page.getByText('Die Aufgabe ist erledigt.').waitFor();
  expect(await workstations.count()).toBe(0);
  await page.getByRole('heading', { name: 'Erledigt' }).waitFor();

  // the run page shows the progress that moved
  await page.getByRole('link', { name: /Gemeinde-Onboarding Kaufering/ }).click();
  await page.getByRole('heading', { level: 1, name: /Kaufering/ }).waitFor();
  await eventually(page, async () => (await progressOf(page)) > 0, 'progress above 0 % on the run page');
  expect(await page.getByRole('row').filter({ hasText: 'Grob-Fragebogen ausfüllen' }).getByText('erledigt').count()).toBe(1);
  await page.close();
});

it('keeps another Gemeinde out: a link to its run reads "nicht gefunden", staff pages are not offered', async () => {
  // a link to Kaufering's run that reached Utting's mayor (a forwarded mail), followed signed out
  const page = await newTab(browser, sys.baseUrl, pageErrors, `/vorgaenge/${RUN_ID}`);
  await signIn(page, sys.baseUrl, 'Bürgermeister/in Utting am Ammersee');
  await page.getByText('Vorgang nicht gefunden').waitFor();
  expect(await page.getByText('Kaufering').count()).toBe(0);
  await screenshot(page, 'gemeinde-other-run-not-found');
  await navigateTo(page, 'Aufgaben');
  await page.getByText('Keine offenen Aufgaben').waitFor();
  expect(await page.getByRole('link', { name: 'Übersicht' }).count()).toBe(0);
  await page.close();

  // a link to the staff's overview, followed the same way
  const overview = await newTab(browser, sys.baseUrl, pageErrors, '/uebersicht');
  await signIn(overview, sys.baseUrl, 'Bürgermeister/in Utting am Ammersee');
  await overview.getByRole('heading', { level: 1, name: 'Nicht verfügbar' }).waitFor();
  await overview.close();
});

it('shows the task page, the run plan and the portfolio to staff (screenshots, laptop and tablet)', async () => {
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Sabine Wagner');
  const task = page.getByRole('row').filter({ hasText: 'Angebot freigeben' }).getByRole('link', { name: 'Angebot freigeben' });
  await eventually(page, async () => (await task.count()) > 0, 'the offer approval in the inbox of the Bereichsleitung');
  await task.click();
  await page.getByRole('heading', { level: 1, name: 'Angebot freigeben' }).waitFor();
  await page.getByRole('textbox', { name: 'Kommentar', exact: true }).fill('Rabatt mit dem Vorstand abgestimmt.');
  await page.getByRole('button', { name: 'Kommentieren' }).click();
  await page.getByText('Rabatt mit dem Vorstand abgestimmt.').waitFor();
  await screenshot(page, 'task');

  // a text too long gets the server's reason at the field, not the page's words for an empty one
  await page.getByRole('textbox', { name: 'Kommentar', exact: true }).fill('x'.repeat(5001));
  await page.getByRole('button', { name: 'Kommentieren' }).click();
  await page.getByText('Der Kommentar ist zu lang (höchstens 5000 Zeichen)').waitFor();
  await page.getByRole('textbox', { name: 'Kommentar', exact: true }).fill('');

  // returning needs a reason; the API's refusal shows at the field, then the reason travels with the task
  await page.getByText('Aufgabe zurückgeben').click();
  await page.getByRole('button', { name: 'Zurückgeben' }).click();
  await page.getByText('Bitte einen Grund angeben.').waitFor();
  await page.getByRole('textbox', { name: 'Grund der Rückgabe' }).fill('x'.repeat(2001));
  await page.getByRole('button', { name: 'Zurückgeben' }).click();
  await page.getByText('Höchstens 2000 Zeichen').waitFor();
  await page.getByRole('textbox', { name: 'Grund der Rückgabe' }).fill('Kostenplan ohne Lizenzkosten der Altverfahren.');
  await page.getByRole('button', { name: 'Zurückgeben' }).click();
  await page.getByText('Die Aufgabe wurde mit Begründung an das Team zurückgegeben.').waitFor();
  await page.getByText('Zurückgegeben: Kostenplan ohne Lizenzkosten der Altverfahren.').waitFor();

  await openOnboarding(page, 'Kaufering');
  await page.getByRole('heading', { name: 'Zeitplan', exact: true }).waitFor();
  await page.getByText('Gesamtvorgang bis Go-live').waitFor();
  await screenshot(page, 'run');

  // a run one business day before its plan allows is ambitious, measured against the plan, not "1 Tag Verzug"
  await openOnboarding(page, 'Penzing');
  await page.getByText('Ziel ambitioniert – gemessen am Plan', { exact: true }).waitFor();
  await page.getByRole('list', { name: 'Gründe für die Terminlage' }).getByText(/^Ambitioniertes Ziel: /).waitFor();
  expect(await page.getByText(/\b1 (Tage|Arbeitstage)\b/).count()).toBe(0);
  await screenshot(page, 'run-ambitious', { fullPage: false });

  await navigateTo(page, 'Übersicht');
  await page.getByRole('link', { name: 'Kaufering' }).first().waitFor();
  await page.getByRole('heading', { name: 'Jahresplan' }).waitFor();
  await page.getByRole('row').filter({ hasText: 'Penzing' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als CSV exportieren' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^onboardings-\d{4}-\d{2}-\d{2}\.csv$/);
  await screenshot(page, 'portfolio');

  await page.setViewportSize({ width: 820, height: 1180 });
  await navigateTo(page, 'Aufgaben');
  await page.getByRole('radio', { name: /Alle offenen/ }).check();
  await page.getByRole('link', { name: 'Angebot freigeben' }).first().waitFor();
  await screenshot(page, 'inbox-tablet');
  await openOnboarding(page, 'Kaufering');
  await page.getByText('Gesamtvorgang bis Go-live').waitFor();
  await screenshot(page, 'run-tablet', { fullPage: false });
  await page.close();
});

it('shows a running child run with its progress and health, linked to its page', async () => {
  await driveToStep(fetchHttp(sys.baseUrl), OTHER_RUN_ID, 'steckbrief');
  // from the start page, as its project lead: Übersicht, then the onboarding of Utting am Ammersee
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Florian Maier');
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  await page.getByRole('link', { name: 'Utting am Ammersee', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: /Utting am Ammersee/ }).waitFor();
  const children = page.getByRole('region', { name: 'Teilvorgänge' });
  const item = children.getByRole('listitem').filter({ hasText: /Verfahrensmigration: OK\.EWO/ });
  await item.getByRole('progressbar', { name: /Fortschritt Verfahrensmigration: OK\.EWO/ }).waitFor();
  // a child run's open task names its run as the list above does, not by its id
  const openTasks = page.getByRole('region', { name: /Offene Aufgaben/ });
  await openTasks.getByText(/Verfahrensmigration: OK\.EWO/).first().waitFor();
  expect(await openTasks.getByText(/migration-\d{8}-/).count()).toBe(0);
  expect(await item.locator('.health').textContent()).toMatch(/Im Plan|Gefährdet|Verzug/);
  await screenshot(page, 'run-children');

  // the audit trail shows each progress event's own value, as stored
  const events = await fetchHttp(sys.baseUrl)('GET', `/api/v1/runs/${OTHER_RUN_ID}/events?limit=500`, token('f.maier'));
  const stored = (events.body.items as { type: string; data: { progress: number } }[]).filter((e) => e.type === 'run.progressed').map((e) => `Fortschritt ${e.data.progress} %`);
  expect(events.status).toBe(200);
  expect(stored.length).toBeGreaterThan(1);
  const audit = page.getByRole('table', { name: /Protokoll/ });
  await audit.getByRole('row').filter({ hasText: 'Fortschritt' }).first().waitFor();
  const shown = (await audit.getByRole('cell').filter({ hasText: /^Fortschritt \d+ %$/ }).allTextContents()).map((t) => t.trim());
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((t) => !stored.includes(t))).toEqual([]);
  expect(shown).not.toContain('Fortschritt 100 %');

  await item.getByRole('link', { name: /Verfahrensmigration: OK\.EWO/ }).click();
  await page.getByRole('heading', { level: 1, name: /Utting am Ammersee/ }).waitFor();
  await page.getByRole('heading', { name: 'Zeitplan', exact: true }).waitFor();
  expect(await page.getByText('Vorgang nicht gefunden').count()).toBe(0);

  // the inbox names a migration's task by its Verfahren too (two migrations' tasks would read the same)
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).first().click();
  await page.getByRole('radio', { name: /Alle offenen/ }).check();
  await page.getByRole('row').filter({ hasText: /Verfahrensmigration: OK\.EWO/ }).first().waitFor();
  await page.close();
}, 180_000);

it('shows the four-eyes state of the Go/No-Go decision: who submitted, who still must approve', async () => {
  await driveToStep(fetchHttp(sys.baseUrl), OTHER_RUN_ID, 'go-no-go');
  const taskPath = `/aufgaben/${encodeURIComponent(`${OTHER_RUN_ID}:go-no-go`)}`;

  const lead = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(lead, sys.baseUrl, 'Florian Maier');
  await lead.getByRole('link', { name: 'Go/No-Go-Entscheidung' }).click();
  await lead.getByRole('heading', { level: 2, name: 'Vier-Augen-Prinzip' }).waitFor();
  await lead.getByText(/0 von 2 Freigaben erteilt/).waitFor();
  await lead.getByRole('checkbox', { name: /Entscheidung: Go/ }).check();
  await lead.getByRole('button', { name: 'Zur Freigabe einreichen' }).click();
  await lead.getByText(/Zur Freigabe eingereicht/).waitFor();
  await lead.getByText('Es fehlt noch: Gemeinde').waitFor();
  // the same person cannot give the second approval
  expect(await lead.getByRole('button', { name: 'Freigeben' }).count()).toBe(0);
  await lead.close();

  // the Gemeinde comes through the task's link, signed out, and lands on the task after signing in
  const gemeinde = await newTab(browser, sys.baseUrl, pageErrors, taskPath);
  await signIn(gemeinde, sys.baseUrl, 'Geschäftsleitung Utting am Ammersee');
  await gemeinde.waitForURL(`${sys.baseUrl}${taskPath}`);
  await gemeinde.getByText(/1 von 2 Freigaben erteilt/).waitFor();
  await gemeinde.getByRole('listitem').filter({ hasText: 'Florian Maier' }).filter({ hasText: 'Projektleitung' }).waitFor();
  await gemeinde.getByRole('heading', { level: 2, name: 'Eingereichte Angaben' }).waitFor();
  await screenshot(gemeinde, 'task-four-eyes');
  await gemeinde.getByRole('button', { name: 'Freigeben' }).click();
  await gemeinde.getByText('Freigegeben: die Aufgabe ist erledigt.').waitFor();
  await gemeinde.close();
}, 180_000);
