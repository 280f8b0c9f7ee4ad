// The "Benachrichtigungen" page in a real browser: reachable from the header, shows the defaults, and a choice
// made there is what the API keeps for that person (and only for them).
import { fetchHttp } from '../../scripts/bot';
import { token } from '../helpers/system';
import { newTab, screenshot, signIn } from './browser';
import { browserSuite } from './suite';

const suite = browserSuite({ timeoutMs: 120_000 });
const { pageErrors } = suite;

it('lets a person choose per kind of mail: at once, daily at 8, or not at all', async () => {
  const page = await newTab(suite.browser, suite.sys.baseUrl, pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Lena Weber');
  await page.getByRole('link', { name: 'Benachrichtigungen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' }).waitFor();
  const newTasks = page.getByRole('group', { name: 'Neue Aufgaben für mein Team' });
  const assigned = page.getByRole('group', { name: 'Mir zugewiesene Aufgaben' });
  // defaults: a new task of a team of two at once (a team of more than three would get the daily overview), personal
  // matters at once
  expect(await newTasks.getByRole('radio', { name: 'Sofort' }).isChecked()).toBe(true);
  expect(await assigned.getByRole('radio', { name: 'Sofort' }).isChecked()).toBe(true);

  await newTasks.getByRole('radio', { name: 'Gar nicht' }).check();
  await page.getByText('Gespeichert.').waitFor();
  await screenshot(page, 'benachrichtigungen');

  const http = fetchHttp(suite.sys.baseUrl);
  const mine = await http('GET', '/api/v1/me/mail-preferences', token('l.weber'));
  expect(mine.body.kinds.find((i: { kind: string }) => i.kind === 'newTask').mode).toBe('none');
  const colleague = await http('GET', '/api/v1/me/mail-preferences', token('k.hofmann'));
  expect(colleague.body.kinds.find((i: { kind: string }) => i.kind === 'newTask').mode).toBe('immediately');
  expect(pageErrors).toEqual([]);
}, 120_000);
