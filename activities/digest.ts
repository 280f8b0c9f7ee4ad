// The daily digest: the mails people chose to get once a day (activities/notifications.ts holds them) go out as one
// mail per person, started by the Temporal Schedule of worker/digest-schedule.ts at 08:00 Europe/Berlin.
// Idempotent like every mail: a digest is keyed by (recipient, day), its items are marked sent only after the mail
// left, and a retry of the same day finds exactly the items of its first attempt that are still unsent.
import { berlinDay, MAIL_KIND_LABELS, MAIL_KINDS } from '../domain/mail-preferences';
import type { DigestItem } from '../store/mail-preferences';
import type { Store } from '../store/store';
import { germanDate } from './mail-texts';
import type { MailTransport } from './mail-transport';

export interface DigestDeps {
  store: Pick<Store, 'mailPreferences'>;
  mail: MailTransport;
  log?: (message: string, context: Record<string, unknown>) => void;
}

const FOOTER = '\n\n-- \nDiese Übersicht wurde vom Onboarding-System des Kommunalunternehmens automatisch versandt.'
  + '\nWelche Nachrichten Sie sofort, gesammelt oder gar nicht erhalten, legen Sie unter „Benachrichtigungen“ fest.';

/** One person's digest: the held mails by kind, each with its subject (Gemeinde and process) and link. */
export function digestMail(day: string, items: DigestItem[]): { subject: string; text: string } {
  const sections = MAIL_KINDS.flatMap((kind) => {
    const of = items.filter((i) => i.kind === kind);
    if (of.length === 0) return [];
    return [`${MAIL_KIND_LABELS[kind]} (${of.length}):`, ...of.flatMap((i) => [`  • ${i.subject}`, ...(i.link ? [`    ${i.link}`] : [])]), ''];
  });
  const date = germanDate(`${day}T12:00:00Z`) ?? day;
  const subject = `Tägliche Übersicht vom ${date}: ${items.length} ${items.length === 1 ? 'Benachrichtigung' : 'Benachrichtigungen'}`;
  return { subject, text: `Guten Tag,\n\nseit der letzten Übersicht ist für Sie Folgendes angefallen:\n\n${sections.join('\n').trimEnd()}${FOOTER}` };
}

export function createDigestActivities(deps: DigestDeps) {
  const log = deps.log ?? (() => undefined);
  return {
    /** Sends the digest of the Bavarian day of `at` (the schedule's start time) to everyone with held mail. */
    async sendMailDigests(at: string): Promise<{ day: string; digests: number; items: number }> {
      const day = berlinDay(new Date(at));
      const items = await deps.store.mailPreferences.digestOf(day);
      const byRecipient = new Map<string, DigestItem[]>();
      for (const i of items) byRecipient.set(i.recipient, [...(byRecipient.get(i.recipient) ?? []), i]);
      // a task someone finished since the mail was held is nobody's business any more: it is left out, and a
      // person whose items are all such gets no digest (their items are settled as sent)
      for (const [recipient, own] of byRecipient) {
        const live = own.filter((i) => !i.taskFinished);
        if (live.length > 0) {
          byRecipient.set(recipient, live);
        } else {
          await deps.store.mailPreferences.markDigestSent(recipient, day);
          byRecipient.delete(recipient);
        }
      }
      let failed: Error | undefined;
      let sent = 0;
      for (const [recipient, own] of byRecipient) {
        const { subject, text } = digestMail(day, own);
        try {
          await deps.mail.send({ key: `digest:${recipient}:${day}`, to: recipient, toName: own[0].recipientName, subject, text, eventType: 'digest' });
          await deps.store.mailPreferences.markDigestSent(recipient, day);
          sent++;
        } catch (err) {
          // the others still get theirs; the retry of this activity sends what is left of this day
          failed ??= err as Error;
        }
      }
      if (failed) {
        log('digest not delivered yet', { day, open: byRecipient.size - sent, error: failed.message.slice(0, 200) });
        throw new Error(`${byRecipient.size - sent} Tagesübersicht(en) noch nicht zugestellt (${failed.message.slice(0, 200)})`);
      }
      return { day, digests: sent, items: items.length };
    },
  };
}

export type DigestActivities = ReturnType<typeof createDigestActivities>;
