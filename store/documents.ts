// Documents of runs (table `documents`) and what happened to them (table `document_events`, append-only). The
// content is kept as bytea with its SHA-256; a deleted document keeps its row (who deleted it, when) but loses its
// bytes, so the trail stays and the paper is gone.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './db';
import { DuplicateDocumentError } from './errors';

export interface DocumentMeta {
  id: string;
  runId: string;
  ags: string;
  taskId?: string;
  kind?: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  by: string;
  at: string;
}

export interface NewDocument {
  runId: string;
  ags: string;
  taskId?: string;
  kind?: string;
  name: string;
  type: string;
  content: Buffer;
  by: string;
  /** a fixed id makes saving idempotent (generated documents: one per run and kind); default a fresh UUID */
  id?: string;
}

export interface DocumentEvent {
  documentId: string;
  type: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

export interface DocumentStore {
  /** stores the document and its `document.uploaded` event (`document.generated` when `generated`); with a fixed id
   * an existing document is returned unchanged. An upload of the same content as the same kind to the same run is
   * refused (DuplicateDocumentError naming the first): a double click or the same scan twice, not news. */
  save(doc: NewDocument, opts?: { generated?: boolean }): Promise<DocumentMeta>;
  /** the run's documents that are not deleted, oldest first */
  list(runId: string): Promise<DocumentMeta[]>;
  /** a document that is not deleted, with its bytes */
  get(id: string): Promise<(DocumentMeta & { content: Buffer }) | undefined>;
  /** the same without its bytes */
  meta(id: string): Promise<DocumentMeta | undefined>;
  /** removes the bytes and records who did it; false when there was nothing to delete */
  remove(id: string, by: string): Promise<boolean>;
  events(runId: string): Promise<DocumentEvent[]>;
}

interface Row {
  id: string;
  run_id: string;
  ags: string;
  task_id: string | null;
  kind: string | null;
  name: string;
  type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date | string;
}

const COLUMNS = 'id, run_id, ags, task_id, kind, name, type, size, sha256, uploaded_by, uploaded_at';

function meta(r: Row): DocumentMeta {
  return {
    id: r.id,
    runId: r.run_id,
    ags: r.ags,
    ...(r.task_id ? { taskId: r.task_id } : {}),
    ...(r.kind ? { kind: r.kind } : {}),
    name: r.name,
    type: r.type,
    size: r.size,
    sha256: r.sha256,
    by: r.uploaded_by,
    at: new Date(r.uploaded_at).toISOString(),
  };
}

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function documentStore(db: Db): DocumentStore {
  return {
    async save(doc, opts = {}) {
      const id = doc.id ?? randomUUID();
      const sha256 = sha256Hex(doc.content);
      return db.transaction(async (tx) => {
        if (!opts.generated) {
          const same = await tx.query<Row>(
            `SELECT ${COLUMNS} FROM documents WHERE run_id = $1 AND sha256 = $2 AND coalesce(kind, '') = $3 AND deleted_at IS NULL
             ORDER BY uploaded_at LIMIT 1`,
            [doc.runId, sha256, doc.kind ?? ''],
          );
          if (same.rows.length) throw new DuplicateDocumentError(meta(same.rows[0]));
        }
        const inserted = await tx.query<Row>(
          `INSERT INTO documents (id, run_id, ags, task_id, kind, name, type, size, sha256, content, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
          [id, doc.runId, doc.ags, doc.taskId ?? null, doc.kind ?? null, doc.name, doc.type, doc.content.length, sha256, doc.content, doc.by],
        );
        if (!inserted.rows.length) {
          const existing = await tx.query<Row>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
          return meta(existing.rows[0]);
        }
        // only the id and the hash: the event must not carry the paper's content or personal data
        await tx.query(
          'INSERT INTO document_events (document_id, run_id, type, actor, data) VALUES ($1, $2, $3, $4, $5::text::jsonb)',
          [id, doc.runId, opts.generated ? 'document.generated' : 'document.uploaded', doc.by, JSON.stringify({ sha256, ...(doc.taskId ? { taskId: doc.taskId } : {}), ...(doc.kind ? { kind: doc.kind } : {}) })],
        );
        return meta(inserted.rows[0]);
      });
    },
    async list(runId) {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM documents WHERE run_id = $1 AND deleted_at IS NULL ORDER BY uploaded_at, id`,
        [runId],
      );
      return rows.map(meta);
    },
    async get(id) {
      const { rows } = await db.query<Row & { content: Uint8Array }>(
        `SELECT ${COLUMNS}, content FROM documents WHERE id = $1 AND deleted_at IS NULL`,
        [id],
      );
      return rows[0] ? { ...meta(rows[0]), content: Buffer.from(rows[0].content) } : undefined;
    },
    async meta(id) {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM documents WHERE id = $1 AND deleted_at IS NULL`, [id]);
      return rows[0] ? meta(rows[0]) : undefined;
    },
    async remove(id, by) {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ run_id: string; sha256: string }>(
          `UPDATE documents SET deleted_at = now(), deleted_by = $2, content = ''::bytea
           WHERE id = $1 AND deleted_at IS NULL RETURNING run_id, sha256`,
          [id, by],
        );
        if (!rows.length) return false;
        await tx.query(
          'INSERT INTO document_events (document_id, run_id, type, actor, data) VALUES ($1, $2, $3, $4, $5::text::jsonb)',
          [id, rows[0].run_id, 'document.deleted', by, JSON.stringify({ sha256: rows[0].sha256 })],
        );
        return true;
      });
    },
    async events(runId) {
      const { rows } = await db.query<{ document_id: string; type: string; actor: string; at: Date | string; data: Record<string, unknown> }>(
        'SELECT document_id, type, actor, at, data FROM document_events WHERE run_id = $1 ORDER BY id',
        [runId],
      );
      return rows.map((r) => ({ documentId: r.document_id, type: r.type, actor: r.actor, at: new Date(r.at).toISOString(), data: r.data }));
    },
  };
}
