// Request and answer schemas of the year plan (issue 15): planned onboardings, team capacity, the what-if. German
// messages at the field, like every form of the API.
import { z } from 'zod';
import { TEAM_ROLES } from '../domain/capacity';
import { PROCESS_REGISTRY } from '../domain/processes';
import { PIPELINE_STATUSES } from '../store/planning';
import { berlinDate } from '../domain/berlin-time';
import { germanDate } from '../domain/health';
import { ags, isoDate } from './schemas';
import { page } from './openapi/responses';

const variant = z.enum(['dienstleistung', 'mitglied'], 'Variante: mitglied oder dienstleistung');
const verfahrenIds = z.array(z.string().trim().min(1).max(200)).max(400)
  .refine((v) => new Set(v).size === v.length, 'Verfahren doppelt gewählt');
const verfahrenCount = z.number('Bitte eine Anzahl angeben').int('Bitte eine ganze Zahl angeben').min(0, 'Mindestens 0').max(400, 'Höchstens 400 Verfahren');
const workstations = z.number('Bitte eine Anzahl angeben').int('Bitte eine ganze Zahl angeben').min(0, 'Mindestens 0').max(5000, 'Höchstens 5000 Arbeitsplätze');

/** A go-live still to come (in Bavaria): a planned onboarding going live in the past would load the teams today. */
const desiredGoLive = isoDate.superRefine((date, ctx) => {
  const today = berlinDate(new Date());
  if (date <= today) ctx.addIssue({ code: 'custom', message: `Der gewünschte Go-live muss nach heute liegen (heute ist der ${germanDate(today)}).` });
});

export const pipelineFields = {
  ags,
  variant,
  desiredGoLive,
  verfahren: verfahrenIds.optional(),
  verfahrenCount: verfahrenCount.optional(),
  workstations,
  status: z.enum(PIPELINE_STATUSES, 'Status: Anfrage, Angebot oder Beschluss'),
  notes: z.string().max(2000, 'Höchstens 2000 Zeichen').optional(),
};

export const pipelineBody = z.strictObject(pipelineFields);
export const pipelinePatch = z.strictObject({
  ...Object.fromEntries(Object.entries(pipelineFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof pipelineFields]: z.ZodOptional<(typeof pipelineFields)[K]> },
  runId: z.string().regex(PROCESS_REGISTRY['gemeinde-onboarding'].runIdPattern, 'Vorgangs-ID eines Onboardings, z. B. onboarding-09181128').optional(),
});

export const capacityQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

export const whatIfBody = z.strictObject({
  ags,
  variant,
  targetGoLive: isoDate.optional(),
  verfahren: verfahrenIds.optional(),
  verfahrenCount: verfahrenCount.optional(),
  workstations,
}).refine((b) => !(b.verfahren && b.verfahrenCount !== undefined), { message: 'Entweder Verfahren oder ihre Anzahl angeben, nicht beides', path: ['verfahrenCount'] });

export const teamBody = z.strictObject({
  people: z.number('Bitte eine Anzahl angeben').int('Bitte eine ganze Zahl angeben').min(0, 'Mindestens 0').max(200, 'Höchstens 200 Personen'),
  hoursPerWeek: z.number('Bitte Stunden angeben').min(0, 'Mindestens 0').max(60, 'Höchstens 60 Stunden je Woche'),
});

export const absenceBody = z.strictObject({
  role: z.enum(TEAM_ROLES, 'Unbekanntes Team'),
  from: isoDate,
  to: isoDate,
  note: z.string().max(200, 'Höchstens 200 Zeichen').optional(),
}).refine((a) => a.from <= a.to, { message: 'Das Ende liegt vor dem Beginn', path: ['to'] })
  .superRefine((a, ctx) => {
    // the plan looks ahead: an absence over before today changes nothing in it and would only be noise in the list
    const today = berlinDate(new Date());
    if (a.from <= a.to && a.to < today) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Diese Abwesenheit ist schon vorbei (heute ist der ${germanDate(today)}); die Planung schaut nach vorn.` });
    }
  });

/** A report's month, up to the current Bavarian one: a month to come would show today's state under its name. */
export const reportMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Monat im Format JJJJ-MM', abort: true })
  .refine((m) => m <= berlinDate(new Date()).slice(0, 7), 'Für einen kommenden Monat gibt es noch keinen Bericht');

const team = z.enum(TEAM_ROLES);
export const plannedOnboardingSchema = z.object({
  id: z.string(), ags, gemeindeName: z.string(), variant, desiredGoLive: z.string(), verfahren: z.array(z.string()),
  verfahrenCount: z.number().int(), workstations: z.number().int(), status: z.enum([...PIPELINE_STATUSES, 'Gestartet']),
  notes: z.string().optional(), runId: z.string().optional(), plannedStart: z.string(), createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(),
  earliestGoLive: z.string().optional()
    .describe('der früheste Go-live nach Vorlage, wenn der gewünschte davor liegt (heute begonnen); mit ihm rechnet die Jahresplanung'),
});
export const pipelinePageSchema = page(plannedOnboardingSchema);
export const capacitySchema = z.object({
  from: z.string(), to: z.string(),
  teams: z.array(z.object({ role: team, title: z.string(), people: z.number(), hoursPerWeek: z.number() })),
  weeks: z.array(z.object({ role: team, week: z.string(), capacity: z.number(), load: z.number(), free: z.number() })),
});
export const whatIfSchema = z.object({
  earliestByTemplate: z.string(),
  earliestGoLive: z.string().nullable(),
  targetFits: z.boolean().optional(),
  bottleneck: z.object({ role: team, title: z.string(), week: z.string(), overloadHours: z.number() }).nullable(),
  beyondTeam: z.object({ role: team, title: z.string(), hours: z.number(), capacity: z.number() }).optional()
    .describe('ein Team, von dem die Anfrage allein in einer Woche mehr braucht, als es überhaupt hat: sie passt dann nie'),
  effects: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['run', 'planned']), earliestGoLive: z.string().nullable(), weeksEarlier: z.number() })),
  replacesPlanned: z.object({ id: z.string(), desiredGoLive: z.string() }).optional()
    .describe('die Gemeinde ist schon geplant: die Rechnung setzt die Anfrage an die Stelle dieses Eintrags'),
});
export const teamsSchema = z.object({
  teams: z.array(z.object({ role: team, title: z.string(), people: z.number(), hoursPerWeek: z.number() })),
  absences: z.array(z.object({ id: z.string(), role: team, from: z.string(), to: z.string(), note: z.string().optional() })),
});
export const healthTrendSchema = page(z.object({ runId: z.string(), ags, health: z.array(z.enum(['green', 'amber', 'red']).nullable()) })).extend({
  weeks: z.array(z.string()).describe('die Tage, an deren Ende die Ampel gilt (heute und je eine Woche davor)'),
});
