// How a mail leaves: SMTP through nodemailer in production, or captured into the database in the embedded default
// (listed at GET /api/v1/dev/mail). Both are idempotent per delivery key as far as they can be: capturing is keyed,
// and SMTP mails carry a Message-ID derived from the key, so a receiver can drop the rare duplicate that a crash
// between "sent" and "marked sent" can cause.
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { NotificationStore } from '../store/store';

export interface OutgoingMail {
  /** `<runId>:<seq>:<address>`: one mail per event and recipient */
  key: string;
  to: string;
  toName?: string;
  subject: string;
  text: string;
  runId?: string;
  eventType?: string;
  /** documents of the run sent along (the released offer's PDF) */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  /** the stored document (store/documents.ts) the attachment is */
  documentId: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'capture';
  /** resolves once the mail is accepted (by the SMTP server, or stored); throws otherwise */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; nodemailer's URL options (e.g. `?requireTLS=true`) apply */
  url: string;
  /** sender, e.g. `"KU Onboarding" <onboarding@ku-it.example>` */
  from: string;
  /** per connection phase; an unreachable server must fail the attempt well inside the activity timeout */
  timeoutMs?: number;
}

function messageId(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'ku-onboarding.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

export function smtpTransport(opts: SmtpOptions): MailTransport {
  const timeout = opts.timeoutMs ?? 15_000;
  const transporter = createTransport({
    url: opts.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from: opts.from,
        to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
        messageId: messageId(mail.key, opts.from),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}

export function captureTransport(store: NotificationStore): MailTransport {
  return {
    kind: 'capture',
    send: (mail) => store.capture(mail),
    close: () => undefined,
  };
}

/**
 * One mail to each address among `to` (once, however often it is listed: a person may be lead and Gemeinde contact,
 * or reachable under two ids), keyed `<key>:<address>` so a retried activity sends nothing twice. The count sent.
 */
export async function sendToEach(
  transport: MailTransport,
  to: readonly { email: string; name?: string }[],
  key: string,
  mail: Omit<OutgoingMail, 'key' | 'to' | 'toName'>,
): Promise<number> {
  const seen = new Set<string>();
  for (const r of to) {
    const address = r.email.toLowerCase();
    if (seen.has(address)) continue;
    seen.add(address);
    await transport.send({ key: `${key}:${address}`, to: r.email, toName: r.name, ...mail });
  }
  return seen.size;
}
