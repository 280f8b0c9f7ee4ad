// Outbound webhook subscriptions and their delivery log. The secret leaves this module only through `forDelivery`,
// which the delivery activity uses to sign; everything the API lists is without it.
import { decodeCursor, encodeCursor } from './cursor';
import type { Queryable } from './db';
import { InvalidCursorError } from './errors';

export interface WebhookSubscription {
  id: string;
  url: string;
  /** exact event types or globs such as `task.*` */
  eventTypes: string[];
  description?: string;
  createdBy: string;
  createdAt: string;
}

export interface WebhookTarget {
  id: string;
  url: string;
  eventTypes: string[];
  secret: string;
}

export interface WebhookAttempt {
  id: number;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  statusCode?: number;
  error?: string;
  durationMs: number;
  at: string;
}

export interface WebhookStore {
  create(s: { id: string; url: string; eventTypes: string[]; secret: string; description?: string; createdBy: string }): Promise<WebhookSubscription>;
  /** the active subscriptions in the order they were created, one page (a cursor it did not hand out: InvalidCursorError) */
  list(opts: { limit: number; cursor?: string }): Promise<{ items: WebhookSubscription[]; nextCursor: string | null }>;
  get(id: string): Promise<WebhookSubscription | undefined>;
  /** false when there is no such (undeleted) subscription; its pending deliveries are cancelled */
  delete(id: string): Promise<boolean>;
  /** the active subscriptions with their secrets, for signing */
  forDelivery(): Promise<WebhookTarget[]>;
  /** one target by id, deleted ones included (a delivery queued before the delete finds it gone) */
  target(id: string): Promise<(WebhookTarget & { deleted: boolean }) | undefined>;
  recordAttempt(a: Omit<WebhookAttempt, 'id' | 'at'>): Promise<void>;
  attempts(subscriptionId: string, opts: { limit: number; beforeId?: number }): Promise<WebhookAttempt[]>;
}

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  secret: string;
  description: string | null;
  created_by: string;
  created_at: Date;
  deleted_at: Date | null;
}

function toSubscription(r: SubscriptionRow): WebhookSubscription {
  return {
    id: r.id, url: r.url, eventTypes: r.event_types, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
    ...(r.description !== null ? { description: r.description } : {}),
  };
}

export function webhookStore(q: Queryable): WebhookStore {
  return {
    async create(s) {
      const { rows } = await q.query<SubscriptionRow>(
        `INSERT INTO webhook_subscriptions (id, url, event_types, secret, description, created_by)
         VALUES ($1, $2, $3::text[], $4, $5, $6) RETURNING *`,
        [s.id, s.url, s.eventTypes, s.secret, s.description ?? null, s.createdBy],
      );
      return toSubscription(rows[0]);
    },

    async list(opts) {
      // keyed by the creation time in whole microseconds (an ISO string would lose them) and the id
      let after: (string | null)[] = [null, null];
      if (opts.cursor !== undefined) {
        after = decodeCursor(opts.cursor, 2);
        if (!/^\d{1,18}$/.test(after[0]!)) throw new InvalidCursorError();
      }
      const { rows } = await q.query<SubscriptionRow & { created_us: string }>(
        `SELECT *, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us FROM webhook_subscriptions
         WHERE deleted_at IS NULL
           AND ($1::bigint IS NULL OR (created_at, id) > (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2::text))
         ORDER BY created_at, id LIMIT $3`,
        [...after, opts.limit + 1],
      );
      const items = rows.slice(0, opts.limit);
      const last = items[items.length - 1];
      return { items: items.map(toSubscription), nextCursor: rows.length > opts.limit ? encodeCursor([last.created_us, last.id]) : null };
    },

    async get(id) {
      const { rows } = await q.query<SubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL', [id]);
      return rows[0] ? toSubscription(rows[0]) : undefined;
    },

    async delete(id) {
      const { rows } = await q.query<{ id: string }>(
        'UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id',
        [id],
      );
      if (rows.length === 0) return false;
      // otherwise the delivery activity would retry them for a receiver nobody wants to reach any more
      await q.query(
        `UPDATE notification_deliveries SET state = 'cancelled', lease_until = NULL
         WHERE channel = 'webhook' AND recipient = $1 AND state = 'pending'`,
        [id],
      );
      return true;
    },

    async forDelivery() {
      const { rows } = await q.query<SubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY id');
      return rows.map((r) => ({ id: r.id, url: r.url, eventTypes: r.event_types, secret: r.secret }));
    },

    async target(id) {
      const { rows } = await q.query<SubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = $1', [id]);
      const r = rows[0];
      return r ? { id: r.id, url: r.url, eventTypes: r.event_types, secret: r.secret, deleted: r.deleted_at !== null } : undefined;
    },

    async recordAttempt(a) {
      await q.query(
        `INSERT INTO webhook_attempts (subscription_id, event_id, event_type, attempt, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [a.subscriptionId, a.eventId, a.eventType, a.attempt, a.statusCode ?? null, a.error ?? null, Math.round(a.durationMs)],
      );
    },

    async attempts(subscriptionId, opts) {
      const { rows } = await q.query<{
        id: number; subscription_id: string; event_id: string; event_type: string; attempt: number;
        status_code: number | null; error: string | null; duration_ms: number; at: Date;
      }>(
        `SELECT * FROM webhook_attempts WHERE subscription_id = $1 AND ($2::bigint IS NULL OR id < $2)
         ORDER BY id DESC LIMIT $3`,
        [subscriptionId, opts.beforeId ?? null, opts.limit],
      );
      return rows.map((r) => ({
        id: Number(r.id), subscriptionId: r.subscription_id, eventId: r.event_id, eventType: r.event_type, attempt: r.attempt,
        durationMs: r.duration_ms, at: r.at.toISOString(),
        ...(r.status_code !== null ? { statusCode: r.status_code } : {}), ...(r.error !== null ? { error: r.error } : {}),
      }));
    },
  };
}
