// Real SMTP on loopback: nodemailer delivers to an SMTP server; while the server is down the activity throws (so
// Temporal retries) and nothing is lost; once it is back, every mail arrives exactly once.
import { createDirectory } from '../../activities/directory';
import { smtpTransport } from '../../activities/mail-transport';
import { createNotificationActivities } from '../../activities/notifications';
import { DEMO_USERS } from '../../config/users';
import { freePort } from '../../scripts/free-port';
import { lifecycle } from '../notifications/events';
import { openTempStore, PUBLIC_URL, smtpReceiver } from '../notifications/helpers';

it('delivers through SMTP, survives an outage and never sends a mail twice', async () => {
  const { store, close } = await openTempStore();
  const smtp = await smtpReceiver(await freePort());
  const transport = smtpTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from: '"KU Onboarding" <onboarding@ku-it.example>', timeoutMs: 2000 });
  const { deliverNotifications } = createNotificationActivities({
    store, directory: createDirectory({ users: DEMO_USERS }), mail: transport, publicUrl: PUBLIC_URL,
  });
  try {
    const { events } = lifecycle('rollout-09181128-smtp-1');
    await store.appendEvents(events);

    // the server is down: the attempt fails and says why, without losing anything
    await expect(deliverNotifications(events.slice(0, 4))).rejects.toThrow(/noch nicht zugestellt \(mail: /);
    expect((await store.notifications.list({ runId: 'rollout-09181128-smtp-1' })).every((j) => j.state === 'pending')).toBe(true);

    await smtp.start();
    await deliverNotifications(events.slice(0, 4)); // Temporal's retry of the failed attempt
    await deliverNotifications(events.slice(0, 4)); // and a duplicate retry: nothing new
    await deliverNotifications(events.slice(4));
    // milestone and completion wait for the daily digest (news of a run, activities/digest.ts)
    expect(smtp.mails).toHaveLength(7);
    const toKoch = smtp.mails.filter((m) => m.to.includes('m.koch@ku-it.example'));
    expect(toKoch).toHaveLength(1);
    expect(toKoch[0].from).toBe('onboarding@ku-it.example');
    const raw = toKoch[0].raw.replace(/=\r?\n/g, '');
    expect(subjectOf(toKoch[0].raw)).toBe('Kaufering – Arbeitsplatz-Rollout Charge 1 (25 Geräte): Neue Aufgabe „Betankung (Windows 11, BitLocker, Treiber)“');
    expect(raw).toContain('/aufgaben/rollout-09181128-smtp-1%3Aimaging');
    // headers from the raw message: undoing the body's soft line breaks would join an encoded subject to the next line
    expect(toKoch[0].raw).toMatch(/^Message-ID: <[0-9a-f]{40}@ku-it\.example>/mi);
    expect(new Set(smtp.mails.map((m) => /^Message-ID: (.*)$/mi.exec(m.raw)?.[1])).size).toBe(7);
  } finally {
    transport.close();
    await smtp.stop();
    await close();
  }
});

/** The Subject header as the reader sees it: unfolded, its RFC 2047 Q-encoded words (as nodemailer writes them) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  const words = [...header.matchAll(/=\?UTF-8\?Q\?([^?]*)\?=/gi)].map((m) => m[1]);
  if (words.length === 0) return header;
  const bytes = words.join('').replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
