// One HTTP delivery of a webhook: the JSON body signed with the subscription's secret (HMAC-SHA256 over the exact
// bytes sent), a short timeout, no redirects (a redirect could carry the signed body to a host nobody subscribed).
import { createHmac } from 'node:crypto';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** the exact body; signed as is */
  body: string;
  eventId: string;
  eventType: string;
}

export interface WebhookOutcome {
  ok: boolean;
  statusCode?: number;
  /** why it failed, without anything secret (no headers, no body) */
  error?: string;
  durationMs: number;
}

/** The failures a receiver's operator meets most, in German; the code stays beside it for the search. */
const FAILURE_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Verbindung abgelehnt',
  ECONNRESET: 'Verbindung abgebrochen',
  ENOTFOUND: 'Name nicht gefunden',
  EAI_AGAIN: 'Name vorübergehend nicht auflösbar',
  EHOSTUNREACH: 'Ziel nicht erreichbar',
  ENETUNREACH: 'Netz nicht erreichbar',
  ETIMEDOUT: 'Zeitüberschreitung beim Verbinden',
  UND_ERR_CONNECT_TIMEOUT: 'Zeitüberschreitung beim Verbinden',
  UND_ERR_SOCKET: 'Verbindung abgebrochen',
  CERT_HAS_EXPIRED: 'Zertifikat abgelaufen',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selbst signiertes Zertifikat',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'Zertifikat nicht prüfbar',
  ERR_TLS_CERT_ALTNAME_INVALID: 'Zertifikat passt nicht zum Namen',
  // fetch refuses the ports of other protocols (the Fetch standard's port blocking)
  'bad port': 'Port gesperrt (für andere Dienste reserviert)',
};

function failureText(why: string): string {
  const text = FAILURE_TEXT[why];
  return text ? `${text} (${why})` : why;
}

export function signature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function postWebhook(req: WebhookRequest, timeoutMs: number, fetchFn: typeof fetch = fetch): Promise<WebhookOutcome> {
  const started = Date.now();
  try {
    const res = await fetchFn(req.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'ku-onboarding-webhooks/1',
        'X-Event-Id': req.eventId,
        'X-Event-Type': req.eventType,
        'X-Timestamp': new Date().toISOString(),
        'X-Signature': signature(req.secret, req.body),
      },
      body: req.body,
    });
    // the answer is not needed; reading it frees the connection
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, durationMs: Date.now() - started, ...(ok ? {} : { error: `HTTP ${res.status}` }) };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `keine Antwort nach ${timeoutMs} ms` : failureText(String(e.cause?.code ?? e.cause?.message ?? e.message));
    return { ok: false, error: why.slice(0, 500), durationMs: Date.now() - started };
  }
}
