// The onboarding's Chargen in the browser (issue 14 item 2): the project lead sees the batches formed from the
// Gemeinde's devices with their counts, is told in German that an exclusion needs a reason, excludes a device with
// one and moves another into a different batch; a device inventoried later shows as unassigned until moved.
import { futureDate, token } from '../helpers/system';
import { newTab, screenshot, signIn } from './browser';
import { browserSuite } from './suite';

const AGS = '09181128'; // Kaufering
const RUN_ID = `onboarding-${AGS}`;
const suite = browserSuite({
  async prepare(s) {
    await s.sys.store.devices.importDevices(AGS, RUN_ID, ['R1', 'R2', 'R3', 'S1'].map((serial, i) => ({
      serial, hostname: `KAUF-PC${i}`, mac: `00:1A:2B:3C:4D:${10 + i}`, os: 'Windows 11', model: 'HP EliteDesk',
      location: serial.startsWith('R') ? 'Rathaus' : 'Standesamt',
    })));
    await s.post('/api/v1/runs', 'a.gruber', {
      process: 'gemeinde-onboarding',
      input: { ags: AGS, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-ewo'], workstations: 4, batchSize: 2 },
    });
    // the run page needs the run in the read model
    for (let i = 0; (await s.http('GET', `/api/v1/runs/${RUN_ID}/batches`, token('a.gruber'))).status !== 200; i++) {
      if (i > 150) throw new Error('run not projected');
      await new Promise((r) => setTimeout(r, 200));
    }
  },
});

it('shows the batches with their counts and lets the project lead exclude (with a reason) and move devices', async () => {
  // from the start page, as the project lead: Übersicht, then the onboarding of Kaufering
  const page = await newTab(suite.browser, suite.sys.baseUrl, suite.pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Andrea Gruber');
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  await page.getByRole('link', { name: 'Kaufering', exact: true }).first().click();
  await page.waitForURL(`**/vorgaenge/${RUN_ID}`);
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Chargen' }) });
  await section.getByRole('row', { name: /Rathaus 1 2 R1, R2/ }).waitFor();
  await section.getByRole('row', { name: /Rathaus 2 1 R3/ }).waitFor();
  await section.getByRole('row', { name: /Standesamt 1 1 S1/ }).waitFor();

  await section.getByRole('combobox', { name: 'Gerät' }).selectOption('R2');
  await section.getByRole('button', { name: 'Ausschließen' }).click();
  await section.getByText('Bitte einen Grund angeben').waitFor();
  await section.getByRole('textbox', { name: 'Grund des Ausschlusses' }).fill('Gerät defekt');
  await section.getByRole('button', { name: 'Ausschließen' }).click();
  await section.getByText('R2 (KAUF-PC1): Gerät defekt').waitFor();
  await section.getByRole('row', { name: /Rathaus 1 1 R1/ }).waitFor();

  await section.getByRole('combobox', { name: 'Gerät' }).selectOption('S1');
  await section.getByRole('combobox', { name: 'In Charge' }).selectOption({ label: 'Rathaus 2' });
  await section.getByRole('button', { name: 'Verschieben' }).click();
  await section.getByRole('row', { name: /Rathaus 2 2 R3, S1/ }).waitFor();

  // a device inventoried since shows as unassigned, and the lead can move it into a batch
  await suite.sys.store.devices.importDevices(AGS, RUN_ID, [{
    serial: 'L1', hostname: 'KAUF-LAGER1', mac: '00:1A:2B:3C:4D:99', os: 'Windows 11', model: 'HP EliteDesk', location: 'Lager',
  }]);
  await page.reload();
  await section.getByRole('heading', { level: 3, name: 'Noch keiner Charge zugeordnet (1)' }).waitFor();
  await section.getByText('L1 (KAUF-LAGER1) · Lager').waitFor();
  await section.getByRole('combobox', { name: 'Gerät' }).selectOption('L1');
  await section.getByRole('combobox', { name: 'In Charge' }).selectOption({ label: 'Standesamt 1' });
  await section.getByRole('button', { name: 'Verschieben' }).click();
  await section.getByRole('row', { name: /Standesamt 1 1 L1/ }).waitFor();
  expect(await section.getByRole('heading', { name: /Noch keiner Charge zugeordnet/ }).count()).toBe(0);
  await screenshot(page, 'run-device-batches');
  expect(suite.pageErrors).toEqual([]);
});
