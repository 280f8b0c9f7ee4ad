// Bulk work beyond the first page of the inbox: a technician with more "Bedarf erfassen" tasks than one page shows
// selects all of them, those not loaded yet too, and completes them with one form.
import { futureDate, token } from '../helpers/system';
import { newTab, signIn } from './browser';
import { browserSuite } from './suite';

const AGS = '09181132'; // Penzing
const BATCHES = 105; // one more page than the inbox's first (100)
const suite = browserSuite({
  async prepare(s) {
    for (let n = 1; n <= BATCHES; n++) {
      await s.post('/api/v1/runs', 'a.gruber', {
        process: 'arbeitsplatz-rollout', input: { ags: AGS, batch: `Los ${n}`, devices: 1, projectLead: 'a.gruber', targetGoLive: futureDate(200) },
      });
    }
  },
  timeoutMs: 300_000,
});

async function openBedarf(): Promise<number> {
  const res = await suite.http('GET', `/api/v1/tasks?state=open&ags=${AGS}&limit=200`, token('m.koch'));
  return (res.body.items as { id: string }[]).filter((t) => t.id.endsWith(':bedarf')).length;
}

it('selects tasks of one kind across the pages not loaded yet and completes them together', async () => {
  const { sys, browser, pageErrors } = suite;
  for (let i = 0; (await openBedarf()) < BATCHES; i++) {
    if (i > 300) throw new Error('the rollout tasks did not open');
    await new Promise((r) => setTimeout(r, 200));
  }
  const page = await newTab(browser, sys.baseUrl, pageErrors);
  await signIn(page, sys.baseUrl, 'Markus Koch');
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Aufgaben' }).waitFor();
  await page.getByText(`100 von ${BATCHES} angezeigt`).waitFor();

  await page.getByRole('row', { name: /Bedarf erfassen/ }).first().getByRole('checkbox').check();
  const selection = page.locator('.bulk-selection');
  await selection.getByRole('button', { name: 'Alle 100 gleichartigen auswählen' }).click();
  await selection.getByText('100 Aufgaben ausgewählt').waitFor();
  await selection.getByRole('button', { name: 'Auch gleichartige aus den noch nicht geladenen Aufgaben auswählen' }).click();
  await selection.getByText(`${BATCHES} Aufgaben ausgewählt`).waitFor();
  expect(await page.getByText(/angezeigt$/).count()).toBe(0); // the whole list is loaded now

  const bulk = page.locator('section', { has: page.getByRole('heading', { name: `${BATCHES} Aufgaben „Bedarf erfassen“ gemeinsam erledigen` }) });
  await bulk.getByLabel(/Anzahl Geräte/).fill('1');
  await bulk.getByLabel(/Standort/).fill('Rathaus');
  await bulk.getByRole('button', { name: `${BATCHES} Aufgaben erledigen` }).click();
  await page.getByText(`${BATCHES} Aufgaben erledigt.`).waitFor({ timeout: 60_000 });
  expect(await openBedarf()).toBe(0);
  expect(pageErrors).toEqual([]);
}, 240_000);
