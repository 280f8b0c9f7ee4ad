// Issue 13 item 4: an export uploaded to a task form's file field is read (CSV, or Excel converted with exceljs),
// checked by the same function as the submit and the consuming step, and answered with a preview and every problem
// with its line — before anything is submitted.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const HEADER = 'Hostname;Seriennummer;MAC;Betriebssystem;Modell';
const GOOD = [HEADER, 'RH-PC-001;SN1001;00:1A:2B:3C:4D:01;Windows 10;Fujitsu Esprimo', 'RH-PC-002;SN1002;00:1A:2B:3C:4D:02;Windows 11;Lenovo ThinkPad'].join('\n');
const CHECK = '/api/v1/forms/inventur/fields/inventarCsv/check';
const b64 = (content: string | Buffer) => Buffer.from(content).toString('base64');
const check = (body: object, user = 'k.hofmann', path = CHECK) => request(sys.app).post(path).set('Authorization', `Bearer ${token(user)}`).send(body);

it('reads a CSV export and answers its CSV text, a preview of the first rows and no problems', async () => {
  const res = await check({ name: 'inventar.csv', content: b64(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`) });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ name: 'inventar.csv', format: 'csv', csv: GOOD, problems: [], problemCount: 0 });
  expect(res.body.preview).toEqual({
    header: HEADER.split(';'),
    rows: [
      { line: 2, fields: ['RH-PC-001', 'SN1001', '00:1A:2B:3C:4D:01', 'Windows 10', 'Fujitsu Esprimo'] },
      { line: 3, fields: ['RH-PC-002', 'SN1002', '00:1A:2B:3C:4D:02', 'Windows 11', 'Lenovo ThinkPad'] },
    ],
    dataLines: 2,
  });
});

it('converts an Excel workbook to CSV text whose lines are the sheet\'s rows', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Inventar');
  for (const line of GOOD.split('\n')) sheet.addRow(line.split(';'));
  sheet.getCell('B3').value = 1002; // a serial number Excel keeps as a number
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const res = await check({ name: 'inventar.xlsx', content: b64(bytes) });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ format: 'xlsx', sheet: 'Inventar', problems: [] });
  expect(res.body.csv).toBe(`${GOOD.replace('SN1002', '1002')}\n`);
  expect(res.body.preview.dataLines).toBe(2);
});

it('names a duplicate MAC address with its lines, as the submit and the import step do', async () => {
  const csv = `${GOOD}\nRH-PC-003;SN1003;00:1a:2b:3c:4d:01;Windows 11;Lenovo ThinkPad`;
  const res = await check({ name: 'inventar.csv', content: b64(csv) });
  expect(res.status).toBe(200);
  expect(res.body.problems).toEqual(['MAC-Adresse 00:1A:2B:3C:4D:01 kommt mehrfach vor (Zeilen 2, 4)']);
  expect(res.body.problemCount).toBe(1);
});

it('checks a test-migration export against the key column entered in the form', async () => {
  const csv = 'Kassenzeichen;Name;Offener Betrag\n1001;Huber;120,50\n;Maier;abc';
  const res = await check({ name: 'quelle.csv', content: b64(csv), values: { schluessel: 'Kassenzeichen', summenfelder: ['Offener Betrag'] } }, 'p.fischer', '/api/v1/forms/testMigration/fields/quelleCsv/check');
  expect(res.status).toBe(200);
  expect(res.body.problems).toEqual(['Zeile 3: Schlüssel "Kassenzeichen" fehlt.', 'Zeile 3: "abc" in Spalte "Offener Betrag" ist keine Zahl.']);
  // a key twice cannot be paired: said at once, not by the reconciliation a round later
  const twice = await check({ name: 'quelle.csv', content: b64('Kassenzeichen;Offener Betrag\nKZ1;1\nKZ2;2\nKZ1;3'), values: { schluessel: 'Kassenzeichen', summenfelder: [] } }, 'p.fischer', '/api/v1/forms/testMigration/fields/quelleCsv/check');
  expect(twice.body.problems).toEqual(['Zeile 4: Schlüssel "KZ1" kommt mehrfach vor (zuerst in Zeile 2).']);
  // a sum field neither export has is a typo at the Summenfelder field (the submit says so there), not this file's;
  // without the other export yet, the file is told what it lacks
  const pair = 'Kassenzeichen;Betrag\nKZ1;1\nKZ2;2';
  const typo = { schluessel: 'Kassenzeichen', summenfelder: ['Betrg'] };
  const beside = await check({ name: 'ziel.csv', content: b64(pair), values: { ...typo, quelleCsv: pair } }, 'p.fischer', '/api/v1/forms/testMigration/fields/zielCsv/check');
  expect(beside.body.problems).toEqual([]);
  const alone = await check({ name: 'ziel.csv', content: b64(pair), values: typo }, 'p.fischer', '/api/v1/forms/testMigration/fields/zielCsv/check');
  expect(alone.body.problems).toEqual(['Zeile 1: Spalte(n) "Betrg" fehlen in der Kopfzeile.']);
});

it('refuses an executable, an old .xls, a damaged workbook and garbage with German problems', async () => {
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64)]);
  const refused = await check({ name: 'inventar.csv', content: b64(exe) });
  expect(refused.status).toBe(415);
  expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(refused.body.detail).toBe('Die Datei ist weder eine CSV-Datei noch eine Excel-Arbeitsmappe (.xlsx).');

  const xls = await check({ name: 'inventar.xls', content: b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) });
  expect(xls.status).toBe(415);
  expect(xls.body.detail).toMatch(/\.xls\) werden nicht unterstützt/);
  // a small PDF holds no byte a text file could not: it is told apart by its signature, not read as lines
  const pdf = await check({ name: 'export.csv', content: b64(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n')) });
  expect(pdf.status).toBe(415);
  expect(pdf.body.detail).toBe('Eine PDF-Datei ist kein Export. Bitte die Daten aus dem Verfahren als CSV- oder Excel-Datei (.xlsx) exportieren.');

  const damaged = await check({ name: 'inventar.xlsx', content: b64(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])) });
  expect(damaged.status).toBe(422);
  expect(damaged.body.errors).toEqual([{ path: 'content', message: 'Die Excel-Datei ist beschädigt und lässt sich nicht öffnen.' }]);

  const notBase64 = await check({ name: 'inventar.csv', content: '%%% kein base64 %%%' });
  expect(notBase64.status).toBe(422);
  expect(notBase64.body.errors[0]).toMatchObject({ path: 'content', message: 'Der Inhalt muss Base64-kodiert sein.' });
});

it('answers 404 for a field that is no file field, 413 for a file too large, and needs a signed-in worker', async () => {
  expect((await check({ name: 'x.csv', content: b64(GOOD) }, 'k.hofmann', '/api/v1/forms/inventur/fields/vorOrtGeprueft/check')).status).toBe(404);
  expect((await check({ name: 'x.csv', content: b64(GOOD) }, 'k.hofmann', '/api/v1/forms/gibtEsNicht/fields/inventarCsv/check')).status).toBe(404);
  const big = await check({ name: 'x.csv', content: b64(`${HEADER}\n${'a'.repeat(2_100_000)}`) });
  expect(big.status).toBe(413);
  expect((await request(sys.app).post(CHECK).send({ name: 'x.csv', content: b64(GOOD) })).status).toBe(401);
  expect((await check({ name: 'x.csv', content: b64(GOOD) }, 'd.krueger')).status).toBe(403);
});
