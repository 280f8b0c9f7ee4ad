// Request schemas: they validate, and (issue: OpenAPI) generate the documented shapes.
import { z } from 'zod';
import { GO_LIVE_HORIZON_YEARS, goLiveHorizon } from '../domain/plan';
import { PROCESSES, ROLES } from '../domain/types';
import { pageQuery } from './paging';

/**
 * A message for a value left out (absent or empty: a choice not made, a field left blank) and one for a value in the
 * wrong form, so that a form's empty field is not told about formats.
 */
export const missingOr = (missing: string, wrong: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === '' ? missing : wrong),
});
const agsMessages = missingOr('Bitte eine Gemeinde wählen', 'AGS: 8 Ziffern');
export const ags = z.string(agsMessages).regex(/^\d{8}$/, agsMessages);
export const isoDate = z.iso.date(missingOr('Bitte ein Datum angeben', 'Datum im Format JJJJ-MM-TT'));
const id = z.string().trim().min(1).max(200);

export const goLiveDate = isoDate.refine((d) => d <= goLiveHorizon(new Date()), `Das Zieldatum darf höchstens ${GO_LIVE_HORIZON_YEARS} Jahre in der Zukunft liegen`);

/** why a target before the earliest feasible go-live is wanted anyway (the run is then shown as ambitious) */
const targetReason = z.string().trim().min(1, 'Bitte eine Begründung angeben').max(1000);

export const onboardingInput = z.strictObject({
  ags,
  variant: z.enum(['dienstleistung', 'mitglied']),
  targetGoLive: goLiveDate,
  targetReason: targetReason.optional(),
  projectLead: id,
  /** Stellvertretung: gets the project lead's mail too */
  deputyLead: id.optional(),
  verfahren: z.array(id).max(400).refine((v) => new Set(v).size === v.length, 'Verfahren doppelt gewählt'),
  workstations: z.number().int().min(0).max(5000),
  batchSize: z.number().int().min(1).max(500).optional(),
  migrationConcurrency: z.number().int().min(1).max(50).optional(),
  notes: z.string().max(5000).optional(),
});

export const migrationInput = z.strictObject({
  ags,
  verfahrenId: id,
  projectLead: id.optional(),
  deputyLead: id.optional(),
  targetGoLive: goLiveDate.optional(),
  targetReason: targetReason.optional(),
});

export const rolloutInput = z.strictObject({
  ags,
  batch: z.string().trim().min(1).max(100),
  // one of the three (api/rollout-devices.ts): a count (devices not tracked), serial numbers, or a location
  devices: z.number().int().min(1).max(5000).optional(),
  serials: z.array(z.string().trim().min(1).max(100)).min(1).max(5000).optional()
    .describe('Seriennummern der Geräte dieser Charge (aus dem Inventarimport)'),
  location: z.string().trim().min(1).max(200).optional().describe('alle Geräte dieses Standorts/Raums'),
  projectLead: id.optional(),
  deputyLead: id.optional(),
  targetGoLive: goLiveDate.optional(),
  targetReason: targetReason.optional(),
});

export const startRunBody = z.discriminatedUnion('process', [
  z.strictObject({ process: z.literal('gemeinde-onboarding'), input: onboardingInput }),
  z.strictObject({ process: z.literal('verfahren-migration'), input: migrationInput }),
  z.strictObject({ process: z.literal('arbeitsplatz-rollout'), input: rolloutInput }),
]);

/** What the start form knows so far: the plan's earliest feasible go-live needs no Gemeinde, lead or target. */
export const planPreviewBody = z.strictObject({
  process: z.literal('gemeinde-onboarding'),
  input: onboardingInput.partial().extend({
    variant: onboardingInput.shape.variant,
    verfahren: onboardingInput.shape.verfahren.default([]),
    workstations: onboardingInput.shape.workstations.default(0),
  }),
});

export const listRunsQuery = pageQuery.extend({
  process: z.enum(PROCESSES).optional(),
  status: z.enum(['running', 'completed', 'cancelled', 'failed']).optional(),
  ags: ags.optional(),
  parent: id.optional(),
});

// the portfolio pages its running onboardings; the filters narrow the list, never the key figures
export const dashboardQuery = pageQuery.extend({
  health: z.enum(['green', 'amber', 'red']).optional().describe('nur Onboardings mit dieser Terminlage'),
  team: z.enum(ROLES).optional().describe('nur Onboardings mit offenen Aufgaben für dieses Team'),
});

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The filters a task list and its counts share (the inbox's team, Gemeinde, overdue and due-this-week choices). */
const taskListFilters = z.strictObject({
  role: z.enum(ROLES).optional(),
  ags: ags.optional(),
  root: id.optional(),
  overdue: flag.optional(),
  dueBy: isoDate.optional().describe('nur Aufgaben, die spätestens an diesem Tag fällig sind (Tag in Bayern); ohne Frist nie'),
});

export const listTasksQuery = pageQuery.extend({
  ...taskListFilters.shape,
  state: z.enum(['open', 'review', 'done']).optional(),
  assignee: id.optional(),
  work: flag.optional().describe('`true`: nur Aufgaben, an denen ich selbst arbeiten kann — übernehmen, erledigen, freigeben, ablehnen, wiederholen (die Ansicht „Mein Team“)'),
});

/** The inbox's three views counted under its filters: assigned to me, my work ("Mein Team"), all open. */
export const taskCountsQuery = taskListFilters;

/**
 * How many people one GET /people?ids= names: a page's assignees, approvers and authors, a few dozen at most. The
 * list's length is bounded too: with a cursor and a bearer token the request must stay below the server's 16 KB of
 * request line and headers (a longer one is refused with 431 before it is read).
 */
export const PEOPLE_IDS_MAX = 100;
export const PEOPLE_IDS_MAX_CHARS = 8000;
export const listPeopleQuery = pageQuery.extend({
  ids: z.string().max(PEOPLE_IDS_MAX_CHARS)
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
    .pipe(z.array(id).max(PEOPLE_IDS_MAX, `Höchstens ${PEOPLE_IDS_MAX} Kennungen`))
    .optional()
    .describe(`nur diese Personen (Kennungen durch Komma getrennt, höchstens ${PEOPLE_IDS_MAX} und ${PEOPLE_IDS_MAX_CHARS} Zeichen); unbekannte fehlen in der Antwort`),
  role: z.enum(ROLES).optional().describe('nur Personen mit dieser Rolle'),
});

/** A comment's limit; the messages name it, so that a too-long text is not answered as an empty one. */
export const COMMENT_MAX = 5000;
export const completeBody = z.strictObject({
  data: z.record(z.string(), z.unknown()).optional(),
  comment: z.string().trim().max(COMMENT_MAX, `Der Kommentar ist zu lang (höchstens ${COMMENT_MAX} Zeichen)`).optional(),
});
export const approveBody = z.strictObject({ comment: z.string().trim().max(COMMENT_MAX, `Der Kommentar ist zu lang (höchstens ${COMMENT_MAX} Zeichen)`).optional() });
export const rejectBody = z.strictObject({ reason: z.string().trim().min(1, 'Bitte einen Grund für die Ablehnung angeben').max(2000) });
export const assignBody = z.strictObject({ assignee: id });
export const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'Bitte einen Grund angeben').max(2000) });
export const commentBody = z.strictObject({
  text: z.string({ error: (iss) => (iss.input === undefined ? 'Bitte einen Kommentar angeben' : 'Der Kommentar muss ein Text sein') })
    .trim()
    .min(1, 'Der Kommentar ist leer')
    .max(COMMENT_MAX, `Der Kommentar ist zu lang (höchstens ${COMMENT_MAX} Zeichen)`),
});
export const emptyBody = z.strictObject({});
export const repairBody = z.strictObject({ input: z.record(z.string(), z.unknown()).optional(), reason: z.string().trim().max(2000).optional() });
