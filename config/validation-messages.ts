// zod's own messages in German. A schema that names its error ("Datum im Format JJJJ-MM-TT") keeps it; every other
// check speaks as a form does ("Pflichtfeld", "Höchstens 5000"), and what has no wording of its own here in zod's
// German (its locale `de`). Installed once per process, on import: by the API (api/problem.ts, where field errors
// are made) and by the worker (a step's input, an incident's text), so an API client reads at the field what a
// person reads in the web, and the web shows the server's words as they are.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

function tooBig(iss: Extract<Issue, { code: 'too_big' }>): string | undefined {
  // plain digits: a limit may be a year or a postcode as well as an amount
  const max = String(iss.maximum);
  if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint') return iss.inclusive ? `Höchstens ${max}` : `Kleiner als ${max}`;
  if (iss.origin === 'string') return `Höchstens ${max} Zeichen`;
  if (iss.origin === 'array' || iss.origin === 'set') return `Höchstens ${max} Einträge`;
  return undefined;
}

function tooSmall(iss: Extract<Issue, { code: 'too_small' }>): string | undefined {
  const min = String(iss.minimum);
  if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint') return iss.inclusive ? `Mindestens ${min}` : `Größer als ${min}`;
  if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'Pflichtfeld' : `Mindestens ${min} Zeichen`;
  if (iss.origin === 'array' || iss.origin === 'set') return Number(iss.minimum) <= 1 ? 'Mindestens ein Eintrag' : `Mindestens ${min} Einträge`;
  return undefined;
}

function wrongType(iss: Extract<Issue, { code: 'invalid_type' }>): string | undefined {
  if (iss.input === undefined || iss.input === null) return 'Pflichtfeld';
  switch (iss.expected) {
    case 'number':
      return 'Bitte eine Zahl eingeben';
    case 'int':
      return typeof iss.input === 'number' && Number.isFinite(iss.input) ? 'Bitte eine ganze Zahl eingeben' : 'Bitte eine Zahl eingeben';
    case 'boolean':
      return 'Bitte ankreuzen oder leer lassen';
    case 'string':
      return 'Bitte Text eingeben';
    case 'array':
      return 'Bitte eine Liste angeben';
    case 'object':
      return 'Bitte ein Objekt angeben';
    default:
      return undefined;
  }
}

const FORMATS: Record<string, string> = {
  date: 'Datum im Format JJJJ-MM-TT',
  datetime: 'Zeitpunkt im Format JJJJ-MM-TTThh:mm:ssZ',
  email: 'Bitte eine E-Mail-Adresse angeben',
  url: 'Bitte eine Adresse (URL) angeben',
};

/** The message of an issue whose schema names none; undefined leaves it to zod's German. */
export function germanIssue(iss: Issue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return wrongType(iss);
    case 'too_big':
      return tooBig(iss);
    case 'too_small':
      return tooSmall(iss);
    case 'invalid_value':
      return iss.values.length === 1 && iss.values[0] === true ? 'Bitte bestätigen' : 'Bitte einen der angebotenen Werte wählen';
    case 'invalid_format':
      return FORMATS[iss.format];
    case 'unrecognized_keys':
      return `Unbekanntes Feld: ${iss.keys.join(', ')}`;
    default:
      return undefined;
  }
}

z.config({ ...z.locales.de(), customError: germanIssue });
