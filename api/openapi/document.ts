// Generates the OpenAPI 3.1 document from OPERATIONS: request schemas as zod validates them (input side), answers as
// the views build them (output side), problem responses for every status an operation can answer, the bearer
// scheme, and the roles of each operation from the policy. JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so
// zod's converter output is used as it is; named shapes are hoisted into components.schemas.
import { z } from 'zod';
import { MATRIX, type Access } from '../policy';
import { ROUTE_ACTIONS } from '../route-table';
import { OPERATIONS, type OperationDoc, type Tag } from './operations';
import { healthSchema, problemSchema, readinessSchema } from './responses';

type Json = Record<string, unknown>;

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Ungültige Anfrage: kein gültiges JSON oder fehlerhafte Query',
  401: 'Nicht angemeldet: Token fehlt, ist ungültig oder abgelaufen',
  403: 'Nicht erlaubt: die Rolle darf das nicht',
  404: 'Nicht gefunden (auch: Ressource einer anderen Gemeinde)',
  406: 'Kein passendes Format: die Ressource gibt es nur in den genannten Medientypen (Accept)',
  409: 'Konflikt mit dem Zustand (läuft schon, nicht mehr offen, dieselbe Person zweimal, Anfrage mit diesem Idempotency-Key noch in Arbeit)',
  413: 'Inhalt zu groß',
  415: 'Inhalt ist kein application/json',
  422: 'Eingaben ungültig: Feldfehler in `errors` (unbekannte Felder und Query-Parameter eingeschlossen)',
  429: 'Zu viele Anfragen: nach `Retry-After` Sekunden erneut',
  431: 'Adresse oder Kopfzeilen der Anfrage zu groß (über 16 KB)',
  500: 'Interner Fehler (ohne Einzelheiten; die requestId findet ihn im Log)',
  502: 'Ein angebundenes System (Verzeichnis) hat den Auftrag nicht erfüllt; die Ursache steht in `detail`',
  503: 'Eine Abhängigkeit (Workflow-Engine, Datenbank, Anmeldedienst) ist nicht erreichbar',
};

/** The groups of operations as the docs page shows them, in this order. */
const TAGS: Record<Tag | 'Betrieb', string> = {
  Anmeldung: 'Wie sich Oberfläche und andere Clients anmelden, und wer angemeldet ist.',
  Katalog: 'Fachverfahren, Gemeinden, IT-Leistungen und Prozessvorlagen (nur lesend).',
  Vorgänge: 'Vorgänge starten, verfolgen, steuern und abbrechen; ihr Protokoll.',
  Aufgaben: 'Arbeit für Personen: übernehmen, erledigen, freigeben, zurückgeben, kommentieren.',
  Übersicht: 'Portfolio der laufenden Onboardings für Vorstand und Bereichsleitung.',
  Integration: 'Eingehende Ereignisse von Fremdsystemen und ausgehende Webhooks.',
  Verwaltung: 'Für Administratorinnen und Administratoren: Personen aus dem Verzeichnis und ihr Abgleich.',
  Entwicklung: 'Nur im eingebetteten Demo-Betrieb: Demo-Benutzer und aufgefangene Mails.',
  Betrieb: 'Lebenszeichen, Bereitschaft, Kennzahlen und diese Beschreibung; ohne Benutzer-Token.',
};

/** Converts zod schemas, collecting named shapes into one components.schemas map. */
class SchemaSet {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
    const { $defs, $schema: _dialect, ...root } = json as Json & { $defs?: Record<string, Json> };
    for (const [id, def] of Object.entries($defs ?? {})) this.add(id, def);
    return relink(root);
  }

  private add(id: string, def: Json): void {
    const linked = relink(def);
    const known = this.components[id];
    if (known && JSON.stringify(known) !== JSON.stringify(linked)) throw new Error(`two different shapes are named ${id}`);
    this.components[id] = linked;
  }
}

function relink(json: Json): Json {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

const ref = (name: string, kind = 'responses') => ({ $ref: `#/components/${kind}/${name}` });

function problemStatuses(op: OperationDoc, access: Access): number[] {
  const s = new Set<number>([422, 429, 431, 500, 503, ...(op.errors ?? [])]);
  if (access !== 'public') s.add(401);
  if (access !== 'public' && access !== 'authenticated') s.add(403);
  if (op.body) [400, 413, 415].forEach((x) => s.add(x));
  if (op.embeddedOnly) s.add(404);
  if (op.key.startsWith('POST ') && access !== 'signed') s.add(409);
  return [...s].sort((a, b) => a - b);
}

/** JSON, or multipart with a `file` part beside the fields of the schema (document uploads) */
function requestContent(body: NonNullable<OperationDoc['body']>, schemas: SchemaSet): Json {
  const schema = schemas.convert(body.schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  if (!body.multipart) return { 'application/json': { schema } };
  return {
    'multipart/form-data': {
      schema: {
        ...schema,
        properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'die Datei' }, ...schema.properties },
        required: ['file', ...(schema.required ?? [])],
      },
    },
  };
}

function operation(op: OperationDoc, schemas: SchemaSet): Json {
  const access: Access = ROUTE_ACTIONS[op.key];
  const method = op.key.split(' ')[0];
  const roles = access in MATRIX ? MATRIX[access as keyof typeof MATRIX] : undefined;
  const who = access === 'public'
    ? 'Ohne Anmeldung.'
    : access === 'signed'
      ? 'Signiert (X-Sender, X-Signature) oder Bearer-Token.'
      : roles ? `Rollen: ${roles.join(', ')}.` : 'Jeder angemeldete Benutzer.';
  const parameters: Json[] = [];
  for (const [name, { description, example }] of Object.entries(op.params ?? {})) {
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string', minLength: 1, maxLength: 300 }, example });
  }
  if (op.query) {
    const q = schemas.convert(op.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  if (method === 'POST' && access !== 'signed') parameters.push(ref('IdempotencyKey', 'parameters'));
  if (access === 'signed') {
    parameters.push(
      { name: 'X-Sender', in: 'header', required: false, description: 'meldendes System', schema: { type: 'string', maxLength: 200 } },
      { name: 'X-Signature', in: 'header', required: false, description: '`sha256=<hex HMAC-SHA256 des Inhalts>`', schema: { type: 'string', maxLength: 200 } },
    );
  }

  const ok = op.success;
  const headers: Json = { 'X-Request-Id': ref('RequestId', 'headers') };
  if (ok.location) headers.Location = ref('Location', 'headers');
  if (method === 'POST' && access !== 'signed') headers['Idempotent-Replayed'] = ref('IdempotentReplayed', 'headers');
  const content: Json = {};
  if (ok.schema) content['application/json'] = { schema: schemas.convert(ok.schema, 'output') };
  if (ok.binary) content['application/octet-stream'] = { schema: { type: 'string', contentMediaType: 'application/octet-stream' } };
  if (ok.pdf) content['application/pdf'] = { schema: { type: 'string', contentMediaType: 'application/pdf' } };
  if (ok.calendar) content['text/calendar'] = { schema: { type: 'string', description: 'iCalendar (RFC 5545)' } };
  if (ok.csv) content['text/csv'] = { schema: { type: 'string', description: 'Semikolon-getrennt, UTF-8 mit BOM' } };
  const responses: Json = {
    [ok.status]: { description: ok.description, headers, ...(ok.schema || ok.csv || ok.binary || ok.pdf || ok.calendar ? { content } : {}) },
  };
  for (const status of problemStatuses(op, access)) responses[status] = ref(`Problem${status}`);

  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, who, op.embeddedOnly ? 'Nur im eingebetteten Demo-Betrieb; sonst 404.' : undefined].filter(Boolean).join('\n\n'),
    'x-access': access,
    ...(roles ? { 'x-roles': roles } : {}),
    ...(access === 'public' ? { security: [] } : access === 'signed' ? { security: [{ signature: [] }, { bearerAuth: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: op.body.required, content: requestContent(op.body, schemas) } } : {}),
    responses,
  };
}

export interface DocumentOptions {
  /** demo users and the dev mailbox exist only in embedded mode */
  embedded: boolean;
  /** /metrics exists only with a METRICS_TOKEN */
  metrics?: boolean;
  publicUrl?: string;
  version?: string;
}

export function openApiDocument(opts: DocumentOptions): Json {
  const schemas = new SchemaSet();
  const problem = schemas.convert(problemSchema, 'output');
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    if (op.embeddedOnly && !opts.embedded) continue;
    const [method, template] = op.key.split(' ');
    const path = `/api/v1${template}`;
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(op, schemas) };
  }
  const plain = (operationId: string, summary: string, responses: Json) => ({
    get: { operationId, tags: ['Betrieb'], summary, security: [], responses: { ...responses, 429: ref('Problem429'), 431: ref('Problem431') } },
  });
  paths['/healthz'] = plain('health', 'Prozess lebt', { 200: { description: 'ok', content: { 'application/json': { schema: schemas.convert(healthSchema, 'output') } } } });
  paths['/readyz'] = plain('readiness', 'Workflow-Engine, Datenbank und Anmeldedienst erreichbar', {
    200: { description: 'bereit', content: { 'application/json': { schema: schemas.convert(readinessSchema, 'output') } } },
    503: { description: 'nicht bereit', content: { 'application/json': { schema: schemas.convert(readinessSchema, 'output') } } },
  });
  paths['/openapi.json'] = plain('openapi', 'Dieses Dokument', { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } });
  if (opts.metrics) paths['/metrics'] = {
    get: {
      operationId: 'metrics', tags: ['Betrieb'], summary: 'Kennzahlen im Prometheus-Format (nur mit METRICS_TOKEN eingerichtet)',
      security: [{ metricsToken: [] }],
      responses: {
        200: { description: 'Prometheus-Textformat', content: { 'text/plain': { schema: { type: 'string' } } } },
        401: ref('Problem401'), 404: ref('Problem404'), 429: ref('Problem429'), 431: ref('Problem431'),
      },
    },
  };
  paths['/docs'] = plain('docs', 'Lesbare API-Dokumentation', { 200: { description: 'HTML-Seite', content: { 'text/html': { schema: { type: 'string' } } } } });

  const problemResponses: Record<string, Json> = {};
  for (const [status, description] of Object.entries(PROBLEM_TEXT)) {
    problemResponses[`Problem${status}`] = {
      description,
      headers: { 'X-Request-Id': ref('RequestId', 'headers'), ...(status === '429' ? { 'Retry-After': ref('RetryAfter', 'headers') } : {}) },
      content: { 'application/problem+json': { schema: problem } },
    };
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Gemeinde-Onboarding – Workflow-API',
      version: opts.version ?? '1',
      description: [
        'HTTP-API der Workflow-Engine des Kommunalunternehmens: Vorgänge (Onboarding, Verfahrensmigration, Arbeitsplatz-Rollout), Aufgaben, Protokoll, Katalog.',
        'Fehler sind `application/problem+json` (RFC 9457). Unbekannte Felder im Inhalt und unbekannte Query-Parameter werden mit 422 abgelehnt.',
        'POST-Aktionen nehmen einen `Idempotency-Key`: eine Wiederholung mit demselben Schlüssel erhält die erste Antwort.',
        'Listen antworten seitenweise mit `{ items, nextCursor }`: `limit` (1–500, Standard 50) und `cursor` (der `nextCursor` der vorigen Seite); `nextCursor` ist `null` auf der letzten Seite.',
      ].join('\n\n'),
      // the company's own software, no licence granted (package.json: UNLICENSED); SPDX names such a licence LicenseRef-…
      license: { name: 'Proprietär – nur für den Betrieb des Kommunalunternehmens', identifier: 'LicenseRef-Proprietary' },
    },
    // without PUBLIC_URL the API is where this document was fetched from (a relative server URL says exactly that)
    servers: [opts.publicUrl
      ? { url: opts.publicUrl.replace(/\/+$/, ''), description: 'öffentliche Adresse (PUBLIC_URL)' }
      : { url: '/', description: 'derselbe Server, der dieses Dokument ausliefert' }],
    security: [{ bearerAuth: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
          description: 'OIDC-Access-Token des Identitätsdienstes; im eingebetteten Demo-Betrieb `demo-<benutzer-id>` (siehe /api/v1/dev/users).',
        },
        ...(opts.metrics ? { metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN des Betriebs (nicht das Token einer Person)' } } : {}),
        signature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'HMAC-SHA256 des Inhalts mit dem Geheimnis des Absenders (X-Sender)' },
      },
      schemas: schemas.components,
      responses: problemResponses,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key', in: 'header', required: false,
          description: 'Wiederholungen mit demselben Schlüssel (je Benutzer) erhalten die erste Antwort statt einer zweiten Ausführung; 24 Stunden gültig.',
          schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]+$' },
        },
      },
      headers: {
        RequestId: { description: 'Kennung der Anfrage (auch in Log und Problem-Antwort)', schema: { type: 'string' } },
        Location: { description: 'Adresse der neuen Ressource', schema: { type: 'string' } },
        RetryAfter: { description: 'Sekunden bis zum nächsten Versuch', schema: { type: 'integer', minimum: 0 } },
        IdempotentReplayed: { description: '`true`, wenn dies die gespeicherte erste Antwort ist', schema: { type: 'string', enum: ['true'] } },
      },
    },
  };
}
