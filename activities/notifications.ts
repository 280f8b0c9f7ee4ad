// deliverStoredNotifications (and deliverNotifications, for runs started before the patch notify-stored-range): the
// mails and webhooks a batch of stored domain events calls for. The engine calls it after each stored batch with
// unlimited retries, so it must be idempotent: every message becomes a job keyed by (run, seq, channel, recipient)
// before anything is sent; a retry finds the jobs of its first attempt, skips the ones already sent and tries the
// rest again. While a mail is still pending the activity throws, and Temporal's retry (with backoff) is the schedule
// of the next attempt: a mail server outage delays mail, loses none. A webhook receiver that fails is not the run's
// to wait for: its jobs stay pending and `retryWebhooks` (worker/webhook-retries.ts, every minute) sends them, in
// order, until they go out or are given up. Before, one receiver away held back every later mail and webhook of
// the run, as the run notifies one batch after the other.
import { Context } from '@temporalio/activity';
import type { DomainEvent, RunSnapshot, StoredRange } from '../domain/events';
import { mailMode } from '../domain/mail-preferences';
import { matchesAny } from '../domain/event-patterns';
import type { Delivery, Store } from '../store/store';
import { directoryOfTheMoment, type Directory, type DirectoryOptions } from './directory';
import { needsRunAsOf, plannedMails, type PlannedMail } from './mail-texts';
import type { MailAttachment, MailTransport } from './mail-transport';
import { postWebhook } from './webhook-sender';
import { refusedTarget } from './webhook-target';

export interface NotificationDeps {
  /** runAsOf: a task event's mail goes to the run's lead as of that event and names the run */
  store: Pick<Store, 'notifications' | 'webhooks' | 'runAsOf' | 'eventBatch' | 'mailPreferences' | 'documents'> & Partial<Pick<Store, 'people'>>;
  /** who receives mail (demo users in embedded mode, plus team mailboxes from MAIL_TEAMS) */
  directory: Directory;
  /** the configured directory's options: with the store's people added, mail reaches whom the directory sync knows */
  directoryOptions?: DirectoryOptions;
  mail: MailTransport;
  /** base URL of the web UI for links in mails, without trailing slash */
  publicUrl: string;
  /** per webhook request (default 10 s) */
  webhookTimeoutMs?: number;
  /** a webhook still failing this long after its event is given up and logged as such (default 24 h) */
  webhookGiveUpAfterMs?: number;
  /** how long one attempt holds its jobs; longer than an attempt can take (default 2 min) */
  leaseMs?: number;
  fetch?: typeof fetch;
  /** WEBHOOK_ALLOW_LOOPBACK: webhooks to this server's own addresses (development, tests); default refused */
  webhookAllowLoopback?: boolean;
  /** failures worth a line in the operator's log; never given secrets or message bodies */
  log?: (message: string, context: Record<string, unknown>) => void;
}

/** What a webhook receiver gets: the event as in the audit trail, with an id stable across retries. */
export function webhookBody(e: DomainEvent): string {
  return JSON.stringify({
    id: `${e.runId}:${e.seq}`, type: e.type, at: e.at, runId: e.runId, actor: e.actor ?? null, data: e.data,
    ...(e.task ? { task: e.task } : {}), ...(e.run ? { run: e.run } : {}),
  });
}

/** Whether this is an activity's first attempt; outside an activity (a test, a script) nothing is assumed. */
function firstAttempt(): boolean {
  try {
    return Context.current().info.attempt === 1;
  } catch {
    return false;
  }
}

/** mail goes one way; each webhook receiver is a way of its own */
const routeOf = (d: Delivery) => (d.channel === 'mail' ? 'mail' : `webhook:${d.recipient}`);

type Outcome = { state: 'sent' | 'given_up' | 'cancelled'; error?: string; tried: boolean } | { state: 'retry'; error: string };

/** Delivering the runs' notifications, and retrying webhooks apart from the runs (the worker's, not an activity). */
export function notificationDelivery(deps: NotificationDeps) {
  const { store } = deps;
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const leaseMs = deps.leaseMs ?? 120_000;
  const webhookTimeoutMs = deps.webhookTimeoutMs ?? 10_000;
  const giveUpAfterMs = deps.webhookGiveUpAfterMs ?? 24 * 3600_000;
  const log = deps.log ?? (() => undefined);
  const directoryNow = directoryOfTheMoment({ ...deps, people: store.people });

  /**
   * The run as of each event that may mail: its own snapshot, or for a task event the last one before it. A batch
   * holds a run's events in seq order without gaps (the outbox cuts it so): the run as of one event is then the run
   * as of the one before, unless it carries a snapshot itself, and the store is asked only where a run's first
   * event of the batch needs it (a different order would just ask it more often).
   */
  async function runsAsOf(events: DomainEvent[]): Promise<(RunSnapshot | undefined)[]> {
    const asOf = new Map<string, { seq: number; run: RunSnapshot | undefined }>();
    const runs: (RunSnapshot | undefined)[] = [];
    for (const e of events) {
      const previous = asOf.get(e.runId);
      const carried = previous?.seq === e.seq - 1 ? previous : undefined;
      const needed = needsRunAsOf(e);
      // nothing known and nothing needed: the next event cannot carry it on either (its seq is one further)
      if (!e.run && !carried && !needed) {
        runs.push(undefined);
        continue;
      }
      const run = e.run ?? (carried ? carried.run : await store.runAsOf(e.runId, e.seq));
      asOf.set(e.runId, { seq: e.seq, run });
      runs.push(e.run ?? (needed ? run : undefined));
    }
    return runs;
  }

  /**
   * The mails and webhooks of these events. Each mail goes the way its recipient wants it (domain/mail-preferences.ts):
   * at once as a delivery job, held for the daily digest, or not at all.
   */
  async function jobsFor(events: DomainEvent[]) {
    const targets = await store.webhooks.forDelivery();
    const runs = await runsAsOf(events);
    const ctx = { directory: await directoryNow(), publicUrl };
    const planned = events.map((e, i) => plannedMails(e, ctx, runs[i]));
    const userIds = planned.flatMap((ms) => ms.flatMap((m) => (m.to.userId ? [m.to.userId] : [])));
    const prefs = await store.mailPreferences.forUsers(userIds);
    const modeOf = (m: PlannedMail) => mailMode(m.to.userId ? prefs.get(m.to.userId) : undefined, m.kind, m.audience);
    const held = events.flatMap((e, i) => planned[i].filter((m) => modeOf(m) === 'digest').map((m) => ({
      runId: e.runId, seq: e.seq, recipient: m.to.email.toLowerCase(), kind: m.kind, subject: m.subject, link: m.link,
      ...(m.to.name ? { recipientName: m.to.name } : {}), ...(e.task ? { taskId: e.task.id } : {}),
    })));
    const jobs = events.flatMap((e, i) => [
      ...planned[i].filter((m) => modeOf(m) === 'immediately').map((m) => ({
        runId: e.runId, seq: e.seq, channel: 'mail' as const, recipient: m.to.email.toLowerCase(), eventType: e.type,
        payload: { to: m.to.email, ...(m.to.name ? { toName: m.to.name } : {}), subject: m.subject, text: m.text, ...(m.attach ? { attach: m.attach } : {}) },
      })),
      ...targets.filter((t) => matchesAny(t.eventTypes, e.type)).map((t) => ({
        runId: e.runId, seq: e.seq, channel: 'webhook' as const, recipient: t.id, eventType: e.type,
        payload: { body: webhookBody(e) },
      })),
    ]);
    return { jobs, held };
  }

  /** The run's newest document of `kind` as an attachment (the released offer); none when there is none. */
  async function attachmentsOf(runId: string, kind: string | undefined): Promise<MailAttachment[]> {
    if (!kind) return [];
    const meta = (await store.documents.list(runId)).filter((d) => d.kind === kind).at(-1);
    const doc = meta ? await store.documents.get(meta.id) : undefined;
    return doc ? [{ documentId: doc.id, filename: doc.name, contentType: doc.type, content: doc.content }] : [];
  }

  async function sendMail(d: Delivery): Promise<Outcome> {
    const p = d.payload as { to: string; toName?: string; subject: string; text: string; attach?: string };
    try {
      const attachments = await attachmentsOf(d.runId, p.attach);
      await deps.mail.send({
        key: `${d.runId}:${d.seq}:${d.recipient}`, to: p.to, toName: p.toName, subject: p.subject, text: p.text, runId: d.runId, eventType: d.eventType,
        ...(attachments.length ? { attachments } : {}),
      });
      return { state: 'sent', tried: true };
    } catch (err) {
      const e = err as Error & { code?: string; responseCode?: number };
      const error = `${e.code ?? 'Fehler'}: ${e.message}`.slice(0, 500);
      // the server refused this recipient for good (unknown mailbox): retrying would hold every later mail back
      if (e.code === 'EENVELOPE' && e.responseCode !== undefined && e.responseCode >= 500) return { state: 'given_up', error, tried: true };
      return { state: 'retry', error };
    }
  }

  async function sendWebhook(d: Delivery): Promise<Outcome> {
    const target = await store.webhooks.target(d.recipient);
    if (!target || target.deleted) return { state: 'cancelled', error: 'Abonnement gelöscht', tried: false };
    const eventId = `${d.runId}:${d.seq}`;
    const body = (d.payload as { body: string }).body;
    const refused = await refusedTarget(target.url, deps.webhookAllowLoopback ?? false);
    // a target inside this server or its cloud is not sent to, now or on a retry: given up, and the log says why
    const outcome = refused
      ? { ok: false, error: `Ziel nicht erlaubt: ${refused}`, durationMs: 0, statusCode: undefined }
      : await postWebhook({ url: target.url, secret: target.secret, body, eventId, eventType: d.eventType }, webhookTimeoutMs, deps.fetch);
    await store.webhooks.recordAttempt({
      subscriptionId: target.id, eventId, eventType: d.eventType, attempt: d.attempts + 1,
      statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs,
    });
    if (outcome.ok) return { state: 'sent', tried: true };
    const error = outcome.error ?? 'Fehler';
    if (refused || Date.now() - Date.parse(d.createdAt) > giveUpAfterMs) return { state: 'given_up', error, tried: true };
    return { state: 'retry', error };
  }

  /**
   * Sends the jobs in their order. After a failure the rest of that route waits for the next attempt: a mail server
   * that does not answer would otherwise cost a timeout per mail, and a receiver would get a webhook's later events
   * before the one that failed. `down` starts with the routes that must wait. Returns the mail errors and how many
   * jobs it ended (sent, given up or cancelled).
   */
  async function send(jobs: readonly Delivery[], down: Set<string>): Promise<{ errors: string[]; ended: number }> {
    const errors: string[] = [];
    let ended = 0;
    for (const d of jobs) {
      if (down.has(routeOf(d))) {
        await store.notifications.release(d, { tried: false });
        continue;
      }
      const outcome = d.channel === 'mail' ? await sendMail(d) : await sendWebhook(d);
      if (outcome.state === 'retry') {
        down.add(routeOf(d));
        if (d.channel === 'mail') errors.push(`mail: ${outcome.error}`);
        await store.notifications.release(d, { error: outcome.error, tried: true });
      } else {
        if (outcome.state === 'given_up') log('notification given up', { channel: d.channel, runId: d.runId, seq: d.seq, error: outcome.error });
        await store.notifications.finish(d, outcome.state, { error: outcome.error, tried: outcome.tried });
        ended++;
      }
    }
    return { errors, ended };
  }

  async function deliver(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { jobs, held } = await jobsFor(events);
    await store.mailPreferences.hold(held);
    // In the activity's first attempt every job of these events is this attempt's own: with none, nothing is due;
    // with all of them out, nothing is left (a retry may find an earlier attempt's jobs, so it always looks).
    const first = firstAttempt();
    if (first && jobs.length === 0) return;
    await store.notifications.queue(jobs);
    const keys = events.map((e) => ({ runId: e.runId, seq: e.seq }));
    const claimed = await store.notifications.claim(keys, leaseMs);
    // a receiver with older jobs still to retry gets these after them, from the retry (webhooks in order)
    const receivers = [...new Set(claimed.filter((d) => d.channel === 'webhook').map((d) => d.recipient))];
    const backlog = await store.notifications.webhookBacklog(receivers, keys);
    const { errors } = await send(claimed, new Set([...backlog].map((r) => `webhook:${r}`)));
    if (first && errors.length === 0) return;
    // jobs leased by an overlapping attempt count too: returning now would let the run close before they went out
    const open = await store.notifications.pending(keys, 'mail');
    if (open > 0) {
      if (errors.length > 0) log('notifications not delivered yet', { open, firstError: errors[0] });
      throw new Error(`${open} Benachrichtigung(en) noch nicht zugestellt${errors.length > 0 ? ` (${errors[0]})` : ''}`);
    }
  }

  return {
    /**
     * The webhooks still pending, receiver by receiver in the order of their events; a receiver that fails waits
     * for the next round, and a job older than the give-up time is given up (sendWebhook). Returns what it did.
     */
    async retryWebhooks(limit = 100): Promise<{ ended: number; waiting: number }> {
      const jobs = await store.notifications.claimWebhookBacklog(leaseMs, limit);
      const { ended } = await send(jobs, new Set());
      return { ended, waiting: jobs.length - ended };
    },
    /** A batch given whole (runs recorded before the patch notify-stored-range keep calling this). */
    deliverNotifications: deliver,
    /** A batch the run's outbox has stored (recordEvents came first), read back from the audit log by its seqs. */
    async deliverStoredNotifications({ runId, fromSeq, toSeq }: StoredRange): Promise<void> {
      const events = await store.eventBatch(runId, fromSeq, toSeq);
      // the outbox stores a batch before it notifies, so a short read is a store that lost events: retried, loudly
      if (events.length !== toSeq - fromSeq + 1) throw new Error(`Ereignisse ${fromSeq}–${toSeq} des Vorgangs ${runId} nicht vollständig gespeichert (${events.length})`);
      await deliver(events);
    },
  };
}

/** The activities the runs call; the webhook retry (`notificationDelivery(…).retryWebhooks`) runs in worker/webhook-retries.ts. */
export function createNotificationActivities(deps: NotificationDeps) {
  const delivery = notificationDelivery(deps);
  return { deliverNotifications: delivery.deliverNotifications, deliverStoredNotifications: (range: StoredRange) => delivery.deliverStoredNotifications(range) };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
