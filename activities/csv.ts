// A small CSV reader for German exports: `;` separated, header row, RFC 4180 quoting ("" escapes a quote,
// quoted fields may hold separators and line breaks). No CSV library is installed and the format is narrow.

export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Parses into rows of fields. `line` numbers in errors are 1-based physical lines of the text. */
export function parseCsvRows(text: string, separator = ';'): { fields: string[]; line: number }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowStartLine = 1;
  let i = 0;
  let inQuotes = false;
  let fieldWasQuoted = false;

  const endRow = (): void => {
    fields.push(field);
    rows.push({ fields, line: rowStartLine });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };

  while (i < src.length) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        const next = src[i];
        if (next !== undefined && next !== separator && next !== '\r' && next !== '\n') {
          throw new CsvError(`Zeile ${line}: Nach dem schließenden Anführungszeichen folgt kein Trennzeichen.`, line);
        }
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '' || fieldWasQuoted) {
        throw new CsvError(`Zeile ${line}: Anführungszeichen mitten in einem Feld ohne Quotierung.`, line);
      }
      inQuotes = true;
      fieldWasQuoted = true;
      i++;
      continue;
    }
    if (ch === separator) {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowStartLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (inQuotes) throw new CsvError(`Zeile ${rowStartLine}: Anführungszeichen wird nicht geschlossen.`, rowStartLine);
  // A trailing line break must not produce an extra empty row.
  if (field !== '' || fieldWasQuoted || fields.length > 0) endRow();
  return rows;
}

export interface CsvRecord {
  /** 1-based line of the record in the text, for error reports */
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** Header row plus records keyed by column name. Blank lines are skipped; ragged rows are an error. */
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
  for (const row of rows.slice(1)) {
    if (row.fields.length !== header.length) {
      throw new CsvError(
        `Zeile ${row.line}: ${row.fields.length} Felder statt ${header.length} laut Kopfzeile.`,
        row.line,
      );
    }
    const values: Record<string, string> = {};
    header.forEach((name, idx) => {
      values[name] = row.fields[idx];
    });
    records.push({ line: row.line, values });
  }
  return { header, records };
}

/** Checks that the header has every required column (order does not matter). */
export function missingColumns(table: CsvTable, required: readonly string[]): string[] {
  return required.filter((c) => !table.header.includes(c));
}
