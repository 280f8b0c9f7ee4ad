// Every operation of the API with the zod schemas that validate its input and describe its answer. The OpenAPI
// document is generated from this list (api/openapi/document.ts); the query check at run time uses the same query
// schemas, and who may call each route comes from api/policy.ts's ROUTE_ACTIONS.
import type { z } from 'zod';
import { createWebhookBody, deliveriesQuery, devMailQuery, inboundEventBody } from '../notification-schemas';
import { pageQuery } from '../paging';
import * as planning from '../planning-schemas';
import type { RouteKey } from '../policy';
import { verfahrenQuery } from '../routes/catalog';
import { uploadFields } from '../routes/documents';
import { messageBody } from '../routes/messages';
import { mailPreferencesBody, mailPreferencesResponse } from '../routes/mail-preferences';
import { exportCheckBody } from '../routes/form-files';
import { bulkTasksBody, bulkTasksResponse } from '../routes/tasks-bulk';
import { leadBody, reasonBody as optionalReasonBody, targetBody, verfahrenBody } from '../routes/run-changes';
import { approveBody, assignBody, commentBody, completeBody, emptyBody, listRunsQuery, listTasksQuery, planPreviewBody, reasonBody, rejectBody, repairBody, startRunBody } from '../schemas';
import { listDevicesQuery } from '../routes/devices';
import { deviceActionBody } from '../device-actions';
import { destructionCertificatePage, deviceActionAnswer, devicePage, deviceRegisterPage } from './device-schemas';
import { PLANNING_OPERATIONS } from './planning-operations';
import { BATCH_OPERATIONS } from './batch-operations';
import * as r from './responses';

export interface Param {
  description: string;
  example: string;
}

export type Tag = 'Anmeldung' | 'Katalog' | 'Vorgänge' | 'Aufgaben' | 'Übersicht' | 'Integration' | 'Verwaltung' | 'Entwicklung';

export interface Success {
  status: 200 | 201 | 202 | 204;
  description: string;
  schema?: z.ZodType;
  /** the audit trail is also offered as CSV */
  csv?: boolean;
  /** the answer is a file (documents) */
  binary?: boolean;
  /** the answer is also offered as PDF (`Accept: application/pdf`) */
  pdf?: boolean;
  /** the answer is an iCalendar file (RFC 5545) */
  calendar?: boolean;
  location?: boolean;
}

export interface OperationDoc {
  key: RouteKey;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** path parameters: description and an example (a run of the sample Gemeinde Kaufering) */
  params?: Record<string, Param>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; required: boolean; /** multipart/form-data with a `file` part beside these fields */ multipart?: boolean };
  success: Success;
  /** problem statuses beyond the ones every operation of its kind has (see document.ts) */
  errors?: number[];
  /** exists only in embedded (demo) mode; 404 otherwise */
  embeddedOnly?: boolean;
}

const runId = { id: { description: 'Vorgangs-ID, z. B. `onboarding-09181128`', example: 'onboarding-09181128' } };
const taskId = { id: { description: 'Aufgaben-ID `<Vorgangs-ID>:<Schritt-ID>`', example: 'onboarding-09181128:erstgespraech' } };
const stepId = { stepId: { description: 'Schritt-ID', example: 'erstgespraech' } };
const documentId = { id: { description: 'Dokument-ID', example: '00000000-0000-4000-8000-000000000000' } };
const webhookId = { id: { description: 'Webhook-ID', example: 'wh-00000000-0000-4000-8000-000000000000' } };
const taskResult: Success = { status: 200, description: 'die Aufgabe nach der Änderung', schema: r.taskSchema };
const runResult: Success = { status: 200, description: 'der Vorgang nach der Änderung', schema: r.runSchema };

export const OPERATIONS: OperationDoc[] = [
  {
    key: 'GET /auth/config', operationId: 'getAuthConfig', tag: 'Anmeldung', summary: 'Wie sich die Oberfläche anmeldet',
    description: '`demo` (eingebettet, Demo-Tokens) oder `oidc` mit Aussteller, Client-ID und Scopes für die PKCE-Anmeldung.',
    success: { status: 200, description: 'Anmeldeverfahren', schema: r.authConfigSchema },
  },
  {
    key: 'GET /dev/users', operationId: 'listDemoUsers', tag: 'Entwicklung', summary: 'Demo-Benutzer mit Tokens', embeddedOnly: true,
    query: pageQuery, success: { status: 200, description: 'eine Seite Demo-Benutzer', schema: r.pages.demoUsers }, errors: [400],
  },
  {
    key: 'GET /me', operationId: 'getMe', tag: 'Anmeldung', summary: 'Der angemeldete Benutzer, seine Rollen und Gemeinden',
    success: { status: 200, description: 'der Benutzer laut Token', schema: r.userSchema },
  },
  {
    key: 'GET /me/mail-preferences', operationId: 'getMailPreferences', tag: 'Anmeldung',
    summary: 'Eigene Benachrichtigungen: je Art sofort, in der täglichen Übersicht (08:00) oder gar nicht',
    success: { status: 200, description: 'jede Art mit der geltenden Einstellung (eigene Wahl oder Voreinstellung)', schema: mailPreferencesResponse },
  },
  {
    key: 'PUT /me/mail-preferences', operationId: 'setMailPreferences', tag: 'Anmeldung',
    summary: 'Eigene Benachrichtigungen ändern (nur die genannten Arten)',
    body: { schema: mailPreferencesBody, required: true },
    success: { status: 200, description: 'jede Art mit der nun geltenden Einstellung', schema: mailPreferencesResponse }, errors: [422],
  },
  {
    key: 'GET /catalog/verfahren', operationId: 'listVerfahren', tag: 'Katalog', summary: 'Fachverfahren (300+), Suche mit `q`',
    query: verfahrenQuery, success: { status: 200, description: 'eine Seite Verfahren', schema: r.pages.verfahren }, errors: [400],
  },
  {
    key: 'GET /catalog/gemeinden', operationId: 'listGemeinden', tag: 'Katalog', summary: 'Gemeinden (Gemeinde-Benutzer: nur die eigene)',
    query: pageQuery, success: { status: 200, description: 'eine Seite Gemeinden', schema: r.pages.gemeinden }, errors: [400],
  },
  {
    key: 'GET /catalog/services', operationId: 'listServices', tag: 'Katalog', summary: 'IT-Servicekatalog mit Preisen',
    query: pageQuery, success: { status: 200, description: 'eine Seite Leistungen', schema: r.pages.services }, errors: [400],
  },
  {
    key: 'GET /catalog/processes', operationId: 'listProcesses', tag: 'Katalog', summary: 'Prozessvorlagen mit Phasen und Schritten',
    query: pageQuery, success: { status: 200, description: 'eine Seite Vorlagen', schema: r.pages.processes }, errors: [400],
  },
  {
    key: 'POST /runs', operationId: 'startRun', tag: 'Vorgänge', summary: 'Vorgang starten',
    description: 'Die ID ist lesbar und eindeutig je Gegenstand (`onboarding-<AGS>`); läuft schon einer, antwortet 409 mit `existingRunId`.',
    body: { schema: startRunBody, required: true },
    success: { status: 201, description: 'der gestartete Vorgang', schema: r.runSchema, location: true },
    errors: [409],
  },
  {
    key: 'POST /plan-preview', operationId: 'previewPlan', tag: 'Vorgänge', summary: 'Frühester machbarer Go-live eines Onboardings',
    description: 'Aus Vorlage, Feiertagen, Sperrzeiten und Parallelität der Migrationen und Rollouts. Ein früheres Ziel braucht beim Start `input.targetReason`.',
    body: { schema: planPreviewBody, required: true },
    success: { status: 200, description: 'der früheste machbare Go-live', schema: r.planPreviewSchema },
  },
  {
    key: 'GET /runs', operationId: 'listRuns', tag: 'Vorgänge', summary: 'Vorgänge (Gemeinde-Benutzer: nur die eigenen)',
    query: listRunsQuery, success: { status: 200, description: 'eine Seite Vorgänge', schema: r.pages.runs }, errors: [400],
  },
  {
    key: 'GET /runs/{id}', operationId: 'getRun', tag: 'Vorgänge', summary: 'Ein Vorgang mit Plan, Fortschritt und Ansprechpartner',
    params: runId, success: { status: 200, description: 'der Vorgang', schema: r.runSchema }, errors: [404],
  },
  {
    key: 'GET /runs/{id}/events', operationId: 'listRunEvents', tag: 'Vorgänge', summary: 'Protokoll des Vorgangs (JSON oder CSV)',
    description: 'JSON: eine Seite Ereignisse in Reihenfolge. CSV (`Accept: text/csv`): das ganze Protokoll, ohne Seiten.',
    params: runId, query: pageQuery,
    success: { status: 200, description: 'eine Seite Ereignisse in Reihenfolge (CSV: alle)', schema: r.pages.events, csv: true }, errors: [400, 404],
  },
  {
    key: 'POST /runs/{id}/cancel', operationId: 'cancelRun', tag: 'Vorgänge', summary: 'Vorgang abbrechen (Kompensationen laufen)',
    params: runId, body: { schema: reasonBody, required: true },
    success: { status: 202, description: 'Abbruch angenommen', schema: r.cancelAcceptedSchema }, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/steps/{stepId}/retry', operationId: 'retryStep', tag: 'Vorgänge', summary: 'Fehlgeschlagenen Schritt wiederholen',
    params: { ...runId, ...stepId }, body: { schema: repairBody, required: false },
    success: { status: 200, description: 'der Schritt', schema: r.stepSchema }, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/steps/{stepId}/skip', operationId: 'skipStep', tag: 'Vorgänge', summary: 'Fehlgeschlagenen Schritt überspringen (mit Grund)',
    params: { ...runId, ...stepId }, body: { schema: repairBody, required: false },
    success: { status: 200, description: 'der Schritt', schema: r.stepSchema }, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/target', operationId: 'moveTargetGoLive', tag: 'Vorgänge', summary: 'Ziel-Go-live verschieben',
    params: runId, body: { schema: targetBody, required: true }, success: runResult, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/lead', operationId: 'changeProjectLead', tag: 'Vorgänge', summary: 'Projektleitung wechseln',
    params: runId, body: { schema: leadBody, required: true }, success: runResult, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/verfahren', operationId: 'addVerfahren', tag: 'Vorgänge', summary: 'Verfahren hinzufügen (neue Migration)',
    params: runId, body: { schema: verfahrenBody, required: true },
    success: { status: 201, description: 'der Vorgang mit dem neuen Verfahren', schema: r.runSchema }, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/verfahren/{verfahrenId}/remove', operationId: 'removeVerfahren', tag: 'Vorgänge', summary: 'Verfahren herausnehmen',
    params: { ...runId, verfahrenId: { description: 'Verfahrens-ID', example: 'ok-fis' } }, body: { schema: optionalReasonBody, required: false }, success: runResult, errors: [404, 409],
  },
  {
    key: 'GET /tasks', operationId: 'listTasks', tag: 'Aufgaben', summary: 'Aufgaben mit Filtern; `root` schließt Untervorgänge ein; eine Gemeinde sieht nur ihre eigenen (Rolle `gemeinde`)',
    query: listTasksQuery, success: { status: 200, description: 'eine Seite Aufgaben', schema: r.pages.tasks }, errors: [400],
  },
  {
    key: 'GET /tasks/{id}', operationId: 'getTask', tag: 'Aufgaben', summary: 'Eine Aufgabe mit Formular (JSON Schema)',
    params: taskId, success: { status: 200, description: 'die Aufgabe', schema: r.taskSchema }, errors: [404],
  },
  {
    key: 'POST /tasks/{id}/complete', operationId: 'completeTask', tag: 'Aufgaben', summary: 'Aufgabe erledigen oder zur Freigabe einreichen (Vier-Augen)',
    description: '`data` muss dem Formular der Aufgabe genügen (422 sonst). Bei Vier-Augen-Schritten reicht der Aufruf die Daten ein: die Aufgabe geht in `review` mit `submission`; eine zweite Person gibt frei (`approve`) oder lehnt ab (`reject`).',
    params: taskId, body: { schema: completeBody, required: false }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /tasks/{id}/approve', operationId: 'approveTask', tag: 'Aufgaben', summary: 'Eingereichte Daten freigeben (Vier-Augen, zweite Person)',
    description: 'Nur für Aufgaben in `review`, durch eine andere Person als die einreichende, mit einer noch fehlenden Rolle. Sind alle Freigaben da, ist die Aufgabe erledigt und der Schritt hält die eingereichten Daten. Die einreichende Person selbst oder eine Aufgabe, die nicht auf Freigabe wartet: 409.',
    params: taskId, body: { schema: approveBody, required: false }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /tasks/{id}/reject', operationId: 'rejectTask', tag: 'Aufgaben', summary: 'Eingereichte Daten ablehnen (mit Grund): zurück zur Korrektur',
    description: 'Die Aufgabe geht zurück in `open`; die Daten bleiben im Formular, der Grund steht in `returnReason` und in `reviews`.',
    params: taskId, body: { schema: rejectBody, required: true }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /forms/{formId}/fields/{field}/check', operationId: 'checkExportFile', tag: 'Aufgaben', summary: 'Export-Datei eines Formularfelds vor dem Einreichen prüfen',
    description: 'Die Datei (CSV oder Excel `.xlsx`, Base64) wird in den CSV-Text umgewandelt, den das Formular einreicht, und mit derselben Prüfung wie beim Erledigen und im automatischen Schritt geprüft. Antwort: der CSV-Text, eine Vorschau der ersten Zeilen und jedes Problem mit seiner Zeile. Es wird nichts gespeichert. Kein CSV und keine Arbeitsmappe: 415; zu groß: 413; ein Formular ohne dieses Dateifeld: 404.',
    params: {
      formId: { description: 'Formular-ID (aus `form.id` der Aufgabe)', example: 'inventur' },
      field: { description: 'Dateifeld des Formulars', example: 'inventarCsv' },
    },
    body: { schema: exportCheckBody, required: true },
    success: { status: 200, description: 'CSV-Text, Vorschau und Probleme', schema: r.exportCheckSchema }, errors: [404, 413, 415],
  },
  {
    key: 'POST /tasks/bulk', operationId: 'bulkTasks', tag: 'Aufgaben', summary: 'Eine Aktion für viele Aufgaben (erledigen, übernehmen, freigeben, zuweisen)',
    description: 'Bis zu 200 Aufgaben; jede wird genau wie mit ihrer Einzelaktion geprüft und bearbeitet. Die Antwort hat ein Ergebnis je Aufgabe (`status`, `task` oder `problem`); die Ablehnung einer Aufgabe hält die anderen nicht auf. `data` und `comment` gelten für `complete`, `assignee` für `assign`. Eine ungültige Anfrage als Ganzes: 422.',
    body: { schema: bulkTasksBody, required: true },
    success: { status: 200, description: 'ein Ergebnis je Aufgabe', schema: bulkTasksResponse },
  },
  {
    key: 'POST /tasks/{id}/claim', operationId: 'claimTask', tag: 'Aufgaben', summary: 'Aufgabe übernehmen',
    params: taskId, body: { schema: emptyBody, required: false }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /tasks/{id}/unclaim', operationId: 'unclaimTask', tag: 'Aufgaben', summary: 'Aufgabe freigeben (niemandem zugewiesen)',
    params: taskId, body: { schema: emptyBody, required: false }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /tasks/{id}/assign', operationId: 'assignTask', tag: 'Aufgaben', summary: 'Aufgabe einer Person des Teams zuweisen',
    params: taskId, body: { schema: assignBody, required: true }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /tasks/{id}/return', operationId: 'returnTask', tag: 'Aufgaben', summary: 'Aufgabe mit Grund ans Team zurückgeben',
    params: taskId, body: { schema: reasonBody, required: true }, success: taskResult, errors: [404, 409],
  },
  {
    key: 'POST /tasks/{id}/comments', operationId: 'commentTask', tag: 'Aufgaben', summary: 'Kommentar zur Aufgabe',
    params: taskId, body: { schema: commentBody, required: true },
    success: { status: 201, description: 'die Aufgabe mit dem Kommentar', schema: r.taskSchema }, errors: [404, 409],
  },
  {
    key: 'POST /runs/{id}/documents', operationId: 'uploadDocument', tag: 'Vorgänge', summary: 'Dokument zum Vorgang (oder zu einer seiner Aufgaben) hochladen',
    description: 'multipart/form-data: Feld `file`, optional `taskId` und `kind`. Der Typ wird aus dem Inhalt bestimmt (PDF, Bilder, Office, CSV), nicht aus dem Namen; andere Inhalte 415, zu große Dateien 413 (DOCUMENT_MAX_MB, Standard 25).',
    params: runId, body: { schema: uploadFields, required: true, multipart: true },
    success: { status: 201, description: 'das gespeicherte Dokument', schema: r.documentSchema, location: true }, errors: [404],
  },
  {
    key: 'GET /runs/{id}/documents', operationId: 'listDocuments', tag: 'Vorgänge', summary: 'Dokumente des Vorgangs',
    params: runId, query: pageQuery, success: { status: 200, description: 'eine Seite Dokumente, älteste zuerst', schema: r.pages.documents }, errors: [400, 404],
  },
  {
    key: 'GET /gemeinden/{ags}/devices', operationId: 'listDevices', tag: 'Vorgänge', summary: 'Geräte der Gemeinde (JSON oder CSV)',
    description: 'Geräte aus dem Inventarimport mit Charge und Zustand je Schritt. CSV (`Accept: text/csv`): die ganze gefilterte Liste.',
    params: { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } }, query: listDevicesQuery,
    success: { status: 200, description: 'eine Seite Geräte (CSV: alle)', schema: devicePage, csv: true }, errors: [400, 404],
  },
  {
    key: 'GET /gemeinden/{ags}/device-register', operationId: 'deviceRegister', tag: 'Vorgänge', summary: 'Geräteregister der Gemeinde (JSON oder CSV)',
    description: 'Je Gerät und Schritt: Altgerät, Neugerät, wer, wann. CSV (`Accept: text/csv`): das ganze Register.',
    params: { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } }, query: pageQuery,
    success: { status: 200, description: 'eine Seite des Registers (CSV: alles)', schema: deviceRegisterPage, csv: true }, errors: [400, 404],
  },
  {
    key: 'GET /gemeinden/{ags}/destruction-certificates', operationId: 'destructionCertificates', tag: 'Vorgänge', summary: 'Vernichtungsnachweise der Gemeinde (JSON oder CSV)',
    description: 'Je Nachweis: Schutzklasse und Sicherheitsstufe nach DIN 66399, Nummer, erfasste Geräte. CSV (`Accept: text/csv`): alle.',
    params: { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } }, query: pageQuery,
    success: { status: 200, description: 'eine Seite Nachweise (CSV: alle)', schema: destructionCertificatePage, csv: true }, errors: [400, 404],
  },
  {
    key: 'GET /runs/{id}/devices', operationId: 'listRunDevices', tag: 'Vorgänge', summary: 'Geräte der Rollout-Charge',
    params: runId, query: pageQuery,
    success: { status: 200, description: 'eine Seite Geräte der Charge mit ihrem Zustand je Schritt', schema: devicePage }, errors: [400, 404],
  },
  {
    key: 'POST /runs/{id}/devices/actions', operationId: 'recordDeviceOutcome', tag: 'Vorgänge', summary: 'Ein Ergebnis für viele Geräte eines Schritts erfassen',
    description: 'Ein Ergebnis je Gerät; eine Ablehnung hält die übrigen nicht auf. Sind alle Geräte der Charge erledigt oder ausgenommen, wird die Aufgabe der Charge erledigt. Erfasst wird erst, wenn die Aufgabe des Schritts geöffnet ist (sonst 409).',
    params: runId, body: { schema: deviceActionBody, required: true },
    success: { status: 200, description: 'ein Ergebnis je Gerät', schema: deviceActionAnswer }, errors: [403, 404, 409, 422],
  },
  {
    key: 'GET /documents/{id}', operationId: 'downloadDocument', tag: 'Vorgänge', summary: 'Dokument herunterladen',
    params: documentId, success: { status: 200, description: 'die Datei in ihrem Medientyp', binary: true }, errors: [404],
  },
  {
    key: 'DELETE /documents/{id}', operationId: 'deleteDocument', tag: 'Vorgänge', summary: 'Dokument löschen (protokolliert)',
    params: documentId, success: { status: 204, description: 'gelöscht' }, errors: [404],
  },
  {
    key: 'GET /runs/{id}/messages', operationId: 'listMessages', tag: 'Vorgänge', summary: 'Nachrichten zwischen Gemeinde und Projektleitung',
    params: runId, query: pageQuery, success: { status: 200, description: 'eine Seite Nachrichten, älteste zuerst', schema: r.pages.messages }, errors: [400, 404],
  },
  {
    key: 'POST /runs/{id}/messages', operationId: 'postMessage', tag: 'Vorgänge', summary: 'Nachricht an die andere Seite (Gemeinde oder Projektleitung)',
    description: 'Die andere Seite erhält die Nachricht per Mail: eine Nachricht der Gemeinde die Projektleitung des Vorgangs, eine des KU die Ansprechpersonen der Gemeinde.',
    params: runId, body: { schema: messageBody, required: true },
    success: { status: 201, description: 'die gespeicherte Nachricht', schema: r.messageSchema }, errors: [404],
  },
  {
    key: 'POST /me/calendar', operationId: 'renewCalendarFeed', tag: 'Anmeldung', summary: 'Persönliches Kalender-Abo anlegen oder erneuern',
    description: 'Die geheime Adresse steht nur in dieser Antwort; eine frühere Adresse gilt danach nicht mehr.',
    body: { schema: emptyBody, required: false },
    success: { status: 201, description: 'die Abo-Adresse', schema: r.calendarFeedSchema },
  },
  {
    key: 'GET /calendar/{token}', operationId: 'getCalendarFeed', tag: 'Anmeldung', summary: 'Persönlicher Kalender (iCalendar)',
    description: 'Aufruf als `/calendar/<Geheimnis>.ics` ohne Bearer-Token (für Outlook und Thunderbird): fällige Aufgaben und Meilensteine der eigenen Vorgänge als ganztägige Termine (Europe/Berlin).',
    params: { token: { description: '`<Geheimnis>.ics` aus POST /me/calendar', example: 'k3y….ics' } },
    success: { status: 200, description: 'der Kalender', calendar: true }, errors: [404],
  },
  {
    key: 'GET /runs/{id}/calendar.ics', operationId: 'getRunCalendar', tag: 'Vorgänge', summary: 'Meilensteine des Vorgangs als iCalendar',
    params: runId, success: { status: 200, description: 'die Meilensteine und das Ziel-Go-live', calendar: true }, errors: [404],
  },
  {
    key: 'GET /dashboard', operationId: 'getDashboard', tag: 'Übersicht', summary: 'Portfolio: laufende Onboardings, Zählungen, Abschlüsse je Jahr',
    success: { status: 200, description: 'die Übersicht', schema: r.dashboardSchema },
  },
  {
    key: 'GET /dashboard/trend', operationId: 'getHealthTrend', tag: 'Übersicht', summary: 'Ampel der laufenden Onboardings in den letzten 8 Wochen',
    query: pageQuery, errors: [400],
    success: { status: 200, description: 'je Onboarding die Ampel am Ende jedes Tages in `weeks` (null: noch nicht gestartet)', schema: planning.healthTrendSchema },
  },
  {
    key: 'POST /events', operationId: 'reportEvent', tag: 'Integration', summary: 'Eingehendes Ereignis eines Fremdsystems',
    description: 'Signiert mit `X-Sender` und `X-Signature: sha256=<HMAC-SHA256 des Inhalts>` oder mit Bearer-Token einer meldeberechtigten Rolle. Idempotent über die Ereignis-ID.',
    body: { schema: inboundEventBody, required: true },
    success: { status: 200, description: 'der erledigte Schritt', schema: r.inboundResultSchema }, errors: [404, 409],
  },
  {
    key: 'GET /webhooks', operationId: 'listWebhooks', tag: 'Integration', summary: 'Webhook-Abonnements',
    query: pageQuery, success: { status: 200, description: 'eine Seite Abonnements', schema: r.pages.webhooks }, errors: [400],
  },
  {
    key: 'POST /webhooks', operationId: 'createWebhook', tag: 'Integration', summary: 'Webhook abonnieren (das Geheimnis steht nur in dieser Antwort)',
    body: { schema: createWebhookBody, required: true },
    success: { status: 201, description: 'das Abonnement', schema: r.createdWebhookSchema, location: true },
  },
  {
    key: 'DELETE /webhooks/{id}', operationId: 'deleteWebhook', tag: 'Integration', summary: 'Webhook löschen',
    params: webhookId, success: { status: 204, description: 'gelöscht' }, errors: [404],
  },
  {
    key: 'GET /webhooks/{id}/deliveries', operationId: 'listWebhookDeliveries', tag: 'Integration', summary: 'Zustellversuche eines Webhooks',
    params: webhookId, query: deliveriesQuery,
    success: { status: 200, description: 'eine Seite Zustellversuche', schema: r.pages.deliveries }, errors: [400, 404],
  },
  {
    key: 'GET /people', operationId: 'listPeopleNames', tag: 'Verwaltung', summary: 'Namen der Personen, die die aufrufende Person sehen darf',
    description: 'Für Namen statt Kennungen (Bearbeitung, Freigaben). Gemeinde-Nutzer sehen die Mitarbeitenden des IT-Dienstleisters und die Personen ihrer eigenen Gemeinde.',
    query: pageQuery, success: { status: 200, description: 'eine Seite Personen', schema: r.personNamesSchema }, errors: [400],
  },
  {
    key: 'GET /admin/people', operationId: 'listPeople', tag: 'Verwaltung', summary: 'Personen mit Rollen und Gemeinden, letzter Verzeichnisabgleich',
    query: pageQuery, success: { status: 200, description: 'eine Seite Personen (auch deaktivierte)', schema: r.peopleSchema }, errors: [400],
  },
  {
    key: 'POST /admin/directory/sync', operationId: 'syncDirectory', tag: 'Verwaltung', summary: 'Verzeichnis (LDAP) jetzt abgleichen',
    description: 'Läuft sonst alle 15 Minuten. Wer nicht mehr in den zugeordneten Gruppen ist, wird deaktiviert, nie gelöscht.',
    body: { schema: emptyBody, required: false },
    success: { status: 200, description: 'der Abgleich ist gelaufen', schema: r.syncResultSchema }, errors: [409, 502],
  },
  {
    key: 'GET /dev/mail', operationId: 'listDevMail', tag: 'Entwicklung', summary: 'Aufgefangene Mails (ohne SMTP_URL)', embeddedOnly: true,
    query: devMailQuery, success: { status: 200, description: 'eine Seite Mails', schema: r.pages.mail }, errors: [400],
  },
  ...PLANNING_OPERATIONS,
  ...BATCH_OPERATIONS,
];
