// The file fields of task forms: which fields carry an export, and the check the automated step that consumes it
// makes of it. The form's submit check (api/forms.ts) and the upload check of a single file (routes/form-files.ts)
// both ask here, so a file shown as fine before submitting is fine at the submit and in the step.
import { checkStaffList } from '../activities/accounts';
import { parseCsvRows } from '../activities/csv';
import { checkInventory } from '../activities/inventory';
import { checkTestMigrationExports } from '../activities/reconciliation';
import type { FormId } from '../domain/types';

/** What a file field holds at most (CSV text; an Excel file is converted to it). */
export const MAX_EXPORT_CHARS = 2_000_000;

/** The other entries of the form, for checks that depend on them (the key column of a test migration). */
export type FormValues = Record<string, unknown>;
type FileCheck = (csv: string, values: FormValues) => string[];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const texts = (v: unknown) => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean))] : []);
/**
 * One export of a test migration, checked as the form's submit checks both (with the other export when the form has
 * it already): a key column or sum field neither export has is a typo at its own field, not a problem of this file.
 */
const migrationExport = (side: 'quelleCsv' | 'zielCsv'): FileCheck => (csv, values) => {
  const otherCsv = String(values[side === 'quelleCsv' ? 'zielCsv' : 'quelleCsv'] ?? '');
  const both = side === 'quelleCsv' ? { quelleCsv: csv, zielCsv: otherCsv } : { quelleCsv: otherCsv, zielCsv: csv };
  return checkTestMigrationExports({ ...both, schluessel: text(values.schluessel), summenfelder: texts(values.summenfelder) })
    .filter((p) => p.field === side)
    .map((p) => p.message);
};

export const FILE_FIELDS: Partial<Record<FormId, Record<string, FileCheck>>> = {
  inventur: { inventarCsv: (csv) => checkInventory(csv).problems },
  fragebogen: { mitarbeiterliste: (csv) => checkStaffList(csv).problems },
  testMigration: { quelleCsv: migrationExport('quelleCsv'), zielCsv: migrationExport('zielCsv') },
};

export function fileCheckOf(formId: string, field: string): FileCheck | undefined {
  const fields = Object.hasOwn(FILE_FIELDS, formId) ? FILE_FIELDS[formId as FormId] : undefined;
  return fields && Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/** How many rows of a file the preview shows. */
export const PREVIEW_ROWS = 10;

export interface Preview {
  header: string[];
  rows: { line: number; fields: string[] }[];
  /** lines with data below the header (blank lines not counted) */
  dataLines: number;
}

/** Lines parsed for the preview: its rows, with room for blank lines and line breaks inside quoted fields. */
const PREVIEW_LINES = 200;

/**
 * The first rows as they will be read; a file that is no CSV table has no preview (the check's problems say why).
 * Only the beginning is parsed: the whole file is the check's to read, once.
 */
export function previewOf(csv: string): Preview | null {
  let rows;
  try {
    rows = parseCsvRows(csv, ';', PREVIEW_LINES).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
  } catch {
    return null;
  }
  if (rows.length === 0) return null;
  let lines = 0;
  for (const line of csv.split('\n')) if (line.trim() !== '') lines++;
  return {
    header: rows[0].fields,
    rows: rows.slice(1, 1 + PREVIEW_ROWS).map(({ line, fields }) => ({ line, fields })),
    dataLines: lines - 1,
  };
}
