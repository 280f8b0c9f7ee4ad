// Turns a task's JSON Schema into form fields, and the entered values back into the data the API validates.
// The server stays the judge: this module only chooses controls and converts types, it does not validate, so the
// API's field errors (422) are what the user sees.
import type { JsonSchema } from '../api/types';
import { ENUM_LABELS } from '../lib/labels';
import { readNumber } from '../lib/number';

export type FieldKind =
  | 'text' // short single line
  | 'textarea' // free text
  | 'csv' // an export uploaded as a file (CSV or Excel), held as CSV text
  | 'number'
  | 'integer'
  | 'date'
  | 'select' // one of an enum
  | 'checkbox' // a plain yes/no
  | 'confirm' // a literal true: must be ticked to complete
  | 'constChoice' // a literal string such as the "go" of a Go/No-Go: ticking chooses it
  | 'list'; // array of strings, one per line

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
  maxItems?: number;
  constValue?: unknown;
  defaultValue?: unknown;
}

/** What the form holds while editing: text for inputs, booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  // optional fields may arrive as anyOf [{…}, {type: null}]
  const alt = (s.anyOf ?? s.oneOf)?.find((a) => a.type !== 'null');
  return alt ? typeOf(alt) : undefined;
}

function unwrap(s: JsonSchema): JsonSchema {
  const alt = (s.anyOf ?? s.oneOf)?.find((a) => a.type !== 'null');
  return alt && !s.type ? { ...alt, description: s.description ?? alt.description, default: s.default ?? alt.default } : s;
}

function kindOf(s: JsonSchema): FieldKind {
  const type = typeOf(s);
  if (s.const !== undefined) {
    if (s.const === true) return 'confirm';
    if (typeof s.const === 'number') return Number.isInteger(s.const) ? 'integer' : 'number';
    return 'constChoice';
  }
  if (s.enum) return 'select';
  switch (type) {
    case 'boolean':
      return 'checkbox';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'array':
      return 'list';
    default:
      break;
  }
  if (s.format === 'date') return 'date';
  const label = s.description ?? '';
  if (s.contentMediaType === 'text/csv' || /\bCSV\b/.test(label)) return 'csv';
  if ((s.maxLength ?? Infinity) > 500) return 'textarea';
  return 'text';
}

export function fieldsOf(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const s = unwrap(raw);
    const kind = kindOf(s);
    return {
      name,
      label: s.description ?? s.title ?? name,
      kind,
      required: required.has(name),
      ...(s.enum ? { options: s.enum.map((v) => ({ value: String(v), label: ENUM_LABELS[String(v)] ?? String(v) })) } : {}),
      ...(s.minimum !== undefined ? { min: s.minimum } : {}),
      ...(s.maximum !== undefined ? { max: s.maximum } : {}),
      ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
      ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
      ...(s.const !== undefined ? { constValue: s.const } : {}),
      ...(s.default !== undefined ? { defaultValue: s.default } : {}),
    };
  });
}

/**
 * Start values: what the task already holds (a returned task keeps its data), else the schema's defaults.
 * Confirmations are carried over only when asked: a second approver must tick them personally.
 */
export function initialValues(fields: FieldSpec[], data?: Record<string, unknown>, options: { keepConfirmations?: boolean } = {}): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const isConfirmation = f.kind === 'confirm' || f.kind === 'constChoice';
    const v = (isConfirmation && !options.keepConfirmations ? undefined : data?.[f.name]) ?? f.defaultValue;
    switch (f.kind) {
      case 'checkbox':
      case 'confirm':
        values[f.name] = v === true;
        break;
      case 'constChoice':
        values[f.name] = v !== undefined && v === f.constValue;
        break;
      case 'list':
        values[f.name] = Array.isArray(v) ? v.map(String).join('\n') : '';
        break;
      default:
        values[f.name] = v === undefined || v === null ? '' : String(v);
    }
  }
  return values;
}

/** The `data` of a completion. Empty inputs are left out, so the API names what is missing. */
export function toData(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    switch (f.kind) {
      case 'checkbox':
        data[f.name] = v === true;
        break;
      case 'confirm':
        // an unticked confirmation is sent as false: the API answers with the form's own reason
        data[f.name] = v === true;
        break;
      case 'constChoice':
        if (v === true) data[f.name] = f.constValue;
        break;
      case 'number':
      case 'integer': {
        const text = String(v ?? '').trim();
        if (text === '') break;
        data[f.name] = readNumber(text) ?? text;
        break;
      }
      case 'list': {
        const items = String(v ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
        if (items.length) data[f.name] = items;
        break;
      }
      default: {
        const text = String(v ?? '');
        if (text.trim() !== '') data[f.name] = text;
      }
    }
  }
  return data;
}

/** A submitted value as text for the read-only view of a done task. */
export function displayValue(f: FieldSpec, v: unknown): string {
  if (v === undefined || v === null || v === '') return '–';
  if (typeof v === 'boolean') return v ? 'ja' : 'nein';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '–';
  if (f.options) return f.options.find((o) => o.value === String(v))?.label ?? String(v);
  if (f.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}`;
  if (f.kind === 'constChoice') return ENUM_LABELS[String(v)] ?? String(v);
  // 5,5 and 1.200 as people write numbers here
  if (typeof v === 'number') return v.toLocaleString('de-DE');
  return String(v);
}
