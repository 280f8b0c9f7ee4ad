// Reading German CSV exports (`;` separated, header row, RFC 4180 quoting) with csv-parse, the sibling of the
// csv-stringify used for the audit export. This module adds what both the form check and the automated steps need:
// records keyed by column name, each with the physical line it starts on, and German error messages.
import { parse, type Options } from 'csv-parse/sync';

export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'CsvError';
  }
}

/** German wording of csv-parse's syntax errors (codes from its documentation). */
const SYNTAX_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Anführungszeichen wird nicht geschlossen.',
  INVALID_OPENING_QUOTE: 'Anführungszeichen mitten in einem Feld ohne Quotierung.',
  CSV_INVALID_CLOSING_QUOTE: 'Nach dem schließenden Anführungszeichen folgt kein Trennzeichen.',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'Nach dem schließenden Anführungszeichen folgt kein Trennzeichen.',
  CSV_MAX_RECORD_SIZE: 'Ein Datensatz ist zu groß.',
};

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Line breaks inside a record: only quoted fields hold them, and the parsed values keep them. */
function innerLineBreaks(fields: string[]): number {
  let n = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/**
 * Parses into rows of fields. `line` is the 1-based physical line a row starts on. `toLine` stops after that line
 * (a preview of the first rows need not parse a whole export).
 */
export function parseCsvRows(text: string, separator = ';', toLine?: number): { fields: string[]; line: number }[] {
  const options: Options = {
    delimiter: separator,
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'], // exports mix them after hand edits
    relax_column_count: true, // ragged rows are reported by parseCsvTable with the expected count
    info: true,
    max_record_size: 1_000_000,
  };
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, { ...options, ...(toLine !== undefined ? { to_line: toLine } : {}) }) as unknown as ParsedRecord[];
  } catch (err) {
    const { code, lines, records } = err as { code?: string; lines?: number; records?: number };
    const message = code ? SYNTAX_ERRORS[code] : undefined;
    if (message === undefined) throw err;
    // a quote left open runs to the end of the file, where the parser notices: the line people must fix is the one
    // its record starts on, right after the last record read whole
    const quoteOpen = code === 'CSV_QUOTE_NOT_CLOSED';
    const line = quoteOpen && records ? (parse(text, { ...options, to: records }) as unknown as ParsedRecord[]).at(-1)!.info.lines + 1
      : quoteOpen ? 1 : (lines ?? 1);
    throw new CsvError(`Zeile ${line}: ${message}`, line);
  }
  return parsed.map(({ record, info }) => ({ fields: record, line: info.lines - innerLineBreaks(record) }));
}

export interface CsvRecord {
  /** 1-based line of the record in the text, for error reports */
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  /** Rows whose field count differs from the header's, each as a German message naming its line. They are not in
   * `records`: a check reports them together with the other rows' problems, so one upload shows every problem. */
  raggedRows: string[];
}

/** Header row plus records keyed by column name. Blank lines are skipped; ragged rows are listed apart. */
export function parseCsvTable(text: string, separator = ';'): CsvTable {
  const rows = parseCsvRows(text, separator).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
  if (rows.length === 0) throw new CsvError('Die Datei ist leer (keine Kopfzeile).', 1);
  const header = rows[0].fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') throw new CsvError(`Zeile ${rows[0].line}: Die Kopfzeile enthält eine leere Spaltenüberschrift.`, rows[0].line);
    if (seen.has(name)) throw new CsvError(`Zeile ${rows[0].line}: Die Spalte "${name}" kommt doppelt vor.`, rows[0].line);
    seen.add(name);
  }
  const records: CsvRecord[] = [];
  const raggedRows: string[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.fields.length !== header.length) {
      raggedRows.push(`Zeile ${row.line}: ${row.fields.length} Felder statt ${header.length} laut Kopfzeile.`);
      continue;
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) values[header[i]] = row.fields[i];
    records.push({ line: row.line, values });
  }
  return { header, records, raggedRows };
}

/** Checks that the header has every required column (order does not matter). */
export function missingColumns(table: CsvTable, required: readonly string[]): string[] {
  return required.filter((c) => !table.header.includes(c));
}
