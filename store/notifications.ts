// Delivery jobs for mail and webhooks, and mail captured locally. The jobs make the delivery activity idempotent:
// queued once per (event, channel, recipient), sent at most once per lease, marked sent afterwards.
import type { Queryable } from './db';

export type DeliveryChannel = 'mail' | 'webhook';
export type DeliveryState = 'pending' | 'sent' | 'given_up' | 'cancelled';

export interface DeliveryKey {
  runId: string;
  seq: number;
  channel: DeliveryChannel;
  recipient: string;
}

export interface DeliveryJob extends DeliveryKey {
  eventType: string;
  payload: Record<string, unknown>;
}

export interface Delivery extends DeliveryJob {
  state: DeliveryState;
  /** attempts finished so far */
  attempts: number;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}

export interface WebhookWaiting {
  deliveries: number;
  since: string;
  lastError?: string;
}

export interface CapturedMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  runId?: string;
  eventType?: string;
  /** the documents attached (their ids and file names; the bytes stay in the documents table) */
  attachments?: { documentId: string; filename: string }[];
  createdAt: string;
  sentAt: string;
}

export interface NotificationStore {
  /** adds the jobs that are not there yet; existing ones (of an earlier attempt) stay as they are */
  queue(jobs: DeliveryJob[]): Promise<void>;
  /** leases the pending jobs of these events that nobody else holds */
  claim(events: { runId: string; seq: number }[], leaseMs: number): Promise<Delivery[]>;
  /** ends a job; `tried` counts an attempt (a job cancelled unsent was not tried) */
  finish(key: DeliveryKey, state: Exclude<DeliveryState, 'pending'>, opts?: { error?: string; tried?: boolean }): Promise<void>;
  /** gives the job back for a later attempt; `tried: false` when it was skipped without trying */
  release(key: DeliveryKey, opts: { error?: string; tried: boolean }): Promise<void>;
  /** jobs of these events still pending (sent, given up and cancelled ones do not count), of one channel if named */
  pending(events: { runId: string; seq: number }[], channel?: DeliveryChannel): Promise<number>;
  /** of these webhook receivers, those with a job still pending from other events than these (a backlog to retry first) */
  webhookBacklog(recipients: string[], events: { runId: string; seq: number }[]): Promise<Set<string>>;
  /**
   * Leases every pending webhook job of each receiver none of whose jobs another holds, at most `limit` receivers:
   * the retry of webhooks apart from the runs' deliveries, one receiver's jobs in one hand so that they go in order.
   */
  claimWebhookBacklog(leaseMs: number, limit: number): Promise<Delivery[]>;
  /** per receiver of these with webhooks still pending: how many, since when, and the oldest one's last error */
  webhookWaiting(recipients: string[]): Promise<Map<string, WebhookWaiting>>;
  list(filter: { runId?: string; channel?: DeliveryChannel }): Promise<Delivery[]>;
  /** stores a captured mail once per delivery key */
  capture(mail: { key: string; to: string; subject: string; text: string; runId?: string; eventType?: string; attachments?: { documentId: string; filename: string }[] }): Promise<void>;
  captured(filter: { to?: string; limit: number; beforeId?: number }): Promise<CapturedMail[]>;
}

interface DeliveryRow {
  run_id: string;
  seq: number;
  channel: DeliveryChannel;
  recipient: string;
  event_type: string;
  payload: Record<string, unknown>;
  state: DeliveryState;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    runId: r.run_id, seq: r.seq, channel: r.channel, recipient: r.recipient, eventType: r.event_type, payload: r.payload,
    state: r.state, attempts: r.attempts, createdAt: r.created_at.toISOString(),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    ...(r.sent_at ? { sentAt: r.sent_at.toISOString() } : {}),
  };
}

// Event keys travel as one JSON parameter: one statement for a whole batch, whatever its size.
const EVENT_KEYS = `SELECT k->>'runId' AS run_id, (k->>'seq')::integer AS seq FROM jsonb_array_elements($1::text::jsonb) AS k`;
const KEY_MATCH = 'run_id = $1 AND seq = $2 AND channel = $3 AND recipient = $4';
const keyParams = (k: DeliveryKey) => [k.runId, k.seq, k.channel, k.recipient];

export function notificationStore(q: Queryable): NotificationStore {
  return {
    async queue(jobs) {
      if (jobs.length === 0) return;
      await q.query(
        `INSERT INTO notification_deliveries (run_id, seq, channel, recipient, event_type, payload)
         SELECT j->>'runId', (j->>'seq')::integer, j->>'channel', j->>'recipient', j->>'eventType', j->'payload'
         FROM jsonb_array_elements($1::text::jsonb) AS j
         ON CONFLICT (run_id, seq, channel, recipient) DO NOTHING`,
        [JSON.stringify(jobs)],
      );
    },

    async claim(events, leaseMs) {
      if (events.length === 0) return [];
      const { rows } = await q.query<DeliveryRow>(
        `UPDATE notification_deliveries d
         SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
         WHERE (d.run_id, d.seq) IN (${EVENT_KEYS}) AND d.state = 'pending'
           AND (d.lease_until IS NULL OR d.lease_until < now())
         RETURNING d.*`,
        [JSON.stringify(events), leaseMs],
      );
      // a fixed order: events in sequence, and after a failure the same job goes first next time
      return rows.map(toDelivery).sort((a, b) => a.runId.localeCompare(b.runId) || a.seq - b.seq
        || a.channel.localeCompare(b.channel) || a.recipient.localeCompare(b.recipient));
    },

    async finish(key, state, opts = {}) {
      await q.query(
        `UPDATE notification_deliveries SET state = $5, last_error = coalesce($6, last_error), lease_until = NULL,
           attempts = attempts + $7, sent_at = CASE WHEN $5 = 'sent' THEN now() ELSE sent_at END
         WHERE ${KEY_MATCH}`,
        [...keyParams(key), state, opts.error ?? null, opts.tried === false ? 0 : 1],
      );
    },

    async release(key, opts) {
      await q.query(
        `UPDATE notification_deliveries SET last_error = coalesce($5, last_error), lease_until = NULL, attempts = attempts + $6
         WHERE ${KEY_MATCH}`,
        [...keyParams(key), opts.error ?? null, opts.tried ? 1 : 0],
      );
    },

    async pending(events, channel) {
      if (events.length === 0) return 0;
      const { rows } = await q.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM notification_deliveries
         WHERE (run_id, seq) IN (${EVENT_KEYS}) AND state = 'pending' AND ($2::text IS NULL OR channel = $2)`,
        [JSON.stringify(events), channel ?? null],
      );
      return rows[0].n;
    },

    async webhookBacklog(recipients, events) {
      if (recipients.length === 0) return new Set();
      const { rows } = await q.query<{ recipient: string }>(
        `SELECT DISTINCT recipient FROM notification_deliveries
         WHERE channel = 'webhook' AND state = 'pending' AND recipient = ANY($2::text[])
           AND (run_id, seq) NOT IN (${EVENT_KEYS})`,
        [JSON.stringify(events), recipients],
      );
      return new Set(rows.map((r) => r.recipient));
    },

    async webhookWaiting(recipients) {
      const waiting = new Map<string, WebhookWaiting>();
      if (recipients.length === 0) return waiting;
      const { rows } = await q.query<{ recipient: string; deliveries: number; since: Date; last_error: string | null }>(
        `SELECT recipient, count(*)::integer AS deliveries, min(created_at) AS since,
                (array_agg(last_error ORDER BY created_at, run_id, seq) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
         FROM notification_deliveries WHERE channel = 'webhook' AND state = 'pending' AND recipient = ANY($1::text[])
         GROUP BY recipient`,
        [recipients],
      );
      for (const r of rows) {
        waiting.set(r.recipient, { deliveries: r.deliveries, since: r.since.toISOString(), ...(r.last_error ? { lastError: r.last_error } : {}) });
      }
      return waiting;
    },

    async claimWebhookBacklog(leaseMs, limit) {
      // a receiver whose jobs are all free is leased whole; a concurrent claim re-checks the lease row by row and
      // finds them held
      const { rows } = await q.query<DeliveryRow>(
        `UPDATE notification_deliveries d
         SET lease_until = now() + make_interval(secs => $1::double precision / 1000)
         WHERE d.channel = 'webhook' AND d.state = 'pending' AND (d.lease_until IS NULL OR d.lease_until < now())
           AND d.recipient IN (
             SELECT recipient FROM notification_deliveries WHERE channel = 'webhook' AND state = 'pending'
             GROUP BY recipient HAVING bool_and(lease_until IS NULL OR lease_until < now())
             ORDER BY min(created_at) LIMIT $2)
         RETURNING d.*`,
        [leaseMs, limit],
      );
      return rows.map(toDelivery).sort((a, b) => a.recipient.localeCompare(b.recipient) || a.createdAt.localeCompare(b.createdAt)
        || a.runId.localeCompare(b.runId) || a.seq - b.seq);
    },

    async list(filter) {
      const { rows } = await q.query<DeliveryRow>(
        `SELECT * FROM notification_deliveries
         WHERE ($1::text IS NULL OR run_id = $1) AND ($2::text IS NULL OR channel = $2)
         ORDER BY run_id, seq, channel, recipient`,
        [filter.runId ?? null, filter.channel ?? null],
      );
      return rows.map(toDelivery);
    },

    async capture(mail) {
      await q.query(
        `INSERT INTO captured_mail (delivery_key, to_address, subject, body, run_id, event_type, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb) ON CONFLICT (delivery_key) DO NOTHING`,
        [mail.key, mail.to, mail.subject, mail.text, mail.runId ?? null, mail.eventType ?? null,
          mail.attachments?.length ? JSON.stringify(mail.attachments.map((a) => ({ documentId: a.documentId, filename: a.filename }))) : null],
      );
    },

    async captured(filter) {
      const { rows } = await q.query<{
        id: number; to_address: string; subject: string; body: string; run_id: string | null; event_type: string | null;
        created_at: Date; sent_at: Date; attachments: { documentId: string; filename: string }[] | null;
      }>(
        `SELECT id, to_address, subject, body, run_id, event_type, created_at, sent_at, attachments FROM captured_mail
         WHERE ($1::text IS NULL OR lower(to_address) = lower($1)) AND ($2::bigint IS NULL OR id < $2)
         ORDER BY id DESC LIMIT $3`,
        [filter.to ?? null, filter.beforeId ?? null, filter.limit],
      );
      return rows.map((r) => ({
        id: Number(r.id), to: r.to_address, subject: r.subject, text: r.body, createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at.toISOString(), ...(r.run_id ? { runId: r.run_id } : {}), ...(r.event_type ? { eventType: r.event_type } : {}),
        ...(r.attachments?.length ? { attachments: r.attachments } : {}),
      }));
    },
  };
}
