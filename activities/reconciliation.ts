// Reconciliation of a test migration: compares the old system's export with the new system's export by
// record count, per-field totals, a checksum and record-by-record. A mismatch fails the step with a report
// the Fachamt can read, so the step goes back instead of silently passing.
import { createHash } from 'crypto';
import { ApplicationFailure } from '@temporalio/common';
import { CsvError, parseCsvTable, type CsvTable } from './csv';
import { formatDecimalCanonical, formatDecimalGerman, parseDecimal } from './decimal';
import { FAILURE_TYPES, invalidInput, listFirst } from './failures';
import { formatInteger } from './german-format';
import type { StepActivityInput, StepActivityResult } from './step-input';
import { readStepInput } from './step-inputs';

const REPORT_LIMIT = 10;

export interface SideFigures {
  records: number;
  /** canonical decimal text per sum field */
  sums: Record<string, string>;
  /** SHA-256 (hex) over the normalised records, sorted by key */
  checksum: string;
}

export interface DifferingRecord {
  key: string;
  /** names of the differing columns; values stay out because they may be personal data */
  columns: string[];
}

export interface ReconciliationReport {
  keyColumn: string;
  sumFields: string[];
  source: SideFigures;
  target: SideFigures;
  /** columns of the source export that the target export lacks */
  missingColumns: string[];
  missingKeys: string[];
  extraKeys: string[];
  duplicateKeys: { source: string[]; target: string[] };
  differing: DifferingRecord[];
  matches: boolean;
}

interface PreparedSide {
  figures: SideFigures;
  /** normalised values per key (first occurrence) */
  byKey: Map<string, Record<string, string>>;
  duplicates: string[];
}

function prepare(table: CsvTable, label: string, keyColumn: string, sumFields: string[], columns: string[]): PreparedSide {
  const sumSet = new Set(sumFields);
  const sums = new Map<string, bigint>(sumFields.map((f) => [f, 0n]));
  const byKey = new Map<string, Record<string, string>>();
  const duplicates = new Set<string>();
  const serialised: { key: string; text: string }[] = [];
  const withoutKey: number[] = [];
  const badNumbers: string[] = [];

  for (const record of table.records) {
    const key = record.values[keyColumn].trim();
    if (key === '') withoutKey.push(record.line);
    const normalised: Record<string, string> = {};
    for (const column of columns) {
      const raw = record.values[column].trim();
      if (sumSet.has(column)) {
        const amount = parseDecimal(raw);
        if (amount === undefined) {
          badNumbers.push(`Zeile ${record.line} Spalte "${column}": "${raw.slice(0, 30)}"`);
          continue;
        }
        sums.set(column, (sums.get(column) ?? 0n) + amount);
        normalised[column] = formatDecimalCanonical(amount);
      } else {
        normalised[column] = raw;
      }
    }
    if (byKey.has(key)) duplicates.add(key);
    else byKey.set(key, normalised);
    // Sorted column names make the checksum independent of the export's column order.
    const text = JSON.stringify([...columns].sort().map((c) => [c, normalised[c]]));
    serialised.push({ key, text });
  }
  if (withoutKey.length > 0) {
    throw invalidInput(`${label}: Datensätze ohne Schlüssel "${keyColumn}" in Zeile ${listFirst(withoutKey.map(String))}.`);
  }
  if (badNumbers.length > 0) {
    throw invalidInput(`${label}: Keine gültige Zahl in ${listFirst(badNumbers)}.`);
  }
  serialised.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const hash = createHash('sha256');
  for (const row of serialised) hash.update(`${row.text}\n`);
  return {
    figures: {
      records: table.records.length,
      sums: Object.fromEntries([...sums].map(([f, v]) => [f, formatDecimalCanonical(v)])),
      checksum: hash.digest('hex'),
    },
    byKey,
    duplicates: [...duplicates].sort(),
  };
}

/** Pure comparison of two parsed exports. Throws an input failure when key or sum columns are missing. */
export function reconcile(source: CsvTable, target: CsvTable, keyColumn: string, sumFields: string[]): ReconciliationReport {
  for (const [label, table] of [['Quelle', source], ['Ziel', target]] as const) {
    const absent = [keyColumn, ...sumFields].filter((c) => !table.header.includes(c));
    if (absent.length > 0) {
      throw invalidInput(`${label}: Spalte(n) ${absent.map((c) => `"${c}"`).join(', ')} fehlen in der Kopfzeile.`);
    }
  }
  // Everything the old system exported must arrive; columns the new system adds are not compared.
  const missingColumns = source.header.filter((c) => !target.header.includes(c));
  const columns = source.header.filter((c) => target.header.includes(c));
  const src = prepare(source, 'Quelle', keyColumn, sumFields, columns);
  const tgt = prepare(target, 'Ziel', keyColumn, sumFields, columns);

  const missingKeys = [...src.byKey.keys()].filter((k) => !tgt.byKey.has(k)).sort();
  const extraKeys = [...tgt.byKey.keys()].filter((k) => !src.byKey.has(k)).sort();
  const differing: DifferingRecord[] = [];
  for (const [key, srcValues] of src.byKey) {
    const tgtValues = tgt.byKey.get(key);
    if (!tgtValues) continue;
    const cols = columns.filter((c) => srcValues[c] !== tgtValues[c]);
    if (cols.length > 0) differing.push({ key, columns: cols });
  }
  differing.sort((a, b) => (a.key < b.key ? -1 : 1));

  const sumsEqual = sumFields.every((f) => src.figures.sums[f] === tgt.figures.sums[f]);
  const matches =
    missingColumns.length === 0 &&
    src.figures.records === tgt.figures.records &&
    sumsEqual &&
    src.figures.checksum === tgt.figures.checksum &&
    missingKeys.length === 0 &&
    extraKeys.length === 0 &&
    differing.length === 0 &&
    src.duplicates.length === 0 &&
    tgt.duplicates.length === 0;

  return {
    keyColumn,
    sumFields,
    source: src.figures,
    target: tgt.figures,
    missingColumns,
    missingKeys,
    extraKeys,
    duplicateKeys: { source: src.duplicates, target: tgt.duplicates },
    differing,
    matches,
  };
}

function keyList(keys: string[]): string {
  return keys.length === 0 ? '–' : listFirst(keys, REPORT_LIMIT);
}

function amount(canonical: string): string {
  return formatDecimalGerman(parseDecimal(canonical) ?? 0n);
}

/** The German report an operator and the Fachamt read on the incident. */
export function formatReport(r: ReconciliationReport): string {
  const lines: string[] = [];
  lines.push(`Abgleich der Testmigration ${r.matches ? 'erfolgreich' : 'fehlgeschlagen'} (Schlüssel: ${r.keyColumn}).`);
  const countDiff = r.target.records - r.source.records;
  lines.push(
    `Datensätze: Quelle ${formatInteger(r.source.records)}, Ziel ${formatInteger(r.target.records)}` +
      (countDiff === 0 ? ' – stimmt überein' : ` – Differenz ${countDiff > 0 ? '+' : ''}${formatInteger(countDiff)}`),
  );
  for (const field of r.sumFields) {
    const s = parseDecimal(r.source.sums[field]) ?? 0n;
    const t = parseDecimal(r.target.sums[field]) ?? 0n;
    const diff = t - s;
    lines.push(
      `Summe ${field}: Quelle ${amount(r.source.sums[field])}, Ziel ${amount(r.target.sums[field])}` +
        (diff === 0n ? ' – stimmt überein' : ` – Differenz ${diff > 0n ? '+' : ''}${formatDecimalGerman(diff)}`),
    );
  }
  lines.push(
    `Prüfsumme (SHA-256): Quelle ${r.source.checksum.slice(0, 16)}…, Ziel ${r.target.checksum.slice(0, 16)}…` +
      (r.source.checksum === r.target.checksum ? ' – stimmt überein' : ' – weicht ab'),
  );
  if (r.missingColumns.length > 0) lines.push(`Im Ziel fehlende Spalten: ${r.missingColumns.join(', ')}`);
  lines.push(`Im Ziel fehlende Schlüssel (${formatInteger(r.missingKeys.length)}): ${keyList(r.missingKeys)}`);
  lines.push(`Im Ziel zusätzliche Schlüssel (${formatInteger(r.extraKeys.length)}): ${keyList(r.extraKeys)}`);
  const shownDiffs = r.differing.slice(0, REPORT_LIMIT).map((d) => `${d.key} (${d.columns.join(', ')})`);
  lines.push(
    `Abweichende Datensätze (${formatInteger(r.differing.length)}): ` +
      (shownDiffs.length === 0 ? '–' : shownDiffs.join('; ')) +
      (r.differing.length > REPORT_LIMIT ? ` … (und ${r.differing.length - REPORT_LIMIT} weitere)` : ''),
  );
  if (r.duplicateKeys.source.length > 0 || r.duplicateKeys.target.length > 0) {
    lines.push(
      `Mehrfach vorkommende Schlüssel: Quelle ${keyList(r.duplicateKeys.source)}; Ziel ${keyList(r.duplicateKeys.target)}`,
    );
  }
  return lines.join('\n');
}

function parseSide(text: string, label: string): CsvTable {
  try {
    return parseCsvTable(text);
  } catch (err) {
    if (err instanceof CsvError) throw invalidInput(`${label}-Export: ${err.message}`);
    throw err;
  }
}

export interface TestMigrationExports {
  quelleCsv: string;
  zielCsv: string;
  schluessel: string;
  summenfelder: string[];
}

export interface ExportProblem {
  field: 'quelleCsv' | 'zielCsv' | 'schluessel' | 'summenfelder';
  message: string;
}

/**
 * Pure: what makes two exports impossible to reconcile — a file that is no CSV, the key column or a sum field absent
 * from a header, a record without key, a sum field that is no number. Each problem names its line. The task form
 * runs this when the exports are submitted, and the reconciliation step runs it before comparing.
 */
export function checkTestMigrationExports(input: TestMigrationExports): ExportProblem[] {
  const keyColumn = input.schluessel.trim();
  const sumFields = [...new Set(input.summenfelder.map((f) => f.trim()))];
  const problems: ExportProblem[] = [];
  if (sumFields.includes(keyColumn)) {
    problems.push({ field: 'summenfelder', message: `Die Schlüsselspalte "${keyColumn}" kann kein Summenfeld sein.` });
  }
  // each export is parsed once; a key column or sum field neither has is most likely mistyped: said once, at the
  // field to correct, with the columns there are — not as a missing column of each file
  const parsed = { quelleCsv: parseExport(input.quelleCsv), zielCsv: parseExport(input.zielCsv) };
  const headers = Object.values(parsed).map((p) => ('table' in p ? p.table.header : undefined));
  const inNeither = (column: string) => !!column && headers.every((h) => h !== undefined && !h.includes(column));
  const columns = () => [...new Set(headers.flatMap((h) => h ?? []))].slice(0, 12).map((c) => `„${c}“`).join(', ');
  const mistyped = inNeither(keyColumn);
  if (mistyped) problems.push({ field: 'schluessel', message: `„${keyColumn}“ ist in keinem der beiden Exporte eine Spalte. Vorhanden: ${columns()}.` });
  const absentSums = sumFields.filter(inNeither);
  if (absentSums.length > 0) {
    const named = absentSums.map((f) => `„${f}“`).join(', ');
    problems.push({ field: 'summenfelder', message: `${named} ${absentSums.length === 1 ? 'ist' : 'sind'} in keinem der beiden Exporte eine Spalte. Vorhanden: ${columns()}.` });
  }
  const presentSums = sumFields.filter((f) => !absentSums.includes(f));
  for (const field of ['quelleCsv', 'zielCsv'] as const) {
    for (const message of checkExport(parsed[field], mistyped ? '' : keyColumn, presentSums)) problems.push({ field, message });
  }
  return problems;
}

type ParsedExport = { table: CsvTable } | { error: string };

/** An export as a CSV table, or why it is none. */
function parseExport(csv: string): ParsedExport {
  try {
    return { table: parseCsvTable(csv) };
  } catch (err) {
    if (err instanceof CsvError) return { error: err.message };
    throw err;
  }
}

function checkExport(parsed: ParsedExport, keyColumn: string, sumFields: readonly string[]): string[] {
  if ('error' in parsed) return [parsed.error];
  const { table } = parsed;
  const required = [...(keyColumn ? [keyColumn] : []), ...sumFields];
  const absent = required.filter((c) => !table.header.includes(c));
  if (absent.length > 0) return [`Zeile 1: Spalte(n) ${absent.map((c) => `"${c}"`).join(', ')} fehlen in der Kopfzeile.`];
  const problems = [...table.raggedRows];
  // a key twice cannot be paired: the reconciliation would fail on it, so the form says so at once
  const firstLine = new Map<string, number>();
  for (const record of table.records) {
    const key = keyColumn ? record.values[keyColumn].trim() : '';
    if (keyColumn && key === '') problems.push(`Zeile ${record.line}: Schlüssel "${keyColumn}" fehlt.`);
    else if (key && firstLine.has(key)) problems.push(`Zeile ${record.line}: Schlüssel "${key.slice(0, 30)}" kommt mehrfach vor (zuerst in Zeile ${firstLine.get(key)}).`);
    else if (key) firstLine.set(key, record.line);
    for (const column of sumFields) {
      const raw = record.values[column].trim();
      if (parseDecimal(raw) === undefined) problems.push(`Zeile ${record.line}: "${raw.slice(0, 30)}" in Spalte "${column}" ist keine Zahl.`);
    }
  }
  return problems;
}

export async function reconcileTestMigration(input: StepActivityInput): Promise<StepActivityResult> {
  const { quelleCsv, zielCsv, schluessel, summenfelder = [] } = readStepInput('reconcileTestMigration', input.data);
  const keyColumn = schluessel.trim();
  const sumFields = [...new Set(summenfelder.map((f) => f.trim()))];
  const problems = checkTestMigrationExports({ quelleCsv, zielCsv, schluessel: keyColumn, summenfelder: sumFields });
  if (problems.length > 0) {
    const side = { quelleCsv: 'Quelle', zielCsv: 'Ziel', schluessel: 'Schlüsselspalte', summenfelder: 'Summenfelder' } as const;
    throw invalidInput(`Die Exporte lassen sich nicht abgleichen: ${listFirst(problems.map((p) => `${side[p.field]}: ${p.message}`), 20)}`);
  }

  const report = reconcile(parseSide(quelleCsv, 'Quelle'), parseSide(zielCsv, 'Ziel'), keyColumn, sumFields);
  if (!report.matches) {
    throw ApplicationFailure.nonRetryable(formatReport(report), FAILURE_TYPES.reconciliationMismatch, {
      quelle: report.source,
      ziel: report.target,
      fehlendeSpalten: report.missingColumns,
      fehlendeSchluessel: report.missingKeys.slice(0, REPORT_LIMIT),
      anzahlFehlend: report.missingKeys.length,
      zusaetzlicheSchluessel: report.extraKeys.slice(0, REPORT_LIMIT),
      anzahlZusaetzlich: report.extraKeys.length,
      abweichend: report.differing.slice(0, REPORT_LIMIT),
      anzahlAbweichend: report.differing.length,
      mehrfacheSchluessel: {
        quelle: report.duplicateKeys.source.slice(0, REPORT_LIMIT),
        ziel: report.duplicateKeys.target.slice(0, REPORT_LIMIT),
      },
    });
  }
  return {
    summary:
      `Abgleich erfolgreich: ${formatInteger(report.source.records)} Datensätze` +
      (sumFields.length > 0 ? ', Summen' : '') +
      ' und Prüfsumme stimmen überein.',
    result: {
      schluessel: keyColumn,
      datensaetze: report.source.records,
      summen: report.source.sums,
      pruefsumme: report.source.checksum,
    },
  };
}
