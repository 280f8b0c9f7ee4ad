// An uploaded export (a task form's file field) as the CSV text the form submits: a CSV file is decoded (UTF-8, or
// Windows-1252 as older Windows exports are), an Excel workbook (.xlsx) is converted with exceljs, row by row, so that
// line N of the CSV is row N of the sheet and every problem's "Zeile N" points at the same row in Excel.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { stringify } from 'csv-stringify/sync';
import { hasControlCharacters, isOle, isPdf, isZip } from './document-type';
import { MAX_EXPORT_CHARS } from './file-fields';
import { HttpProblem, problem } from './problem';

/** An upload's bytes at most: a CSV of the field's limit, or a workbook that big. */
export const MAX_EXPORT_BYTES = 2_000_000;
/** A workbook's unpacked parts at most: a zip bomb is refused before exceljs unpacks it. */
const MAX_XLSX_UNPACKED = 60_000_000;

export interface ReadExport {
  format: 'csv' | 'xlsx';
  csv: string;
  /** the worksheet an Excel file was read from */
  sheet?: string;
}

const unsupported = (detail: string) => new HttpProblem(415, 'Nicht unterstützter Dateityp', detail);
const unreadable = (message: string) => problem.invalid([{ path: 'content', message }], 'Die Datei lässt sich nicht lesen.');
const tooLarge = (detail: string) => new HttpProblem(413, 'Anfrage zu groß', detail);


/** The type is decided by the content, never by the name the browser sends. */
export async function readExport(bytes: Buffer): Promise<ReadExport> {
  if (bytes.length > MAX_EXPORT_BYTES) throw tooLarge(`Die Datei ist größer als ${MAX_EXPORT_BYTES.toLocaleString('de-DE')} Byte.`);
  // the signatures are api/document-type.ts's, the one detector of uploaded content
  if (isZip(bytes)) return readWorkbook(bytes);
  if (isOle(bytes)) throw unsupported('Alte Excel-Dateien (.xls) werden nicht unterstützt. Bitte in Excel als .xlsx oder als CSV speichern.');
  if (isPdf(bytes)) throw unsupported('Eine PDF-Datei ist kein Export. Bitte die Daten aus dem Verfahren als CSV- oder Excel-Datei (.xlsx) exportieren.');
  const csv = decodeText(bytes);
  if (hasControlCharacters(csv)) throw unsupported('Die Datei ist weder eine CSV-Datei noch eine Excel-Arbeitsmappe (.xlsx).');
  return { format: 'csv', csv };
}

function decodeText(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: exports of older Windows software are Windows-1252
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

async function readWorkbook(bytes: Buffer): Promise<ReadExport> {
  const notWorkbook = unsupported('Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx).');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw unreadable('Die Excel-Datei ist beschädigt und lässt sich nicht öffnen.');
  }
  if (!zip.file('[Content_Types].xml') || !zip.file(/^xl\/workbook\.xml$/).length) throw notWorkbook;
  let unpacked = 0;
  // jszip knows each part's unpacked size from the archive's directory without unpacking it
  zip.forEach((_path, entry) => {
    unpacked += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (unpacked > MAX_XLSX_UNPACKED) throw tooLarge('Die Excel-Datei ist entpackt zu groß.');

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('Die Excel-Datei ist beschädigt und lässt sich nicht öffnen.');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw unreadable('Die Excel-Datei enthält kein Tabellenblatt mit Daten.');

  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const fields: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) fields.push(cellText(row.getCell(c).value));
    // an empty row stays an empty line: the line numbers of the CSV are the sheet's row numbers
    rows.push(fields.every((f) => f === '') ? [''] : fields);
  }
  const csv = stringify(rows, { delimiter: ';', record_delimiter: '\n' });
  if (csv.length > MAX_EXPORT_CHARS) throw tooLarge(`Die Tabelle ergibt mehr als ${MAX_EXPORT_CHARS.toLocaleString('de-DE')} Zeichen.`);
  return { format: 'xlsx', csv, sheet: sheet.name };
}

/** A cell as the text a person sees in it (the result of a formula, the text of a link or of formatted text). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel keeps dates without a zone; exceljs hands them over as that wall-clock time in UTC
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result);
  if ('error' in value) return String(value.error);
  return '';
}
