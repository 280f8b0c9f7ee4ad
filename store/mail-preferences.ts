// Mail preferences per person and the mails held for the daily digest (migration 012).
import type { MailKind, MailMode, MailPreferences } from '../domain/mail-preferences';
import type { Queryable } from './db';

export interface DigestItem {
  runId: string;
  seq: number;
  /** the address, lower case */
  recipient: string;
  recipientName?: string;
  kind: MailKind;
  subject: string;
  link?: string;
  /** the task the mail is about (a new task, a reminder) */
  taskId?: string;
  /** read back only: that task was finished (done or cancelled) by the time the digest is made */
  taskFinished?: boolean;
}

export interface MailPreferenceStore {
  get(userId: string): Promise<MailPreferences>;
  /** sets the named kinds; a kind set to its default is stored like any other choice */
  set(userId: string, prefs: MailPreferences): Promise<void>;
  /** the choices of several people at once (one query per delivery batch) */
  forUsers(userIds: string[]): Promise<Map<string, MailPreferences>>;
  /** holds mails for the digest; one already held (a retried delivery) stays as it is */
  hold(items: DigestItem[]): Promise<void>;
  /**
   * The digest of `day`: first every held item not yet in a digest joins this day's, then the unsent items of the
   * day come back. A retry of the same day finds the same items; later ones wait for the next day.
   */
  digestOf(day: string): Promise<DigestItem[]>;
  markDigestSent(recipient: string, day: string): Promise<void>;
}

export function mailPreferenceStore(q: Queryable): MailPreferenceStore {
  return {
    async get(userId) {
      return (await this.forUsers([userId])).get(userId) ?? {};
    },

    async set(userId, prefs) {
      const rows = Object.entries(prefs).map(([kind, mode]) => ({ kind, mode }));
      if (rows.length === 0) return;
      await q.query(
        `INSERT INTO mail_preferences (user_id, kind, mode)
         SELECT $1, p->>'kind', p->>'mode' FROM jsonb_array_elements($2::text::jsonb) AS p
         ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = now()`,
        [userId, JSON.stringify(rows)],
      );
    },

    async forUsers(userIds) {
      const out = new Map<string, MailPreferences>();
      if (userIds.length === 0) return out;
      const { rows } = await q.query<{ user_id: string; kind: MailKind; mode: MailMode }>(
        'SELECT user_id, kind, mode FROM mail_preferences WHERE user_id = ANY($1::text[])',
        [[...new Set(userIds)]],
      );
      for (const r of rows) out.set(r.user_id, { ...out.get(r.user_id), [r.kind]: r.mode });
      return out;
    },

    async hold(items) {
      if (items.length === 0) return;
      await q.query(
        `INSERT INTO mail_digest_items (run_id, seq, recipient, recipient_name, kind, subject, link, task_id)
         SELECT i->>'runId', (i->>'seq')::integer, i->>'recipient', i->>'recipientName', i->>'kind', i->>'subject', i->>'link', i->>'taskId'
         FROM jsonb_array_elements($1::text::jsonb) AS i
         ON CONFLICT (run_id, seq, recipient) DO NOTHING`,
        [JSON.stringify(items)],
      );
    },

    async digestOf(day) {
      await q.query('UPDATE mail_digest_items SET digest_day = $1::date WHERE digest_day IS NULL', [day]);
      const { rows } = await q.query<{
        run_id: string; seq: number; recipient: string; recipient_name: string | null; kind: MailKind; subject: string; link: string | null;
        task_id: string | null; task_finished: boolean;
      }>(
        // whether the task is still open comes from the read model as of now, not as of the mail
        `SELECT i.run_id, i.seq, i.recipient, i.recipient_name, i.kind, i.subject, i.link, i.task_id,
                coalesce(t.state IN ('done', 'cancelled'), false) AS task_finished
         FROM mail_digest_items i LEFT JOIN tasks t ON t.id = i.task_id
         WHERE i.digest_day = $1::date AND i.sent_at IS NULL ORDER BY i.recipient, i.created_at, i.run_id, i.seq`,
        [day],
      );
      return rows.map((r) => ({
        runId: r.run_id, seq: r.seq, recipient: r.recipient, kind: r.kind, subject: r.subject,
        ...(r.recipient_name ? { recipientName: r.recipient_name } : {}), ...(r.link ? { link: r.link } : {}),
        ...(r.task_id ? { taskId: r.task_id, taskFinished: r.task_finished } : {}),
      }));
    },

    async markDigestSent(recipient, day) {
      await q.query('UPDATE mail_digest_items SET sent_at = now() WHERE recipient = $1 AND digest_day = $2::date AND sent_at IS NULL', [recipient, day]);
    },
  };
}
