// What each automated step reads from its input, and where each key comes from. `StepActivityInput.data` is the
// run's start request merged with the form data of finished steps and an operator's corrected input; a step reads
// its keys only through the schema declared here, and test/activities/step-inputs.test.ts proves against the
// templates that every key is really provided where it is said to come from (the start request, or the form of a
// step that finishes before this one).
import { z } from 'zod';
import type { ActivityName, FormId } from '../domain/types';
import { invalidInput } from './failures';

/** Where a key of a step's input comes from. */
export type InputSource =
  | { request: true }
  | { form: FormId }
  /** only an operator's corrected input (retry of an incident) sets it; always optional */
  | { correction: true };

const MAX_COUNT = 100_000;

/** A whole number ≥ 0; form data may carry it as digit text. */
const count = (label: string) =>
  z
    .union([z.number(), z.string().regex(/^\s*\d+\s*$/, 'muss eine ganze Zahl ab 0 sein').transform(Number)])
    .pipe(z.number().int('muss eine ganze Zahl ab 0 sein').min(0, 'muss eine ganze Zahl ab 0 sein').max(MAX_COUNT, `ist größer als das Höchstmaß ${MAX_COUNT}`))
    .describe(label);
const text = (label: string) => z.string('muss ein Text sein').refine((s) => s.trim() !== '', 'ist leer').describe(label);
const textList = (label: string) =>
  z.array(z.string('muss eine Liste von Texten sein'), 'muss eine Liste von Texten sein').describe(label);

interface StepInputDeclaration<S extends z.ZodRawShape> {
  schema: z.ZodObject<S>;
  sources: { [K in keyof S]: InputSource };
}

function declare<S extends z.ZodRawShape>(shape: S, sources: { [K in keyof S]: InputSource }): StepInputDeclaration<S> {
  // not strict: the merged data holds every earlier form's fields; the step sees only its own keys
  return { schema: z.object(shape), sources };
}

const request = { request: true } as const;
const correction = { correction: true } as const;

export const STEP_INPUTS = {
  computeOffer: declare(
    {
      arbeitsplaetze: count('Anzahl der Arbeitsplätze laut Fragebogen'),
      verfahren: textList('Ausgewählte Verfahren'),
      // the start's estimate, which sized the rollout batches (a child's request has none)
      workstations: count('Arbeitsplätze beim Start geplant').optional(),
    },
    { arbeitsplaetze: { form: 'fragebogen' }, verfahren: request, workstations: request },
  ),
  issueOffer: declare(
    {
      arbeitsplaetze: count('Anzahl der Arbeitsplätze laut Fragebogen'),
      verfahren: textList('Ausgewählte Verfahren'),
      rabattProzent: z.number('muss eine Zahl sein').min(0, 'darf nicht negativ sein').max(30, 'darf höchstens 30 sein').describe('Rabatt in Prozent'),
    },
    { arbeitsplaetze: { form: 'fragebogen' }, verfahren: request, rabattProzent: { form: 'angebotFreigabe' } },
  ),
  importInventory: declare({ inventarCsv: text('Inventar-Export (CSV)') }, { inventarCsv: { form: 'inventur' } }),
  allocateNetworkPlan: declare({}, {}),
  releaseNetworkPlan: declare({}, {}),
  planAccounts: declare(
    { mitarbeiterliste: text('Mitarbeiterliste (CSV)'), bestehendeKennungen: textList('Bestehende Kennungen').optional() },
    { mitarbeiterliste: { form: 'fragebogen' }, bestehendeKennungen: correction },
  ),
  reconcileTestMigration: declare(
    {
      quelleCsv: text('Export aus dem Altverfahren'),
      zielCsv: text('Export aus dem neuen Verfahren'),
      schluessel: text('Schlüsselspalte'),
      summenfelder: textList('Summenfelder').optional(),
    },
    { quelleCsv: { form: 'testMigration' }, zielCsv: { form: 'testMigration' }, schluessel: { form: 'testMigration' }, summenfelder: { form: 'testMigration' } },
  ),
  registerDevices: declare({ devices: count('Anzahl der Geräte') }, { devices: request }),
  retireDevices: declare(
    { devices: count('Anzahl der Geräte').optional(), altgeraete: textList('Inventarnummern der Altgeräte').optional() },
    { devices: request, altgeraete: correction },
  ),
} satisfies Record<ActivityName, StepInputDeclaration<z.ZodRawShape>>;

export type StepInputOf<A extends ActivityName> = z.output<(typeof STEP_INPUTS)[A]['schema']>;

/** The step's declared keys from the merged data, or a non-retryable failure naming each bad field in German. */
export function readStepInput<A extends ActivityName>(activity: A, data: Record<string, unknown>): StepInputOf<A> {
  const schema = STEP_INPUTS[activity].schema as unknown as z.ZodType<StepInputOf<A>>;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const shape = STEP_INPUTS[activity].schema.shape as Record<string, z.ZodType>;
  const messages = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const field = shape[key];
    const label = field?.description ?? (field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType).description : undefined) ?? key;
    const missing = data[key] === undefined || data[key] === null;
    return `${label} (Feld "${key}") ${missing ? 'fehlt' : issue.message}.`;
  });
  throw invalidInput([...new Set(messages)].join(' '));
}
