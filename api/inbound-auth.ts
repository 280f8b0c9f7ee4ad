// Who reports an inbound event: a system signing the raw body with its shared secret (X-Sender + X-Signature:
// sha256=<hex HMAC-SHA256>), or a person or service with a bearer token whose role may report events.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Authenticator } from './auth';
import { may } from './policy';
import { problem } from './problem';

/**
 * Embedded mode only, so the feature can be tried with curl (README): sender `softwareverteilung`, this secret.
 * INBOUND_SECRETS replaces it; production has no default at all.
 */
export const EMBEDDED_INBOUND_SECRETS: Readonly<Record<string, string>> = {
  softwareverteilung: 'demo-inbound-secret-softwareverteilung',
};

export function sign(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.trim().toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface InboundSender {
  /** recorded as the actor `extern:<sender>` in the run's audit trail */
  sender: string;
  via: 'signature' | 'token';
}

/** Checks the credentials before the body is even parsed: an unknown party learns nothing about its content. */
export async function authenticateSender(
  req: Request,
  raw: Buffer,
  secrets: Readonly<Record<string, string>>,
  authenticate: Authenticator,
): Promise<InboundSender> {
  const authorization = req.get('Authorization');
  if (authorization) {
    const match = /^Bearer ([^\s]+)$/i.exec(authorization);
    const principal = match ? await authenticate(match[1]) : undefined;
    if (!principal) throw problem.unauthorized('Das Token ist ungültig oder abgelaufen.');
    if (!may(principal, 'event.report')) throw problem.forbidden('Ihre Rolle darf keine Ereignisse melden.');
    return { sender: principal.id, via: 'token' };
  }
  const sender = req.get('X-Sender');
  const signature = req.get('X-Signature');
  if (!sender || !signature) {
    throw problem.unauthorized('Bitte die Anfrage mit X-Sender und X-Signature (sha256=…) signieren oder ein Bearer-Token senden.');
  }
  // an unknown sender and a wrong signature get the same answer: senders are not to be guessed
  const secret = Object.hasOwn(secrets, sender) ? secrets[sender] : undefined;
  if (!secret || !sameSignature(sign(secret, raw), signature)) throw problem.unauthorized('Die Signatur ist ungültig.');
  return { sender, via: 'signature' };
}
