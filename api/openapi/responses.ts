// The shapes the API answers with, as zod schemas: api/views.ts builds its objects as these types, and the OpenAPI
// document is generated from them, so what is documented and what is sent cannot drift apart unnoticed (the
// contract tests and the schemathesis run check real answers against the document).
import { z } from 'zod';
import { PROCESSES, ROLES, STEP_KINDS } from '../../domain/types';
import { TASK_ACTIONS } from '../../domain/policy';

const timestamp = z.iso.datetime({ offset: true }).describe('Zeitpunkt (ISO 8601)');
const date = z.iso.date().describe('Kalenderdatum JJJJ-MM-TT');
const role = z.enum(ROLES);
const requiredDocumentSchema = z.object({
  kind: z.string(), label: z.string(),
  fromGemeinde: z.boolean().optional().describe('die Gemeinde unterschreibt es und schickt es zurück'),
});
const processId = z.enum(PROCESSES);
const runStatus = z.enum(['running', 'completed', 'cancelled', 'failed']);
const health = z.enum(['green', 'amber', 'red']);
const ags = z.string().regex(/^\d{8}$/);
const jsonObject = z.record(z.string(), z.unknown());

/**
 * Named shapes: the OpenAPI generator turns each into one entry of components.schemas and refers to it. The id goes
 * into zod's global registry (where `.describe()` texts live too), so one conversion carries both.
 */
function named<T extends z.ZodType>(id: string, schema: T): T {
  return schema.meta({ id });
}

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** RFC 9457 problem details; extension members (e.g. `existingRunId`) may follow. */
export const problemSchema = named('Problem', z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    requestId: z.string().optional().describe('Kennung der Anfrage, wie im Header X-Request-Id und im Log'),
    existingRunId: z.string().optional().describe('bei 409 eines Starts: der laufende Vorgang'),
  }));

/** Every list answers one page (api/paging.ts). */
export const page = <T extends z.ZodType>(item: T) => z.object({
  items: z.array(item),
  nextCursor: z.string().nullable().describe('als `cursor` für die nächste Seite; null auf der letzten Seite'),
});

export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'unavailable'])),
  /** why a check is unavailable, when it can say (e.g. the identity provider's certificate is not trusted) */
  reasons: z.record(z.string(), z.string()).optional(),
});

export const authConfigSchema = named('AuthConfig', z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('demo') }),
    z.object({ mode: z.literal('oidc'), issuer: z.string(), clientId: z.string(), scopes: z.array(z.string()) }),
  ]));

export const userSchema = named('User', z.object({ id: z.string(), name: z.string(), roles: z.array(role), gemeinden: z.array(ags) }));
export const demoUserSchema = userSchema.extend({ token: z.string() });

export const verfahrenSchema = named('Verfahren', z.object({ id: z.string(), name: z.string(), category: z.string(), vendor: z.string().optional() }));
export const gemeindeSchema = named('Gemeinde', z.object({ ags, name: z.string(), plz: z.string().regex(/^\d{5}$/), vg: z.string().optional() }));
export const serviceSchema = named('Service', z.object({
    id: z.string(), title: z.string(), unit: z.enum(['arbeitsplatz', 'verfahren', 'pauschal']),
    billing: z.enum(['einmalig', 'monatlich']), priceEur: z.number(),
  }));
const approvalRule = z.object({ required: z.number().int(), roles: z.array(role).optional() });
export const processTemplateSchema = named('ProcessTemplate', z.object({
    id: processId,
    title: z.string(),
    description: z.string(),
    phases: z.array(z.object({ id: z.string(), title: z.string() })),
    steps: z.array(z.object({
      id: z.string(), title: z.string(), phase: z.string(), kind: z.enum(STEP_KINDS), description: z.string(),
      candidateRoles: z.array(role), dependsOn: z.array(z.string()), plannedDays: z.number(),
      approvals: approvalRule.optional(), variants: z.array(z.enum(['mitglied', 'dienstleistung'])).optional(), form: z.string().optional(),
    })),
  }));

const milestone = z.object({ stepId: z.string(), title: z.string(), date });
const healthReasons = z.array(z.object({
  kind: z.enum(['late', 'incident', 'held', 'ambitious']),
  text: z.string(),
  stepId: z.string().optional(),
})).describe('warum der Vorgang gelb oder rot ist (leer bei grün)');

export const runSummarySchema = named('RunSummary', z.object({
    id: z.string(),
    process: processId,
    title: z.string(),
    status: runStatus,
    parentId: z.string().optional(),
    gemeinde: z.object({ ags, name: z.string() }),
    progress: z.number().min(0).max(1),
    health,
    healthReasons: healthReasons.optional(),
    phase: z.string(),
    phaseTitle: z.string(),
    targetGoLive: date.optional(),
    projectedGoLive: date.optional(),
    projectLead: z.string().optional(),
    startedAt: timestamp,
    completedAt: timestamp.optional(),
    nextMilestones: z.array(milestone).optional(),
  }));

export const stepSchema = named('Step', z.object({
    id: z.string(),
    title: z.string(),
    phase: z.string(),
    kind: z.enum(STEP_KINDS),
    state: z.enum(['pending', 'ready', 'active', 'done', 'skipped', 'failed']),
    candidateRoles: z.array(role),
    requiresDocument: requiredDocumentSchema.optional()
      .describe('das Dokument, ohne das der Schritt nicht erledigt werden kann (Art und Bezeichnung)'),
    dependsOn: z.array(z.string()),
    plannedStart: date.optional(),
    plannedEnd: date.optional(),
    projectedEnd: date.optional(),
    critical: z.boolean(),
    milestone: z.literal(true).optional(),
    startedAt: timestamp.optional(),
    completedAt: timestamp.optional(),
    attempts: z.number().int().optional(),
    error: z.string().optional(),
    summary: z.string().optional(),
    children: z.array(z.string()).optional(),
    childStatus: z.record(z.string(), runStatus).optional(),
    waitUntil: timestamp.optional(),
    heldUntil: z.string().optional().describe('ein Umstellungsschritt wartet bis zu diesem Tag (Sperrzeit)'),
    heldReason: z.string().optional(),
  }));

export const runSchema = named('Run', runSummarySchema.extend({
    plannedGoLive: date.optional().describe('Go-live nach Plan: der früheste machbare ab Start'),
    slackDays: z.number().optional(),
    ambitious: z.boolean().optional().describe('das Ziel liegt vor dem frühesten machbaren Go-live; gemessen wird am Plan'),
    cancelReason: z.string().optional(),
    wentLiveOn: date.optional().describe('der Tag des Go-live, sobald der Umstellungsschritt erledigt ist (auch während Parallelbetrieb und Stilllegung noch laufen)'),
    steps: z.array(stepSchema),
    incidents: z.array(z.object({ stepId: z.string(), error: z.string() })),
    contact: z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional() }).optional(),
    deputyContact: z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional() }).optional()
      .describe('Stellvertretung der Projektleitung, falls benannt'),
    archived: z.literal(true).optional().describe('Temporal kennt den Vorgang nicht mehr; Stand aus dem Protokoll'),
  }));

export const cancelAcceptedSchema = z.object({ id: z.string(), status: z.literal('cancelling'), reason: z.string() });

export const eventSchema = named('AuditEvent', z.object({ seq: z.number().int().min(1), at: timestamp, type: z.string(), actor: z.string().optional(), data: jsonObject }));

export const taskSchema = named('Task', z.object({
    id: z.string(),
    runId: z.string(),
    stepId: z.string(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(STEP_KINDS),
    state: z.enum(['open', 'review', 'done', 'cancelled']).describe('`review`: eingegeben, wartet auf die Freigabe einer zweiten Person'),
    process: processId,
    candidateRoles: z.array(role),
    ags,
    gemeindeName: z.string(),
    assignee: z.string().optional(),
    openedAt: timestamp,
    dueAt: timestamp.optional(),
    overdue: z.boolean(),
    completedAt: timestamp.optional(),
    completedBy: z.string().optional(),
    approvals: z.object({
      required: z.number().int(),
      roles: z.array(role).optional(),
      given: z.array(z.object({ user: z.string(), role, at: timestamp })),
    }),
    form: z.object({ id: z.string(), schema: jsonObject.describe('JSON Schema (2020-12) des Formulars') }).nullable(),
    requiresDocument: requiredDocumentSchema.optional()
      .describe('die Aufgabe wird erst erledigt, wenn ein Dokument dieser Art zur Aufgabe oder zum Vorgang hochgeladen ist (sonst 422)'),
    data: jsonObject.optional(),
    context: z.object({ stepId: z.string(), title: z.string(), summary: z.string().optional(), result: jsonObject })
      .optional().describe('Ergebnis eines früheren automatischen Schritts, um das es in der Aufgabe geht (z. B. das freizugebende Angebot)'),
    comments: z.array(z.object({ id: z.number().int(), user: z.string(), at: timestamp, text: z.string() })),
    returnReason: z.string().optional(),
    batch: z.object({
      name: z.string(), devices: z.number().int(),
      devicesDone: z.number().int().optional().describe('Geräte, die diesen Schritt erledigt haben oder ausgenommen sind'),
    }).optional()
      .describe('Arbeitsplatz-Rollout: die Charge der Aufgabe und ihre Gerätezahl'),
    submission: z.object({
      data: jsonObject.optional().describe('die eingegebenen Daten (nur in der Einzelansicht)'),
      by: z.string(),
      at: timestamp,
    }).optional().describe('Vier-Augen: was die erste Person eingegeben hat, wer und wann'),
    reviews: z.array(z.object({
      by: z.string(),
      at: timestamp,
      decision: z.enum(['approved', 'rejected']),
      reason: z.string().optional(),
      comment: z.string().optional(),
    })).describe('Vier-Augen: jede Freigabe und Ablehnung, älteste zuerst'),
    incident: z.object({
      stepId: z.string(),
      error: z.string(),
      input: jsonObject.optional().describe('die Eingaben, an denen der Schritt scheiterte (nur in der Einzelansicht)'),
    }).optional().describe('Reparaturaufgabe: der gestörte automatische Schritt; erledigt mit „Erneut versuchen“ oder „Überspringen“ am Schritt'),
    allowedActions: z.array(z.enum(TASK_ACTIONS)).describe(
      'Was die anfragende Person mit der Aufgabe jetzt tun darf: `claim`, `unclaim`, `assign`, `return`, `complete` (Daten eingeben oder zur Freigabe einreichen), '
      + '`approve`, `reject` (Vier-Augen-Prüfung), `comment`, `retry`, `skip` (Reparaturaufgabe: am Schritt). Der Server prüft jede Aktion dennoch selbst.',
    ),
  }));

const teamLoad = z.object({ open: z.number().int(), overdue: z.number().int() });
export const dashboardSchema = named('Dashboard', z.object({
    onboardings: z.array(z.object({
      id: z.string(),
      gemeinde: z.object({ ags, name: z.string() }),
      phase: z.string(),
      phaseTitle: z.string(),
      progress: z.number(),
      health,
      healthReasons,
      targetGoLive: date.optional(),
      projectedGoLive: date.optional(),
      projectLead: z.string().optional(),
      startedAt: timestamp,
      openTasks: z.number().int(),
      overdueTasks: z.number().int(),
      tasksByTeam: z.record(z.string(), teamLoad),
      nextMilestones: z.array(milestone),
    })).describe('eine Seite der laufenden Onboardings, nach Ziel-Go-live'),
    nextCursor: z.string().nullable().describe('für die nächste Seite (`?cursor=`); null auf der letzten'),
    totals: z.object({
      running: z.number().int(), red: z.number().int(), openTasks: z.number().int(), overdueTasks: z.number().int(),
    }).describe('Kennzahlen über alle laufenden Onboardings (nicht nur diese Seite und ohne Filter)'),
    counts: z.array(z.object({ process: z.string(), status: z.string(), count: z.number().int() })),
    completedByYear: z.array(z.object({
      year: z.number().int(), process: z.string(), count: z.number().int(), avgDays: z.number(), minDays: z.number(), maxDays: z.number(),
    })),
  }));

export const planPreviewSchema = named('PlanPreview', z.object({
    startDate: date,
    earliestGoLive: date.describe('frühester machbarer Go-live bei Start heute'),
    targetGoLive: date.optional(),
    ambitious: z.boolean().optional().describe('das Ziel liegt davor: es braucht eine Begründung (targetReason)'),
  }));

export const webhookSchema = named('Webhook', z.object({
    id: z.string(), url: z.string(), events: z.array(z.string()), createdBy: z.string(), createdAt: timestamp,
    description: z.string().optional(),
    waiting: z.object({
      deliveries: z.number().int(), since: timestamp, lastError: z.string().optional(),
    }).optional().describe('Zustellungen, die noch warten (der Server versucht es jede Minute erneut), seit wann, der letzte Fehler'),
  }));
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string().describe('nur in dieser Antwort sichtbar') });
export const deliverySchema = z.object({
  id: z.number().int(), eventId: z.string(), type: z.string(), attempt: z.number().int(),
  statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number(), at: timestamp,
  run: z.object({ id: z.string(), name: z.string() }).optional().describe('der Vorgang des Ereignisses, mit Namen'),
});
export const mailSchema = z.object({
  id: z.number().int(), to: z.string(), subject: z.string(), text: z.string(), runId: z.string().nullable(),
  eventType: z.string().nullable(), createdAt: timestamp, sentAt: timestamp,
  /** the files that went along (the released offer's PDF), by name */
  attachments: z.array(z.string()),
});
export const inboundResultSchema = z.object({
  id: z.string(), type: z.string(), subject: z.string(), runId: z.string(), stepId: z.string(), sender: z.string(),
});

export const directorySyncSchema = named('DirectorySync', z.object({
    trigger: z.string(), startedAt: timestamp, finishedAt: timestamp, ok: z.boolean(),
    people: z.number().int(), added: z.number().int(), deactivated: z.number().int(), error: z.string().optional(),
  }));
export const personSchema = named('Person', z.object({
    id: z.string(), name: z.string(), email: z.string(), roles: z.array(role), gemeinden: z.array(ags),
    source: z.enum(['directory', 'token']), active: z.boolean(), lastSeenAt: timestamp.nullable(), syncedAt: timestamp.nullable(),
  }));
const taskCount = z.object({
  count: z.number().int(),
  capped: z.boolean().describe('`true`: gezählt bis zur Obergrenze, es sind mindestens `count`'),
});
export const taskCountsSchema = named('TaskCounts', z.object({
  assigned: taskCount.describe('mir zugewiesen („Meine Aufgaben“)'),
  work: taskCount.describe('an denen ich arbeiten kann („Mein Team“, wie `work=true`)'),
  open: taskCount.describe('alle offenen, die ich sehe'),
}));
export const personNamesSchema = page(named('PersonName', z.object({ id: z.string(), name: z.string(), roles: z.array(role), gemeinden: z.array(ags) })));
export const peopleSchema = page(personSchema).extend({
  directory: z.enum(['ldap', 'tokens', 'demo']), lastSync: directorySyncSchema.nullable(),
});
export const syncResultSchema = z.object({ lastSync: directorySyncSchema.nullable() });

export const documentSchema = named('Document', z.object({
  id: z.string(),
  name: z.string().describe('Dateiname beim Hochladen'),
  type: z.string().describe('Medientyp, aus dem Inhalt bestimmt'),
  size: z.number().int().min(0).describe('Bytes'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  by: z.string().describe('Benutzer-ID oder `system` (erzeugte Dokumente)'),
  at: timestamp,
  taskId: z.string().optional(),
  kind: z.string().optional(),
}));

export const messageSchema = named('RunMessage', z.object({
  id: z.string(),
  runId: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  side: z.enum(['gemeinde', 'ku']).describe('wer schreibt: die Gemeinde oder das KU (Projektleitung)'),
  text: z.string(),
  at: timestamp,
}));

export const calendarFeedSchema = z.object({ url: z.string().describe('geheime Abo-Adresse; nur in dieser Antwort') });
export const exportCheckSchema = named('ExportCheck', z.object({
  name: z.string(),
  format: z.enum(['csv', 'xlsx']).describe('erkannt am Inhalt'),
  sheet: z.string().optional().describe('das gelesene Tabellenblatt einer Excel-Datei'),
  csv: z.string().describe('der Inhalt als CSV-Text (`;`), so wie das Formular ihn einreicht; Zeile N ist Zeile N der Tabelle'),
  preview: z.object({
    header: z.array(z.string()),
    rows: z.array(z.object({ line: z.number().int().min(1), fields: z.array(z.string()) })),
    dataLines: z.number().int().min(0).describe('Zeilen mit Daten unter der Kopfzeile (leere Zeilen nicht gezählt)'),
  }).nullable().describe('die ersten Zeilen; null, wenn die Datei keine CSV-Tabelle ist'),
  problems: z.array(z.string()).describe('jedes gefundene Problem mit seiner Zeile (höchstens 1000)'),
  problemCount: z.number().int().min(0),
}));
export type ExportCheck = z.infer<typeof exportCheckSchema>;

export const pages = {
  documents: page(documentSchema),
  messages: page(messageSchema),
  demoUsers: page(demoUserSchema),
  verfahren: page(verfahrenSchema),
  gemeinden: page(gemeindeSchema),
  services: page(serviceSchema),
  processes: page(processTemplateSchema),
  runs: page(runSummarySchema),
  tasks: page(taskSchema),
  events: page(eventSchema),
  webhooks: page(webhookSchema),
  deliveries: page(deliverySchema),
  mail: page(mailSchema),
};

export type RunSummaryBody = z.output<typeof runSummarySchema>;
export type RunBody = z.output<typeof runSchema>;
export type StepBody = z.output<typeof stepSchema>;
export type TaskBody = z.output<typeof taskSchema>;
