// deliverNotifications called directly, as Temporal would call (and retry) it after a batch is stored: every mail
// and webhook goes out exactly once however often the activity runs, a mail failure throws so Temporal retries, a
// webhook receiver that fails is retried apart from the run (retryWebhooks), in order, and the webhook delivery log
// records each attempt.
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDirectory } from '../../activities/directory';
import { captureTransport, type MailTransport, type OutgoingMail } from '../../activities/mail-transport';
import { notificationDelivery, type NotificationDeps } from '../../activities/notifications';
import { DEMO_USERS } from '../../config/users';
import { freePort } from '../../runtime/free-port';
import type { Store } from '../../store/store';
import { RunStream } from '../store/fixtures';
import { lifecycle, onboardingRun, onboardingTask } from '../notifications/events';
import { openTempStore, PUBLIC_URL, webhookReceiver, type WebhookReceiver } from '../notifications/helpers';

let store: Store;
let closeStore: () => Promise<void>;
let receiver: WebhookReceiver;
const secret = 'geheimnis-fuer-tests-1234';

beforeAll(async () => {
  ({ store, close: closeStore } = await openTempStore());
  receiver = await webhookReceiver(() => secret);
});
afterAll(async () => {
  await receiver?.close();
  await closeStore?.();
});

function activities(over: Partial<NotificationDeps> = {}) {
  return notificationDelivery({
    store,
    directory: createDirectory({ users: DEMO_USERS }),
    mail: captureTransport(store.notifications),
    publicUrl: PUBLIC_URL,
    webhookTimeoutMs: 2000,
    webhookAllowLoopback: true, // the receiver listens on loopback
    ...over,
  });
}

function activity(over: Partial<NotificationDeps> = {}) {
  return activities(over).deliverNotifications;
}

/** A transport that counts what it sends and can be made to fail (a mail server outage). */
function countingTransport(): MailTransport & { sent: OutgoingMail[]; down: boolean } {
  const t = {
    kind: 'smtp' as const,
    sent: [] as OutgoingMail[],
    down: false,
    async send(mail: OutgoingMail) {
      await new Promise((r) => setTimeout(r, 5));
      if (t.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });
      t.sent.push(mail);
    },
    close: () => undefined,
  };
  return t;
}

async function stored(runId: string) {
  const { events } = lifecycle(runId);
  await store.appendEvents(events);
  return events;
}

describe('mail', () => {
  it('captures each mail once, however often the activity is retried', async () => {
    const events = await stored('rollout-09181128-mail-1');
    const deliver = activity();
    await deliver(events);
    await deliver(events);
    await deliver(events.slice(3, 6));
    const mails = (await store.notifications.captured({ limit: 100 })).filter((m) => m.runId === 'rollout-09181128-mail-1');
    // team of two + assignee + reminder + lead + two board members; milestone and completion wait for the digest
    expect(mails).toHaveLength(7);
    expect(new Set(mails.map((m) => `${m.to}|${m.subject}`)).size).toBe(7);
    const jobs = await store.notifications.list({ runId: 'rollout-09181128-mail-1' });
    expect(jobs.every((j) => j.state === 'sent' && j.attempts === 1)).toBe(true);
  });

  it('throws while the mail server is down and sends every mail exactly once afterwards', async () => {
    const events = await stored('rollout-09181128-mail-2');
    const transport = countingTransport();
    const deliver = activity({ mail: transport });
    transport.down = true;
    await expect(deliver(events)).rejects.toThrow(/7 Benachrichtigung\(en\) noch nicht zugestellt \(mail: ESOCKET/);
    await expect(deliver(events)).rejects.toThrow(/noch nicht zugestellt/);
    expect(transport.sent).toHaveLength(0);
    transport.down = false;
    await deliver(events);
    await deliver(events);
    expect(transport.sent).toHaveLength(7);
    expect(new Set(transport.sent.map((m) => m.key)).size).toBe(7);
    const jobs = await store.notifications.list({ runId: 'rollout-09181128-mail-2', channel: 'mail' });
    // the first failure held back the rest of that attempt: one try each time, not one per mail
    expect(jobs.map((j) => j.attempts).sort()).toEqual([1, 1, 1, 1, 1, 1, 3]);
  });

  it('sends each mail once when two attempts overlap', async () => {
    const events = await stored('rollout-09181128-mail-3');
    const transport = countingTransport();
    const deliver = activity({ mail: transport });
    const results = await Promise.allSettled([deliver(events), deliver(events)]);
    // the attempt that found everything leased elsewhere may throw; Temporal would retry it and find all sent
    await deliver(events);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(transport.sent).toHaveLength(7);
  });
});

describe('a stored batch named by its seqs', () => {
  it('reads the events back from the audit log and sends the same mails as the whole batch', async () => {
    const whole = await stored('rollout-09181128-range-1');
    const byRange = await stored('rollout-09181128-range-2');
    await activity()(whole);
    const { deliverStoredNotifications } = activities();
    await deliverStoredNotifications({ runId: 'rollout-09181128-range-2', fromSeq: 1, toSeq: byRange.length });
    await deliverStoredNotifications({ runId: 'rollout-09181128-range-2', fromSeq: 3, toSeq: 6 }); // a retry of a part
    const mails = async (runId: string) => (await store.notifications.captured({ limit: 100 }))
      .filter((m) => m.runId === runId).map((m) => `${m.to}|${m.subject}`).sort();
    expect(await mails('rollout-09181128-range-2')).toHaveLength(7);
    expect(await mails('rollout-09181128-range-2')).toEqual(await mails('rollout-09181128-range-1'));
  });

  it('throws, and sends nothing, while a seq of the range is not stored', async () => {
    const events = await stored('rollout-09181128-range-3');
    const { deliverStoredNotifications } = activities();
    await expect(deliverStoredNotifications({ runId: 'rollout-09181128-range-3', fromSeq: 1, toSeq: events.length + 1 }))
      .rejects.toThrow(`Ereignisse 1–${events.length + 1} des Vorgangs rollout-09181128-range-3 nicht vollständig gespeichert (${events.length})`);
    expect(await store.notifications.list({ runId: 'rollout-09181128-range-3' })).toEqual([]);
  });
});

describe('the first attempt and a retry', () => {
  const firstAttempt = new MockActivityEnvironment({ attempt: 1 });
  const retry = new MockActivityEnvironment({ attempt: 2 });

  it('sends the same mails on the first attempt, without the checks only a retry needs', async () => {
    const events = await stored('rollout-09181128-first-1');
    const claim = jest.spyOn(store.notifications, 'claim');
    const pending = jest.spyOn(store.notifications, 'pending');
    try {
      await firstAttempt.run(activity(), events);
      // a batch without mail (a claim) asks for no jobs at all
      await firstAttempt.run(activity(), [events[2]]);
      expect(claim).toHaveBeenCalledTimes(1);
      expect(pending).not.toHaveBeenCalled();
    } finally {
      claim.mockRestore();
      pending.mockRestore();
    }
    const mails = (await store.notifications.captured({ limit: 100 })).filter((m) => m.runId === 'rollout-09181128-first-1');
    expect(mails).toHaveLength(7);
  });

  it('finds on a retry the jobs an earlier attempt queued, though it would queue none now', async () => {
    // the first attempt queued a mail and died before sending it; by the retry its recipient has left the directory
    const [started] = await stored('rollout-09181128-first-2');
    const to = 'ehemalig@ku-it.example';
    await store.notifications.queue([{ runId: started.runId, seq: started.seq, channel: 'mail', recipient: to, eventType: started.type, payload: { to, subject: 'Betreff', text: 'Text' } }]);
    await retry.run(activity({ directory: createDirectory({ users: [] }) }), [started]);
    const mails = (await store.notifications.captured({ limit: 100 })).filter((m) => m.runId === started.runId);
    expect(mails.map((m) => m.to)).toEqual([to]);
    expect((await store.notifications.list({ runId: started.runId })).map((j) => j.state)).toEqual(['sent']);
  });
});

describe('mail recipients', () => {
  it('mails a project-lead task to the run’s lead as of the event, and a Gemeinde task only to that Gemeinde', async () => {
    const runId = 'onboarding-09181128-recipients';
    const run = onboardingRun(runId, { projectLead: 'a.gruber' });
    const s = new RunStream(run);
    s.emit('run.started', run.startedAt, { actor: 'a.gruber', run });
    const gap = s.emit('task.opened', run.startedAt, { actor: 'system', data: {}, task: onboardingTask(run, 'gap-analyse', { title: 'Gap-Analyse', candidateRoles: ['projektleitung'] }) });
    const handedOver = { ...run, projectLead: 'f.maier' };
    s.emit('run.leadChanged', run.startedAt, { actor: 'a.gruber', data: { before: 'a.gruber', after: 'f.maier' }, run: handedOver });
    const cutover = s.emit('task.opened', run.startedAt, { actor: 'system', data: {}, task: onboardingTask(handedOver, 'umstellung', { title: 'Umstellung', candidateRoles: ['projektleitung'] }) });
    const form = s.emit('task.opened', run.startedAt, { actor: 'system', data: {}, task: onboardingTask(handedOver, 'fragebogen', { title: 'Grob-Fragebogen', candidateRoles: ['gemeinde'] }) });
    await store.appendEvents(s.events);
    // the first task is delivered only after the hand-over: it still belongs to the lead of its time
    await activity()(s.events);
    const mails = (await store.notifications.captured({ limit: 100 })).filter((m) => m.runId === runId);
    const recipients = (seq: number) => mails.filter((m) => m.text.includes(`Aufgabe:  ${s.events[seq - 1].task!.title}`)).map((m) => m.to).sort();
    expect(recipients(gap.seq)).toEqual(['a.gruber@ku-it.example']);
    expect(recipients(cutover.seq)).toEqual(['f.maier@ku-it.example']);
    expect(recipients(form.seq)).toEqual(['buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example']);
    expect(mails.find((m) => m.to === 'f.maier@ku-it.example')?.subject).toBe('Kaufering – Gemeinde-Onboarding: Neue Aufgabe „Umstellung“');
  });
});

describe('webhooks', () => {
  it('posts every matching event signed with the subscription secret, once', async () => {
    const sub = await store.webhooks.create({ id: 'wh-test-1', url: receiver.url, eventTypes: ['task.*', 'run.completed'], secret, createdBy: 'd.krueger' });
    const events = await stored('rollout-09181128-hook-1');
    const deliver = activity();
    await deliver(events);
    await deliver(events);
    const got = await receiver.waitFor(7);
    expect(got).toHaveLength(7);
    expect(got.map((h) => h.body.type)).toEqual([
      'task.opened', 'task.claimed', 'task.assigned', 'task.reminded', 'task.escalated', 'task.escalated', 'run.completed',
    ]);
    expect(got.every((h) => h.signatureValid)).toBe(true);
    const first = got[0];
    expect(first.headers['x-event-id']).toBe('rollout-09181128-hook-1:2');
    expect(first.headers['x-timestamp']).toEqual(expect.any(String));
    expect(first.body).toMatchObject({
      id: 'rollout-09181128-hook-1:2', type: 'task.opened', runId: 'rollout-09181128-hook-1', actor: 'system',
      data: { stepId: 'imaging' }, task: { id: 'rollout-09181128-hook-1:imaging' },
    });
    const log = await store.webhooks.attempts(sub.id, { limit: 50 });
    expect(log).toHaveLength(7);
    expect(log.every((a) => a.statusCode === 200 && a.attempt === 1)).toBe(true);
    await store.webhooks.delete(sub.id);
    receiver.received.length = 0;
  });

  it('retries a failing receiver, logs every attempt and keeps the order of events', async () => {
    const sub = await store.webhooks.create({ id: 'wh-test-2', url: receiver.url, eventTypes: ['run.*', 'step.done'], secret, createdBy: 'd.krueger' });
    const events = await stored('rollout-09181128-hook-2');
    const deliver = activity();
    receiver.respondWith.push(503);
    // the run does not wait for a receiver: its delivery ends, the receiver's jobs stay for the retry
    await deliver(events);
    expect(receiver.received).toHaveLength(0); // the later events waited for the first
    expect(await activities().retryWebhooks()).toEqual({ ended: 4, waiting: 0 });
    await deliver(events);
    expect(await activities().retryWebhooks()).toEqual({ ended: 0, waiting: 0 });
    expect(receiver.received.map((h) => h.body.id)).toEqual([1, 8, 9, 10].map((s) => `rollout-09181128-hook-2:${s}`));
    const log = await store.webhooks.attempts(sub.id, { limit: 50 });
    const firstEvent = log.filter((a) => a.eventId === 'rollout-09181128-hook-2:1').sort((a, b) => a.attempt - b.attempt);
    expect(firstEvent.map((a) => [a.attempt, a.statusCode, a.error ?? null])).toEqual([[1, 503, 'HTTP 503'], [2, 200, null]]);
    await store.webhooks.delete(sub.id);
    receiver.received.length = 0;
  });

  it('lets a receiver that is away hold back neither the mails nor another receiver; its events follow in order once it is back', async () => {
    const second = await webhookReceiver(() => secret);
    try {
      const away = await store.webhooks.create({ id: 'wh-test-6', url: second.url, eventTypes: ['task.*'], secret, createdBy: 'd.krueger' });
      const working = await store.webhooks.create({ id: 'wh-test-7', url: receiver.url, eventTypes: ['task.opened'], secret, createdBy: 'd.krueger' });
      const events = await stored('rollout-09181128-hook-6');
      second.respondWith.push(503, 503);
      await activity()(events.slice(0, 5));
      await activity()(events.slice(5));
      // the working receiver and the mails of both batches went out; the receiver away has its jobs pending
      expect(receiver.received.map((h) => h.body.type)).toEqual(['task.opened']);
      const mails = await store.notifications.list({ runId: 'rollout-09181128-hook-6', channel: 'mail' });
      expect(mails.length).toBeGreaterThan(0);
      expect(mails.every((m) => m.state === 'sent')).toBe(true);
      const waiting = (await store.notifications.list({ runId: 'rollout-09181128-hook-6', channel: 'webhook' })).filter((j) => j.recipient === away.id);
      expect(waiting.every((j) => j.state === 'pending')).toBe(true);
      // only the oldest was tried; the later ones, the second batch's too, wait behind it
      expect(waiting.filter((j) => j.attempts > 0).map((j) => j.seq)).toEqual([waiting[0].seq]);
      // the retry while it is away: one more attempt at the oldest, nothing else; once back, all of them in order
      expect(await activities().retryWebhooks()).toEqual({ ended: 0, waiting: waiting.length });
      expect(await activities().retryWebhooks()).toEqual({ ended: waiting.length, waiting: 0 });
      expect(second.received.map((h) => h.body.id)).toEqual(waiting.map((j) => `rollout-09181128-hook-6:${j.seq}`));
      const attempts = await store.webhooks.attempts(away.id, { limit: 50 });
      expect(attempts.filter((a) => a.error).map((a) => [a.eventId, a.attempt])).toEqual([
        [`rollout-09181128-hook-6:${waiting[0].seq}`, 2], [`rollout-09181128-hook-6:${waiting[0].seq}`, 1],
      ]);
      for (const id of [away.id, working.id]) await store.webhooks.delete(id);
      receiver.received.length = 0;
    } finally {
      await second.close();
    }
  });

  it('sends nothing to a target inside this server where loopback is not allowed: given up at once, the log says why', async () => {
    const sub = await store.webhooks.create({ id: 'wh-test-5', url: receiver.url, eventTypes: ['run.completed'], secret, createdBy: 'd.krueger' });
    const events = await stored('rollout-09181128-hook-5');
    await activity({ webhookAllowLoopback: false })(events);
    expect(receiver.received).toEqual([]);
    const [job] = await store.notifications.list({ runId: 'rollout-09181128-hook-5', channel: 'webhook' });
    expect(job).toMatchObject({ recipient: sub.id, state: 'given_up', attempts: 1 });
    const [attempt] = await store.webhooks.attempts(sub.id, { limit: 5 });
    expect(attempt.error).toBe('Ziel nicht erlaubt: 127.0.0.1 ist dieser Server selbst (Loopback)');
    await store.webhooks.delete(sub.id);
  });

  it('gives up after its retry window and drops deliveries of a deleted subscription', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}/nobody`; // a port nothing listens on
    const dead = await store.webhooks.create({ id: 'wh-test-3', url: nobody, eventTypes: ['run.completed'], secret, createdBy: 'd.krueger' });
    const events = await stored('rollout-09181128-hook-3');
    await activity()(events);
    expect(await activities({ webhookGiveUpAfterMs: 0 }).retryWebhooks()).toEqual({ ended: 1, waiting: 0 });
    const [job] = await store.notifications.list({ runId: 'rollout-09181128-hook-3', channel: 'webhook' });
    expect(job).toMatchObject({ recipient: dead.id, state: 'given_up', attempts: 2 });

    const gone = await store.webhooks.create({ id: 'wh-test-4', url: nobody, eventTypes: ['run.completed'], secret, createdBy: 'd.krueger' });
    await store.webhooks.delete(dead.id);
    const more = await stored('rollout-09181128-hook-4');
    await activity()(more);
    expect(await store.webhooks.delete(gone.id)).toBe(true);
    await activities().retryWebhooks(); // nothing pending any more
    const jobs = await store.notifications.list({ runId: 'rollout-09181128-hook-4', channel: 'webhook' });
    expect(jobs.map((j) => j.state)).toEqual(['cancelled']);
  });
});
