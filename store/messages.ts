// The conversation of a run between its Gemeinde and the project lead (table `run_messages`, append-only). Read
// tenant-scoped by the route (api/routes/messages.ts); the mail to the other side is sent by the worker.
import { randomUUID } from 'node:crypto';
import type { Db } from './db';

export type MessageSide = 'gemeinde' | 'ku';

export interface RunMessage {
  id: string;
  runId: string;
  ags: string;
  authorId: string;
  authorName: string;
  side: MessageSide;
  text: string;
  at: string;
}

export interface MessageStore {
  add(m: Omit<RunMessage, 'id' | 'at'>): Promise<RunMessage>;
  /** the run's messages, oldest first */
  list(runId: string): Promise<RunMessage[]>;
  get(id: string): Promise<RunMessage | undefined>;
}

interface Row {
  id: string;
  run_id: string;
  ags: string;
  author_id: string;
  author_name: string;
  side: MessageSide;
  text: string;
  at: Date | string;
}

const COLUMNS = 'id, run_id, ags, author_id, author_name, side, text, at';

function message(r: Row): RunMessage {
  return { id: r.id, runId: r.run_id, ags: r.ags, authorId: r.author_id, authorName: r.author_name, side: r.side, text: r.text, at: new Date(r.at).toISOString() };
}

export function messageStore(db: Db): MessageStore {
  return {
    async add(m) {
      const { rows } = await db.query<Row>(
        `INSERT INTO run_messages (id, run_id, ags, author_id, author_name, side, text) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING ${COLUMNS}`,
        [randomUUID(), m.runId, m.ags, m.authorId, m.authorName, m.side, m.text],
      );
      return message(rows[0]);
    },
    async list(runId) {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM run_messages WHERE run_id = $1 ORDER BY seq`, [runId]);
      return rows.map(message);
    },
    async get(id) {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM run_messages WHERE id = $1`, [id]);
      return rows[0] ? message(rows[0]) : undefined;
    },
  };
}
