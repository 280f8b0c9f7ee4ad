// Plausible dates: a form's dates checked against each other, against the run's earlier forms and against today.
// Dates are Bavarian: "today" is the date in Europe/Berlin, and an instant (a step's completion) counts on the
// Berlin date it fell on. The rules are the legal order of an onboarding: council decision, then contract; the AVV
// before any personal data is processed; acceptance after go-live.
import { berlinDate } from '../domain/berlin-time';
import { germanDate } from '../domain/health';
import { wentLiveOn } from '../domain/templates';
import type { FormId } from '../domain/types';
import type { RunState } from '../workflows/messages';
import type { FieldError } from './problem';

/** What the run already knows when a form is submitted. */
export interface FormDateContext {
  /** YYYY-MM-DD in Europe/Berlin */
  today: string;
  /** the Gemeinderatsbeschluss's date, once that step is done */
  beschlussDatum?: string;
  /** the Berlin date the run went live, once its go-live step is done */
  goLiveDate?: string;
  /** the acceptance's date as entered (a migration's Abnahme before its cutover), once that step is done */
  abnahmeDatum?: string;
}


const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Bavaria and, given the run as it stands, the dates of its earlier steps that later dates must follow. */
export function formDateContext(now: Date, run?: Pick<RunState, 'process' | 'tasks' | 'steps'>): FormDateContext {
  const ctx: FormDateContext = { today: berlinDate(now) };
  if (!run) return ctx;
  // the decision's date as the Gemeinde entered it, or as the council information system reported it
  const doneDate = (formId: FormId, field: string) => {
    const value = run.tasks.find((t) => t.formId === formId && t.state === 'done')?.data?.[field];
    return typeof value === 'string' && ISO_DATE.test(value) ? value : undefined;
  };
  const beschluss = doneDate('beschluss', 'beschlussDatum');
  if (beschluss) ctx.beschlussDatum = beschluss;
  const abnahme = doneDate('abnahme', 'abnahmeDatum');
  if (abnahme) ctx.abnahmeDatum = abnahme;
  const live = wentLiveOn(run.process, run.steps);
  if (live) ctx.goLiveDate = live;
  return ctx;
}

/** Forms whose dates need the run's earlier steps (the others need only today). */
export const FORMS_NEEDING_RUN: ReadonlySet<FormId> = new Set<FormId>(['vertrag', 'abnahme', 'umstellung']);

type Rule = (data: Record<string, unknown>, ctx: FormDateContext) => FieldError | undefined;

/** A field's date, when it is one (YYYY-MM-DD): the rules also read data whose other fields are still wrong. */
const dateOf = (data: Record<string, unknown>, field: string): string | undefined => {
  const v = data[field];
  return typeof v === 'string' && ISO_DATE.test(v) ? v : undefined;
};

const notInFuture = (field: string, what: string): Rule => (data, ctx) => {
  const date = dateOf(data, field);
  if (date && date > ctx.today) return { path: field, message: `${what} kann nicht in der Zukunft liegen (heute ist der ${germanDate(ctx.today)}).` };
  return undefined;
};

/** A migration is cut over after its acceptance under four eyes: none of the cutover's dates lies before it. */
const notBeforeAcceptance = (field: string, what: string): Rule => (data, ctx) => {
  const date = dateOf(data, field);
  if (date && ctx.abnahmeDatum && date < ctx.abnahmeDatum) return { path: field, message: `${what} kann nicht vor der Abnahme am ${germanDate(ctx.abnahmeDatum)} liegen.` };
  return undefined;
};

const RULES: Partial<Record<FormId, Rule[]>> = {
  beschluss: [notInFuture('beschlussDatum', 'Der Gemeinderatsbeschluss')],
  vertrag: [
    notInFuture('unterzeichnetAm', 'Die Unterzeichnung des Vertrags'),
    (data, ctx) => {
      const date = dateOf(data, 'unterzeichnetAm');
      if (date && ctx.beschlussDatum && date < ctx.beschlussDatum) {
        return {
          path: 'unterzeichnetAm',
          message: `Der Vertrag kann nicht vor dem Gemeinderatsbeschluss vom ${germanDate(ctx.beschlussDatum)} unterzeichnet sein.`,
        };
      }
      return undefined;
    },
  ],
  // With this task done, the inventory and the account steps process personal data: the AVV must be signed by then.
  avv: [
    (data, ctx) => {
      const date = dateOf(data, 'unterzeichnetAm');
      if (date && date > ctx.today) {
        return {
          path: 'unterzeichnetAm',
          message:
            'Der AVV muss unterzeichnet sein, bevor personenbezogene Daten verarbeitet werden (Inventur, Benutzerkonten); ' +
            `ein Datum nach heute (${germanDate(ctx.today)}) geht nicht.`,
        };
      }
      return undefined;
    },
  ],
  abnahme: [
    notInFuture('abnahmeDatum', 'Die Abnahme'),
    (data, ctx) => {
      const date = dateOf(data, 'abnahmeDatum');
      if (date && ctx.goLiveDate && date < ctx.goLiveDate) {
        return { path: 'abnahmeDatum', message: `Die Abnahme kann nicht vor dem Go-live am ${germanDate(ctx.goLiveDate)} liegen.` };
      }
      return undefined;
    },
  ],
  vvt: [notInFuture('aktualisiertAm', 'Die Aktualisierung des VVT')],
  uebergabe: [notInFuture('uebergabeDatum', 'Die Übergabe')],
  // the task records a training held (its participants counted), not one planned
  schulung: [notInFuture('datum', 'Die Schulung')],
  umstellung: [
    notInFuture('schliesstag', 'Der Schließtag'),
    notInFuture('produktivAb', 'Die Produktivsetzung'),
    notBeforeAcceptance('schliesstag', 'Der Schließtag'),
    notBeforeAcceptance('produktivAb', 'Die Produktivsetzung'),
    (data, ctx) => {
      const closed = dateOf(data, 'schliesstag');
      const live = dateOf(data, 'produktivAb');
      // a closing day that is wrong itself (in the future, before the acceptance) is not blamed on the go-live too
      const closedPlausible = closed && closed <= ctx.today && !(ctx.abnahmeDatum && closed < ctx.abnahmeDatum);
      if (closedPlausible && live && live < closed) {
        return { path: 'produktivAb', message: `Produktiv gesetzt wird frühestens am Schließtag (${germanDate(closed)}), nicht davor.` };
      }
      return undefined;
    },
  ],
};

/**
 * No form's date lies before the engine's time (a council decision, a signature, a training …): a date before this one
 * is a slip of the keyboard (1850, 0202), and a wrong decision date would become the lower bound of the contract's.
 */
const EARLIEST = '2000-01-01';

function tooEarly(data: Record<string, unknown>): FieldError[] {
  return Object.keys(data).flatMap((field) => {
    const date = dateOf(data, field);
    return date && date < EARLIEST ? [{ path: field, message: `Das Datum liegt vor dem ${germanDate(EARLIEST)}: bitte das Jahr prüfen.` }] : [];
  });
}

/** Field errors (paths relative to the form data) for dates that cannot be right. */
export function implausibleDates(formId: FormId, data: Record<string, unknown>, ctx: FormDateContext): FieldError[] {
  const early = tooEarly(data);
  const rest = (RULES[formId] ?? []).map((rule) => rule(data, ctx)).filter((e): e is FieldError => e !== undefined);
  return [...early, ...rest.filter((e) => !early.some((x) => x.path === e.path))];
}
