// Bulk work in the inbox (issue 14): a technician sees each rollout task with its batch and device count, selects
// several "Bedarf erfassen" tasks and completes them with one form — a task someone else completed meanwhile is
// named with its reason and stays selected — and works through the rest with "Erledigen und nächste".
import { futureDate, token } from '../helpers/system';
import { newTab, screenshot, signIn } from './browser';
import { browserSuite } from './suite';

const AGS = '09181128'; // Kaufering
const rollout = (n: number) => `rollout-${AGS}-charge-${n}`;
const suite = browserSuite({
  async prepare(s) {
    for (const n of [1, 2, 3, 4, 5]) {
      await s.post('/api/v1/runs', 'a.gruber', {
        process: 'arbeitsplatz-rollout', input: { ags: AGS, batch: `Charge ${n}`, devices: 10 * n, projectLead: 'a.gruber', targetGoLive: futureDate(200) },
      });
    }
  },
});

/** the open "Bedarf erfassen" tasks (a batch's next steps open once its Bedarf is recorded) */
async function openBedarf(): Promise<string[]> {
  const res = await suite.http('GET', `/api/v1/tasks?state=open&ags=${AGS}`, token('m.koch'));
  return (res.body.items as { id: string }[]).map((t) => t.id).filter((id) => id.endsWith(':bedarf')).sort();
}

it('completes several tasks of one kind with one form, names the refused one, and goes on with "Erledigen und nächste"', async () => {
  const { sys, browser, pageErrors } = suite;
  for (let i = 0; (await openBedarf()).length < 5; i++) {
    if (i > 100) throw new Error('the rollout tasks did not open');
    await new Promise((r) => setTimeout(r, 200));
  }
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Markus Koch');
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();

  // each row names its batch and device count
  const row = (n: number) => page.getByRole('row', { name: new RegExp(`Bedarf erfassen.*Charge ${n} · ${10 * n} Geräte`) });
  for (const n of [1, 2, 3, 4, 5]) await row(n).waitFor();

  for (const n of [1, 2, 3]) await row(n).getByRole('checkbox').check();
  const bulk = page.locator('section', { has: page.getByRole('heading', { name: '3 Aufgaben „Bedarf erfassen“ gemeinsam erledigen' }) });
  await bulk.waitFor();
  // meanwhile a colleague completes one of them
  await suite.post(`/api/v1/tasks/${rollout(2)}:bedarf/complete`, 'j.richter', { data: { geraete: 20, standort: 'Bauhof' } });

  await bulk.getByLabel(/Anzahl Geräte/).fill('-3');
  await bulk.getByLabel(/Standort/).fill('Rathaus');
  await bulk.getByRole('button', { name: '3 Aufgaben erledigen' }).click();
  // the data is wrong for every task: the error is at the field, nothing was done
  await bulk.getByText('Bitte das markierte Feld korrigieren.').waitFor();
  await bulk.getByLabel(/Anzahl Geräte/).fill('12');
  await bulk.getByRole('button', { name: '3 Aufgaben erledigen' }).click();

  await page.getByText('2 Aufgaben erledigt. 1 Aufgabe wurde abgelehnt:').waitFor();
  await page.locator('.bulk-refused').getByText(/Bedarf erfassen.*Charge 2 · 20 Geräte.*nicht (mehr )?offen|erledigt/).waitFor();
  await row(1).waitFor({ state: 'detached' });
  await row(3).waitFor({ state: 'detached' });
  await screenshot(page, 'inbox-bulk-complete');
  expect(await openBedarf()).toEqual([`${rollout(4)}:bedarf`, `${rollout(5)}:bedarf`]);

  // one by one through the rest of the list
  // the refused task is done by the colleague: it leaves the selection and, once the list is read again, the list
  await page.getByRole('button', { name: 'Auswahl aufheben' }).waitFor({ state: 'detached' });
  await row(2).waitFor({ state: 'detached' });
  await row(4).getByRole('link', { name: 'Bedarf erfassen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bedarf erfassen' }).waitFor();
  await page.getByText('Charge 4 · 40 Geräte').waitFor();
  await page.getByLabel(/Anzahl Geräte/).fill('40');
  await page.getByLabel(/Standort/).fill('Schule');
  // the inbox's list as shown (its order: soonest due first): the next open task after this one comes next
  const list: string[] = JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('ku:inbox-list')")) ?? '[]');
  const expected = list[list.indexOf(`${rollout(4)}:bedarf`) + 1];
  expect(expected).toBeDefined();
  await page.getByRole('button', { name: 'Erledigen und nächste' }).click();
  await page.getByText('„Bedarf erfassen“ ist erledigt. Hier ist die nächste Aufgabe.').waitFor();
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/aufgaben/${expected}`);
  await page.getByRole('button', { name: /Erledigen und nächste|Übernehmen/ }).first().waitFor();
  expect(await openBedarf()).toEqual([`${rollout(5)}:bedarf`]);

  // the batch's run page: no device records yet, so no device table and no error about one
  await page.locator('dl.facts').getByRole('link', { name: /Arbeitsplatz-Rollout/ }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: /Arbeitsplatz-Rollout/ }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.getByText(/Geräteliste/).count()).toBe(0);
  expect(await page.getByRole('heading', { name: 'Geräte der Charge' }).count()).toBe(0);
  expect(pageErrors).toEqual([]);
}, 180_000);
