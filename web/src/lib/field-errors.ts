// Field errors of a 422 problem: grouped by field, and in German even where the server still sends the
// validation library's English default text.
import type { FieldError } from '../api/types';

const TRANSLATIONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/expected \w+, received undefined/, () => 'Pflichtfeld'],
  [/expected (number|int), received (string|NaN|nan)/i, () => 'Bitte eine Zahl eingeben'],
  [/expected int, received number/, () => 'Bitte eine ganze Zahl eingeben'],
  [/Too big: expected number to be <=?\s*(-?[\d.]+)/, (m) => `Höchstens ${m[1]}`],
  [/Too big: expected number to be <\s*(-?[\d.]+)/, (m) => `Kleiner als ${m[1]}`],
  [/Too small: expected number to be >=?\s*(-?[\d.]+)/, (m) => `Mindestens ${m[1]}`],
  [/Too big: expected string to have <=?\s*(\d+) characters/, (m) => `Höchstens ${m[1]} Zeichen`],
  [/Too small: expected string to have >=?\s*1 characters?/, () => 'Pflichtfeld'],
  [/Too small: expected string to have >=?\s*(\d+) characters/, (m) => `Mindestens ${m[1]} Zeichen`],
  [/Too big: expected array to have <=?\s*(\d+) items/, (m) => `Höchstens ${m[1]} Einträge`],
  [/Invalid option: expected one of/, () => 'Bitte einen der angebotenen Werte wählen'],
  [/Invalid input: expected (true|false|"?\w+"?)$/, () => 'Bitte bestätigen'],
  [/Invalid input: expected boolean/, () => 'Bitte ankreuzen oder leer lassen'],
  [/Invalid input: expected string/, () => 'Bitte Text eingeben'],
  [/Invalid (ISO )?date/i, () => 'Datum im Format TT.MM.JJJJ'],
  [/Unrecognized key/, () => 'Unbekanntes Feld'],
  [/^Invalid input$/, () => 'Ungültige Eingabe'],
];

export function germanMessage(message: string): string {
  for (const [pattern, text] of TRANSLATIONS) {
    const m = message.match(pattern);
    if (m) return text(m);
  }
  return message;
}

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
    (out[key] ??= []).push(germanMessage(e.message));
  }
  return out;
}

/** "Bitte die 2 markierten Felder korrigieren." followed by the errors that belong to no field. */
export function correctionSummary(markedFields: number, unplaced: string[] = []): string {
  const ask = markedFields ? `Bitte ${markedFields === 1 ? 'das markierte Feld' : `die ${markedFields} markierten Felder`} korrigieren.` : '';
  return [ask, ...unplaced].filter(Boolean).join(' ');
}
