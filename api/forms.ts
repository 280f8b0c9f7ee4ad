// Task forms: one zod schema per form validates the data of a completion and, converted, is the JSON Schema the
// UI renders. Never the same shape twice.
import { z } from 'zod';
import { checkTestMigrationExports, type TestMigrationExports } from '../activities/reconciliation';
import type { FormId } from '../domain/types';
import { FILE_FIELDS, MAX_EXPORT_CHARS } from './file-fields';
import { isoDate } from './schemas';

const text = (label: string, max = 2000) => z.string().trim().min(1, 'Pflichtfeld').max(max).describe(label);
const optionalText = (label: string, max = 2000) => z.string().trim().max(max).optional().describe(label);
const date = (label: string) => isoDate.describe(label);
const records = (label: string) => z.number().int('Bitte eine ganze Zahl angeben').min(0).max(100_000_000).describe(label);
// an export uploaded as a file (CSV or Excel, converted to CSV text by the check of routes/form-files.ts); the media
// type tells the UI to offer a file drop zone instead of a text box. A check that needs no other field runs at the
// field itself: zod skips an object's refinements once a field failed, and the file's problems would come a round
// later. The meta comes last, as zod keeps it per instance.
const csv = (label: string, check?: (csv: string) => string[]) =>
  (check ? z.string().max(MAX_EXPORT_CHARS).superRefine((v, ctx) => reportFileProblems(ctx, [], check(v))) : z.string().max(MAX_EXPORT_CHARS))
    .meta({ description: label, contentMediaType: 'text/csv' });

/** At most this many problems of one file are answered; the rest are counted. */
const MAX_FILE_PROBLEMS = 20;

/**
 * Reports a file's problems at its field, each naming its line: the automated step that consumes the file runs the
 * same check later, so a file that passes here does not fail there for its content.
 */
function reportFileProblems(ctx: z.RefinementCtx<unknown>, path: string[], problems: readonly string[]): void {
  for (const message of problems.slice(0, MAX_FILE_PROBLEMS)) ctx.addIssue({ code: 'custom', path, message });
  if (problems.length > MAX_FILE_PROBLEMS) {
    ctx.addIssue({ code: 'custom', path, message: `… und ${problems.length - MAX_FILE_PROBLEMS} weitere Probleme` });
  }
}

// the test migration's key column and sum fields, which its exports are checked against
const keyColumn = text('Schlüsselspalte', 100);
const sumFields = z.array(z.string().trim().min(1).max(100)).max(20).default([]).describe('Summenfelder');

export const FORMS: Record<FormId, z.ZodObject> = {
  erledigt: z.strictObject({ bemerkung: optionalText('Bemerkung') }),
  fragebogen: z.strictObject({
    arbeitsplaetze: z.number().int().min(0).max(5000).describe('Anzahl Arbeitsplätze'),
    server: z.number().int().min(0).max(500).describe('Anzahl Server'),
    verfahrenAnzahl: z.number().int().min(0).max(1000).describe('Anzahl Fachverfahren'),
    mitarbeiterliste: csv('Mitarbeiterliste (CSV: Vorname;Nachname;Organisationseinheit)', (v) => FILE_FIELDS.fragebogen!.mitarbeiterliste(v, {})),
    bemerkung: optionalText('Bemerkung'),
  }),
  angebotFreigabe: z.strictObject({
    freigegeben: z.literal(true, 'Das Angebot muss freigegeben werden').describe('Angebot freigegeben'),
    rabattProzent: z.number().min(0).max(30).default(0).describe('Rabatt in Prozent'),
    bemerkung: optionalText('Bemerkung'),
  }),
  beschluss: z.strictObject({
    beschlussDatum: date('Datum des Beschlusses'),
    aktenzeichen: optionalText('Aktenzeichen / TOP', 200),
  }),
  vertrag: z.strictObject({
    unterzeichnetAm: date('Unterzeichnet am'),
    aktenzeichen: optionalText('Aktenzeichen', 200),
  }),
  avv: z.strictObject({
    unterzeichnetAm: date('AVV unterzeichnet am'),
    tomGeprueft: z.literal(true, 'Die TOM müssen geprüft sein').describe('TOM geprüft'),
    unterauftragnehmerGeprueft: z.literal(true, 'Die Unterauftragsverarbeiter müssen geprüft sein').describe('Unterauftragsverarbeiter geprüft'),
  }),
  vvt: z.strictObject({ aktualisiertAm: date('VVT aktualisiert am'), bemerkung: optionalText('Bemerkung') }),
  altvertraege: z.strictObject({
    anzahlVertraege: z.number().int().min(0).max(1000).describe('Anzahl geprüfter Verträge'),
    naechsteKuendigungsfrist: date('Nächste Kündigungsfrist').optional(),
    bemerkung: optionalText('Bemerkung'),
  }),
  inventur: z.strictObject({
    inventarCsv: csv('Scan-Export (CSV: Hostname;Seriennummer;MAC;Betriebssystem;Modell)', (v) => FILE_FIELDS.inventur!.inventarCsv(v, {})),
    vorOrtGeprueft: z.literal(true, 'Die Inventur muss vor Ort geprüft sein').describe('Vor Ort geprüft'),
  }),
  verfahrensliste: z.strictObject({
    anzahlVerfahren: z.number().int().min(0).max(1000).describe('Anzahl erfasster Verfahren'),
    bemerkung: optionalText('Bemerkung'),
  }),
  netzAufnahme: z.strictObject({
    firewall: text('Firewall (Hersteller, Modell)', 200),
    datensicherung: text('Datensicherung (Verfahren, Rhythmus)', 500),
    ismsStatus: z.enum(['keins', 'isis12', 'grundschutz', 'iso27001']).describe('ISMS-Status'),
  }),
  gapAnalyse: z.strictObject({
    luecken: text('Wesentliche Lücken'),
    migrationsreihenfolge: optionalText('Reihenfolge der Migrationen'),
  }),
  schutzbedarf: z.strictObject({
    schutzbedarf: z.enum(['normal', 'hoch', 'sehr hoch']).describe('Höchster Schutzbedarf'),
    risikenAkzeptiert: z.literal(true, 'Die Restrisiken müssen freigegeben werden').describe('Restrisiken freigegeben'),
  }),
  schulung: z.strictObject({
    datum: date('Schulungsdatum'),
    teilnehmende: z.number().int().min(1).max(1000).describe('Anzahl Teilnehmende'),
  }),
  goNoGo: z.strictObject({
    entscheidung: z.literal('go', 'Nur eine Go-Entscheidung schließt die Aufgabe ab; bei No-Go bitte zurückgeben').describe('Entscheidung'),
    bemerkung: optionalText('Bemerkung'),
  }),
  abnahme: z.strictObject({
    abnahmeDatum: date('Abnahmedatum'),
    maengel: optionalText('Offene Mängel'),
  }),
  steckbrief: z.strictObject({
    fachamt: text('Fachamt', 200),
    keyUser: text('Key-User (Funktion)', 200),
    version: text('Version', 100),
    betriebsart: z.enum(['rechenzentrum', 'lokal', 'saas']).describe('Betriebsart'),
    schnittstellen: optionalText('Schnittstellen'),
  }),
  testMigration: z.strictObject({
    quelleCsv: csv('Export aus dem Altsystem (CSV)'),
    zielCsv: csv('Export nach der Testmigration (CSV)'),
    schluessel: keyColumn,
    summenfelder: sumFields,
  }).superRefine((v, ctx) => {
    // the exports are checked against the key column and the sum fields, so as a whole; also when another field
    // failed (zod would skip the check then), with what of the key and sums is usable, so all comes in one answer
    const problems = checkTestMigrationExports(usableExports(v)!);
    for (const field of ['quelleCsv', 'zielCsv', 'schluessel', 'summenfelder'] as const) {
      reportFileProblems(ctx, [field], problems.filter((p) => p.field === field).map((p) => p.message));
    }
  }, { when: (payload) => usableExports(payload.value) !== undefined }),
  funktionstest: z.strictObject({
    testfaelle: z.number().int().min(1).max(10000).describe('Anzahl geprüfter Testfälle'),
    fehlgeschlagen: z.literal(0, 'Alle Testfälle müssen bestanden sein').describe('Davon fehlgeschlagen'),
  }),
  uebergabe: z.strictObject({
    uebergabeDatum: date('Übergabedatum'),
    protokollUnterschrieben: z.literal(true, 'Das Übergabeprotokoll muss unterschrieben sein').describe('Übergabeprotokoll unterschrieben'),
  }),
  geraeteErfassung: z.strictObject({
    geraete: z.number().int().min(0).max(5000).describe('Anzahl Geräte in der Charge'),
    standort: text('Standort / Gebäude', 200),
  }),
  // the cutover: the old system closed for entries, the final export in, every record accounted for
  umstellung: z.strictObject({
    schliesstag: date('Schließtag (Altverfahren für Eingaben geschlossen)'),
    produktivAb: date('Produktiv im neuen Verfahren seit'),
    datensaetzeExport: records('Datensätze im finalen Export'),
    datensaetzeUebernommen: records('Davon im neuen Verfahren übernommen'),
    abweichung: optionalText('Begründung, wenn nicht alle Datensätze übernommen sind (z. B. bewusst nicht übernommene Altfälle)'),
  }).superRefine((v, ctx) => {
    for (const problem of finalExportProblems(v)) ctx.addIssue({ code: 'custom', ...problem });
  }, { when: () => true }),
  vernichtung: z.strictObject({
    schutzklasse: z.enum(['2', '3']).describe('Schutzklasse nach DIN 66399'),
    sicherheitsstufe: z.enum(['H-4', 'H-5', 'E-3', 'E-4']).describe('Sicherheitsstufe'),
    nachweisNummer: text('Nummer des Vernichtungsnachweises', 100),
  }),
};

/**
 * The final export against what arrived: never more taken over than exported, and records left behind only with a
 * reason. Read from the raw entries, so that this shows beside another field's error in the same answer.
 */
function finalExportProblems(value: unknown): { path: string[]; message: string }[] {
  const v = (value ?? {}) as Record<string, unknown>;
  const count = (x: unknown) => (Number.isInteger(x) && (x as number) >= 0 ? (x as number) : undefined);
  const exported = count(v.datensaetzeExport);
  const taken = count(v.datensaetzeUebernommen);
  if (exported === undefined || taken === undefined) return [];
  const n = (x: number) => x.toLocaleString('de-DE');
  if (taken > exported) {
    return [{ path: ['datensaetzeUebernommen'], message: `Übernommen sein können höchstens die ${n(exported)} exportierten Datensätze.` }];
  }
  const reason = typeof v.abweichung === 'string' ? v.abweichung.trim() : '';
  if (taken < exported && !reason) {
    return [{ path: ['abweichung'], message: `${n(exported - taken)} von ${n(exported)} Datensätzen sind nicht übernommen: bitte begründen oder den Export klären.` }];
  }
  return [];
}

/**
 * The test migration's exports with the key column and sum fields as far as they passed their own checks (an empty
 * key and no sums when not): undefined when an export itself is not a text within the size the form takes.
 */
function usableExports(value: unknown): TestMigrationExports | undefined {
  const v = (value ?? {}) as Record<string, unknown>;
  const exportOk = (x: unknown) => typeof x === 'string' && x.length <= MAX_EXPORT_CHARS;
  if (!exportOk(v.quelleCsv) || !exportOk(v.zielCsv)) return undefined;
  const key = keyColumn.safeParse(v.schluessel);
  const sums = sumFields.safeParse(v.summenfelder);
  return {
    quelleCsv: v.quelleCsv as string,
    zielCsv: v.zielCsv as string,
    schluessel: key.success ? key.data : '',
    summenfelder: sums.success ? sums.data : [],
  };
}

export function formSchema(formId: FormId): z.ZodObject {
  return FORMS[formId];
}

const jsonSchemaCache = new Map<FormId, unknown>();

/** The JSON Schema a client renders for the form (input side: defaults are optional). */
export function formJsonSchema(formId: FormId): unknown {
  let schema = jsonSchemaCache.get(formId);
  if (!schema) {
    schema = z.toJSONSchema(FORMS[formId], { io: 'input', target: 'draft-2020-12' });
    jsonSchemaCache.set(formId, schema);
  }
  return schema;
}
