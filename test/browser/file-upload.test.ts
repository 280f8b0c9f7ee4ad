// Issue 13 item 4 in a real browser: the inventory export is a file, not pasted text. A technician signs in, opens the
// inventory task, uploads a CSV export with a duplicate MAC address and sees the problem with its lines and a preview
// before submitting; then uploads the corrected export as an Excel workbook and completes the task with it.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { fetchHttp } from '../../scripts/bot';
import { futureDate, token } from '../helpers/system';
import { newTab, openTask, screenshot, signIn } from './browser';
import { browserSuite } from './suite';
import { driveToStep } from './drive-to-step';

const RUN = 'onboarding-09181128';
const TASK = `${RUN}:inventur`;
const HEADER = 'Hostname;Seriennummer;MAC;Betriebssystem;Modell';
const ROWS = [
  'KF-PC-001;SN2001;00:1A:2B:3C:5D:01;Windows 11;Fujitsu Esprimo',
  'KF-PC-002;SN2002;00:1A:2B:3C:5D:02;Windows 11;Fujitsu Esprimo',
  'KF-NB-003;SN2003;00:1A:2B:3C:5D:01;Windows 11;Lenovo ThinkPad',
];

const suite = browserSuite({
  async prepare(s) {
    const http = fetchHttp(s.sys.baseUrl);
    const started = await http('POST', '/api/v1/runs', token('a.gruber'), {
      process: 'gemeinde-onboarding',
      input: { ags: '09181128', variant: 'dienstleistung', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
    });
    if (started.status !== 201) throw new Error(`POST /runs: ${started.status} ${JSON.stringify(started.body)}`);
    await driveToStep(http, RUN, 'inventur');
  },
  timeoutMs: 180_000,
});
const { pageErrors } = suite;

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function workbook(lines: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Scan');
  for (const line of lines) sheet.addRow(line.split(';'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

it('shows a duplicate MAC address with its lines before submitting, and completes with the corrected Excel file', async () => {
  const page: Page = await newTab(suite.browser, suite.sys.baseUrl, pageErrors);
  await signIn(page, suite.sys.baseUrl, 'Markus Koch');
  await openTask(page, 'Hardware- und Software-Inventur', 'Kaufering');

  const file = page.getByLabel(/Scan-Export/);
  await file.setInputFiles({ name: 'scan.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...ROWS].join('\r\n'), 'utf8') });
  await page.getByText('1 Problem gefunden').waitFor();
  await page.getByText('MAC-Adresse 00:1A:2B:3C:5D:01 kommt mehrfach vor (Zeilen 2, 4)').waitFor();
  // the preview shows the first rows with their line numbers, as they will be read
  const preview = page.getByRole('table', { name: /Vorschau/ });
  await preview.getByRole('cell', { name: 'KF-NB-003' }).waitFor();
  expect(await preview.getByRole('row').count()).toBe(4);
  await screenshot(page, 'task-export-problems');

  const corrected = [HEADER, ...ROWS.slice(0, 2), ROWS[2].replace('5D:01', '5D:03')];
  await file.setInputFiles({ name: 'scan-korrigiert.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook(corrected) });
  await page.getByText('Keine Probleme gefunden.').waitFor();
  await page.getByText(/Excel-Datei, Tabellenblatt „Scan“, 3 Datenzeilen/).waitFor();
  expect(await page.getByText(/kommt mehrfach vor/).count()).toBe(0);

  await page.getByLabel('Vor Ort geprüft').check();
  await page.getByRole('button', { name: 'Erledigen' }).click();
  await page.getByText('Die Aufgabe ist erledigt.').waitFor();

  // what the step records is the CSV text of the corrected workbook
  const task = await fetchHttp(suite.sys.baseUrl)('GET', `/api/v1/tasks/${encodeURIComponent(TASK)}`, token('m.koch'));
  expect(task.body.data.inventarCsv).toBe(`${corrected.join('\n')}\n`);
});
