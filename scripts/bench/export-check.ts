// Checking a large export before a form is submitted: a 10,000-device inventory export through
// POST /forms/inventur/fields/inventarCsv/check — read, checked by the import step's own check, answered with preview
// and problems — as CSV and as an Excel workbook (converted with exceljs). Samples one after another, p50 over them.
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { DEMO_USERS } from '../../config/users';
import { percentiles, type Percentiles } from './stats';

export interface ExportCheckResult {
  lines: number;
  csvBytes: number;
  xlsxBytes: number;
  csv: Percentiles;
  xlsx: Percentiles;
}

/** `records` devices, every MAC and serial number unique: a valid export, checked in full. */
export function inventoryExport(records: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  const lines = ['Hostname;Seriennummer;MAC;Betriebssystem;Modell'];
  for (let i = 0; i < records; i++) {
    const mac = `00:1A:2B:${hex((i >> 16) & 255)}:${hex((i >> 8) & 255)}:${hex(i & 255)}`;
    lines.push(`KF-PC-${String(i).padStart(5, '0')};SN${String(100000 + i)};${mac};Windows 11;Fujitsu Esprimo D7010`);
  }
  return lines.join('\n');
}

async function workbookOf(csv: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Inventar');
  for (const line of csv.split('\n')) sheet.addRow(line.split(';'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function measureExportCheck(baseUrl: string, options: { records: number; samples: number }): Promise<ExportCheckResult> {
  const user = DEMO_USERS.find((u) => u.roles.includes('arbeitsplatz'))!;
  const csv = inventoryExport(options.records);
  const xlsx = await workbookOf(csv);
  const post = async (name: string, bytes: Buffer): Promise<number> => {
    const body = JSON.stringify({ name, content: bytes.toString('base64') });
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/v1/forms/inventur/fields/inventarCsv/check`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
      body,
    });
    const answer = (await res.json()) as { problemCount?: number; preview?: { dataLines: number } };
    const ms = performance.now() - t0;
    if (res.status !== 200 || answer.problemCount !== 0 || answer.preview?.dataLines !== options.records) {
      throw new Error(`export check of ${name}: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    }
    return ms;
  };
  // one of each first: the first request pays for loading exceljs and warming the JIT
  await post('inventar.csv', Buffer.from(csv));
  await post('inventar.xlsx', xlsx);
  const csvMs: number[] = [];
  const xlsxMs: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    csvMs.push(await post('inventar.csv', Buffer.from(csv)));
    xlsxMs.push(await post('inventar.xlsx', xlsx));
  }
  return { lines: options.records + 1, csvBytes: Buffer.byteLength(csv), xlsxBytes: xlsx.length, csv: percentiles(csvMs), xlsx: percentiles(xlsxMs) };
}
