// Inbound events accepted from other systems: the first result per event id, so a sender's retry gets the same
// answer even after the run has moved on (or closed).
import type { Queryable } from './db';

export interface InboundEventRecord {
  id: string;
  sender: string;
  subject: string;
  type: string;
  result: Record<string, unknown>;
  at: string;
}

export interface InboundStore {
  get(id: string): Promise<InboundEventRecord | undefined>;
  /** stores the record unless the id is already known; returns what is stored under the id */
  save(r: Omit<InboundEventRecord, 'at'>): Promise<InboundEventRecord>;
}

interface Row {
  id: string;
  sender: string;
  subject: string;
  type: string;
  result: Record<string, unknown>;
  at: Date;
}

const toRecord = (r: Row): InboundEventRecord => ({ id: r.id, sender: r.sender, subject: r.subject, type: r.type, result: r.result, at: r.at.toISOString() });

export function inboundStore(q: Queryable): InboundStore {
  const get = async (id: string) => {
    const { rows } = await q.query<Row>('SELECT * FROM inbound_events WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  };
  return {
    get,
    async save(r) {
      await q.query(
        `INSERT INTO inbound_events (id, sender, subject, type, result) VALUES ($1, $2, $3, $4, $5::text::jsonb)
         ON CONFLICT (id) DO NOTHING`,
        [r.id, r.sender, r.subject, r.type, JSON.stringify(r.result)],
      );
      return (await get(r.id))!;
    },
  };
}
