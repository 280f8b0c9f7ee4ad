// Documents of a run: upload (multipart, field `file`, optional `taskId` and `kind`), list, download, and deletion
// by the administration. The type is decided by the file's content (api/document-type.ts); the bytes live in
// PostgreSQL (store/documents.ts), never in the workflow. Another Gemeinde's run or document answers 404.
import busboy from 'busboy';
import { type Request } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { logFailure } from '../failure-log';
import { pageOf, pageQuery } from '../paging';
import { detectDocumentType } from '../document-type';
import { DENIED, isTenantScoped, may, seesGemeinde, type Principal } from '../policy';
import { HttpProblem, parseOr422, problem } from '../problem';
import { liveState } from '../run-reader';
import { tellRun } from '../run-notes';
import { DuplicateDocumentError, type DocumentMeta } from '../../store/store';
import { isTemplateKind, type DocumentAudience } from '../../domain/document-kinds';
import { berlinDate } from '../../domain/berlin-time';
import { germanDate } from '../../domain/health';
import * as responses from '../openapi/responses';
import { documentId, runId } from '../openapi/params';
import { perDeps, route } from '../route';

export const DEFAULT_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;

export const uploadFields = z.strictObject({
  taskId: z.string().min(1).max(300).optional().describe('Aufgabe des Vorgangs, zu der das Dokument gehört'),
  kind: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche (höchstens 40)').optional()
    .describe('Art des Dokuments, z. B. `vertrag`, `avv`, `vernichtungsnachweis`'),
});

/** An upload to the documents of a run is multipart, not JSON: the route checks its content type itself. */
export function isDocumentUpload(req: Request): boolean {
  // any method: only POST has a route here, so another method with a file gets 405 (not 415) further on
  return /^\/runs\/[^/]+\/documents\/?$/i.test(req.path);
}

export function documentView(d: DocumentMeta) {
  return { id: d.id, name: d.name, type: d.type, size: d.size, sha256: d.sha256, by: d.by, at: d.at, ...(d.taskId ? { taskId: d.taskId } : {}), ...(d.kind ? { kind: d.kind } : {}) };
}

interface Upload {
  file?: { name: string; content: Buffer };
  fields: Record<string, string>;
}

const tooLarge = (max: number) => new HttpProblem(413, 'Anfrage zu groß', `Die Datei ist größer als ${Math.floor(max / (1024 * 1024))} MB.`);

/** Reads the multipart body into memory, at most `max` bytes of file. */
function readUpload(req: Request, max: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: max, files: 1, fields: 5, fieldSize: 1000, parts: 8 } });
    } catch {
      reject(new HttpProblem(415, 'Nicht unterstützter Inhaltstyp', 'Bitte multipart/form-data mit dem Feld file senden.'));
      return;
    }
    const upload: Upload = { fields: {} };
    let failure: HttpProblem | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        failure ??= problem.invalid([{ path: field, message: 'Unbekanntes Dateifeld; die Datei gehört in das Feld file' }]);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => { failure ??= tooLarge(max); });
      stream.on('close', () => {
        // the name as the user's computer knew it, without any folder, for the listing and the download only
        const name = (info.filename ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200).trim();
        upload.file = { name: name || 'Dokument', content: Buffer.concat(chunks) };
      });
    });
    parser.on('field', (name, value) => { upload.fields[name] = value; });
    parser.on('close', () => (failure ? reject(failure) : resolve(upload)));
    parser.on('error', () => reject(problem.badRequest('Der multipart-Inhalt ist nicht lesbar.')));
    req.pipe(parser);
  });
}

/** What the handlers below share, built once per app. */
const documentShared = perDeps((deps: ApiDeps) => {
  const max = deps.documentMaxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES;

  /** The run (id and AGS) if the principal sees it; its documents belong to its Gemeinde. */
  async function visibleRun(runId: string, p: Principal): Promise<{ id: string; ags: string }> {
    const run = await deps.store.getRun(runId);
    if (run) {
      if (seesGemeinde(p, run.ags)) return { id: run.id, ags: run.ags };
      throw problem.notFound('Vorgang nicht gefunden.');
    }
    // a run just started may not have reached the read model yet
    const state = await liveState(deps.client, runId);
    if (!seesGemeinde(p, state.gemeinde.ags)) throw problem.notFound('Vorgang nicht gefunden.');
    return { id: runId, ags: state.gemeinde.ags };
  }
  /**
   * A paper that crosses sides is mailed (workflow `documentMail`, one per document): the Gemeinde's upload to the
   * run's lead, a draft the KU provides for signing to the Gemeinde. The upload is recorded whatever happens here: a
   * mail that cannot be started (Temporal unreachable) is logged, not turned into a failed upload that a retry would
   * then find a duplicate of.
   */
  async function mailAbout(doc: DocumentMeta, p: Principal): Promise<void> {
    const audience: DocumentAudience | undefined = isTenantScoped(p) ? 'leads' : isTemplateKind(doc.kind) ? 'gemeinde' : undefined;
    if (!audience) return;
    try {
      await deps.client.workflow.start('documentMail', {
        workflowId: `document-mail-${doc.id}`, taskQueue: deps.taskQueue, args: [{ documentId: doc.id, audience }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      logFailure(deps, 'document mail not started', err, { documentId: doc.id });
    }
  }
  return { max, visibleRun, mailAbout };
});

export const DOCUMENT_ROUTES = [
  route({
    key: 'POST /runs/{id}/documents', access: 'document.upload',
    operationId: 'uploadDocument', tag: 'Vorgänge', summary: 'Dokument zum Vorgang (oder zu einer seiner Aufgaben) hochladen',
    description: 'multipart/form-data: Feld `file`, optional `taskId` und `kind`. Der Typ wird aus dem Inhalt bestimmt (PDF, Bilder, Office, CSV), nicht aus dem Namen; andere Inhalte 415, zu große Dateien 413 (DOCUMENT_MAX_MB, Standard 25), dieselbe Datei als dieselbe Art noch einmal 409. Ein Dokument der Gemeinde meldet das System der Projektleitung per Mail, eine Vorlage zur Unterschrift (Art `…-vorlage`) des KU der Gemeinde.',
    params: runId, body: { schema: uploadFields, required: true, multipart: true },
    success: { status: 201, description: 'das gespeicherte Dokument', schema: responses.documentSchema, location: true }, errors: [404, 409],
    handler: (deps) => {
      const { max, visibleRun, mailAbout } = documentShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const run = await visibleRun(req.params.id, p);
        if (!req.is('multipart/form-data')) {
          throw new HttpProblem(415, 'Nicht unterstützter Inhaltstyp', 'Bitte multipart/form-data mit dem Feld file senden.');
        }
        // refused before a byte is read when the announced size is already too much (multipart overhead allowed for)
        if (Number(req.get('content-length') ?? 0) > max + 64 * 1024) throw tooLarge(max);
        const upload = await readUpload(req, max);
        const fields = parseOr422(uploadFields, upload.fields);
        // a draft to sign is the KU's to provide: one from the Gemeinde would be offered back to it as the KU's
        if (isTemplateKind(fields.kind) && !may(p, 'document.draft')) throw problem.invalid([{ path: 'kind', message: DENIED['document.draft'] }]);
        if (!upload.file) throw problem.invalid([{ path: 'file', message: 'Bitte eine Datei anhängen' }]);
        const task = fields.taskId?.startsWith(`${run.id}:`) ? await deps.store.getTask(fields.taskId) : undefined;
        if (fields.taskId && !task) throw problem.invalid([{ path: 'taskId', message: 'Keine Aufgabe dieses Vorgangs' }]);
        const detected = detectDocumentType(upload.file.content);
        if (!detected.ok) {
          throw new HttpProblem(415, 'Nicht unterstützter Dateityp', detected.reason, [{ path: 'file', message: detected.reason }]);
        }
        const saved = await deps.store.documents.save({
          runId: run.id, ags: run.ags, taskId: fields.taskId, kind: fields.kind,
          name: upload.file.name, type: detected.type.mime, content: upload.file.content, by: p.id,
        }).catch((err: unknown) => {
          if (!(err instanceof DuplicateDocumentError)) throw err;
          throw problem.conflict(`Diese Datei ist hier schon vorhanden: „${err.existing.name}“, hochgeladen am ${germanDate(berlinDate(err.existing.at))}.`);
        });
        await Promise.all([
          mailAbout(saved, p),
          tellRun(deps, run.id, { type: 'document.uploaded', actor: p.id, data: { documentId: saved.id, ...(saved.kind ? { kind: saved.kind } : {}), ...(task ? { stepId: task.stepId } : {}) } }),
        ]);
        res.status(201).location(`/api/v1/documents/${saved.id}`).json(documentView(saved));
      };
    },
  }),
  route({
    key: 'GET /runs/{id}/documents', access: 'document.read',
    operationId: 'listDocuments', tag: 'Vorgänge', summary: 'Dokumente des Vorgangs',
    params: runId, query: pageQuery, success: { status: 200, description: 'eine Seite Dokumente, älteste zuerst', schema: responses.pages.documents }, errors: [400, 404],
    handler: (deps) => {
      const { visibleRun } = documentShared(deps);
      return async (req, res) => {
        const run = await visibleRun(req.params.id, principalOf(res));
        const q = parseOr422(pageQuery, req.query);
        res.json(pageOf((await deps.store.documents.list(run.id)).map(documentView), q));
      };
    },
  }),
  route({
    key: 'GET /documents/{id}', access: 'document.read',
    operationId: 'downloadDocument', tag: 'Vorgänge', summary: 'Dokument herunterladen',
    params: documentId, success: { status: 200, description: 'die Datei in ihrem Medientyp', binary: true }, errors: [404],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const doc = await deps.store.documents.get(req.params.id);
      if (!doc || !seesGemeinde(p, doc.ags)) throw problem.notFound('Dokument nicht gefunden.');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('ETag', `"${doc.sha256}"`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // attachment() guesses a type from the name; the stored type, from the content, must win
      res.attachment(doc.name).type(doc.type).send(doc.content);
    },
  }),
  route({
    key: 'DELETE /documents/{id}', access: 'document.delete',
    operationId: 'deleteDocument', tag: 'Vorgänge', summary: 'Dokument löschen (protokolliert)',
    params: documentId, success: { status: 204, description: 'gelöscht' }, errors: [404],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const doc = await deps.store.documents.meta(req.params.id);
      if (!doc || !seesGemeinde(p, doc.ags)) throw problem.notFound('Dokument nicht gefunden.');
      if (await deps.store.documents.remove(doc.id, p.id)) {
        await tellRun(deps, doc.runId, { type: 'document.deleted', actor: p.id, data: { documentId: doc.id, ...(doc.kind ? { kind: doc.kind } : {}) } });
      }
      res.status(204).end();
    },
  }),
] as const;
