// Webhooks in a real browser: the administrator starts at `/` signed out, signs in, opens "Webhooks" from the
// navigation, is told at the fields what a subscription needs, subscribes a receiver (a server of this test) to the
// task events and reads its secret once. An onboarding then starts; the receiver gets its events signed with that
// secret, and the page's delivery log lists them. Deleting the subscription empties the list. Nobody else is
// offered the page.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { futureDate } from '../helpers/system';
import { newTab, signIn } from './browser';
import { browserSuite } from './suite';

const suite = browserSuite();
const received: { type: string; signature: string; body: string }[] = [];
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ type: String(req.headers['x-event-type']), signature: String(req.headers['x-signature']), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

it('subscribes a receiver to task events, shows the secret once, logs the signed deliveries and deletes it', async () => {
  const page = await newTab(suite.browser, suite.sys.baseUrl, suite.pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Daniel Krüger');
  await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
  await page.getByText('Noch kein System abonniert.').waitFor();

  // nothing filled in: both needs said at their fields
  await page.getByRole('button', { name: 'Abonnieren' }).click();
  await page.locator('#webhook-url-error', { hasText: 'Bitte eine URL angeben' }).waitFor();
  await page.locator('#webhook-events-error', { hasText: 'Bitte mindestens ein Ereignis wählen' }).waitFor();
  // the first field named takes the focus (and so comes into view, far above the button on a phone)
  expect(await page.getByLabel('Ziel-URL').evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);

  // a port fetch never sends to is refused at once, at the field, not by every delivery later
  await page.getByLabel('Ziel-URL').fill('http://192.0.2.10:25/hook');
  await page.getByLabel('Vorgang abgeschlossen').check();
  await page.getByRole('button', { name: 'Abonnieren' }).click();
  await page.locator('#webhook-url-error', { hasText: 'Port 25 ist gesperrt' }).waitFor();
  expect(await page.getByLabel('Ziel-URL').evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
  await page.getByLabel('Vorgang abgeschlossen').uncheck();

  await page.getByLabel('Ziel-URL').fill(receiverUrl);
  await page.getByLabel('Beschreibung').fill('CMDB: Aufgaben der Technik');
  await page.getByRole('group', { name: 'Aufgaben' }).getByLabel(/alle, auch künftige/).check();
  // the family stands for its types, which are shown as included
  expect(await page.getByLabel('Aufgabe geöffnet').isChecked()).toBe(true);
  expect(await page.getByLabel('Aufgabe geöffnet').isDisabled()).toBe(true);
  await page.getByLabel('Vorgang abgeschlossen').check();
  await page.getByRole('button', { name: 'Abonnieren' }).click();
  const notice = page.getByRole('status').filter({ hasText: `Abonniert: ${receiverUrl}` });
  await notice.waitFor();
  const secret = (await notice.locator('code').first().textContent())!;
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  const item = page.getByRole('listitem').filter({ hasText: receiverUrl });
  await item.getByText('Ereignisse: Aufgaben (alle, auch künftige), Vorgang abgeschlossen').waitFor();
  await item.getByText(/von Daniel Krüger/).waitFor();

  // an onboarding opens its first task: the receiver gets it, signed with the secret the page showed
  await suite.post('/api/v1/runs', 'a.gruber', {
    process: 'gemeinde-onboarding',
    input: { ags: '09181128', variant: 'mitglied', targetGoLive: futureDate(700), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 20 },
  });
  const deadline = Date.now() + 30_000;
  while (!received.some((r) => r.type === 'task.opened') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const opened = received.find((r) => r.type === 'task.opened')!;
  expect(opened.signature).toBe(`sha256=${createHmac('sha256', secret).update(opened.body).digest('hex')}`);
  expect(received.every((r) => r.type.startsWith('task.'))).toBe(true);

  // the attempt is logged once the receiver has answered: the log is read again until it is there
  await item.getByRole('button', { name: 'Zustellungen' }).click();
  const delivered = item.getByRole('table', { name: `Letzte Zustellversuche an ${receiverUrl}` })
    .getByRole('row').filter({ hasText: 'Aufgabe geöffnet' }).filter({ hasText: 'HTTP 204' });
  for (let i = 0; i < 20 && (await delivered.count()) === 0; i++) {
    await item.getByRole('button', { name: 'Aktualisieren' }).click();
    await page.waitForTimeout(250);
  }
  await delivered.first().waitFor();

  page.once('dialog', (dialog) => void dialog.accept());
  await item.getByRole('button', { name: 'Löschen' }).click();
  await page.getByText('Noch kein System abonniert.').waitFor();
  expect(suite.pageErrors).toEqual([]);
}, 90_000);

it('offers the page to the administration only', async () => {
  const page = await newTab(suite.browser, suite.sys.baseUrl, suite.pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Andrea Gruber');
  await page.getByRole('navigation').getByRole('link', { name: 'Aufgaben' }).waitFor();
  expect(await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
  expect(suite.pageErrors).toEqual([]);
}, 60_000);
