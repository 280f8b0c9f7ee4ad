// Field errors of a 422 problem, grouped by field. The server words them in German (config/validation-messages.ts),
// so they are shown as they come.
import { ApiError } from '../api/client';
import type { FieldError } from '../api/types';

/**
 * Groups errors under the form field they belong to: `data.arbeitsplaetze` → `arbeitsplaetze` for prefix `data`,
 * `input.verfahren.3` → `verfahren`. Errors that match no field are collected under `''` for the summary.
 */
export function errorsByField(errors: FieldError[] | undefined, prefix: string, fields: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors ?? []) {
    const parts = e.path.split('.');
    const rest = parts[0] === prefix ? parts.slice(1) : parts;
    const key = rest[0] && fields.includes(rest[0]) ? rest[0] : '';
    (out[key] ??= []).push(e.message);
  }
  return out;
}

/** "Bitte die 2 markierten Felder korrigieren." followed by the errors that belong to no field. */
export function correctionSummary(markedFields: number, unplaced: string[] = []): string {
  const ask = markedFields ? `Bitte ${markedFields === 1 ? 'das markierte Feld' : `die ${markedFields} markierten Felder`} korrigieren.` : '';
  return [ask, ...unplaced].filter(Boolean).join(' ');
}

/** A failed request's field errors by the first part of each path (`events.0` → `events`); none unless it was a 422. */
export function fieldErrors(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (err instanceof ApiError) for (const e of err.problem.errors ?? []) (out[e.path.split('.')[0]] ??= []).push(e.message);
  return out;
}
