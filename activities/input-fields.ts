// Readers for `StepActivityInput.data`: the data is merged from run input and forms, so nothing about its shape
// is guaranteed. Each reader names the field in German when it rejects it.
import { invalidInput } from './failures';

type Data = Record<string, unknown>;

function describe(key: string, label: string): string {
  return `${label} (Feld "${key}")`;
}

export function readString(data: Data, key: string, label: string): string {
  const value = data[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidInput(`${describe(key, label)} fehlt oder ist leer.`);
  }
  return value;
}

export function readOptionalStringArray(data: Data, key: string, label: string): string[] | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidInput(`${describe(key, label)} muss eine Liste von Texten sein.`);
  }
  return value as string[];
}

export function readStringArray(data: Data, key: string, label: string): string[] {
  const value = readOptionalStringArray(data, key, label);
  if (value === undefined) throw invalidInput(`${describe(key, label)} fehlt.`);
  return value;
}

/** Accepts a number or a string of digits, because form data may arrive as text. */
export function readOptionalCount(data: Data, key: string, label: string, max: number): number | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw invalidInput(`${describe(key, label)} muss eine ganze Zahl ab 0 sein.`);
  }
  if (n > max) throw invalidInput(`${describe(key, label)} ist mit ${n} größer als das Höchstmaß ${max}.`);
  return n;
}

export function readCount(data: Data, key: string, label: string, max: number): number {
  const value = readOptionalCount(data, key, label, max);
  if (value === undefined) throw invalidInput(`${describe(key, label)} fehlt.`);
  return value;
}

export function requireAgs(ags: unknown): string {
  if (typeof ags !== 'string' || !/^\d{8}$/.test(ags)) {
    throw invalidInput(`Der Amtliche Gemeindeschlüssel "${String(ags)}" ist ungültig (erwartet: 8 Ziffern).`);
  }
  return ags;
}
