// The day a step's work happened, as its form states it — the council's decision, a signature, an acceptance —
// rather than the day someone recorded it here. Reports show milestones by it.
import type { FormId } from './types';

/** The field of each form that holds the day its work happened. */
const EFFECTIVE_DATE_FIELDS: Partial<Record<FormId, string>> = {
  beschluss: 'beschlussDatum',
  vertrag: 'unterzeichnetAm',
  avv: 'unterzeichnetAm',
  vvt: 'aktualisiertAm',
  schulung: 'datum',
  abnahme: 'abnahmeDatum',
  uebergabe: 'uebergabeDatum',
};

/** The form's own day (YYYY-MM-DD) in the data of a completion, if its form has one and it holds a date. */
export function effectiveDate(formId: FormId | undefined, data: unknown): string | undefined {
  const field = formId && EFFECTIVE_DATE_FIELDS[formId];
  const value = field && data && typeof data === 'object' ? (data as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
